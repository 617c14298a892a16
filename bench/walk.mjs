/**
 * The walk the bench's bare passes share (bench/floor-pass.mjs, bench/remark-pass.mjs): every
 * markdown file under a folder, in name order, following symbolic links to folders and
 * skipping node_modules and .git. Yields absolute paths.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export function* markdownFiles(dir) {
  for (const ent of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (ent.name === 'node_modules' || ent.name === '.git') continue;
    const abs = path.join(dir, ent.name);
    const isDir = ent.isDirectory() || (ent.isSymbolicLink() && fs.statSync(abs).isDirectory());
    if (isDir) yield* markdownFiles(abs);
    else if (/\.(?:md|markdown)$/i.test(ent.name)) yield abs;
  }
}
