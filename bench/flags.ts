/**
 * The server's memory and edit latency under different node flags, interleaved in one run:
 * how `SERVER_NODE_ARGS` (server/src/lsp/protocol.ts) was chosen. Not part of `npm test`.
 *
 *   npx tsx bench/flags.ts [--count 5000] [--edits 1000] [--rounds 2] [--set "FLAGS"]...
 *
 * For each round and each flag set: a server on a generated workspace (bench/generate.ts,
 * seed 1), the largest Rust RFC opened as a PRD (or the largest generated PRD when the corpus
 * is missing), then one-letter edits (add, remove) at the end of the prose line scenario 4 types into, each
 * waiting for its diagnostics. Prints peak RSS after indexing and after the edits, RSS at the
 * end, edit p50/p95 and the CPU of the edits. Without --set: no flags, `--single-threaded-gc`,
 * and SERVER_NODE_ARGS. Build first (`npm run build`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { generateWorkspace } from './generate';
import { BenchClient, procStatus } from './lsp';
import { pct, proseLine, typingEdit } from './edits';
import { SERVER_NODE_ARGS } from '../server/src/lsp/protocol';

const { values } = parseArgs({
  options: {
    count: { type: 'string', default: '5000' },
    edits: { type: 'string', default: '1000' },
    rounds: { type: 'string', default: '2' },
    set: { type: 'string', multiple: true },
  },
});
const count = Number(values.count);
const edits = Number(values.edits);
const rounds = Number(values.rounds);
const sets = (values.set ?? ['', '--single-threaded-gc', SERVER_NODE_ARGS.join(' ')]).map((s) => s.split(/\s+/).filter(Boolean));
const RFC = path.resolve(__dirname, '../../shared/corpora/rust-rfcs/3935-Project-Goals-2026.md');

const mb = (b: number) => `${(b / 1048576).toFixed(0)} MB`;

async function measure(ws: string, rel: string, flags: string[]): Promise<string> {
  const client = new BenchClient(ws, flags);
  try {
    await client.initialize([ws], {});
    await client.waitFor(() => client.indexedLogAt !== undefined && client.statusReadyAt !== undefined, 15 * 60_000, 'the index to be ready');
    const text = fs.readFileSync(path.join(ws, rel), 'utf8');
    const lines = text.split('\n');
    const line = proseLine(lines);
    const end = lines[line].length;
    await client.open(rel, text);
    await new Promise((r) => setTimeout(r, 1000));
    const before = procStatus(client.pid);
    let highest = 0;
    const latencies: number[] = [];
    for (let i = 0; i < edits; i++) {
      const ms = await client.changeAndWait(rel, [typingEdit(line, end, i)], 5000);
      if (ms !== undefined) latencies.push(ms);
      if (i % 20 === 0) highest = Math.max(highest, procStatus(client.pid).rss);
    }
    const after = procStatus(client.pid);
    return `| ${flags.join(' ') || 'none'} | ${mb(before.hwm)} | ${mb(Math.max(after.hwm, highest))} | ${mb(after.rss)} | ${pct(latencies, 50).toFixed(1)} / ${pct(latencies, 95).toFixed(1)} ms | ${((after.cpuMs - before.cpuMs) / 1000).toFixed(2)} s |`;
  } finally {
    await client.stop();
  }
}

async function main(): Promise<void> {
  const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-flags-'));
  try {
    generateWorkspace(ws, { count, seed: 1 });
    let rel = 'docs/prd/large-rfc.md';
    if (fs.existsSync(RFC)) fs.copyFileSync(RFC, path.join(ws, rel));
    else {
      const prds = fs.readdirSync(path.join(ws, 'docs/prd'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.md'));
      const largest = prds.map((e) => path.join(e.parentPath, e.name)).sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
      rel = path.relative(ws, largest).split(path.sep).join('/');
      process.stderr.write(`the Rust RFCs are missing: editing the largest generated PRD, ${rel}\n`);
    }
    process.stdout.write(`${count} documents, ${edits} edits of ${rel} (${(fs.statSync(path.join(ws, rel)).size / 1024).toFixed(0)} KB), load ${os.loadavg()[0].toFixed(2)}\n\n`);
    process.stdout.write(
      '| node flags | peak RSS after indexing | peak RSS after the edits | RSS at the end | edit p50 / p95 | CPU of the edits |\n|---|---:|---:|---:|---:|---:|\n',
    );
    for (let r = 0; r < rounds; r++) for (const flags of sets) process.stdout.write(`${await measure(ws, rel, flags)}\n`);
    process.stdout.write(`\nload ${os.loadavg()[0].toFixed(2)}\n`);
  } finally {
    fs.rmSync(ws, { recursive: true, force: true });
  }
}

void main();
