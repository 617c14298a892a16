/**
 * "Today" is one local date everywhere: the snippets write VS Code's $CURRENT_YEAR-
 * $CURRENT_MONTH-$CURRENT_DATE (the user's local date), so the server's new documents,
 * decision entries and quick fixes must write the same local date, not the UTC one.
 *
 * The server runs in two time zones 25 hours apart (UTC+14 and UTC−11): at any moment at least
 * one of them is on another calendar day than UTC, so a UTC date cannot pass both.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TestClient } from './lspClient';
import { localDate } from '../../server/src/core/dates';
import { DecisionEntryRequest, NewDocumentRequest } from '../../server/src/lsp/protocol';

/** The calendar date in a time zone, by Intl (independent of the code under test). */
function dateIn(timeZone: string, at: Date): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}

describe('today is the local date', function () {
  this.timeout(30000);

  it('localDate reads the local calendar day, not the UTC one', () => {
    assert.equal(localDate(new Date(2025, 0, 14, 23, 59, 59)), '2025-01-14');
    assert.equal(localDate(new Date(2025, 0, 15, 0, 0, 1)), '2025-01-15');
    assert.equal(localDate(new Date(2024, 1, 29, 12)), '2024-02-29');
    assert.equal(localDate(new Date(2025, 11, 31, 23, 59)), '2025-12-31');
  });

  for (const zone of ['Pacific/Kiritimati', 'Pacific/Pago_Pago']) {
    it(`the server's new PRD, decision entry and date fix use the local date in ${zone}`, async () => {
      const root = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-today-'));
      fs.mkdirSync(path.join(root, 'docs'));
      const log = '---\ntype: decision-log\n---\n# Decisions\n\n## Use Postgres\n\n- **Decision**: Postgres.\n- **Decision maker**: Priya\n';
      fs.writeFileSync(path.join(root, 'docs', 'DECISIONS.md'), log);
      const client = new TestClient(root, [], { TZ: zone });
      try {
        await client.initialize();
        await client.ready();
        const before = new Date();
        const prd = await client.request(NewDocumentRequest.type, { kind: 'prd', title: 'Saved carts', owner: 'Priya' });
        await client.open('docs/DECISIONS.md', log);
        const entry = await client.request(DecisionEntryRequest.type, { uri: client.uri('docs/DECISIONS.md'), title: 'Cache prices', owner: 'Priya' });
        const diags = await client.waitForDiagnostics('docs/DECISIONS.md', (d) => d.some((x) => x.code === 'missing-decision-field'));
        const actions = await client.connection.sendRequest<{ title: string; edit?: { changes?: Record<string, { newText: string }[]> } }[]>('textDocument/codeAction', {
          textDocument: { uri: client.uri('docs/DECISIONS.md') },
          range: diags[0].range,
          context: { diagnostics: diags.filter((x) => x.code === 'missing-decision-field') },
        });
        const after = new Date();
        // The local day at the start and at the end of the requests (equal unless midnight passed).
        const days = new Set([dateIn(zone, before), dateIn(zone, after)]);
        const found = (text: string, what: string) => {
          const m = /\b(\d{4}-\d{2}-\d{2})\b/.exec(text);
          assert.ok(m, `${what} holds a date: ${text}`);
          assert.ok(days.has(m[1]), `${what} is dated ${m[1]}, the local date in ${zone} is ${[...days].join(' or ')} (UTC ${before.toISOString().slice(0, 10)})`);
        };
        found(/^date: .*$/m.exec(prd.content)?.[0] ?? '', 'the new PRD');
        found(entry.text, 'the decision entry');
        const fix = actions
          .flatMap((a) => Object.values(a.edit?.changes ?? {}).flat())
          .map((e) => e.newText)
          .find((t) => /\d{4}-\d{2}-\d{2}/.test(t));
        assert.ok(fix, `a quick fix adds the date: ${JSON.stringify(actions.map((a) => a.title))}`);
        found(fix, 'the quick fix');
      } finally {
        await client.stop();
        fs.rmSync(root, { recursive: true, force: true });
      }
    });
  }
});
