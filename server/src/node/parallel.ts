/**
 * Reading many files on every core: worker threads read, decode and analyze a share of the
 * markdown files each, check each document's own findings, and send back the compact
 * documents (plain data) for the main thread to index. Used by the checker and by the
 * server's first index; below a few hundred files, or where the worker bundle is not
 * there (tests running the sources), the same work runs on the main thread.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { Classifier } from '../core/classify';
import type { Config } from '../core/config';
import { compact, restore, store, type StoredDocument } from '../core/compact';
import { containmentOf, readText } from './files';
import { readFile, type FileOutcome } from '../core/reading';

/** What a reading thread sends back for a file: the outcome with its document as plain data. */
type WireOutcome = FileOutcome<StoredDocument>;

/** Below this many files one thread is faster than starting workers (measured: 639 RFCs are slower on two). */
const PARALLEL_FROM = 2000;

/** Reads one markdown file under a root: the work each thread does per file (core/reading.ts once read). */
export function readOne(root: string, rel: string, classifier: Classifier): FileOutcome {
  const r = readText(root, rel, classifier);
  if (r.text === undefined) return { path: rel, stamp: r.stamp, note: r.note ?? (r.stamp ? undefined : 'skipped: deleted while being read') };
  return { path: rel, stamp: r.stamp, ...readFile(rel, r.text, classifier, r.lossy) };
}

/**
 * Reads the files (root-relative paths) and returns what each gave, in order. `onProgress`
 * is called now and then with the number done. `longLived` (the server) copies the strings
 * it keeps, so that no file's text stays in memory through them.
 */
export async function readAll(root: string, config: Config, files: string[], onProgress?: (done: number) => void, longLived = false): Promise<FileOutcome[]> {
  const workerFile = path.join(__dirname, 'worker.js');
  // What is known of the root's folders is from before: a folder may have become a link.
  containmentOf(root).forget();
  const threads = Number(process.env.CHARTER_THREADS) || Math.min(os.availableParallelism?.() ?? os.cpus().length, 4);
  if (files.length < PARALLEL_FROM || threads < 2 || !fs.existsSync(workerFile)) {
    const classifier = new Classifier(config);
    const out: FileOutcome[] = [];
    files.forEach((rel, i) => {
      const r = readOne(root, rel, classifier);
      out.push({ ...r, doc: r.doc && compact(r.doc, longLived) });
      if (onProgress && i % 200 === 199) onProgress(i + 1);
    });
    return out;
  }
  // Interleaved shares, so that big and small files are spread evenly.
  const shares = Array.from({ length: threads }, (_, t) => files.filter((_f, i) => i % threads === t));
  let done = 0;
  // Each batch is restored as it arrives, while the threads read on: the copies a message
  // made are garbage at once, rather than all of them held until the last thread ends.
  const byPath = new Map<string, FileOutcome>();
  await Promise.all(
    shares.map(
      (share) =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(workerFile, { workerData: { root, config, files: share }, resourceLimits: READER_LIMITS });
          worker.on('message', (batch: WireOutcome[]) => {
            for (const o of batch) byPath.set(o.path, { ...o, doc: o.doc && restore(o.doc, config) });
            done += batch.length;
            onProgress?.(done);
          });
          worker.on('error', reject);
          worker.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`a reading thread stopped (exit code ${code})`))));
        }),
    ),
  );
  return files.map((rel) => byPath.get(rel) ?? { path: rel, note: 'skipped: not read' });
}

/**
 * A reading thread's young generation: it reads one file at a time, and what survives a
 * file is a small compact document, so a small nursery costs few extra collections; the
 * engine's default lets each thread grow tens of megabytes of it (the server's peak memory
 * while indexing was mostly its threads').
 */
const READER_LIMITS = { maxYoungGenerationSizeMb: 6 };

/** The worker's side: read its share and send the outcomes back in batches. */
export function workerMain(): void {
  if (isMainThread || !parentPort) return;
  const { root, config, files } = workerData as { root: string; config: Config; files: string[] };
  const classifier = new Classifier(config);
  let batch: WireOutcome[] = [];
  for (const rel of files) {
    const r = readOne(root, rel, classifier);
    batch.push({ ...r, doc: r.doc && store(compact(r.doc, false)) });
    if (batch.length === 100) {
      parentPort.postMessage(batch);
      batch = [];
    }
  }
  if (batch.length) parentPort.postMessage(batch);
}
