/**
 * What `charter/ownership` costs on a generated workspace: the answer's size, the time from
 * request to answer, and the server's CPU per answer (from /proc, so less swayed by other
 * work on the machine than wall times), after the workspace is indexed. The sidebar asks
 * for the model again after every change to ownership, so this is the price of a refresh.
 *
 *   npx tsx bench/ownership.ts [--count N] [--seed S] [--dir D] [--runs N] [--server dist/server.js]
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { generateWorkspace } from './generate';
import { BenchClient, SERVER, procStatus } from './lsp';

const { values } = parseArgs({ options: { count: { type: 'string' }, seed: { type: 'string' }, dir: { type: 'string' }, runs: { type: 'string' }, server: { type: 'string' } } });
const count = Number(values.count ?? 10_000);
const runs = Number(values.runs ?? 7);
const server = path.resolve(values.server ?? SERVER);
const ws = values.dir ?? path.join(os.tmpdir(), `charter-ownership-${count}`);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(0)} ms`;
const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

async function main(): Promise<void> {
  if (!fs.existsSync(ws)) generateWorkspace(ws, { count, seed: Number(values.seed ?? 1) });
  const storage = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-ownership-storage-'));
  const client = new BenchClient(ws, [], server);
  try {
    await client.initialize([ws], { storagePath: storage });
    await client.waitFor(() => client.statusReadyAt !== undefined, 15 * 60_000, 'the index');
    const l0 = load();
    const wall: number[] = [];
    const cpu: number[] = [];
    let bytes = 0;
    for (let i = 0; i < runs; i++) {
      const c0 = procStatus(client.pid).cpuMs;
      const t0 = performance.now();
      const answer = await client.ownership();
      wall.push(performance.now() - t0);
      cpu.push(procStatus(client.pid).cpuMs - c0);
      bytes = Buffer.byteLength(JSON.stringify(answer));
    }
    console.log(
      `${server}\n  ${ws}: answer ${(bytes / 1024 / 1024).toFixed(1)} MB; request → answer min ${ms(Math.min(...wall))}, median ${ms(median(wall))}; server CPU per answer median ${ms(median(cpu))} (${runs} requests; load ${l0} / ${load()})`,
    );
  } finally {
    await client.stop();
    fs.rmSync(storage, { recursive: true, force: true });
  }
}

void main();
