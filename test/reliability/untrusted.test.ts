/**
 * A repository is untrusted input (issue 18): each class of hostile repository is built on
 * disk here and run through the checker (`node dist/cli.js`) and the server (over stdio):
 * nothing in it becomes a live link or a terminal escape, nothing outside the root is read,
 * no file of its own hangs Charter, no error quotes a file that is not a configuration, and
 * malformed requests get InvalidParams. docs/security.md names the test that holds each line.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ErrorCodes, HoverRequest, ResponseError } from 'vscode-languageserver-protocol/node';
import { charter, ensureBuilt, json, Temps, writeFiles } from '../cli/helpers';
import { TestClient } from '../server/lspClient';
import { OwnersHtmlRequest, OwnersReportRequest, OwnershipRequest } from '../../server/src/lsp/protocol';
import { readText } from '../../server/src/node/files';
import { Classifier } from '../../server/src/core/classify';
import { defaultConfig } from '../../server/src/core/config';

const temps = new Temps();
before(ensureBuilt);
after(() => temps.removeAll());

/** A control character, bidi control or line separator, raw. */
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/;

async function server(ws: string, options: { trusted?: boolean } = {}): Promise<TestClient> {
  const client = new TestClient(ws);
  await client.initialize([ws], options.trusted === false ? { trusted: false } : undefined);
  await client.ready(20_000);
  return client;
}

/** A PRD whose every text a terminal or a page might act on carries hostile characters. */
const HOSTILE_PRD = [
  '---',
  'type: prd',
  'owner: "Eve \\e]0;pwned\\a\\e[2J\\u202Eevil"',
  '---',
  '# Title \x1b]8;;https://evil.example\x07link\x1b]8;;\x07 \u202Eevil',
  '',
  '## Why \x07',
  '',
  'Because.',
  '',
].join('\n');

