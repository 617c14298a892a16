/**
 * `charter`: the command-line checker. A thin adapter over the core: read the workspace,
 * run the rules, print in the format asked for, exit with a code CI can act on.
 */
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { buildOwnership } from '../core/ownership';
import { RULES } from '../core/rules/index';
import { BASELINE_FILE } from '../core/baseline';
import { readBaseRecords } from '../node/baseRecords';
import { formatText, plural } from '../report/text';
import { formatJson } from '../report/json';
import { formatSarif } from '../report/sarif';
import { formatGithub } from '../report/github';
import { formatOwnersJson, formatOwnersMarkdown, formatOwnersTable } from '../report/owners';
import { formatOwnersHtml } from '../report/ownersHtml';
import { visible } from '../report/safeText';
import { buildDecisionLife } from '../core/records/byStatus';
import {
  applyBaseline,
  baselineTarget,
  baselineWrittenLine,
  check,
  EXIT,
  isDir,
  openWorkspace,
  outputTarget,
  readBaseline,
  UsageError,
  writeBaseline,
  writeOutput,
  type BaselineWritten,
} from './checkRun';
import { initRun } from './initRun';
import { indexRun } from './indexRun';

export { EXIT } from './checkRun';
export { check } from './checkRun';

declare const CHARTER_VERSION: string | undefined;
const VERSION = typeof CHARTER_VERSION === 'string' ? CHARTER_VERSION : '0.0.0-dev';

const HELP = `charter ${VERSION} — checks PRDs, SDDs, decision logs, ADRs and the team charter

Usage:
  charter check  [paths…] [--format text|json|sarif|github] [--max-warnings N]
                 [--baseline FILE] [--update-baseline] [--base REV] [--output-file FILE] [--root DIR] [--config FILE]
  charter owners [paths…] [--format table|markdown|json|html] [--output-file FILE] [--root DIR] [--config FILE]
  charter init   [--root DIR] [--write [--force]]
                 print the .charter.yaml this repository's documents imply
  charter index  [folders…] [--write] [--root DIR] [--config FILE]
                 print (or write into each folder's README) the index of its decision
                 records: number, title, status, date, owner, between <!-- charter:index -->
                 markers
  charter rules                      list the rules with their default severities

Options:
  --root DIR            the workspace root, where .charter.yaml and the charter are found
                        (default: the current folder)
  --config FILE         read this configuration instead of <root>/.charter.yaml
  --format F            output format (check: text, json, sarif, github; owners: table,
                        markdown, json, html); github prints GitHub Actions annotations
  --max-warnings N      exit 1 when there are more than N warnings (default: no limit)
  --baseline FILE       fail only on findings that are not in this baseline file: the others
                        are hidden (text, github) or marked (json, sarif), and not counted
  --update-baseline     write the baseline (--baseline FILE, or ${BASELINE_FILE} at the root)
                        from this check's findings and exit 0; the entries of documents
                        outside the paths checked are kept
  --base REV            also report a new decision record whose number REV (a branch, tag or
                        commit, read with git) gives another record of its folder
  -o, --output-file F   write the report to F instead of standard output
  --write               init: write <root>/.charter.yaml instead of printing it (never over
                        an existing one); index: write the index into each folder's page
  --force               init --write: replace an existing .charter.yaml
  -h, --help            show this help
  -v, --version         show the version

Paths default to "."; node_modules and .git are never read.
Exit codes: 0 clean, 1 errors (or more warnings than --max-warnings), 2 usage or configuration error.
`;

interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  cwd: string;
  isTTY: boolean;
  /** The environment (GITHUB_WORKSPACE places --format github's paths); default: none. */
  env?: NodeJS.ProcessEnv;
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
        baseline: { type: 'string' },
        'update-baseline': { type: 'boolean' },
        base: { type: 'string' },
        'output-file': { type: 'string', short: 'o' },
        write: { type: 'boolean' },
        force: { type: 'boolean' },
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
  if (command === 'init') {
    for (const [option, given] of [
      ['--format', values.format],
      ['--config', values.config],
      ['--max-warnings', values['max-warnings']],
      ['--baseline', values.baseline],
      ['--update-baseline', values['update-baseline']],
      ['--base', values.base],
      ['--output-file', values['output-file']],
    ] as const) {
      if (given !== undefined)
        throw new UsageError(`${option} does not apply to init: it reads the repository with the built-in defaults and prints (or, with --write, writes) .charter.yaml`);
    }
    if (paths.length) throw new UsageError(`init takes no paths (got ${paths[0]}): it reads the whole root; use --root DIR`);
    if (values.force && !values.write) throw new UsageError('--force only applies with --write (it replaces an existing .charter.yaml)');
    return initRun({ cwd: io.cwd, root: values.root, write: values.write === true, force: values.force === true }, io, io.isTTY ? progressLine(io) : undefined);
  }
  if (command === 'index') {
    for (const [option, given] of [
      ['--format', values.format],
      ['--max-warnings', values['max-warnings']],
      ['--baseline', values.baseline],
      ['--update-baseline', values['update-baseline']],
      ['--output-file', values['output-file']],
      ['--force', values.force],
    ] as const) {
      if (given !== undefined) throw new UsageError(`${option} does not apply to index: it prints (or, with --write, writes) each decision folder's index`);
    }
    return indexRun({ cwd: io.cwd, root: values.root, config: values.config, folders: paths, write: values.write === true }, io);
  }
  if (values.write || values.force) throw new UsageError(`--${values.write ? 'write' : 'force'} only applies to init and index`);
  if (command !== 'check' && command !== 'owners') throw new UsageError(`unknown command "${command}"; use check, owners, init, index or rules (see charter --help)`);

  const formats = command === 'check' ? ['text', 'json', 'sarif', 'github'] : ['table', 'markdown', 'json', 'html'];
  const format = values.format ?? formats[0];
  if (!formats.includes(format)) throw new UsageError(`--format must be one of ${formats.join(', ')} for ${command}, not "${format}"`);
  let maxWarnings = Infinity;
  if (values['max-warnings'] !== undefined) {
    if (command !== 'check') throw new UsageError('--max-warnings only applies to check');
    if (!/^\d+$/.test(values['max-warnings'])) throw new UsageError(`--max-warnings must be a whole number, not "${values['max-warnings']}"`);
    maxWarnings = Number(values['max-warnings']);
  }
  if (command !== 'check' && values.baseline !== undefined) throw new UsageError('--baseline only applies to check');
  if (command !== 'check' && values['update-baseline']) throw new UsageError('--update-baseline only applies to check');
  if (values.baseline === '') throw new UsageError('--baseline needs a file name');
  if (command !== 'check' && values.base !== undefined) throw new UsageError('--base only applies to check');
  if (values.base === '') throw new UsageError('--base needs a revision (a branch, a tag or a commit)');
  const outputFile = values['output-file'];
  if (outputFile === '') throw new UsageError('--output-file needs a file name');
  const output = outputFile !== undefined ? outputTarget(io.cwd, outputFile) : undefined;
  const emit = (text: string) => (output ? writeOutput(output, outputFile!, text) : io.out(text));

  const root = path.resolve(io.cwd, values.root ?? '.');
  if (!isDir(root)) throw new UsageError(`the workspace root ${root} is not a folder`);
  // The baseline is read before the workspace, so that a missing or broken one stops at once.
  const wantsBaseline = values.baseline !== undefined || values['update-baseline'] === true;
  const target = wantsBaseline ? baselineTarget(io.cwd, root, values.baseline) : undefined;
  const old = target ? readBaseline(target) : undefined;
  if (target && !old && !values['update-baseline']) throw new UsageError(`the baseline ${target.shown} does not exist (create it with --update-baseline)`);

  const progress = io.isTTY ? progressLine(io) : undefined;
  const { ws, inScope } = await openWorkspace({ cwd: io.cwd, root: values.root, config: values.config, paths }, io, progress);

  if (command === 'owners') {
    const model = buildOwnership(ws.index, inScope);
    emit(
      format === 'json'
        ? formatOwnersJson(model)
        : format === 'html'
          ? formatOwnersHtml(model, { decisions: buildDecisionLife(ws.index, (p) => ws.index.findings(p), inScope) })
          : format === 'markdown'
            ? formatOwnersMarkdown(model)
            : formatOwnersTable(model),
    );
    return EXIT.ok;
  }

  if (values.base !== undefined) {
    const base = readBaseRecords(ws.root, values.base, ws.index);
    if ('problem' in base) throw new UsageError(`--base ${values.base}: ${base.problem}`);
    ws.index.baseRecords = base.records;
    ws.index.baseName = values.base;
  }
  let result = check(ws, inScope);
  let written: BaselineWritten | undefined;
  if (target && values['update-baseline']) {
    const w = writeBaseline(target, old, result, inScope);
    written = w.report;
    result = applyBaseline(result, w.baseline, target.shown);
  } else if (target && old) result = applyBaseline(result, old, target.shown);

  emit(
    format === 'json'
      ? formatJson(result)
      : format === 'sarif'
        ? formatSarif(result, VERSION)
        : format === 'github'
          ? formatGithub(result, { pathPrefix: githubPrefix(ws.root, io.env) })
          : formatText(result),
  );
  if (written) {
    io.err(`${baselineWrittenLine(written)}\n`);
    return EXIT.ok;
  }
  if (result.summary.errors > 0) return EXIT.findings;
  if (result.summary.warnings > maxWarnings) {
    if (format === 'text' || format === 'github') io.err(`charter: ${plural(result.summary.warnings, 'warning')}, more than --max-warnings ${maxWarnings}\n`);
    return EXIT.findings;
  }
  return EXIT.ok;
}

/**
 * GitHub places an annotation by its path in the repository: with GITHUB_WORKSPACE set (in a
 * workflow) and the root inside it, paths are made relative to it; otherwise to the root.
 */
function githubPrefix(root: string, env: NodeJS.ProcessEnv | undefined): string {
  const workspace = env?.GITHUB_WORKSPACE;
  if (!workspace) return '';
  const rel = path.relative(path.resolve(workspace), root);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return '';
  return `${rel.split(path.sep).join('/')}/`;
}

/** A progress line on standard error (a terminal only), after half a second: files read, or a step (`total` 0, `step` said). */
function progressLine(io: Io): (done: number, total: number, step?: string) => void {
  const started = Date.now();
  let shown = false;
  return (done, total, step) => {
    if (done < 0) {
      if (shown) io.err('\r\x1b[K');
      return;
    }
    if (Date.now() - started < 500 || (total === 0 && !step)) return;
    shown = true;
    io.err(step ? `\r\x1b[K${step}…` : `\rReading markdown files: ${done}/${total}`);
  };
}

if (require.main === module) {
  void main(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    cwd: process.cwd(),
    isTTY: Boolean(process.stderr.isTTY),
    env: process.env,
  }).then((code) => {
    process.exitCode = code;
  });
}
