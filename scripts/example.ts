/**
 * `npm run example`: Charter on the bundled example workspace, as a newcomer would first
 * see it. Prints what the checker finds, then opens examples/ in a real VS Code with the
 * extension: the desktop `code` when it is installed, otherwise code-server on 127.0.0.1
 * (installed by scripts/install-e2e.sh) with the URL printed. Ctrl+C stops it.
 *
 *   npm run example               check, then open the editor
 *   npm run example -- --check    only the checker (what CI and scripts want)
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';

const root = path.resolve(__dirname, '..');
const examples = path.join(root, 'examples');
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

function run(cmd: string, argv: string[], opts: { cwd?: string } = {}): number {
  const r = spawnSync(cmd, argv, { stdio: 'inherit', cwd: opts.cwd ?? root });
  return r.status ?? 1;
}

function onPath(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
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

async function main(): Promise<number> {
  console.log('Charter on the example workspace (examples/):\n');
  const code = run(process.execPath, [path.join(root, 'dist/cli.js'), 'check', '--root', examples]);
  if (args.check) return code;
  console.log('');

  const desktop = !args.codeServer && onPath('code') && (process.env.DISPLAY || process.platform !== 'linux');
  if (desktop) {
    console.log('Opening examples/ in VS Code with the extension loaded from this folder…');
    return run('code', ['--new-window', `--extensionDevelopmentPath=${root}`, examples]);
  }

  // code-server: installed once (about a minute), then started on loopback only.
  const bin = path.join(root, '.vscode-test/code-server/node_modules/.bin/code-server');
  if (!fs.existsSync(bin)) {
    console.log('No desktop VS Code here: installing code-server (once) with scripts/install-e2e.sh…');
    if (run('bash', [path.join(root, 'scripts/install-e2e.sh')]) !== 0 || !fs.existsSync(bin)) {
      console.error('Could not install code-server; the checker output above is what Charter finds.');
      return 1;
    }
  }
  const vsix = path.join(root, 'charter.vsix');
  console.log('Packaging the extension (charter.vsix)…');
  if (run('npm', ['run', '--silent', 'package']) !== 0) return 1;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-example-'));
  const dirs = { user: path.join(tmp, 'user'), ext: path.join(tmp, 'extensions'), home: path.join(tmp, 'home') };
  for (const d of Object.values(dirs)) fs.mkdirSync(d, { recursive: true });
  fs.mkdirSync(path.join(dirs.user, 'User'), { recursive: true });
  fs.writeFileSync(path.join(dirs.user, 'User/settings.json'), JSON.stringify({ 'telemetry.telemetryLevel': 'off', 'workbench.startupEditor': 'none', 'files.autoSave': 'off' }, null, 2));
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
  const server = spawn(bin, [...common, '--auth', 'none', '--bind-addr', `127.0.0.1:${port}`, '--disable-workspace-trust', '--disable-getting-started-override', '--ignore-last-opened', examples], {
    env,
    detached: true,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
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
  console.log(`\nCharter is running in VS Code (code-server) — open this in your browser:\n\n    http://127.0.0.1:${port}/?folder=${encodeURIComponent(examples)}\n\nClick the Charter icon in the activity bar for "Who owns what"; the Problems panel lists the findings.\nPress Ctrl+C to stop.`);
  return new Promise((resolve) => server.on('exit', (c) => {
    fs.rmSync(tmp, { recursive: true, force: true });
    resolve(c ?? 0);
  }));
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`npm run example: ${(e as Error).message}`);
    process.exit(1);
  },
);