describe('untrusted repositories: nothing in them runs, leaks, escapes or hangs', function () {
  this.timeout(120_000);

  describe('a file named like a URL: no report turns it into a live link', () => {
    const names = ['javascript:alert(document.domain)<!--x.md', 'https:evil.example.md'];
    let ws: string;
    before(() => {
      ws = temps.make('scheme');
      for (const n of names) writeFiles(ws, { [n]: '---\ntype: prd\nowner: Dana\n---\n# A\n\n## Why\n\nx\n' });
      writeFiles(ws, { 'docs/DECISIONS.md': '# Log\n\n## Pick one\n\nDate: 2024-01-01\nDecision: x\nDecision maker: TBD\n' });
    });

    it('checker: html, markdown and SARIF link it as a relative path, and the page forbids script', () => {
      const html = charter(['owners', '--format', 'html'], ws).stdout;
      assert.doesNotMatch(html, /href="(?:javascript|https?):/i);
      assert.match(html, /href="javascript%3Aalert%28document\.domain%29%3C%21--x\.md#L\d+"/);
      assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;sha256-[A-Za-z0-9+/=]+&#39;/);
      assert.doesNotMatch(html, /<script/i);
      const md = charter(['owners', '--format', 'markdown'], ws).stdout;
      assert.doesNotMatch(md, /\]\((?:javascript|https?):/i);
      assert.match(md, /\]\(https%3Aevil\.example\.md#L\d+\)/);
      const sarif = json(charter(['check', '--format', 'sarif'], ws));
      const uris: string[] = sarif.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri);
      assert.ok(uris.length > 0);
      for (const u of uris) assert.equal(new URL(u, 'file:///src/root/').href.startsWith('file:///src/root/'), true, `${u} resolves under %SRCROOT%`);
    });

    it("server: the webview report links through the extension's command, the markdown report by relative path", async () => {
      const client = await server(ws);
      try {
        const { html } = await client.request(OwnersHtmlRequest.type, { csp: "default-src 'none'", nonce: 'n' });
        for (const href of html.match(/href="[^"]*"/g) ?? []) assert.match(href, /^href="(?:command:charter\.openItem\?|#)/, href);
        const { markdown } = await client.request(OwnersReportRequest.type, {});
        assert.doesNotMatch(markdown, /\]\((?:javascript|https?):/i);
      } finally {
        await client.stop();
      }
    });
  });

  describe('names, titles and headings with terminal escapes and bidi overrides', () => {
    let ws: string;
    before(() => {
      ws = temps.make('escapes');
      writeFiles(ws, {
        'docs/prd/\x1b[31mred\x1b[0m.md': HOSTILE_PRD,
        'docs/CHARTER.md': '---\ntype: charter\npeople:\n  - { name: Dana, role: PM }\n---\n# Team\n',
        'docs/DECISIONS.md': '# Log\n\n## Clear the screen \x1b[2J\x1b[H\n\nDate: 2024-01-01\nDecision: x\nDecision maker: Mallory\u202Eyrollam\n',
      });
    });

    it('checker: text, owners table and markdown, and the notes, carry no raw control or bidi character, piped or not', () => {
      for (const args of [['check'], ['owners'], ['owners', '--format', 'markdown']]) {
        const r = charter(args, ws);
        assert.ok(r.status === 0 || r.status === 1, r.stderr);
        assert.doesNotMatch(r.stdout, RAW_CONTROL, `${args.join(' ')}: stdout`);
        assert.doesNotMatch(r.stderr, RAW_CONTROL, `${args.join(' ')}: stderr`);
      }
      const text = charter(['check'], ws).stdout;
      assert.match(text, /\\x1b\[31mred\\x1b\[0m\.md/, 'the file name is shown, escaped');
      assert.match(text, /Mallory\\u202eyrollam/, 'the owner is shown, escaped');
    });

    it('checker: JSON and SARIF keep the exact text, JSON-escaped', () => {
      const report = json(charter(['check', '--format', 'json'], ws));
      assert.ok(report.files.some((f: any) => f.path === 'docs/prd/\x1b[31mred\x1b[0m.md'));
      assert.ok(JSON.stringify(report).includes('Mallory\\u202eyrollam') || JSON.stringify(report).includes('Mallory\u202Eyrollam'));
      const owners = json(charter(['owners', '--format', 'json'], ws));
      assert.ok(owners.people.some((p: any) => p.name === 'Mallory\u202Eyrollam'));
    });
  });

  describe('links that leave the root: a file link and a folder link to /', () => {
    let ws: string;
    let outside: string;
    before(() => {
      outside = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-outside-'));
      fs.writeFileSync(path.join(outside, 'secret.md'), '---\ntype: prd\nowner: Mallory Outside\n---\n# Outside secret heading\n\n## Why\n\nx\n');
      ws = temps.make('links');
      writeFiles(ws, { 'docs/prd/real.md': '# Real\n', 'notes/prd/inside.md': '# Inside\n' });
      fs.symlinkSync(path.join(outside, 'secret.md'), path.join(ws, 'docs', 'prd', 'leak.md'));
      fs.symlinkSync('/', path.join(ws, 'all'));
      // Links inside the root are followed: a file link and a folder link.
      fs.symlinkSync('real.md', path.join(ws, 'docs', 'prd', 'alias.md'));
      fs.symlinkSync('../notes', path.join(ws, 'docs', 'mirror'));
    });
    after(() => fs.rmSync(outside, { recursive: true, force: true }));

    it('checker: each link is skipped with one note naming it, nothing of it is printed, links inside still work', () => {
      const r = charter(['check', '--format', 'sarif'], ws);
      assert.ok(r.ms < 15_000, `the folder link to / was not walked (${r.ms} ms)`);
      assert.doesNotMatch(r.stdout, /Outside secret|Mallory/);
      const notes = r.stderr.split('\n').filter((l) => /outside the workspace root/.test(l));
      assert.deepEqual(notes.sort(), [
        'all: note: skipped: a symbolic link that leads outside the workspace root',
        'docs/prd/leak.md: note: skipped: a symbolic link that leads outside the workspace root',
      ]);
      const files = json(charter(['check', '--format', 'json'], ws)).files.map((f: any) => f.path);
      assert.ok(files.includes('docs/prd/alias.md') && files.some((f: string) => f.endsWith('prd/inside.md')), `links inside the root are read: ${files.join(', ')}`);
      assert.ok(!files.some((f: string) => f.startsWith('all/') || f === 'docs/prd/leak.md'));
      assert.doesNotMatch(charter(['owners', '--format', 'json'], ws).stdout, /Mallory/);
    });

    it('checker: naming the link on the command line exits 2 with its reason', () => {
      const r = charter(['check', 'docs/prd/leak.md'], ws);
      assert.equal(r.status, 2);
      assert.match(r.stderr, /docs\/prd\/leak\.md could not be read: a symbolic link that leads outside the workspace root/);
    });

    for (const trusted of [true, false]) {
      it(`server${trusted ? '' : ' in Restricted Mode'}: never reads them, says so in its log, publishes nothing for them`, async () => {
        const client = await server(ws, { trusted });
        try {
          assert.ok(
            client.logs.some((l) => /leak\.md.*outside the workspace root/.test(l)),
            client.logs.join('\n'),
          );
          await client.waitForDiagnostics('docs/prd/real.md', (d) => d.length > 0);
          assert.deepEqual(client.diagnosticsOf('docs/prd/leak.md'), []);
          assert.ok(![...client.diagnostics.keys()].some((u) => u.includes('/all/')));
          const model = await client.request(OwnershipRequest.type, {});
          assert.doesNotMatch(JSON.stringify(model), /Mallory|Outside secret/);
        } finally {
          await client.stop();
        }
      });
    }

    it('the reading function itself (used by the threads) refuses a file whose real path leaves the root', () => {
      const r = readText(ws, 'docs/prd/leak.md', new Classifier(defaultConfig()));
      assert.equal(r.text, undefined);
      assert.match(r.note ?? '', /outside the workspace root/);
      assert.ok(readText(ws, 'docs/prd/alias.md', new Classifier(defaultConfig())).text !== undefined);
    });
  });

  describe('files that would hang or exhaust a reader', () => {
    let ws: string;
    before(() => {
      ws = temps.make('hang');
      const long = `${'a'.repeat(200)}.md`;
      writeFiles(ws, {
        '.charter.yaml': 'kinds:\n  note:\n    include: ["**/*a*a*a*a*a*a*a*a*a*a*a*a*b.md"]\n',
        [`docs/${long}`]: '# Long\n',
        'docs/prd/a.md': '# A\n',
      });
      spawnSync('mkfifo', [path.join(ws, 'docs', 'prd', 'fifo.md')]);
      spawnSync('mkfifo', [path.join(ws, 'named-pipe.yaml')]);
    });

    it('checker: a backtracking-shaped glob over a long name answers at once', () => {
      const r = charter(['check'], ws);
      assert.equal(r.timedOut, false);
      assert.ok(r.status === 0 || r.status === 1, r.stderr);
      assert.ok(r.ms < 10_000, `${r.ms} ms`);
    });

    it('checker: .charter.yaml linked to /dev/zero and --config on a FIFO exit 2 with a reason, at once', () => {
      const dev = temps.make('devzero');
      writeFiles(dev, { 'docs/prd/a.md': '# A\n' });
      fs.symlinkSync('/dev/zero', path.join(dev, '.charter.yaml'));
      const a = charter(['check'], dev);
      assert.equal(a.status, 2);
      assert.match(a.stderr, /\.charter\.yaml:1:1 error invalid-config \.charter\.yaml is (a device, not a configuration file|a symbolic link that leads outside)/);
      const b = charter(['check', '--config', 'named-pipe.yaml'], ws);
      assert.equal(b.status, 2);
      assert.match(b.stderr, /named-pipe\.yaml is a FIFO, not a configuration file/);
      const inside = temps.make('devzero-inside');
      writeFiles(inside, { 'docs/prd/a.md': '# A\n' });
      spawnSync('mkfifo', [path.join(inside, '.charter.yaml')]);
      const c = charter(['check'], inside);
      assert.equal(c.status, 2);
      assert.match(c.stderr, /\.charter\.yaml is a FIFO, not a configuration file/);
    });

    it('server: the same repository is indexed, the FIFO document skipped', async () => {
      const client = await server(ws);
      try {
        await client.waitForDiagnostics('docs/prd/a.md', (d) => d.length > 0);
        assert.deepEqual(client.diagnosticsOf('docs/prd/fifo.md'), []);
      } finally {
        await client.stop();
      }
    });
  });

  describe('files it should not quote', () => {
    let ws: string;
    let secret: string;
    before(() => {
      secret = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'charter-secret-')), 'npmrc');
      fs.writeFileSync(secret, '//registry.npmjs.org/:_authToken=npm_SECRETTOKEN1234567890\nalways-auth=true\n');
      ws = temps.make('quote');
      writeFiles(ws, { 'docs/prd/a.md': '# A\n', shadowish: 'root:$6$SECRETHASH:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n' });
      fs.symlinkSync(secret, path.join(ws, '.charter.yaml'));
    });
    after(() => fs.rmSync(path.dirname(secret), { recursive: true, force: true }));

    it('checker: a .charter.yaml linked outside the root is not read, and nothing of it is shown', () => {
      const r = charter(['check'], ws);
      assert.equal(r.status, 2);
      assert.doesNotMatch(r.stdout + r.stderr, /SECRETTOKEN|authToken|registry/);
      assert.match(r.stderr, /leads outside the workspace root: it is not read/);
    });

    it('checker: --config on a file that is no configuration says so without quoting its lines', () => {
      const r = charter(['check', '--config', 'shadowish'], ws);
      assert.equal(r.status, 2);
      assert.doesNotMatch(r.stdout + r.stderr, /SECRETHASH|root:|daemon/);
      assert.match(r.stderr, /not a (Charter configuration|mapping)|must be a mapping/);
    });

    it('server: the linked .charter.yaml is a problem on the file, its content never shown', async () => {
      const client = await server(ws);
      try {
        await client.waitForDiagnostics('.charter.yaml', (d) => d.length > 0);
        assert.doesNotMatch(JSON.stringify(client.diagnosticsOf('.charter.yaml')) + client.logs.join('\n'), /SECRETTOKEN|authToken/);
      } finally {
        await client.stop();
      }
    });
  });

  describe('the smaller three', () => {
    it('markup in an owner is one owner', () => {
      const ws = temps.make('markup');
      writeFiles(ws, {
        'docs/DECISIONS.md':
          '# Log\n\n## Pick\n\nDate: 2024-01-01\nDecision: x\nDecision maker: <script>alert(1)</script>\n\n## Bold\n\nDate: 2024-01-02\nDecision: y\nDecision maker: <b>Dana</b>\n',
      });
      const report = json(charter(['check', '--format', 'json'], ws));
      const rules = report.files.flatMap((f: any) => f.diagnostics.map((d: any) => d.rule));
      assert.ok(!rules.includes('multiple-owners'), `no decision has two owners: ${rules.join(', ')}`);
      const owners = json(charter(['owners', '--format', 'json'], ws))
        .people.map((p: any) => p.name)
        .sort((a: string, b: string) => a.localeCompare(b));
      assert.deepEqual(owners, ['alert', 'Dana']);
    });

    it('an unreadable file named on the command line exits 2 with its reason (a FIFO; permission denied)', () => {
      const ws = temps.make('unreadable');
      writeFiles(ws, { 'docs/prd/locked.md': '# L\n' });
      spawnSync('mkfifo', [path.join(ws, 'docs', 'prd', 'pipe.md')]);
      const r = charter(['check', 'docs/prd/pipe.md'], ws);
      assert.equal(r.status, 2, r.stderr);
      assert.match(r.stderr, /docs\/prd\/pipe\.md/);
      if (process.getuid?.() === 0) {
        fs.chmodSync(ws, 0o755);
        fs.chmodSync(path.join(ws, 'docs', 'prd', 'locked.md'), 0o000);
        const q = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, path.resolve(__dirname, '../../dist/cli.js'), 'check', 'docs/prd/locked.md'], {
          cwd: ws,
          encoding: 'utf8',
          timeout: 20_000,
        });
        if (q.error === undefined && !/runuser: /.test(q.stderr)) {
          assert.equal(q.status, 2, q.stderr);
          assert.match(q.stderr, /locked\.md could not be read: permission denied/);
        }
        fs.chmodSync(path.join(ws, 'docs', 'prd', 'locked.md'), 0o644);
      }
    });

    it('malformed params get InvalidParams, and the server goes on', async () => {
      const ws = temps.make('params');
      writeFiles(ws, { 'docs/prd/a.md': '# A\n' });
      const client = await server(ws);
      try {
        for (const params of [
          {},
          { textDocument: {} },
          { textDocument: { uri: client.uri('docs/prd/a.md') } },
          { textDocument: { uri: client.uri('docs/prd/a.md') }, position: { line: -1, character: 'x' } },
        ]) {
          const e = await client.connection.sendRequest(HoverRequest.type, params as never).then(
            () => undefined,
            (x: unknown) => x,
          );
          assert.ok(e instanceof ResponseError, `an error for ${JSON.stringify(params)}`);
          assert.equal((e as ResponseError<unknown>).code, ErrorCodes.InvalidParams, JSON.stringify(params));
        }
        const fine = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: client.uri('docs/prd/a.md') }, position: { line: 0, character: 0 } });
        assert.ok(fine === null || typeof fine === 'object');
      } finally {
        await client.stop();
      }
    });
  });
});
