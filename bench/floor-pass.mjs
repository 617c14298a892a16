/**
 * The floor of `npm run bench`: the least any checker of these files must do. Reads every
 * markdown file under a folder (the same walk as bench/remark-pass.mjs: following symbolic
 * links, skipping node_modules and .git), decodes it as UTF-8 and splits it into lines —
 * nothing else. Charter's time is printed as a multiple of this one's, measured in the same run.
 *
 *   node bench/floor-pass.mjs <folder>
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(process.argv[2] ?? '.');
let files = 0;
let bytes = 0;
let lines = 0;

function walk(dir) {
  for (const ent of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (ent.name === 'node_modules' || ent.name === '.git') continue;
    const abs = path.join(dir, ent.name);
    const isDir = ent.isDirectory() || (ent.isSymbolicLink() && fs.statSync(abs).isDirectory());
    if (isDir) walk(abs);
    else if (/\.(?:md|markdown)$/i.test(ent.name)) {
      const buf = fs.readFileSync(abs);
      const text = buf.toString('utf8');
      files++;
      bytes += buf.length;
      lines += text.split(/\r\n|\r|\n/).length;
    }
  }
}

walk(root);
process.stdout.write(`floor: ${files} files, ${bytes} bytes, ${lines} lines\n`);
