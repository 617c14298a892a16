/**
 * The real server over stdio on a copy of test/fixtures/workspaces/two-teams: each document
 * is checked against the nearest charter, `charter/ownership` carries the teams with their
 * responsibilities and balance, `charter/ownersHtml` gives the webview's page, and editing a
 * charter's responsibilities re-checks it.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { indexedServer, stopAndRemove, TestClient } from './lspClient';
import { ensureBuilt } from '../cli/helpers';
import { OwnershipRequest, OwnersHtmlRequest } from '../../server/src/lsp/protocol';
import { readOwnership } from '../../client/src/ownershipModel';

const FIXTURE = path.resolve(__dirname, '../fixtures/workspaces/two-teams');
const rules = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line + 1}:${d.code}`).sort();

describe('language server: two teams in one repository', function () {
  this.timeout(60000);
  let root: string;
  let client: TestClient;

  before(ensureBuilt);

  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-teams-'));
    fs.cpSync(FIXTURE, root, { recursive: true });
    client = await indexedServer(root);
  });

  afterEach(() => stopAndRemove(client, root));

  it("checks each document against its own team's charter", async () => {
    const pay = await client.waitForDiagnostics('teams/payments/DECISIONS.md', (d) => d.length === 3);
    assert.deepEqual(rules(pay), ['25:owner-role-mismatch', '32:unowned-decision', '39:unknown-owner']);
    assert.match(String(pay.find((d) => d.code === 'unknown-owner')!.message), /is in the Search team/);
    assert.deepEqual(rules(await client.waitForDiagnostics('teams/search/DECISIONS.md', (d) => d.length > 0)), ['23:unknown-owner']);
    assert.deepEqual(rules(await client.waitForDiagnostics('teams/payments/CHARTER.md', (d) => d.length > 0)), ['23:unassigned-responsibility']);
    assert.deepEqual(client.diagnosticsOf('teams/payments/prd/refunds.prd.md'), []);
  });

  it("answers charter/ownership with the teams, each person's responsibilities and the balance", async () => {
    const result = readOwnership(await client.request(OwnershipRequest.type, {}));
    const f = result.folders[0];
    assert.deepEqual(
      f.teams.map((t) => [t.name, t.charter]),
      [
        ['Payments', client.uri('teams/payments/CHARTER.md')],
        ['Search', client.uri('teams/search/CHARTER.md')],
      ],
    );
    const [pay, search] = f.teams;
    const aisha = pay.people.find((p) => p.name === 'Aisha Bello')!;
    assert.deepEqual(
      aisha.responsibilities.map((r) => [r.name, r.role, r.range.start.line, r.pm]),
      [
        ['Product research', 'PM', 18, 'Talks to five merchants a month'],
        ['Team goals', 'PM', 19, "Drafts the quarter's goals"],
      ],
    );
    assert.equal(aisha.responsibilities[0].uri, client.uri('teams/payments/CHARTER.md'));
    assert.deepEqual(
      search.people.filter((p) => p.inCharter).map((p) => [p.name, p.responsibilities.length]),
      [
        ['Dmitri Volkov', 2],
        ['Elena Ruiz', 2],
      ],
    );
    assert.deepEqual(
      [pay.summary.owned, pay.summary.unowned, pay.summary.top?.name, pay.summary.outsideAreas.map((o) => o.title)],
      [4, 1, 'Aisha Bello', ['Retry failed captures']],
    );
    assert.equal(pay.summary.lines[0], 'decisions: 5 (4 owned, 1 unowned)');
    assert.equal(result.unownedCount, 1);
  });

  it('gives the webview its page: the CSP and nonce asked for, command links, no script', async () => {
    const csp = "default-src 'none'; style-src 'nonce-abc123'";
    const { html } = await client.request(OwnersHtmlRequest.type, { csp, nonce: 'abc123' });
    assert.ok(html.includes(`<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;nonce-abc123&#39;">`), html.slice(0, 400));
    assert.match(html, /<style nonce="abc123">/);
    assert.match(html, /var\(--vscode-foreground/);
    assert.doesNotMatch(html, /<script/);
    assert.match(html, /href="command:charter\.openItem\?[^"]+"/);
    const link = /href="command:charter\.openItem\?([^"]+)"/.exec(html)![1];
    const [uri, range] = JSON.parse(decodeURIComponent(link.replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))));
    assert.ok(uri.startsWith('file://'), uri);
    assert.equal(typeof range.start.line, 'number');
    assert.equal((html.match(/<section class="team"/g) ?? []).length, 2);
  });

  it('re-checks a charter when a responsibility is handed to a role the team has', async () => {
    const rel = 'teams/payments/CHARTER.md';
    await client.waitForDiagnostics(rel, (d) => d.length === 1);
    const text = fs.readFileSync(path.join(root, rel), 'utf8');
    await client.open(rel, text);
    const line = text.split('\n').findIndex((l) => l.startsWith('| PCI compliance |'));
    await client.change(rel, [{ range: { start: { line, character: 19 }, end: { line, character: 37 } }, text: 'EM' }]);
    await client.waitForDiagnostics(rel, (d) => d.length === 0);
    const result = readOwnership(await client.request(OwnershipRequest.type, {}));
    const bruno = result.folders[0].teams[0].people.find((p) => p.name === 'Bruno Costa')!;
    assert.deepEqual(
      bruno.responsibilities.map((r) => r.name),
      ['Hiring', 'Iteration execution', 'PCI compliance'],
    );
  });
});
