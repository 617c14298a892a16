/**
 * `npm run example`: Charter on the bundled example workspace, as a newcomer would first
 * see it. Prints what the checker finds, then opens examples/ in a real VS Code with the
 * extension:
 *
 *   - the desktop `code`, when it is installed (with the extension loaded from this folder);
 *   - else code-server on 127.0.0.1 with the URL printed (Ctrl+C stops it), when it is
 *     installed in .vscode-test/ — or, as root, after installing it (scripts/install-e2e.sh
 *     --editor: only what code-server needs, no chromium);
 *   - else it builds charter.vsix and says, in one short message, how to open it: in your own
 *     VS Code, or with `sudo npm run setup` (or `npm run setup` where that needs no root) for
 *     the bundled code-server. Exit 0: nothing went wrong, there is just no editor here yet.
 *
 * It never waits for input: nothing it runs reads standard input.
 *
 *   npm run example                    check, then open the editor
 *   npm run example -- --check         only the checker (what CI and scripts want)
 *   npm run example -- --code-server   code-server even where a desktop VS Code is installed
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

const root = path.resolve(__dirname, '..');
const examples = path.join(root, 'examples');
const vsix = path.join(root, 'charter.vsix');
/** The Node major code-server 4.100.3 runs on (test/support/requirements.ts says the same). */
const EDITOR_NODE_MAJOR = 20;

/** `--check`: only the checker; `--code-server`: code-server even where a desktop VS Code is installed. */
function options(): { check: boolean; codeServer: boolean } {
  try {
    const { values } = parseArgs({ args: process.argv.slice(2), options: { check: { type: 'boolean' }, 'code-server': { type: 'boolean' } } });
    return { check: Boolean(values.check), codeServer: Boolean(values['code-server']) };
  } catch (e) {
    console.error(`example: ${(e as Error).message.split('\n')[0]}\nusage: npm run example [-- --check | --code-server]`);
    process.exit(2);
  }
}
const args = options();

/** Runs a command with its output shown; standard input is never read. */
function run(cmd: string, argv: string[]): number {
  const r = spawnSync(cmd, argv, { stdio: ['ignore', 'inherit', 'inherit'], cwd: root });
  return r.status ?? 1;
}

/** Runs a command quietly; its output is shown only when it fails. */
function quiet(what: string, cmd: string, argv: string[]): boolean {
  const r = spawnSync(cmd, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: root, encoding: 'utf8' });
  if (r.status === 0) return true;
  console.error(`${what} failed (${r.error?.message ?? `exit ${r.status}`}):\n${`${r.stdout ?? ''}${r.stderr ?? ''}`.trim()}`);
  return false;
}

