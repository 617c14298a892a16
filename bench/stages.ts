/**
 * Where a document's time goes: `charter check`'s work on a folder, stage by stage, on one
 * thread (the sources, through tsx). Each file is read, decoded, classified, split into
 * lines, scanned, analyzed, checked and made compact as the checker does it, with a clock
 * around each stage; then the index is built and every document checked against the
 * workspace. GC pauses are summed from the engine's own records. Medians of several passes.
 *
 *   npx tsx bench/stages.ts <folder> [--runs N]
 *
 * The scan's own split (blocks, inline content, front matter) comes from a CPU profile:
 * `node --cpu-prof dist/cli.js check` (bench/README.md says how it was read).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { loadConfig, walk } from '../server/src/node/fsWorkspace';
import { containmentOf, readBounded, readText } from '../server/src/node/files';
import { Classifier } from '../server/src/core/classify';
import { decode, LineIndex, MAX_FILE_BYTES } from '../server/src/core/text';
import { scanMarkdown } from '../server/src/core/scan';
import { findFrontMatter, parseFrontMatter } from '../server/src/core/frontMatter';
import { analyzeDocument, type AnalyzedDocument } from '../server/src/core/document';
import { checkLocal } from '../server/src/core/analyze';
import { compact, restore, store } from '../server/src/core/compact';
import { WorkspaceIndex } from '../server/src/core/workspaceIndex';
import type { FileOutcome } from '../server/src/core/reading';
import type { IndexView } from '../server/src/core/workspace';
import { titledAsTemplate } from '../server/src/core/workspace';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { runs: { type: 'string' } },
});
const root = path.resolve(positionals[0] ?? '.');
const runs = Number(values.runs ?? 5);

const STAGES = [
  'read',
  'decode',
  'classify',
  'lines',
  'scan',
  'of which front matter',
  'analyze',
  'document rules',
  'compact',
  'transfer copy (threads only)',
  'index + workspace rules',
] as const;
type Stage = (typeof STAGES)[number];

let gcMs = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) gcMs += e.duration;
}).observe({ entryTypes: ['gc'] });

interface Pass {
  times: Record<Stage, number>;
  gc: number;
  files: number;
  docs: number;
  bytes: number;
}

/** One pass, then a turn of the event loop so that the GC records of the pass arrive. */
async function timedPass(): Promise<Pass> {
  const gc0 = gcMs;
  const r = pass();
  await new Promise((res) => setTimeout(res, 50));
  return { ...r, gc: gcMs - gc0 };
}

function pass(): Pass {
  const times = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>;
  const loaded = loadConfig(root);
  if (!loaded.config) throw new Error(`no usable configuration in ${root}`);
  const config = loaded.config;
  const { files } = walk(root);
  const classifier = new Classifier(config);
  const index: WorkspaceIndex = new WorkspaceIndex(config, {
    read: (rel) => readText(root, rel, index.classifier),
    isOpen: () => false,
  });
  const markdown = files.filter((f) => index.isMarkdown(f));
  const containment = containmentOf(root);
  const configOnly: IndexView = {
    config,
    classifier,
    documents: new Map(),
    paths: new Set(),
  };
  const outcomes: FileOutcome[] = [];
  let bytes = 0;
  let t = performance.now();
  const lap = (s: Stage) => {
    const now = performance.now();
    times[s] += now - t;
    t = now;
  };
  for (const rel of markdown) {
    t = performance.now();
    const r = readBounded(path.join(root, ...rel.split('/')), MAX_FILE_BYTES, containment);
    lap('read');
    if ('error' in r) continue;
    bytes += r.bytes.length;
    const d = decode(r.bytes);
    lap('decode');
    if (!d.ok) continue;
    const text = d.text;
    const byPath = config.charter === rel ? config.kinds.find((k) => k.holdsRoster) : classifier.kindByPath(rel);
    lap('classify');
    if (!byPath && !/^---[ \t]*(\r?\n|\r)/.test(text)) continue;
    const lines = new LineIndex(text);
    lap('lines');
    const span = findFrontMatter(lines);
    if (span) parseFrontMatter(lines, span);
    lap('of which front matter');
    const model = scanMarkdown(text, lines);
    lap('scan');
    const kind = classifier.kindByType(model.frontMatter?.data.type) ?? byPath;
    if (!kind || (kind === byPath && !classifier.kindByType(model.frontMatter?.data.type) && titledAsTemplate(model))) continue;
    const doc: AnalyzedDocument = analyzeDocument(rel, text, kind, config, model, lines);
    lap('analyze');
    const local = checkLocal(doc, configOnly);
    lap('document rules');
    const small = compact(doc, false);
    lap('compact');
    // What a reading thread does before posting it, the copy the message makes, and the main thread's restore.
    restore(structuredClone(store(small)), config);
    lap('transfer copy (threads only)');
    const back = small;
    outcomes.push({ path: rel, doc: back, local });
  }
  t = performance.now();
  index.load(files, outcomes);
  for (const p of index.documents.keys()) index.check(p);
  for (const p of index.templates.keys()) index.check(p);
  lap('index + workspace rules');
  // The front matter was timed on its own once more: the scan's figure includes it.
  times.scan += times['of which front matter'];
  return { times, gc: 0, files: markdown.length, docs: outcomes.length, bytes };
}

const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

async function main(): Promise<void> {
  const results: Pass[] = [];
  for (let i = 0; i <= runs; i++) results.push(await timedPass());
  const first = results.shift()!; // the first pass warms the engine
  const total = med(results.map((r) => STAGES.filter((s) => s !== 'of which front matter').reduce((n, s) => n + r.times[s], 0)));
  const r0 = results[0];
  process.stdout.write(
    `${root}: ${r0.files} markdown files, ${r0.docs} documents, ${(r0.bytes / 1024 / 1024).toFixed(1)} MB; medians of ${runs} passes on one thread (after one warm-up pass)\n\n`,
  );
  process.stdout.write('| stage | ms | share | µs per document |\n|---|---:|---:|---:|\n');
  for (const s of STAGES) {
    const ms = med(results.map((r) => r.times[s]));
    process.stdout.write(`| ${s} | ${ms.toFixed(0)} | ${((100 * ms) / total).toFixed(1)}% | ${((1000 * ms) / r0.docs).toFixed(0)} |\n`);
  }
  process.stdout.write(`| **total** | **${total.toFixed(0)}** | | ${((1000 * total) / r0.docs).toFixed(0)} |\n`);
  process.stdout.write(`| GC pauses within (engine records) | ${med(results.map((r) => r.gc)).toFixed(0)} | ${((100 * med(results.map((r) => r.gc))) / total).toFixed(1)}% | |\n`);
  const firstTotal = STAGES.filter((s) => s !== 'of which front matter').reduce((n, s) => n + first.times[s], 0);
  process.stdout.write(
    `\nThe first pass (a cold engine, as in one \`charter check\`): ${firstTotal.toFixed(0)} ms, scan ${first.times.scan.toFixed(0)} ms, analyze ${first.times.analyze.toFixed(0)} ms, GC ${first.gc.toFixed(0)} ms.\n`,
  );
  void fs;
}

void main();
