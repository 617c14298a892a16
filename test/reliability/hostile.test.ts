/**
 * Hostile input, against both the checker (`node dist/cli.js check`, spawned) and the server
 * (`node dist/server.js --stdio`, driven by a real LSP client): every case is bounded in time,
 * must not crash or report an internal error, and must say what it skipped or what is wrong
 * with a location. Every hostile file is generated in the system's temporary folder at test
 * time. Each case records a row (case, where, bound, measured, result, what the user sees);
 * the rows become docs/reliability.md (see report.ts).
 *
 * A run is killed at one and a half times its bound plus 2 s, so that a product that hangs fails the case
 * quickly instead of stalling the suite.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CLI, ensureBuilt, Temps, writeFiles, type JsonReport } from '../cli/helpers';
import { SERVER, TestClient } from '../server/lspClient';
import { writeResults, type Row } from './report';

const temps = new Temps();
const rows: Row[] = [];
const RACE = path.join(__dirname, 'preload', 'race.cjs');

/** Where a run is killed: a hang fails the case, it does not stall the suite. */
const killAt = (boundMs: number) => Math.round(boundMs * 1.5) + 2000;

interface Outcome {
  ms: number;
  sees: string;
  /** Checks that must hold: [holds, what was expected]. */
  checks: [boolean, string][];
}

/** Runs one case: records its row whatever happens, then asserts its bound and its checks. */
async function hold(name: string, where: string, boundMs: number, fn: () => Outcome | Promise<Outcome>): Promise<void> {
  const started = Date.now();
  let out: Outcome;
  try {
    out = await fn();
  } catch (e) {
    const ms = Date.now() - started;
    rows.push({ case: name, where, boundMs, ms, result: 'fail', sees: `FAILED: ${String((e as Error).message).split('\n')[0]}` });
    throw e;
  }
  const failed = out.checks.filter(([ok]) => !ok).map(([, what]) => what);
  if (out.ms > boundMs) failed.unshift(`took ${out.ms} ms, over the ${boundMs} ms bound`);
  rows.push({ case: name, where, boundMs, ms: out.ms, result: failed.length ? 'fail' : 'pass', sees: failed.length ? `${out.sees} — FAILED: ${failed.join('; ')}` : out.sees });
  assert.deepEqual(failed, [], `${name} (${where}): ${out.sees}`);
}

// ---------------------------------------------------------------- the checker

interface CheckerRun {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  ms: number;
}

