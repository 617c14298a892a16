// The harness smoke test: proves that the runner starts a real VS Code with the extension under
// development loaded, opens a copy of the fixture, and handles the screenshot handshake.
const assert = require('assert');
const fs = require('fs');
const os = require('os');
const path = require('path');
const vscode = require('vscode');

const FIXTURE = path.resolve(__dirname, '..', 'fixture');

/** Asks the runner for a screenshot (see test/e2e/screenshot.ts); resolves with the PNG path. */
async function screenshot(name, timeoutMs = 30000) {
  const done = path.join(os.tmpdir(), `charter-shot-${process.pid}-${Date.now()}-${name}.done`);
  console.log(`CHARTER_SCREENSHOT ${name} ${done}`);
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(done)) {
    if (Date.now() > deadline) throw new Error(`no screenshot ${name} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const status = fs.readFileSync(done, 'utf8').trim();
  fs.rmSync(done, { force: true });
  if (!status.startsWith('ok ')) throw new Error(`screenshot ${name}: ${status}`);
  return status.slice(3);
}

describe('e2e harness smoke', () => {
  it('runs in VS Code 1.100 with the smoke extension active', async () => {
    assert.match(vscode.version, /^1\.100\./);
    const ext = vscode.extensions.getExtension('charter-dev.charter-e2e-smoke');
    assert.ok(ext, 'the extension under development is loaded');
    await ext.activate();
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('smoke.hello'), 'smoke.hello is registered');
    assert.strictEqual(await vscode.commands.executeCommand('smoke.hello'), 'hello from smoke');
  });

  it('opens a copy of the fixture as the workspace', async () => {
    const folders = vscode.workspace.workspaceFolders;
    assert.ok(folders && folders.length === 1, 'one workspace folder');
    const ws = folders[0].uri.fsPath;
    assert.strictEqual(ws, process.env.CHARTER_E2E_WORKSPACE);
    assert.notStrictEqual(ws, FIXTURE, 'not the fixture itself');
    assert.strictEqual(path.basename(ws), path.basename(FIXTURE));
    assert.strictEqual(fs.readFileSync(path.join(ws, 'README.md'), 'utf8'), fs.readFileSync(path.join(FIXTURE, 'README.md'), 'utf8'));
    const found = await vscode.workspace.findFiles('**/*.md');
    assert.deepStrictEqual(
      found.map((u) => path.basename(u.fsPath)),
      ['README.md'],
    );
  });

  it('gets a screenshot of the workbench through the runner', async () => {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(path.join(vscode.workspace.workspaceFolders[0].uri.fsPath, 'README.md')));
    await vscode.window.showTextDocument(doc);
    await new Promise((r) => setTimeout(r, 500)); // let the editor paint
    const png = await screenshot('e2e-smoke');
    const bytes = fs.readFileSync(png);
    assert.strictEqual(bytes.subarray(1, 4).toString('latin1'), 'PNG');
  });

  it('fails on purpose when SMOKE_FAIL=1 (proves the runner reports failures)', function () {
    if (process.env.SMOKE_FAIL !== '1') this.skip();
    assert.strictEqual(1 + 1, 3, 'deliberate failure');
  });
});
