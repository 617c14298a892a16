/**
 * The bare-parser peer of `npm run bench`: reads every markdown file under a folder (following
 * symbolic links, skipping node_modules and .git) and parses it with unified + remark-parse —
 * the repository's own copies — and nothing else. Prints the files and bytes it parsed.
 *
 *   node bench/remark-pass.mjs <folder>
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';

const root = path.resolve(process.argv[2] ?? '.');
const processor = unified().use(remarkParse);
let files = 0;
let bytes = 0;
let nodes = 0;

function walk(dir) {
  for (const ent of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (ent.name === 'node_modules' || ent.name === '.git') continue;
    const abs = path.join(dir, ent.name);
    const isDir = ent.isDirectory() || (ent.isSymbolicLink() && fs.statSync(abs).isDirectory());
    if (isDir) walk(abs);
    else if (/\.(?:md|markdown)$/i.test(ent.name)) {
      const text = fs.readFileSync(abs, 'utf8');
      const tree = processor.parse(text);
      files++;
      bytes += Buffer.byteLength(text);
      nodes += tree.children.length;
    }
  }
}

walk(root);
process.stdout.write(`remark-parse: ${files} files, ${bytes} bytes, ${nodes} top-level nodes\n`);
