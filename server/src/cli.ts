/**
 * `charter`: the command-line checker. A thin adapter over the core: read the workspace,
 * run the rules, print in the format asked for, exit with a code CI can act on.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig, loadWorkspace, toRelative, type LoadedWorkspace, type Note } from './fsWorkspace';
import { buildOwnership } from './core/ownership';
import { RULES } from './core/rules/index';
import { summarize, type CheckResult, type FileResult } from './report/results';
import { formatText, plural } from './report/text';
import { formatJson } from './report/json';
import { formatSarif } from './report/sarif';
import { formatOwnersJson, formatOwnersMarkdown, formatOwnersTable } from './report/owners';
import { formatOwnersHtml } from './report/ownersHtml';
import { visible } from './report/safeText';

declare const CHARTER_VERSION: string | undefined;
const VERSION = typeof CHARTER_VERSION === 'string' ? CHARTER_VERSION : '0.0.0-dev';

/** Exit codes: clean, findings over the limit, usage or configuration error. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

const HELP = `charter ${VERSION} — checks PRDs, SDDs, decision logs, ADRs and the team charter

Usage:
  charter check  [paths…] [--format text|json|sarif] [--max-warnings N] [--root DIR] [--config FILE]
  charter owners [paths…] [--format table|markdown|json|html] [--root DIR] [--config FILE]
  charter rules                      list the rules with their default severities

Options:
  --root DIR        the workspace root, where .charter.yaml and the charter are found
                    (default: the current folder)
  --config FILE     read this configuration instead of <root>/.charter.yaml
  --format F        output format (check: text, json, sarif; owners: table, markdown, json, html)
  --max-warnings N  exit 1 when there are more than N warnings (default: no limit)
  -h, --help        show this help
  -v, --version     show the version

Paths default to "."; node_modules and .git are never read.
Exit codes: 0 clean, 1 errors (or more warnings than --max-warnings), 2 usage or configuration error.
`;

class UsageError extends Error {}

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  cwd: string;
  isTTY: boolean;
}

/** Runs the command line; returns the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  try {
    return await run(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.err(`charter: ${visible(e.message)}\n`);
      return EXIT.usage;
    }
    io.err(`charter: internal error: ${(e as Error).stack ?? e}\nPlease report this with the command you ran.\n`);
    return EXIT.usage;
  }
}

async function run(argv: string[], io: Io): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        config: { type: 'string', short: 'c' },
        root: { type: 'string' },
        'max-warnings': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    throw new UsageError(`${(e as Error).message.split('\n')[0]} (see charter --help)`);
  }
  const { values, positionals } = parsed;
  if (values.version) {
    io.out(`${VERSION}\n`);
    return EXIT.ok;
  }
  const [command, ...paths] = positionals;
  if (values.help || command === 'help' || command === undefined) {
    io.out(HELP);
    return command === undefined && !values.help ? EXIT.usage : EXIT.ok;
  }
  if (command === 'rules') {
    const width = Math.max(...RULES.map((r) => r.id.length));
    for (const r of RULES) io.out(`${r.id.padEnd(width)}  ${r.defaultSeverity.padEnd(7)}  ${r.description}\n`);
    return EXIT.ok;
  }
  if (command !== 'check' && command !== 'owners') throw new UsageError(`unknown command "${command}"; use check, owners or rules (see charter --help)`);

  const formats = command === 'check' ? ['text', 'json', 'sarif'] : ['table', 'markdown', 'json', 'html'];
  const format = values.format ?? formats[0];
  if (!formats.includes(format)) throw new UsageError(`--format must be one of ${formats.join(', ')} for ${command}, not "${format}"`);
  let maxWarnings = Infinity;
  if (values['max-warnings'] !== undefined) {
    if (command !== 'check') throw new UsageError('--max-warnings only applies to check');
    if (!/^\d+$/.test(values['max-warnings'])) throw new UsageError(`--max-warnings must be a whole number, not "${values['max-warnings']}"`);
    maxWarnings = Number(values['max-warnings']);
  }

  const root = path.resolve(io.cwd, values.root ?? '.');
  if (!isDir(root)) throw new UsageError(`the workspace root ${root} is not a folder`);
  // Paths are relative to the current folder; with none, the whole root is checked.
  const scopes = (paths.length ? paths.map((p) => path.resolve(io.cwd, p)) : [root]).map((abs) => {
    const p = path.relative(io.cwd, abs) || '.';
    if (!fs.existsSync(abs)) throw new UsageError(`${p} does not exist`);
    const rel = toRelative(root, abs);
    if (path.isAbsolute(rel) || /^[A-Za-z]:/.test(rel)) throw new UsageError(`${p} is outside the workspace root ${root} (use --root)`);
    return rel;
  });
  const inScope = (p: string) => scopes.some((s) => s === '.' || p === s || p.startsWith(`${s}/`));

  const loaded = loadConfig(root, values.config && path.resolve(io.cwd, values.config));
  if (loaded.error) throw new UsageError(`invalid configuration: ${loaded.error}`);
  if (!loaded.config) {
    for (const p of loaded.problems) {
      io.err(`${visible(`${loaded.file}:${p.range.start.line + 1}:${p.range.start.character + 1} error invalid-config ${p.message}`)}\n`);
    }
    throw new UsageError(`invalid configuration in ${loaded.file}: ${plural(loaded.problems.length, 'problem')} (fix the lines above)`);
  }

  const progress = io.isTTY ? progressLine(io) : undefined;
  const ws = await loadWorkspace(root, loaded.config, progress);
  progress?.(-1, 0);
  printNotes(ws.notes.filter((n) => inScope(n.path)), io);
  // A file named on the command line that could not be read is an error, not "0 documents".
  const unread = ws.notes.find((n) => n.message.startsWith('skipped') && scopes.includes(n.path));
  if (unread) throw new UsageError(`${unread.path} could not be read: ${unread.message.replace(/^skipped: /, '')}`);

  if (command === 'owners') {
    const model = buildOwnership(ws.index, inScope);
    io.out(format === 'json' ? formatOwnersJson(model) : format === 'html' ? formatOwnersHtml(model) : format === 'markdown' ? formatOwnersMarkdown(model) : formatOwnersTable(model));
    return EXIT.ok;
  }

  const result = check(ws, inScope);
  io.out(format === 'json' ? formatJson(result) : format === 'sarif' ? formatSarif(result, VERSION) : formatText(result));
  if (result.summary.errors > 0) return EXIT.findings;
  if (result.summary.warnings > maxWarnings) {
    if (format === 'text') io.err(`charter: ${plural(result.summary.warnings, 'warning')}, more than --max-warnings ${maxWarnings}\n`);
    return EXIT.findings;
  }
  return EXIT.ok;
}

/** Checks every recognised document in scope. */
export function check(ws: LoadedWorkspace, inScope: (p: string) => boolean): CheckResult {
  const files: FileResult[] = [];
  for (const doc of ws.index.documents.values()) {
    if (!inScope(doc.path)) continue;
    files.push({ path: doc.path, kind: doc.kind.name, diagnostics: ws.index.check(doc.path) });
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, filesSeen: ws.markdownFiles.filter(inScope).length, summary: summarize(files) };
}

function printNotes(notes: Note[], io: Io): void {
  for (const n of notes) io.err(`${visible(`${n.path}: note: ${n.message}`)}\n`);
}

function progressLine(io: Io): (done: number, total: number) => void {
  const started = Date.now();
  let shown = false;
  return (done, total) => {
    if (done < 0) {
      if (shown) io.err('\r\x1b[K');
      return;
    }
    if (Date.now() - started < 500 || total === 0) return;
    shown = true;
    io.err(`\rReading markdown files: ${done}/${total}`);
  };
}

function isDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

if (require.main === module) {
  void main(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    isTTY: Boolean(process.stderr.isTTY),
  }).then((code) => {
    process.exitCode = code;
  });
}
