/**
 * The extension in a real VS Code on a copy of test/fixtures/workspaces/decisions: the
 * sidebar's "Needs attention" (grouped by rule) and "Decisions by status" (each status with
 * its records), a click through to a record, and the hover of a cited id.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CharterApi } from '../../../client/src/extension';
import type { Node } from '../../../client/src/ownershipTree';
import { activate, codes, uri, waitFor } from './helpers';

/** Whether the open workspace is the decisions fixture (the suite index picks the tests by it). */
export async function isDecisions(): Promise<boolean> {
  const f = vscode.workspace.workspaceFolders?.[0];
  if (!f) return false;
  return vscode.workspace.fs.stat(vscode.Uri.joinPath(f.uri, 'services', 'billing', 'adr', 'README.md')).then(
    () => true,
    () => false,
  );
}

export function registerDecisionsTests(): void {
  describe('Charter in VS Code: decisions by status and what needs attention', function () {
    this.timeout(120_000);
    let api: CharterApi;

    const items = async (node?: Node) => (await api.tree.getChildren(node)).map((c) => ({ node: c, item: api.tree.getTreeItem(c) }));
    const text = (item: vscode.TreeItem) => {
      const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
      return item.description ? `${label} [${item.description}]` : label;
    };
    const labels = async (node?: Node) => (await items(node)).map(({ item }) => text(item));
    const child = async (node: Node | undefined, label: string) => {
      const found = (await items(node)).find(({ item }) => (typeof item.label === 'string' ? item.label : item.label?.label) === label);
      assert.ok(found, `no "${label}" under ${node?.type ?? 'the root'}: ${(await labels(node)).join(' | ')}`);
      return found;
    };

    before(async () => {
      api = await activate();
      await vscode.commands.executeCommand('charter.groupByPerson');
    });

    afterEach(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it("publishes the index's missing record and the citations' findings", async () => {
      await waitFor(
        'the index finding',
        () => codes('docs/adr/README.md'),
        (c) => c.length === 1,
      );
      assert.deepEqual(codes('docs/adr/README.md'), ['7:missing-from-index']);
      await waitFor(
        'the PRD findings',
        () => codes('docs/prd/saved-carts.md'),
        (c) => c.length === 2,
      );
      assert.deepEqual(codes('docs/prd/saved-carts.md'), ['14:unknown-decision-reference', '9:superseded-reference']);
      assert.deepEqual(codes('services/billing/adr/README.md'), []);
    });

    it('shows "Needs attention" by rule and "Decisions by status" in the sidebar', async () => {
      await vscode.commands.executeCommand('workbench.view.extension.charter');
      const root = await waitFor(
        'the decision nodes',
        () => labels(),
        (l) => l.some((x) => x.startsWith('Needs attention [3]')),
      );
      // After who owns what: the decisions' life.
      assert.deepEqual(root.slice(-2), ['Needs attention [3]', 'Decisions by status [1 proposed · 4 accepted · 1 superseded]']);
      const attention = await child(undefined, 'Needs attention');
      assert.equal(attention.item.collapsibleState, vscode.TreeItemCollapsibleState.Expanded);
      // 0004 has been proposed since 2025-06-02: past the 90 days a proposal may wait (stale-proposal).
      assert.deepEqual(await labels(attention.node), [
        'Stale proposals [1 · stale-proposal]',
        'Records missing from their index [1 · missing-from-index]',
        'Citations of no record [1 · unknown-decision-reference]',
      ]);
      const missing = await child(attention.node, 'Records missing from their index');
      const [finding] = await items(missing.node);
      assert.match(String(finding.item.label), /ADR-0002 "Expire carts after 90 days" \(docs\/adr\/0002-expire-carts\.md\) is not listed in this index/);
      assert.equal(finding.item.description, 'docs/adr/README.md:7');
      const statuses = await child(undefined, 'Decisions by status');
      assert.deepEqual(await labels(statuses.node), ['Proposed [1]', 'Accepted [4]', 'Superseded [1]']);
      const superseded = await child(statuses.node, 'Superseded');
      const [record] = await items(superseded.node);
      assert.equal(record.item.label, '0001 Use Postgres for saved carts');
      assert.equal(record.item.description, '2024-03-04 · Marco Bianchi');
      // A click opens the record at its title.
      const cmd = record.item.command!;
      await vscode.commands.executeCommand(cmd.command, ...(cmd.arguments ?? []));
      await waitFor(
        'the record open',
        () => vscode.window.activeTextEditor?.document.uri.path ?? '',
        (p) => p.endsWith('docs/adr/0001-use-postgres.md'),
      );
    });

    it("hovers on a cited id with the record's title, status, date and owner", async () => {
      const doc = await vscode.workspace.openTextDocument(uri('docs/prd/saved-carts.md'));
      await vscode.window.showTextDocument(doc);
      const line = doc.lineAt(8).text;
      const at = new vscode.Position(8, line.indexOf('ADR-0001') + 2);
      const hovers = await waitFor(
        'a hover',
        () => Promise.resolve(vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, at)),
        (h) => h.length > 0,
      );
      const value = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
      assert.match(value, /ADR-0001 "Use Postgres for saved carts"/);
      assert.match(value, /Status: superseded · Date: 2024-03-04 · Owner: Marco Bianchi/);
      assert.match(value, /Superseded by \*\*ADR-0003 "Use CockroachDB for saved carts"\*\*/);
      const defs = await vscode.commands.executeCommand<(vscode.Location | vscode.LocationLink)[]>('vscode.executeDefinitionProvider', doc.uri, at);
      const target = defs.map((d) => ('targetUri' in d ? d.targetUri : d.uri).path);
      assert.ok(
        target.some((p) => p.endsWith('docs/adr/0001-use-postgres.md')),
        target.join(', '),
      );
    });
  });
}
