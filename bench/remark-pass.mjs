/**
 * The bare-parser peer of `npm run bench`: reads every markdown file under a folder (the walk of
 * bench/walk.mjs) and parses it with unified + remark-parse — the repository's own copies — and
 * nothing else. Prints the files and bytes it parsed.
 *
 *   node bench/remark-pass.mjs <folder>
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import { markdownFiles } from './walk.mjs';

const processor = unified().use(remarkParse);
let files = 0;
let bytes = 0;
let nodes = 0;
for (const abs of markdownFiles(path.resolve(process.argv[2] ?? '.'))) {
  const text = fs.readFileSync(abs, 'utf8');
  const tree = processor.parse(text);
  files++;
  bytes += Buffer.byteLength(text);
  nodes += tree.children.length;
}
process.stdout.write(`remark-parse: ${files} files, ${bytes} bytes, ${nodes} top-level nodes\n`);
