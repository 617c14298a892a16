/**
 * What the suites need beyond `npm install`, decided in one place: the real-document corpora
 * (../shared/corpora), Neovim, pre-commit, chromium, code-server 4.100.3 and the Node version it runs on.
 *
 * Outside CI a missing resource skips the tests that need it, with ONE line on standard error
 * saying what is missing and the command that gets it. Under CI=true nothing may be skipped:
 * a missing resource fails the test with the same line.
 *
 * In a mocha test:
 *
 *     const dir = requireCorpus(this, 'rust-rfcs');   // in it() or before(): skips or fails
 *     need(this, 'nvim');
 *
 * From a shell script (exit 0: all there; 3: skip, the line printed; 1: CI=true and missing):
 *
 *     npx tsx test/support/requirements.ts --suite "VS Code (e2e) tests" node20 chromium code-server
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { spawnSync } from 'node:child_process';

export const REPO = path.resolve(__dirname, '..', '..');

/** Where the corpora are: $CHARTER_CORPORA, or ../shared/corpora beside the clone. */
export const CORPORA = process.env.CHARTER_CORPORA ? path.resolve(process.env.CHARTER_CORPORA) : path.resolve(REPO, '..', 'shared', 'corpora');

/** CI=true (or 1): every suite must run. */
export const IN_CI = /^(true|1|yes)$/i.test(process.env.CI ?? '');

/** The code-server the editor suites run in, and the Node major it needs. */
export const CODE_SERVER_VERSION = '4.100.3';
export const EDITOR_NODE_MAJOR = 20;

/** Where scripts/install-e2e.sh puts code-server and playwright-core. */
export const E2E_HOST = path.resolve(process.env.CHARTER_E2E_HOST ?? path.join(REPO, '.vscode-test', 'code-server'));
const CHROMIUM = process.env.CHARTER_E2E_CHROMIUM ?? '/usr/bin/chromium';

/** Something a suite needs: `corpus:<name>` for a folder of ../shared/corpora. */
export type Resource = 'nvim' | 'pre-commit' | 'chromium' | 'code-server' | 'node20' | 'realworld' | `corpus:${string}`;

/** Why a resource is missing: what, and the command that gets it. */
export interface Lack {
  what: string;
  get: string;
}

const GET_CORPORA = 'bash scripts/get-corpora.sh (clones the pinned sources into ../shared/corpora; or set CHARTER_CORPORA=<folder>)';
const GET_E2E =
  'sudo npm run setup (apt: chromium and what code-server builds with, as root; npm: code-server into .vscode-test/, as you; no sudo needed when the apt packages are there)';

/** Why a resource is not usable here, or undefined when it is. */
export function lack(resource: Resource): Lack | undefined {
  if (resource.startsWith('corpus:')) {
    const name = resource.slice('corpus:'.length);
    const dir = corpusPath(name);
    return isNonEmptyDir(dir) ? undefined : { what: `the ${name} corpus is not at ${dir}`, get: GET_CORPORA };
  }
  switch (resource) {
    case 'realworld': {
      // The real-world corpus: pinned public repositories (test/realworld/corpus.json), never
      // committed; read from their copies in ../shared/corpora/realworld and nowhere else.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const rw = require('../../scripts/realworld') as typeof import('../../scripts/realworld');
      const source = rw.corpusSource(rw.loadManifest());
      return 'missing' in source
        ? {
            what: `the real-world corpus: ${source.missing}`,
            get: `copy each repository's pinned files (test/realworld/corpus.json) into ${rw.SHARED_COPY}/<owner>+<name>/, see CONTRIBUTING.md`,
          }
        : undefined;
    }
    case 'nvim':
      return onPath('nvim', ['--version']) ? undefined : { what: 'nvim is not installed', get: 'apt-get install neovim (as root), or bash scripts/setup.sh as root' };
    case 'pre-commit':
      return onPath('pre-commit', ['--version'])
        ? undefined
        : { what: 'pre-commit is not installed', get: 'apt-get install pre-commit (as root), or bash scripts/setup.sh as root' };
    case 'chromium':
      return isExecutable(CHROMIUM) ? undefined : { what: `chromium is not installed (${CHROMIUM})`, get: GET_E2E };
    case 'code-server':
      return codeServerInstalled() ? undefined : { what: `code-server ${CODE_SERVER_VERSION} is not installed in ${path.relative(REPO, E2E_HOST) || E2E_HOST}`, get: GET_E2E };
    case 'node20':
      return nodeMajor() === EDITOR_NODE_MAJOR
        ? undefined
        : {
            what: `code-server ${CODE_SERVER_VERSION} needs Node ${EDITOR_NODE_MAJOR}; this is Node ${process.versions.node}`,
            get: `run npm test with Node ${EDITOR_NODE_MAJOR} (e.g. nvm use ${EDITOR_NODE_MAJOR})`,
          };
  }
  return { what: `unknown resource ${resource}`, get: 'fix the test' };
}

