/**
 * The baseline in the editor, over LSP with the real server: the findings the baseline file
 * holds (`charter.baseline`, `.charter-baseline.json` by default) are published as hints that
 * say so, new ones at their own severity — exactly the findings `charter check --baseline`
 * hides and prints. The file is read again when it changes or the setting does; a broken one
 * is shown on the file and logged, never a crash; one outside the folder is never read; an
 * untrusted workspace has none.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DidChangeConfigurationNotification, DiagnosticSeverity, FileChangeType, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { TestClient, messageOf } from './lspClient';
import { charter, ensureBuilt, FIXTURES, json, type JsonReport } from '../cli/helpers';

const REPO = path.resolve(__dirname, '../..');
const TAG = ' (in the baseline)';
const BASELINE = '.charter-baseline.json';
/** A PRD with an owner and no What: one new warning. */
const NEW_PRD = '---\nowner: Dana Lee\n---\n# New\n\n## Why\n\nBecause.\n';

const temps: string[] = [];
function workspace(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-server-baseline-'));
  temps.push(dir);
  fs.cpSync(path.join(FIXTURES, 'findings'), dir, { recursive: true });
  return dir;
}

/** Writes the baseline of the workspace as it is now, with the real checker. */
function updateBaseline(root: string, file = BASELINE): void {
  const r = charter(['check', '--update-baseline', '--baseline', file], root);
  assert.equal(r.status, 0, r.stderr);
}

async function start(root: string, settings: unknown = {}, init?: unknown): Promise<TestClient> {
  const client = new TestClient(root);
  client.settings = settings;
  await client.initialize([root], init);
  await client.ready();
  return client;
}

/** `rule severity line message` of each diagnostic, severities as LSP numbers. */
const shown = (ds: Diagnostic[]) => ds.map((d) => `${d.code} ${d.severity} ${d.range.start.line + 1} ${messageOf(d)}`);
const hints = (ds: Diagnostic[]) => ds.filter((d) => d.severity === DiagnosticSeverity.Hint);

