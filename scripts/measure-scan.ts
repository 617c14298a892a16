/**
 * Times parseMarkdown (remark-parse) against scanMarkdown on the rust-rfcs corpus, files read
 * into memory first, and on its largest document alone. Prints medians, and how often the
 * scanner fell back to remark (whole documents) or parsed a piece with it.
 *
 *   npx tsx scripts/measure-scan.ts [corpus-folder]
 *
 * Environment: RUNS (corpus runs, 5), DOC_RUNS (largest-document runs, 30), SKIP_PARSE=1 to
 * time only the scanner (remark takes minutes on a slow machine).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { parseMarkdown } from '../server/src/core/markdown';
import { scanMarkdown, scanStats } from '../server/src/core/scan';
import { LineIndex } from '../server/src/core/text';

const { positionals } = parseArgs({ args: process.argv.slice(2), allowPositionals: true, options: {} });
if (positionals.length > 1) {
  console.error('usage: npx tsx scripts/measure-scan.ts [corpus-folder]');
  process.exit(2);
}
const root = path.resolve(positionals[0] ?? path.join(__dirname, '../../shared/corpora/rust-rfcs'));
const files = fs
  .readdirSync(root)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .map((f) => ({ name: f, text: fs.readFileSync(path.join(root, f), 'utf8') }));
const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function time(runs: number, fn: () => void): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(times);
}

const all = (f: typeof parseMarkdown) => () => {
  for (const file of files) f(file.text, new LineIndex(file.text));
};

// Warm both up (JIT, remark's lazy set-up) before timing.
if (!process.env.SKIP_PARSE) all(parseMarkdown)();
all(scanMarkdown)();
scanStats.reset();
all(scanMarkdown)();
const fallbackDocs = [...scanStats.fallbacks.values()].reduce((a, b) => a + b, 0);
const stats = { fallbacks: Object.fromEntries(scanStats.fallbacks), fallbackDocs, pieces: scanStats.pieces, pieceBytes: scanStats.pieceBytes, remarkCalls: scanStats.remarkCalls };
let fallbackBytes = 0;
for (const file of files) {
  scanStats.reset();
  scanMarkdown(file.text);
  if (scanStats.fallbacks.size) fallbackBytes += Buffer.byteLength(file.text);
}

const runs = Number(process.env.RUNS ?? 5);
const skipParse = Boolean(process.env.SKIP_PARSE);
const parseMs = skipParse ? NaN : time(runs, all(parseMarkdown));
const scanMs = time(runs, all(scanMarkdown));
console.log(`corpus: ${files.length} files, ${(bytes / 1e6).toFixed(1)} MB (${root})`);
if (!skipParse) console.log(`  parseMarkdown  median ${parseMs.toFixed(0)} ms over ${runs} runs`);
console.log(`  scanMarkdown   median ${scanMs.toFixed(0)} ms over ${runs} runs${skipParse ? '' : `  (${(parseMs / scanMs).toFixed(1)}x)`}`);
console.log(`  fallbacks: ${fallbackDocs} documents, ${(fallbackBytes / 1e6).toFixed(2)} MB, by reason ${JSON.stringify(stats.fallbacks)}`);
console.log(`  remark pieces: ${stats.pieces} (${(stats.pieceBytes / 1e3).toFixed(0)} KB of text, definitions included) in ${stats.remarkCalls} remark calls`);

const largest = files.reduce((a, b) => (Buffer.byteLength(b.text) > Buffer.byteLength(a.text) ? b : a));
const one = (f: typeof parseMarkdown) => () => f(largest.text, new LineIndex(largest.text));
const n = Number(process.env.DOC_RUNS ?? 30);
scanStats.reset();
scanMarkdown(largest.text);
const how = scanStats.fallbacks.size ? `falls back: ${[...scanStats.fallbacks.keys()].join(', ')}` : `native, ${scanStats.pieces} remark pieces in ${scanStats.remarkCalls} calls`;
const p1 = skipParse ? NaN : time(n, one(parseMarkdown));
const s1 = time(n, one(scanMarkdown));
console.log(`largest: ${largest.name}, ${(Buffer.byteLength(largest.text) / 1024).toFixed(0)} KB (${how})`);
if (!skipParse) console.log(`  parseMarkdown  median ${p1.toFixed(1)} ms over ${n} runs`);
console.log(`  scanMarkdown   median ${s1.toFixed(1)} ms over ${n} runs${skipParse ? '' : `  (${(p1 / s1).toFixed(1)}x)`}`);
