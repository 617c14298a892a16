/**
 * The decisions workspace (test/fixtures/workspaces/decisions): two decision folders, one
 * whose index leaves a record out and one whose index is complete, a PRD citing a superseded,
 * a current and an unknown record, and a record citing its own folder's number 1 where
 * another folder has one too. Each rule finds what it names and is silent on the consistent
 * counterpart.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { check, FIXTURES, loadFolder } from './harness';
import { recordsOf } from '../../server/src/core/records/workspace';

describe('workspace scenario: decisions, their indexes and their citations', () => {
  const ws = loadFolder(path.join(FIXTURES, 'workspaces', 'decisions'));
  const keys = (p: string) => check(ws, p).map((d) => `${d.range.start.line + 1}:${d.rule}`);

  it('recognises both indexes, and every record with its number and status', () => {
    const kinds = Object.fromEntries([...ws.index.documents.values()].map((d) => [d.path, d.kind.name]));
    assert.equal(kinds['docs/adr/README.md'], 'decision-index');
    assert.equal(kinds['services/billing/adr/README.md'], 'decision-index');
    assert.deepEqual(
      recordsOf(ws.index).map((r) => `${r.path} ${r.number} ${r.status}`),
      [
        'docs/adr/0001-use-postgres.md 1 superseded',
        'docs/adr/0002-expire-carts.md 2 accepted',
        'docs/adr/0003-use-cockroachdb.md 3 accepted',
        'docs/adr/0004-keep-guest-carts.md 4 proposed',
        'services/billing/adr/0001-bill-monthly.md 1 accepted',
        'services/billing/adr/0002-invoice-currency.md 2 accepted',
      ],
    );
  });

  it('reports exactly the expected findings, and nothing on the consistent folder', () => {
    const all = Object.fromEntries([...ws.index.documents.keys()].sort().map((p) => [p, keys(p)]));
    assert.deepEqual(all, {
      'CHARTER.md': [],
      'docs/adr/0001-use-postgres.md': [],
      'docs/adr/0002-expire-carts.md': [],
      'docs/adr/0003-use-cockroachdb.md': [],
      'docs/adr/0004-keep-guest-carts.md': ['8:stale-proposal'],
      'docs/adr/README.md': ['7:missing-from-index'],
      'docs/prd/saved-carts.md': ['9:superseded-reference', '14:unknown-decision-reference'],
      'services/billing/adr/0001-bill-monthly.md': [],
      'services/billing/adr/0002-invoice-currency.md': [],
      'services/billing/adr/README.md': [],
    });
    const [missing] = check(ws, 'docs/adr/README.md');
    assert.deepEqual(missing.data, { target: 'docs/adr/0002-expire-carts.md' });
  });
});