/** Whether an executable of that name is on the PATH. */
function onPath(cmd: string): boolean {
  return (process.env.PATH ?? '').split(path.delimiter).some((dir) => {
    try {
      fs.accessSync(path.join(dir || '.', cmd), fs.constants.X_OK);
      return fs.statSync(path.join(dir || '.', cmd)).isFile();
    } catch {
      return false;
    }
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

/** charter.vsix, as `npm run package` makes it (minus its second type check: `npm run example` has just run one). */
function packageVsix(): boolean {
  return (
    quiet('Building the production bundles', process.execPath, [path.join(root, 'scripts/build.mjs'), '--production']) &&
    quiet('Packaging charter.vsix', 'npm', ['run', '--silent', 'vsix']) &&
    fs.existsSync(vsix)
  );
}

const isRoot = process.getuid?.() === 0;
const nodeMajor = Number(process.versions.node.split('.')[0]);

/**
 * No editor here: the .vsix, and the one next step for each way of opening it. The bundled
 * code-server is offered where it can run (Node 20, Debian's apt-get), with `sudo` only when
 * `npm run setup` would need root.
 */
function nextStep(): number {
  if (!packageVsix()) return 1;
  const lines = [
    'No VS Code here to open examples/ in. The extension is packaged as',
    `    ${vsix}`,
    `Install it in your VS Code: code --install-extension ${vsix}`,
    `  (or "Extensions: Install from VSIX…"), then open the folder ${examples}`,
  ];
  if (nodeMajor !== EDITOR_NODE_MAJOR) {
    lines.push(`Or, with Node ${EDITOR_NODE_MAJOR} (this is ${process.versions.node}), VS Code in the browser: npm run setup, then npm run example again.`);
  } else if (onPath('apt-get')) {
    const needsRoot = !isRoot && spawnSync('bash', [path.join(root, 'scripts/setup.sh'), '--needs-root'], { stdio: 'ignore', cwd: root }).status === 0;
    lines.push(`Or VS Code in the browser (code-server, about 300 MB): ${needsRoot ? 'sudo ' : ''}npm run setup, then npm run example again.`);
  }
  console.log(lines.join('\n'));
  return 0;
}

async function main(): Promise<number> {
  console.log('Charter on the example workspace (examples/):\n');
  const code = run(process.execPath, [path.join(root, 'dist/cli.js'), 'check', '--root', examples]);
  if (args.check) return code;
  console.log('');

  const desktop = !args.codeServer && onPath('code') && (process.env.DISPLAY || process.env.WAYLAND_DISPLAY || process.platform !== 'linux');
  if (desktop) {
    console.log('Opening examples/ in VS Code with the extension loaded from this folder…');
    return run('code', ['--new-window', `--extensionDevelopmentPath=${root}`, examples]);
  }

  // code-server: used when installed; installed first only by root (apt needs it), and then
  // only what code-server needs. Anyone else gets the .vsix and the next step.
  const installer = path.join(root, 'scripts/install-e2e.sh');
  const bin = path.join(root, '.vscode-test/code-server/node_modules/.bin/code-server');
  const ready = () => fs.existsSync(bin) && spawnSync('bash', [installer, '--editor', '--check'], { stdio: 'ignore', cwd: root }).status === 0;
  if (!ready()) {
    if (!(isRoot && nodeMajor === EDITOR_NODE_MAJOR && onPath('apt-get'))) return nextStep();
    console.log('No VS Code here: installing code-server (once; about a minute, 300 MB) with scripts/install-e2e.sh --editor…');
    if (run('bash', [installer, '--editor']) !== 0 || !ready()) {
      console.error('Could not install code-server (see above).');
      nextStep();
      return 1;
    }
  }
  console.log('Packaging the extension (charter.vsix)…');
  if (!packageVsix()) return 1;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-example-'));
  const dirs = { user: path.join(tmp, 'user'), ext: path.join(tmp, 'extensions'), home: path.join(tmp, 'home') };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  fs.mkdirSync(path.join(dirs.user, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(dirs.user, 'User/settings.json'),
    JSON.stringify({ 'telemetry.telemetryLevel': 'off', 'workbench.startupEditor': 'none', 'files.autoSave': 'off' }, null, 2),
  );
  const configFile = path.join(tmp, 'config.yaml');
  fs.writeFileSync(configFile, '');
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: dirs.home, EXTENSIONS_GALLERY: '{}' };
  for (const k of Object.keys(env)) if (k.startsWith('VSCODE_')) delete env[k];
  const common = ['--config', configFile, '--user-data-dir', dirs.user, '--extensions-dir', dirs.ext, '--disable-telemetry', '--disable-update-check'];
  const installed = spawnSync(bin, [...common, '--install-extension', vsix], { env, encoding: 'utf8' });
  if (installed.status !== 0) {
    console.error(`Could not install charter.vsix into code-server:\n${installed.stderr}`);
    return 1;
  }
  const port = Number(process.env.PORT) || (await freePort());
  const server = spawn(
    bin,
    [...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened', examples],
    {
      env,
      detached: true,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const stop = () => {
    try {
      process.kill(-server.pid!, 'SIGTERM');
    } catch {
      // already gone
    }
    fs.rmSync(tmp, { recursive: true, force: true });
  };
  process.on('SIGINT', () => {
    stop();
    process.exit(0);
  });
  process.on('SIGTERM', () => {
    stop();
    process.exit(0);
  });
  console.log(
    `\nCharter is running in VS Code (code-server) — open this in your browser:\n\n    http://127.0.0.1:${port}/?folder=${encodeURIComponent(examples)}\n\nClick the Charter icon in the activity bar for "Who owns what"; the Problems panel lists the findings.\nPress Ctrl+C to stop.`,
  );
  return new Promise((resolve) =>
    server.on('exit', (c) => {
      fs.rmSync(tmp, { recursive: true, force: true });
      resolve(c ?? 0);
    }),
  );
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`npm run example: ${(e as Error).message}`);
    process.exit(1);
  },
);