describe('language server: the baseline', function () {
  this.timeout(60_000);
  const clients: TestClient[] = [];
  const track = (c: TestClient) => (clients.push(c), c);

  before(ensureBuilt);
  afterEach(async () => {
    for (const c of clients.splice(0)) await c.stop();
  });
  after(() => {
    for (const d of temps.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('publishes what the baseline holds as hints and new findings at their severity, as charter check --baseline decides', async () => {
    const root = workspace();
    updateBaseline(root);
    fs.writeFileSync(path.join(root, 'docs/new.prd.md'), NEW_PRD);
    const client = track(await start(root));
    await client.waitForDiagnostics('docs/new.prd.md', (d) => d.length === 1);
    await client.waitForDiagnostics('docs/checkout.prd.md', (d) => d.length === 3);

    const rep = json<JsonReport>(charter(['check', '--baseline', BASELINE, '--format', 'json'], root));
    let held = 0;
    for (const f of rep.files) {
      const expected = f.diagnostics.map((d) => {
        const baselined = (d as { baselined?: boolean }).baselined === true;
        if (baselined) held++;
        const severity = baselined ? DiagnosticSeverity.Hint : { error: 1, warning: 2, info: 3 }[d.severity];
        return `${d.rule} ${severity} ${d.line} ${d.message}${baselined ? TAG : ''}`;
      });
      await client.waitForDiagnostics(f.path, (d) => d.length === expected.length);
      assert.deepEqual(shown(client.diagnosticsOf(f.path)), expected, f.path);
    }
    assert.equal(held, 11);
    assert.deepEqual(shown(client.diagnosticsOf('docs/new.prd.md')), [`missing-section 2 4 ${rep.files.find((f) => f.path === 'docs/new.prd.md')!.diagnostics[0].message}`]);
    const hint = hints(client.diagnosticsOf('docs/checkout.prd.md'))[0];
    assert.equal(hint.source, 'charter');
    assert.equal((hint.data as { baselined?: boolean }).baselined, true);
    assert.match(hint.codeDescription!.href, /docs\/rules\/.+\.md$/);
  });

  it('keeps holding them as the document is edited above them, and shows a new one at its severity', async () => {
    const root = workspace();
    updateBaseline(root);
    const client = track(await start(root));
    await client.waitForDiagnostics('docs/checkout.prd.md', (d) => hints(d).length === 3);
    const text = fs.readFileSync(path.join(root, 'docs/checkout.prd.md'), 'utf8');
    const moved = text.replace('# Checkout\n', '# Checkout\n\nIntro.\n\nMore intro.\n');
    await client.open('docs/checkout.prd.md', moved);
    const after = await client.waitForDiagnostics('docs/checkout.prd.md', (d) => d.length === 3 && d.some((x) => x.range.start.line === 14));
    assert.deepEqual(
      after.map((d) => d.severity),
      [4, 4, 4],
    );
    await client.change('docs/checkout.prd.md', [{ text: `${moved}\n## Risks\n` }]);
    const more = await client.waitForDiagnostics('docs/checkout.prd.md', (d) => d.length === 4);
    assert.deepEqual(
      shown(more).filter((l) => !l.endsWith(TAG)),
      ['empty-section 2 17 Section "Risks" is empty'],
    );
  });

  it('reads the file again when it changes on disk, and follows charter.baseline', async () => {
    const root = workspace();
    updateBaseline(root);
    fs.writeFileSync(path.join(root, 'docs/new.prd.md'), NEW_PRD);
    const client = track(await start(root));
    await client.waitForDiagnostics('docs/new.prd.md', (d) => d.length === 1 && d[0].severity === DiagnosticSeverity.Warning);
    // charter check --update-baseline takes the new finding in; the editor sees the file change.
    updateBaseline(root);
    await client.watched([{ uri: client.uri(BASELINE), type: FileChangeType.Changed }]);
    await client.waitForDiagnostics('docs/new.prd.md', (d) => d.length === 1 && d[0].severity === DiagnosticSeverity.Hint);
    // An empty setting: no baseline.
    client.settings = { baseline: '' };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    await client.waitForDiagnostics('docs/checkout.prd.md', (d) => d.length === 3 && hints(d).length === 0);
    // Published one document after another: wait for this one too, then say what it must show.
    await client.waitForDiagnostics('docs/new.prd.md', (d) => d.length === 1 && d[0].severity === DiagnosticSeverity.Warning);
    assert.deepEqual(
      client.diagnosticsOf('docs/new.prd.md').map((d) => d.severity),
      [DiagnosticSeverity.Warning],
    );
    // Another file, in a folder of the workspace.
    fs.mkdirSync(path.join(root, 'ci'));
    fs.copyFileSync(path.join(root, BASELINE), path.join(root, 'ci/charter.json'));
    client.settings = { baseline: 'ci/charter.json' };
    await client.connection.sendNotification(DidChangeConfigurationNotification.type, { settings: {} });
    await client.waitForDiagnostics('docs/checkout.prd.md', (d) => hints(d).length === 3);
    await client.waitForDiagnostics('docs/new.prd.md', (d) => hints(d).length === 1);
  });

  it('shows a broken baseline on the file, logs it, keeps every finding at its severity, and recovers when it is fixed', async () => {
    const root = workspace();
    updateBaseline(root);
    const good = fs.readFileSync(path.join(root, BASELINE), 'utf8');
    fs.writeFileSync(path.join(root, BASELINE), '{\n  "version": 1,\n  "findings": {,\n}\n');
    const client = track(await start(root));
    const problem = await client.waitForDiagnostics(BASELINE, (d) => d.length === 1);
    assert.equal(problem[0].severity, DiagnosticSeverity.Error);
    assert.equal(problem[0].range.start.line, 2);
    assert.match(messageOf(problem[0]), /^Charter cannot use this baseline: it is not valid JSON .*Findings are shown at their own severity until it is fixed\.$/);
    await client.waitForDiagnostics('docs/checkout.prd.md', (d) => d.length === 3);
    assert.equal(hints(client.diagnosticsOf('docs/checkout.prd.md')).length, 0);
    assert.ok(
      client.logs.some((l) => l.includes(`the baseline ${BASELINE}: it is not valid JSON`)),
      client.logs.join('\n'),
    );
    // Fixed on disk: the problem goes, the hints come.
    fs.writeFileSync(path.join(root, BASELINE), good);
    await client.watched([{ uri: client.uri(BASELINE), type: FileChangeType.Changed }]);
    await client.waitForDiagnostics(BASELINE, (d) => d.length === 0);
    await client.waitForDiagnostics('docs/checkout.prd.md', (d) => hints(d).length === 3);
    // A huge file is refused, not parsed; the server goes on answering.
    fs.writeFileSync(path.join(root, BASELINE), Buffer.alloc(16 * 1024 * 1024 + 1, 0x20));
    await client.watched([{ uri: client.uri(BASELINE), type: FileChangeType.Changed }]);
    const huge = await client.waitForDiagnostics(BASELINE, (d) => d.length === 1);
    assert.match(messageOf(huge[0]), /a baseline is at most 16 MB/);
    await client.waitForDiagnostics('docs/checkout.prd.md', (d) => hints(d).length === 0);
  });

  it('never reads a baseline outside the workspace folder, by a path or by a symbolic link', async () => {
    const root = workspace();
    updateBaseline(root);
    const outside = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-outside-'));
    temps.push(outside);
    fs.renameSync(path.join(root, BASELINE), path.join(outside, 'b.json'));
    const rel = path.relative(root, path.join(outside, 'b.json'));
    const client = track(await start(root, { baseline: rel }));
    await client.waitForDiagnostics('docs/checkout.prd.md', (d) => d.length === 3);
    assert.equal(hints(client.diagnosticsOf('docs/checkout.prd.md')).length, 0);
    await client.waitFor(() => client.logs.some((l) => l.includes('is not a path inside the workspace folder')), 10_000, 'the log line');
    // A link in the folder to the file outside it.
    fs.symlinkSync(path.join(outside, 'b.json'), path.join(root, BASELINE));
    const linked = track(await start(root));
    const problem = await linked.waitForDiagnostics(BASELINE, (d) => d.length === 1);
    assert.match(messageOf(problem[0]), /leads outside the workspace folder/);
    assert.equal(hints(linked.diagnosticsOf('docs/checkout.prd.md')).length, 0);
  });

  it('applies none in an untrusted workspace, where charter.baseline is a restricted setting', async () => {
    const root = workspace();
    updateBaseline(root);
    const client = track(await start(root, {}, { trusted: false, settings: {} }));
    await client.waitForDiagnostics('docs/checkout.prd.md', (d) => d.length === 3);
    assert.equal(hints(client.diagnosticsOf('docs/checkout.prd.md')).length, 0);
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('charter.baseline'));
    assert.equal(pkg.contributes.configuration.properties['charter.baseline'].default, BASELINE);
  });
});