function checker(ws: string, boundMs: number, args: string[] = ['check'], nodeArgs: string[] = []): CheckerRun {
  const started = Date.now();
  const r = spawnSync(process.execPath, [...nodeArgs, CLI, ...args], {
    cwd: ws,
    encoding: 'utf8',
    timeout: killAt(boundMs),
    killSignal: 'SIGKILL',
    maxBuffer: 512 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  const timedOut = (r.error as NodeJS.ErrnoException | undefined)?.code === 'ETIMEDOUT';
  if (r.error && !timedOut) throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? '', stderr: r.stderr ?? '', timedOut, ms: Date.now() - started };
}

/** The checks every checker run must pass: finished, no crash, no internal error, an expected exit code. */
function sane(r: CheckerRun, exits: number[] = [0, 1]): [boolean, string][] {
  return [
    [!r.timedOut, `finished (killed after ${r.ms} ms)`],
    [r.signal === null || r.timedOut, `not killed by a signal (${r.signal})`],
    [!/internal error/i.test(r.stderr), `no internal error (${firstLine(r.stderr.match(/^.*internal error.*$/im)?.[0] ?? '')})`],
    [r.timedOut || exits.includes(r.status ?? -1), `exit code ${exits.join(' or ')} (got ${r.status})`],
  ];
}

const firstLine = (s: string) => s.split('\n')[0].slice(0, 300);
const stderrLines = (r: CheckerRun, re: RegExp) => r.stderr.split('\n').filter((l) => re.test(l));
/** What the checker said about a file: its notes on stderr, else its first findings on stdout. */
function checkerSees(r: CheckerRun, re: RegExp, max = 2): string {
  if (r.timedOut) return `no answer: killed after ${r.ms} ms`;
  const lines = [...stderrLines(r, re), ...r.stdout.split('\n').filter((l) => re.test(l))];
  return lines.slice(0, max).join('\n') || firstLine(r.stderr) || firstLine(r.stdout.split('\n').slice(-2).join(' '));
}
function report(r: CheckerRun): JsonReport | undefined {
  try {
    return JSON.parse(r.stdout) as JsonReport;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------- the server

/** Starts a server on a folder; resolves when its index is ready (bounded). */
async function startServer(ws: string, boundMs: number, nodeArgs: string[] = []): Promise<{ client: TestClient; ms: number }> {
  const client = new TestClient(ws, nodeArgs);
  const started = Date.now();
  try {
    await Promise.race([
      (async () => {
        await client.initialize();
        await client.ready(killAt(boundMs));
      })(),
      new Promise((_, reject) => setTimeout(() => reject(new Error(`no index after ${killAt(boundMs)} ms (killed)`)), killAt(boundMs))),
    ]);
  } catch (e) {
    await client.stop();
    throw e;
  }
  return { client, ms: Date.now() - started };
}

/** Opens a document and waits for its findings (bounded); returns how long they took. */
async function openAndWait(client: TestClient, rel: string, text: string, boundMs: number): Promise<number> {
  const uri = client.uri(rel);
  client.diagnostics.delete(uri);
  const started = Date.now();
  await client.open(rel, text);
  await client.waitFor(() => client.diagnostics.get(uri)?.version === 1, killAt(boundMs), `the findings of the opened ${rel}`);
  return Date.now() - started;
}

const serverLogs = (c: TestClient, re: RegExp) => c.logs.filter((l) => re.test(l)).map((l) => l.replace(/^Charter: [^/]*\//, ''));
const shownDiag = (rel: string, d: { range: { start: { line: number; character: number } }; code?: unknown; message: unknown }) =>
  `${rel}:${d.range.start.line + 1}:${d.range.start.character + 1} ${String(d.code)} ${typeof d.message === 'string' ? d.message : JSON.stringify(d.message)}`;
const noInternalError = (c: TestClient): [boolean, string] => {
  const bad = c.logs.filter((l) => /internal error|unexpected error|indexing failed/i.test(l));
  return [bad.length === 0 && !/Error|exception/i.test(c.stderr), `no internal error in the server (${firstLine(bad[0] ?? c.stderr)})`];
};

// ---------------------------------------------------------------- inputs

/** A PRD whose only finding is its missing What, reported on its title at line 4. */
const PRD_NO_WHAT = '---\nowner: Dana Lee\n---\n# Title\n\n## Why\n\nBecause.\n';
const LOG_TBD = '# Log\n\n## Pick one\n\n- Date: 2024-01-01\n- Decision: this one\n- Decision maker: TBD\n';
const utf16le = (s: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(s, 'utf16le')]);
const utf16be = (s: string) => Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(s, 'utf16le').swap16()]);

function bigFile(mb: number): Buffer {
  const para = Buffer.from('The quick brown fox jumps over the lazy dog, again and again, in every paragraph.\n\n');
  const head = Buffer.from('---\nowner: Dana Lee\n---\n# Big\n\n## Why\n\n');
  const n = Math.ceil((mb * 1024 * 1024 - head.length) / para.length);
  return Buffer.concat([head, Buffer.alloc(n * para.length).fill(para)]);
}

function hugeLog(entries: number): string {
  const parts = ['# Decisions\n\n'];
  for (let i = 0; i < entries; i++) parts.push(`## D${i}\nDate: 2024-01-15\nDecision: x\nOwner: ${i % 100 === 0 ? 'TBD' : 'Dana'}\n\n`);
  return parts.join('');
}

function laughs(): string {
  const out = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++)
    out.push(
      `${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9)
        .fill('*' + String.fromCharCode(96 + i))
        .join(',')}]`,
    );
  return out.join('\n');
}

const RUN = 50_000;

before(function () {
  this.timeout(300_000);
  ensureBuilt();
  assert.ok(fs.existsSync(SERVER), `${SERVER} is missing: npm run build`);
});
after(() => {
  temps.removeAll();
  writeResults('hostile', rows);
});

describe('reliability: hostile input, each case bounded in time', function () {
  this.timeout(180_000);

  describe('a 50 MB markdown file', () => {
    let ws: string;
    before(() => {
      ws = temps.make('big');
      fs.writeFileSync(path.join(ws, 'big.prd.md'), bigFile(50));
    });
    it('checker: skipped with a note saying why', () =>
      hold('a 50 MB markdown file', 'checker', 10_000, () => {
        const r = checker(ws, 10_000);
        const note = stderrLines(r, /^big\.prd\.md: note: skipped: 50\.0 MB is larger than the 8\.0 MB limit$/);
        return {
          ms: r.ms,
          sees: checkerSees(r, /big\.prd\.md/),
          checks: [...sane(r), [note.length === 1, 'a note "big.prd.md: note: skipped: 50.0 MB is larger than the 8.0 MB limit"']],
        };
      }));
    it('server: index ready, the file skipped with a note; opened in the editor, answered within the bound', async () => {
      let client: TestClient | undefined;
      try {
        await hold('a 50 MB markdown file', 'server (index)', 10_000, async () => {
          const s = await startServer(ws, 10_000);
          client = s.client;
          const notes = serverLogs(client, /big\.prd\.md: skipped: 50\.0 MB is larger than the 8\.0 MB limit/);
          return { ms: s.ms, sees: notes[0] ?? '(nothing logged)', checks: [[notes.length === 1, 'a log line naming big.prd.md and the limit'], noInternalError(client)] };
        });
        await hold('a 50 MB markdown file', 'server (open)', 15_000, async () => {
          const c = client!;
          const text = fs.readFileSync(path.join(ws, 'big.prd.md'), 'utf8');
          const ms = await openAndWait(c, 'big.prd.md', text, 15_000);
          const diags = c.diagnosticsOf('big.prd.md');
          const sees = diags.length
            ? diags
                .map((d) => shownDiag('big.prd.md', d))
                .slice(0, 2)
                .join('\n')
            : `no findings published (${serverLogs(c, /big\.prd\.md/)[0] ?? 'nothing logged'})`;
          return { ms, sees, checks: [noInternalError(c)] };
        });
      } finally {
        await client?.stop();
      }
    });
  });

  describe('a 100,000-entry decision log', () => {
    let ws: string;
    let text: string;
    before(() => {
      ws = temps.make('log');
      text = hugeLog(100_000);
      writeFiles(ws, { 'DECISIONS.md': text });
    });
    it('checker: every entry read, the 1,000 unowned ones reported at their lines', () =>
      hold('a 100,000-entry decision log (4.6 MB)', 'checker', 30_000, () => {
        const r = checker(ws, 30_000, ['check', '--format', 'json']);
        const rep = report(r);
        const diags = rep?.files.find((f) => f.path === 'DECISIONS.md')?.diagnostics ?? [];
        const unowned = diags.filter((d) => d.rule === 'unowned-decision');
        const first = unowned[0];
        return {
          ms: r.ms,
          sees: first ? `DECISIONS.md:${first.line}:${first.column} ${first.rule} ${first.message} (and ${unowned.length - 1} more)` : checkerSees(r, /DECISIONS/),
          checks: [
            ...sane(r),
            [unowned.length === 1000, `1,000 unowned-decision findings (got ${unowned.length})`],
            [first?.line === 6 && first?.column === 8, 'the first at 6:8'],
          ],
        };
      }));
    it('server: indexed and the findings published; opened in the editor, checked within the bound', async () => {
      let client: TestClient | undefined;
      try {
        await hold('a 100,000-entry decision log (4.6 MB)', 'server (index)', 30_000, async () => {
          const s = await startServer(ws, 30_000);
          client = s.client;
          await client.waitForDiagnostics('DECISIONS.md', (d) => d.length === 1000, 10_000).catch(() => undefined);
          const d = client.diagnosticsOf('DECISIONS.md');
          return {
            ms: s.ms,
            sees: d[0] ? `${shownDiag('DECISIONS.md', d[0])} (and ${d.length - 1} more)` : '(no findings published)',
            checks: [[d.length === 1000, `1,000 findings published (got ${d.length})`], noInternalError(client)],
          };
        });
        await hold('a 100,000-entry decision log (4.6 MB)', 'server (open)', 10_000, async () => {
          const c = client!;
          const ms = await openAndWait(c, 'DECISIONS.md', text, 10_000);
          const d = c.diagnosticsOf('DECISIONS.md');
          return {
            ms,
            sees: d[0] ? `${shownDiag('DECISIONS.md', d[0])} (and ${d.length - 1} more)` : '(no findings)',
            checks: [[d.length === 1000, `1,000 findings (got ${d.length})`], noInternalError(c)],
          };
        });
      } finally {
        await client?.stop();
      }
    });
  });

  describe('odd files: binary, invalid UTF-8, UTF-16 with BOM, CRLF and lone CR', () => {
    let ws: string;
    before(() => {
      ws = temps.make('odd');
      writeFiles(ws, {
        'binary.prd.md': Buffer.concat([Buffer.from('# T\n'), Buffer.from([0x00, 0x00, 0x01, 0x02, 0xff, 0x0a, 0x00]), Buffer.alloc(4096, 7)]),
        'bad-utf8.prd.md': Buffer.concat([Buffer.from('---\nowner: Dana Lee\n---\n# Bad '), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from(' bytes\n\n## Why\n\nx\n')]),
        'utf16le.prd.md': utf16le(PRD_NO_WHAT),
        'utf16be.prd.md': utf16be(PRD_NO_WHAT),
        'crlf.prd.md': PRD_NO_WHAT.replace(/\n/g, '\r\n'),
        'cr.prd.md': PRD_NO_WHAT.replace(/\n/g, '\r'),
        'crlf/DECISIONS.md': LOG_TBD.replace(/\n/g, '\r\n'),
        'cr/DECISIONS.md': LOG_TBD.replace(/\n/g, '\r'),
      });
    });
    const at = (rep: JsonReport | undefined, p: string) =>
      (rep?.files.find((f) => f.path === p)?.diagnostics ?? []).map((d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.rule}`);
    let r: CheckerRun;
    before(() => {
      r = checker(ws, 5_000, ['check', '--format', 'json']);
    });

    it('checker: a binary file named .md is skipped with a note', () =>
      hold('a binary file named .md', 'checker', 5_000, () => ({
        ms: r.ms,
        sees: checkerSees(r, /binary\.prd\.md/),
        checks: [
          ...sane(r),
          [stderrLines(r, /^binary\.prd\.md: note: skipped: binary content/).length === 1, 'a note "binary.prd.md: note: skipped: binary content…"'],
          [at(report(r), 'binary.prd.md').length === 0, 'no findings for it'],
        ],
      })));
    it('checker: invalid UTF-8 is read as U+FFFD, with a note, findings in place', () =>
      hold('invalid UTF-8', 'checker', 5_000, () => ({
        ms: r.ms,
        sees: [...stderrLines(r, /bad-utf8/), ...at(report(r), 'bad-utf8.prd.md').map((x) => `bad-utf8.prd.md:${x}`)].join('\n'),
        checks: [
          ...sane(r),
          [stderrLines(r, /^bad-utf8\.prd\.md: note: invalid UTF-8 bytes were read as/).length === 1, 'a note naming the file'],
          [JSON.stringify(at(report(r), 'bad-utf8.prd.md')) === JSON.stringify(['4:1-4:17 missing-section']), `the missing What at 4:1 (got ${at(report(r), 'bad-utf8.prd.md')})`],
        ],
      })));
    it('checker: UTF-16 LE and BE with BOM are read, findings in place', () =>
      hold('UTF-16 with BOM (LE and BE)', 'checker', 5_000, () => {
        const le = at(report(r), 'utf16le.prd.md');
        const be = at(report(r), 'utf16be.prd.md');
        return {
          ms: r.ms,
          sees: [...le.map((x) => `utf16le.prd.md:${x}`), ...be.map((x) => `utf16be.prd.md:${x}`)].join('\n'),
          checks: [...sane(r), [le.join() === '4:1-4:8 missing-section' && be.join() === '4:1-4:8 missing-section', 'the missing What on the title, line 4, in both']],
        };
      }));
    it('checker: CRLF and lone CR line ends give the same places as LF', () =>
      hold('CRLF and lone CR line ends', 'checker', 5_000, () => {
        const rep = report(r);
        const all = ['crlf.prd.md', 'cr.prd.md', 'crlf/DECISIONS.md', 'cr/DECISIONS.md'].map((p) => [p, at(rep, p).join()]);
        return {
          ms: r.ms,
          sees: all.map(([p, x]) => `${p}:${x}`).join('\n'),
          checks: [
            ...sane(r),
            [
              all.every(([p, x]) => x === (p.endsWith('DECISIONS.md') ? '7:19-7:22 unowned-decision' : '4:1-4:8 missing-section')),
              'PRDs: 4:1 missing-section; logs: 7:19-7:22 unowned-decision',
            ],
          ],
        };
      }));

    it('server: the same files — notes for the skipped, findings in place for the rest, CR text opened in the editor too', async () => {
      let client: TestClient | undefined;
      const results: [string, () => Outcome][] = [];
      const s = await startServer(ws, 5_000).catch((e) => e as Error);
      try {
        if (s instanceof Error) throw s;
        client = s.client;
        const c = client;
        await c.waitForDiagnostics('cr/DECISIONS.md', (d) => d.length > 0, 5_000).catch(() => undefined);
        const shown = (p: string) =>
          c.diagnosticsOf(p).map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}-${d.range.end.line + 1}:${d.range.end.character + 1} ${String(d.code)}`);
        results.push([
          'a binary file named .md',
          () => {
            const n = serverLogs(c, /binary\.prd\.md: skipped: binary content/);
            return {
              ms: s.ms,
              sees: n[0] ?? '(nothing logged)',
              checks: [[n.length === 1, 'a log line naming binary.prd.md'], [shown('binary.prd.md').length === 0, 'no findings'], noInternalError(c)],
            };
          },
        ]);
        results.push([
          'invalid UTF-8',
          () => {
            const n = serverLogs(c, /bad-utf8/);
            return {
              ms: s.ms,
              sees: [...n, ...shown('bad-utf8.prd.md').map((x) => `bad-utf8.prd.md:${x}`)].join('\n'),
              checks: [[shown('bad-utf8.prd.md').join() === '4:1-4:17 missing-section', `the missing What at 4:1 (got ${shown('bad-utf8.prd.md')})`], noInternalError(c)],
            };
          },
        ]);
        results.push([
          'UTF-16 with BOM (LE and BE)',
          () => ({
            ms: s.ms,
            sees: ['utf16le.prd.md', 'utf16be.prd.md'].map((p) => `${p}:${shown(p)}`).join('\n'),
            checks: [
              [shown('utf16le.prd.md').join() === '4:1-4:8 missing-section' && shown('utf16be.prd.md').join() === '4:1-4:8 missing-section', 'the missing What on line 4 in both'],
              noInternalError(c),
            ],
          }),
        ]);
        const opened = await openAndWait(c, 'cr.prd.md', PRD_NO_WHAT.replace(/\n/g, '\r'), 5_000);
        results.push([
          'CRLF and lone CR line ends',
          () => {
            const all = ['crlf.prd.md', 'cr.prd.md', 'crlf/DECISIONS.md', 'cr/DECISIONS.md'].map((p) => [p, shown(p).join()]);
            return {
              ms: Math.max(s.ms, opened),
              sees: all.map(([p, x]) => `${p}:${x}`).join('\n') + ` (cr.prd.md opened: ${opened} ms)`,
              checks: [
                [
                  all.every(([p, x]) => x === (p.endsWith('DECISIONS.md') ? '7:19-7:22 unowned-decision' : '4:1-4:8 missing-section')),
                  'PRDs: 4:1 missing-section; logs: 7:19-7:22 unowned-decision',
                ],
                noInternalError(c),
              ],
            };
          },
        ]);
      } finally {
        await client?.stop();
      }
      const errors: string[] = [];
      for (const [name, fn] of results) await hold(name, 'server (index, open)', 5_000, fn).catch((e) => errors.push((e as Error).message));
      assert.deepEqual(errors, []);
    });
  });

  // Deep nesting: each document is a PRD with an owner and a Why holding the nesting, and no
  // What: exactly one finding, the missing What on its title (line 4).
  const deep: [string, string][] = [
    ['10,000-deep nested block quotes', `${'>'.repeat(10_000)} quoted\n`],
    ['10,000-deep nested lists', `${'- '.repeat(10_000)}item\n`],
  ];
  for (const [name, body] of deep) {
    describe(name, () => {
      let ws: string;
      const text = `---\nowner: Dana Lee\n---\n# Deep\n\n## Why\n\n${body}\n`;
      before(() => {
        ws = temps.make('deep');
        // The team has adopted the PRD's sections: the missing What is a warning, not policy said once.
        writeFiles(ws, { 'deep.prd.md': text, '.charter.yaml': 'rules:\n  missing-section: warning\n' });
      });
      it('checker: checked within the bound, no internal error, the finding in place', () =>
        hold(name, 'checker', 5_000, () => {
          const r = checker(ws, 5_000, ['check']);
          const found = r.stdout.split('\n').filter((l) => l.startsWith('deep.prd.md:'));
          return {
            ms: r.ms,
            sees: checkerSees(r, /deep\.prd\.md/),
            checks: [
              ...sane(r),
              [found.length === 1 && found[0].startsWith('deep.prd.md:4:1 warning missing-section'), 'deep.prd.md:4:1 missing-section (the document is read, not skipped)'],
            ],
          };
        }));
      it('server: indexed and opened within the bound, the finding in place', async () => {
        let client: TestClient | undefined;
        await hold(name, 'server (index, open)', 5_000, async () => {
          const s = await startServer(ws, 5_000);
          client = s.client;
          const ms = await openAndWait(client, 'deep.prd.md', text, 5_000).catch(() => -1);
          const d = client.diagnosticsOf('deep.prd.md');
          const notes = serverLogs(client, /deep\.prd\.md/);
          return {
            ms: Math.max(s.ms, ms),
            sees: [...notes, ...d.map((x) => shownDiag('deep.prd.md', x))].join('\n') || (ms < 0 ? 'no findings published for the opened document' : '(nothing)'),
            checks: [
              [ms >= 0, 'findings published for the opened document'],
              [d.length === 1 && d[0].range.start.line === 3 && d[0].code === 'missing-section', 'the missing What at line 4'],
              [notes.length === 0, 'no note (the document is read)'],
              noInternalError(client),
            ],
          };
        }).finally(() => client?.stop());
      });
    });
  }

  // Long runs that make naive inline parsers quadratic: in a field value, a heading and a paragraph.
  const runs: [string, string][] = [
    [`a run of ${RUN.toLocaleString('en')} \`*\``, '*'.repeat(RUN)],
    [`a run of ${RUN.toLocaleString('en')} \`_\``, '_'.repeat(RUN)],
    [`a run of ${RUN.toLocaleString('en')} \`[\``, '['.repeat(RUN)],
    [`a run of ${RUN.toLocaleString('en')} backticks`, '`'.repeat(RUN)],
    // Twice as long: at 50,000 this one sits right at the bound; at 100,000 its quadratic cost is plain.
    [`${(2 * RUN).toLocaleString('en')} characters of \`*_[\` interleaved`, '*_['.repeat((2 * RUN) / 3)],
    [`${RUN.toLocaleString('en')} characters of \`*a\` alternating`, '*a'.repeat(RUN / 2)],
  ];
  for (const [name, run] of runs) {
    describe(name, () => {
      let ws: string;
      const text = `---\ntype: prd\n---\n# Runs\n\nOwner: ${run}\n\n## Why ${run}\n\n${run}\n\n## What\n\nx\n`;
      before(() => {
        ws = temps.make('runs');
        writeFiles(ws, { 'runs.prd.md': text });
      });
      it('checker: checked within the bound', () =>
        hold(`${name} (in an owner field, a heading and a paragraph)`, 'checker', 5_000, () => {
          const r = checker(ws, 5_000, ['check']);
          return {
            ms: r.ms,
            sees: checkerSees(r, /runs\.prd\.md|problem/, 1).slice(0, 200),
            checks: [...sane(r), [/document(s)? checked/.test(r.stdout) && /1 document checked/.test(r.stdout), 'the document checked']],
          };
        }));
      it('server: indexed and opened within the bound', async () => {
        let client: TestClient | undefined;
        await hold(`${name} (in an owner field, a heading and a paragraph)`, 'server (index, open)', 5_000, async () => {
          const s = await startServer(ws, 5_000);
          client = s.client;
          const ms = await openAndWait(client, 'runs.prd.md', text, 5_000);
          const d = client.diagnosticsOf('runs.prd.md');
          return {
            ms: Math.max(s.ms, ms),
            sees: `index ${s.ms} ms, open ${ms} ms: ${d.map((x) => shownDiag('runs.prd.md', x).slice(0, 120)).join('; ') || 'no findings'}`,
            checks: [noInternalError(client)],
          };
        }).finally(() => client?.stop());
      });
    });
  }

  // YAML bombs in front matter.
  const bombs: [string, string, RegExp | undefined][] = [
    ['YAML bomb in front matter: nine levels of aliases (a billion laughs)', laughs(), /invalid-front-matter .*alias/i],
    ['YAML in front matter: a 2 MB anchor aliased 90 times', `a: &a "${'x'.repeat(2_000_000)}"\nb: [${Array(90).fill('*a').join(',')}]`, undefined],
    ['YAML in front matter: 10,000-deep nested flow sequences', `a: ${'['.repeat(10_000)}${']'.repeat(10_000)}`, /invalid-front-matter/],
    ['YAML in front matter: 100,000 keys (1 MB)', Array.from({ length: 100_000 }, (_, i) => `k${i}: v`).join('\n'), undefined],
  ];
  for (const [name, yaml, expected] of bombs) {
    describe(name, () => {
      let ws: string;
      const text = `---\ntype: prd\nowner: Dana Lee\n${yaml}\n---\n# Bomb\n\n## Why\n\nx\n\n## What\n\ny\n`;
      before(() => {
        ws = temps.make('bomb');
        writeFiles(ws, { 'bomb.md': text });
      });
      it('checker: answered within the bound, the problem located', () =>
        hold(name, 'checker', 5_000, () => {
          const r = checker(ws, 5_000, ['check']);
          const found = r.stdout.split('\n').filter((l) => l.startsWith('bomb.md:'));
          return {
            ms: r.ms,
            sees: found.slice(0, 2).join('\n') || checkerSees(r, /bomb/),
            checks: [
              ...sane(r),
              [/1 document checked/.test(r.stdout), 'the document checked'],
              [expected ? found.some((l) => /^bomb\.md:\d+:\d+ /.test(l) && expected.test(l)) : true, `a located finding matching ${expected}`],
            ],
          };
        }));
      it('server: answered within the bound, the problem located', async () => {
        let client: TestClient | undefined;
        await hold(name, 'server (index, open)', 5_000, async () => {
          const s = await startServer(ws, 5_000);
          client = s.client;
          const ms = await openAndWait(client, 'bomb.md', text, 5_000);
          const d = client.diagnosticsOf('bomb.md').map((x) => shownDiag('bomb.md', x));
          return {
            ms: Math.max(s.ms, ms),
            sees: d.slice(0, 2).join('\n') || 'no findings',
            checks: [[expected ? d.some((l) => expected.test(l)) : true, `a finding matching ${expected}`], noInternalError(client)],
          };
        }).finally(() => client?.stop());
      });
    });
  }

  // Bad configuration files.
  const configs: [string, string | Buffer, RegExp, RegExp][] = [
    [
      'a .charter.yaml that is a list',
      '- kinds\n- rules\n',
      /^\.charter\.yaml:1:1 error invalid-config .*must be a mapping/m,
      /^\.charter\.yaml:1:1 invalid-config .*must be a mapping/,
    ],
    ['a .charter.yaml that is a number', '42\n', /^\.charter\.yaml:1:1 error invalid-config .*must be a mapping/m, /^\.charter\.yaml:1:1 invalid-config .*must be a mapping/],
    [
      'a .charter.yaml of 5 MB',
      Buffer.from(`# padding\n${'#'.repeat(5 * 1024 * 1024)}\nrules: {}\n`),
      /\.charter\.yaml is \d+ KB; a configuration file is at most 1 MB/,
      /^\.charter\.yaml:1:1 invalid-config .*larger than 1 MB/,
    ],
    ['a .charter.yaml bomb: a billion laughs', `ignore: &i ["a"]\n${laughs()}\n`, /^\.charter\.yaml:\d+:\d+ error invalid-config /m, /^\.charter\.yaml:\d+:\d+ invalid-config /],
    [
      'a .charter.yaml of 60,000 keys (under the 1 MB limit)',
      Array.from({ length: 60_000 }, (_, i) => `k${i}: v`).join('\n'),
      /^\.charter\.yaml:1:1 error invalid-config unknown key "k0"/m,
      /^\.charter\.yaml:1:1 invalid-config unknown key "k0"/,
    ],
  ];
  for (const [name, content, expected, inServer] of configs) {
    describe(name, () => {
      let ws: string;
      before(() => {
        ws = temps.make('config');
        writeFiles(ws, { '.charter.yaml': content, 'docs/a.prd.md': PRD_NO_WHAT });
      });
      it('checker: refuses it within the bound, saying where', () =>
        hold(name, 'checker', 5_000, () => {
          const r = checker(ws, 5_000, ['check']);
          return {
            ms: r.ms,
            sees: r.stderr.split('\n').filter(Boolean).slice(0, 2).join('\n').slice(0, 300) || '(nothing on stderr)',
            checks: [...sane(r, [2]), [expected.test(r.stderr), `stderr matches ${expected}`]],
          };
        }));
      it('server: keeps working, the problem shown on .charter.yaml, nothing checked as by the checker', async () => {
        let client: TestClient | undefined;
        await hold(name, 'server (index)', 5_000, async () => {
          const s = await startServer(ws, 5_000);
          client = s.client;
          const c = client;
          await c.waitForDiagnostics('.charter.yaml', (d) => d.length > 0, 3_000).catch(() => undefined);
          const d = c.diagnosticsOf('.charter.yaml').map((x) => shownDiag('.charter.yaml', x));
          const doc = c.diagnosticsOf('docs/a.prd.md');
          return {
            ms: s.ms,
            sees: d.slice(0, 2).join('\n').slice(0, 300) || '(no finding on .charter.yaml)',
            checks: [
              [d.some((l) => inServer.test(l)), `a finding on .charter.yaml matching ${inServer}`],
              [doc.length === 0, 'the documents are not checked, as by the checker (which exits 2)'],
              noInternalError(c),
            ],
          };
        }).finally(() => client?.stop());
      });
    });
  }

  describe('globs that match everything', () => {
    let ws: string;
    let wsIgnore: string;
    before(() => {
      const files: Record<string, string> = {};
      for (let i = 0; i < 2000; i++) files[`d${i % 40}/sub${i % 7}/note-${i}.md`] = `# Note ${i}\n\nText.\n`;
      for (let i = 0; i < 1000; i++) files[`assets/f${i}.txt`] = 'x';
      ws = temps.make('globs');
      writeFiles(ws, { ...files, '.charter.yaml': 'kinds:\n  prd:\n    include: ["**", "**/*", "*", "**/*.md", "**/**/**"]\n    exclude: []\n' });
      wsIgnore = temps.make('ignore');
      writeFiles(wsIgnore, { ...files, 'a.prd.md': PRD_NO_WHAT, '.charter.yaml': 'ignore: ["**", "*", "**/*"]\n' });
    });
    it('checker: every markdown file a PRD, all 2,000 checked within the bound', () =>
      hold('globs that match everything (include: "**" for PRDs; 2,000 notes, 1,000 other files)', 'checker', 15_000, () => {
        const r = checker(ws, 15_000, ['check']);
        const summary = r.stdout.trim().split('\n').pop() ?? '';
        return {
          ms: r.ms,
          sees: summary,
          checks: [...sane(r), [/in 2000 documents checked \(2000 markdown files\)/.test(summary.replace(/,/g, '')), 'a summary of 2,000 documents checked']],
        };
      }));
    it('checker: ignore: "**" reads nothing and says so', () =>
      hold('globs that match everything (ignore: "**")', 'checker', 5_000, () => {
        const r = checker(wsIgnore, 5_000, ['check']);
        const summary = r.stdout.trim().split('\n').pop() ?? '';
        return { ms: r.ms, sees: summary, checks: [...sane(r), [/0 documents checked/.test(summary), 'a summary of 0 documents checked']] };
      }));
    it('server: every markdown file a PRD, indexed within the bound', async () => {
      let client: TestClient | undefined;
      await hold('globs that match everything (include: "**" for PRDs; 2,000 notes, 1,000 other files)', 'server (index)', 15_000, async () => {
        const s = await startServer(ws, 15_000);
        client = s.client;
        const line = client.logs.find((l) => l.includes('Charter: indexed')) ?? '';
        return { ms: s.ms, sees: line, checks: [[/indexed 2000 documents/.test(line), 'indexed 2,000 documents'], noInternalError(client)] };
      }).finally(() => client?.stop());
    });
    it('server: ignore: "**" indexes nothing', async () => {
      let client: TestClient | undefined;
      await hold('globs that match everything (ignore: "**")', 'server (index)', 5_000, async () => {
        const s = await startServer(wsIgnore, 5_000);
        client = s.client;
        const line = client.logs.find((l) => l.includes('Charter: indexed')) ?? '';
        return { ms: s.ms, sees: line, checks: [[/indexed 0 documents/.test(line), 'indexed 0 documents'], noInternalError(client)] };
      }).finally(() => client?.stop());
    });
  });

  describe('symbolic-link loops', () => {
    let ws: string;
    before(() => {
      ws = temps.make('links');
      writeFiles(ws, { 'docs/a.prd.md': PRD_NO_WHAT });
      fs.symlinkSync('self-loop.prd.md', path.join(ws, 'self-loop.prd.md'));
      fs.symlinkSync('ping.prd.md', path.join(ws, 'pong.prd.md'));
      fs.symlinkSync('pong.prd.md', path.join(ws, 'ping.prd.md'));
      fs.symlinkSync('..', path.join(ws, 'docs', 'up'));
      fs.symlinkSync(ws, path.join(ws, 'docs', 'root'));
      fs.mkdirSync(path.join(ws, 'x'));
      fs.symlinkSync(path.join(ws, 'y'), path.join(ws, 'x', 'to-y'));
      fs.mkdirSync(path.join(ws, 'y'));
      fs.symlinkSync(path.join(ws, 'x'), path.join(ws, 'y', 'to-x'));
    });
    it('checker: loops skipped with a note each, no file read twice', () =>
      hold('symbolic-link loops (a self link, a two-link cycle, links to a parent, to the root, and between folders)', 'checker', 5_000, () => {
        const r = checker(ws, 5_000, ['check', '--format', 'json']);
        const loops = stderrLines(r, /: note: skipped: symbolic link loop$/);
        const files = report(r)?.files.map((f) => f.path) ?? [];
        return {
          ms: r.ms,
          sees: loops.join('\n'),
          checks: [
            ...sane(r),
            [
              loops.some((l) => l.startsWith('self-loop.prd.md:')) && loops.some((l) => l.startsWith('ping.prd.md:')) && loops.some((l) => l.startsWith('pong.prd.md:')),
              'a note for self-loop.prd.md, ping.prd.md and pong.prd.md',
            ],
            [JSON.stringify(files) === '["docs/a.prd.md"]', `only docs/a.prd.md checked, once (got ${files})`],
          ],
        };
      }));
    it('server: loops skipped with a log line each, indexed within the bound', async () => {
      let client: TestClient | undefined;
      await hold('symbolic-link loops (a self link, a two-link cycle, links to a parent, to the root, and between folders)', 'server (index)', 5_000, async () => {
        const s = await startServer(ws, 5_000);
        client = s.client;
        const loops = serverLogs(client, /skipped: symbolic link loop/);
        const line = client.logs.find((l) => l.includes('Charter: indexed')) ?? '';
        return {
          ms: s.ms,
          sees: loops.join('\n'),
          checks: [[loops.length >= 3, 'a log line per loop'], [/indexed 1 documents?/.test(line), `indexed 1 document (${line})`], noInternalError(client)],
        };
      }).finally(() => client?.stop());
    });
  });

  describe('a document deleted, or replaced by a folder, while it is being read', () => {
    const make = () => {
      const ws = temps.make('race');
      writeFiles(ws, { 'vanishing.prd.md': PRD_NO_WHAT, 'becomes-folder.prd.md': PRD_NO_WHAT, 'docs/a.prd.md': PRD_NO_WHAT });
      return ws;
    };
    it('checker: each skipped with a note saying what happened', () =>
      hold('a document deleted, or replaced by a folder, between listing and reading', 'checker', 5_000, () => {
        const r = checker(make(), 5_000, ['check'], ['--require', RACE]);
        const gone = stderrLines(r, /^vanishing\.prd\.md: note: skipped: deleted while being read$/);
        const folder = stderrLines(r, /^becomes-folder\.prd\.md: note: skipped: became a folder while being read$/);
        return {
          ms: r.ms,
          sees: [...gone, ...folder].join('\n') || firstLine(r.stderr),
          checks: [
            ...sane(r),
            [gone.length === 1, 'a note: vanishing.prd.md deleted while being read'],
            [folder.length === 1, 'a note: becomes-folder.prd.md became a folder'],
            [/docs\/a\.prd\.md:4:1/.test(r.stdout), 'the other documents still checked'],
          ],
        };
      }));
    it('server: each skipped with a log line naming the file, the rest indexed', async () => {
      let client: TestClient | undefined;
      await hold('a document deleted, or replaced by a folder, between listing and reading', 'server (index)', 5_000, async () => {
        const s = await startServer(make(), 5_000, ['--require', RACE]);
        client = s.client;
        const gone = serverLogs(client, /vanishing\.prd\.md: skipped:/);
        const folder = serverLogs(client, /becomes-folder\.prd\.md: skipped:/);
        const clear = (l: string | undefined, re: RegExp) => Boolean(l && re.test(l));
        return {
          ms: s.ms,
          sees: [...gone, ...folder].join('\n') || '(nothing logged)',
          checks: [
            [clear(gone[0], /deleted|no such file/i), 'vanishing.prd.md: says it was deleted'],
            [clear(folder[0], /folder|directory/i), 'becomes-folder.prd.md: says it is a folder now'],
            [client.diagnosticsOf('docs/a.prd.md').length === 1, 'the other documents still checked'],
            noInternalError(client),
          ],
        };
      }).finally(() => client?.stop());
    });
  });
});