/** The folder of a corpus (whether or not it is there). */
export function corpusPath(name: string): string {
  return path.join(CORPORA, name);
}

/**
 * The one line that says what is missing and how to get it: outside CI, which tests are
 * skipped (`suite`, or every test that needs it); under CI=true, which test fails.
 */
export function describeLacks(lacks: Lack[], suite?: string): string {
  const what = lacks.map((l) => l.what).join('; ');
  const get = [...new Set(lacks.map((l) => l.get))].join(' and ');
  if (IN_CI) return `missing under CI=true, where nothing may be skipped: ${suite ? `${suite}: ` : ''}${what} — get it with: ${get}`;
  return `skipped: ${suite ?? `the tests that need ${lacks.length > 1 ? 'these' : 'it'}`} (${what}) — get it with: ${get}`;
}

const said = new Set<string>();

/** Minimal view of a mocha context, so that this module needs no mocha types at run time. */
interface Titled {
  title?: string;
  type?: string;
  fullTitle?(): string;
  parent?: Titled;
}
interface SkippableContext {
  skip(): never | void;
  test?: Titled;
  currentTest?: Titled;
}

/**
 * Makes sure the resources are there: outside CI, skips the test (or the hook's suite) with
 * one line on stderr (once per missing set); under CI=true throws with that line.
 */
export function need(ctx: SkippableContext, ...resources: Resource[]): void {
  const lacks = resources.map(lack).filter((l): l is Lack => l !== undefined);
  if (lacks.length === 0) return;
  // In a hook, name the suite it belongs to; in a test, the test.
  const runnable = ctx.currentTest ?? ctx.test;
  const named = runnable?.type === 'hook' ? runnable.parent : runnable;
  const suite = named?.fullTitle?.() || named?.title || 'this test';
  if (IN_CI) throw new Error(describeLacks(lacks, suite));
  const line = describeLacks(lacks);
  const key = lacks.map((l) => l.what).join('|');
  if (!said.has(key)) {
    said.add(key);
    process.stderr.write(`${line}\n`);
  }
  ctx.skip();
}

/** The folder of a corpus; skips the test outside CI, fails it under CI=true, when it is missing. */
export function requireCorpus(ctx: SkippableContext, name: string): string {
  need(ctx, `corpus:${name}`);
  return corpusPath(name);
}

function nodeMajor(): number {
  return Number(process.versions.node.split('.')[0]);
}

function isNonEmptyDir(dir: string): boolean {
  try {
    return fs.statSync(dir).isDirectory() && fs.readdirSync(dir).length > 0;
  } catch {
    return false;
  }
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function onPath(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { stdio: 'ignore', timeout: 10_000 });
  return r.status === 0;
}

/** What scripts/install-e2e.sh leaves when it finishes (its fast-path check). */
function codeServerInstalled(): boolean {
  const mod = path.join(E2E_HOST, 'node_modules');
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(mod, 'code-server', 'package.json'), 'utf8')) as { version?: string };
    return (
      pkg.version === CODE_SERVER_VERSION &&
      fs.existsSync(path.join(mod, 'code-server', 'out', 'node', 'entry.js')) &&
      fs.existsSync(path.join(mod, 'code-server', 'lib', 'vscode', 'node_modules.asar')) &&
      fs.existsSync(path.join(mod, 'playwright-core', 'package.json'))
    );
  } catch {
    return false;
  }
}

/** Shell use: `tsx test/support/requirements.ts [--suite NAME] resource…`. */
function cli(argv: string[]): number {
  let suite: string | undefined;
  const resources: Resource[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--suite') suite = argv[++i];
    else resources.push(argv[i] as Resource);
  }
  const lacks = resources.map(lack).filter((l): l is Lack => l !== undefined);
  if (lacks.length === 0) return 0;
  process.stderr.write(`${describeLacks(lacks, suite)}\n`);
  return IN_CI ? 1 : 3;
}

if (require.main === module) process.exitCode = cli(process.argv.slice(2));
