/**
 * The floor of `npm run bench`: the least any checker of these files must do. Reads every
 * markdown file under a folder (the walk of bench/walk.mjs, as the remark pass), decodes it as
 * UTF-8 and splits it into lines — nothing else. Charter's time is printed as a multiple of this
 * one's, measured in the same run.
 *
 *   node bench/floor-pass.mjs <folder>
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { markdownFiles } from './walk.mjs';

let files = 0;
let bytes = 0;
let lines = 0;
for (const abs of markdownFiles(path.resolve(process.argv[2] ?? '.'))) {
  const buf = fs.readFileSync(abs);
  const text = buf.toString('utf8');
  files++;
  bytes += buf.length;
  lines += text.split(/\r\n|\r|\n/).length;
}
process.stdout.write(`floor: ${files} files, ${bytes} bytes, ${lines} lines\n`);
