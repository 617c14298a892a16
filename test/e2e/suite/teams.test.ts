/**
 * The extension in a real VS Code on a copy of test/fixtures/workspaces/two-teams: the sidebar
 * groups by team first (each team opening with its balance and its unowned decisions), people
 * show their responsibilities with the expectations on hover, the diagnostics follow each
 * team's own charter, and "Show Ownership Report" opens the themed webview.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CharterApi } from '../../../client/src/extension';
import type { Node } from '../../../client/src/ownershipTree';
import { screenshot } from '../screenshot';
import { activate, codes, uri, waitFor } from './helpers';

/** Whether the open workspace is the two-teams fixture (the suite index picks the tests by it). */
export async function isTwoTeams(): Promise<boolean> {
  const f = vscode.workspace.workspaceFolders?.[0];
  if (!f) return false;
  return vscode.workspace.fs.stat(vscode.Uri.joinPath(f.uri, 'teams', 'payments', 'CHARTER.md')).then(
    () => true,
    () => false,
  );
}

export function registerTeamsTests(): void {
  describe('Charter in VS Code: two teams in one repository', function () {
    this.timeout(120_000);
    let api: CharterApi;

    const items = async (node?: Node) => (await api.tree.getChildren(node)).map((c) => ({ node: c, item: api.tree.getTreeItem(c) }));
    const labels = async (node?: Node) =>
      (await items(node)).map(({ item }) => {
        const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
        return item.description ? `${label} [${item.description}]` : label;
      });
    const child = async (node: Node | undefined, label: string) => {
      const found = (await items(node)).find(({ item }) => (typeof item.label === 'string' ? item.label : item.label?.label) === label);
      assert.ok(found, `no "${label}" under ${node?.type ?? 'the root'}: ${(await labels(node)).join(' | ')}`);
      return found.node;
    };

    before(async () => {
      api = await activate();
      await vscode.commands.executeCommand('charter.groupByPerson');
    });

    afterEach(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it("checks each document against its own team's charter", async () => {
      await waitFor(
        'Payments log',
        () => codes('teams/payments/DECISIONS.md'),
        (c) => c.length === 3,
      );
      assert.deepEqual(codes('teams/payments/DECISIONS.md'), ['25:owner-role-mismatch', '32:unowned-decision', '39:unknown-owner']);
      const unknown = vscode.languages.getDiagnostics(uri('teams/payments/DECISIONS.md')).find((d) => d.range.start.line === 38)!;
      assert.match(unknown.message, /"Dmitri Volkov" is in the Search team/);
      await waitFor(
        'Search charter',
        () => codes('teams/search/CHARTER.md'),
        (c) => c.length === 1,
      );
      assert.deepEqual(codes('teams/search/CHARTER.md'), ['12:unassigned-responsibility']);
      assert.deepEqual(codes('teams/payments/CHARTER.md'), ['23:unassigned-responsibility']);
      assert.deepEqual(codes('teams/payments/prd/refunds.prd.md'), []);
      assert.deepEqual(codes('teams/search/adr/0001-use-opensearch.md'), []);
    });

    it('groups the sidebar by team, each with its balance, unowned decisions and people', async () => {
      const top = await waitFor(
        'the teams',
        () => labels(),
        (l) => l.length === 5,
      );
      assert.deepEqual(
        top.map((l) => l.replace(/ \[.*/, '')),
        ['Unowned decisions', 'Payments', 'Search', 'Needs attention', 'Decisions by status'],
      );
      assert.equal(top[1], 'Payments [3 people · 5 decisions · 1 unowned]');
      const payments = await child(undefined, 'Payments');
      assert.deepEqual(await labels(payments), [
        'Balance [4 owned · 1 unowned · Aisha Bello 50% · 1 outside their areas]',
        'Unowned decisions [1]',
        'Aisha Bello [PM]',
        'Bruno Costa [EM]',
        'Carla Mendes [Engineer]',
        'Dmitri Volkov [not in the charter]',
      ]);
      const search = await child(undefined, 'Search');
      assert.deepEqual((await labels(search)).slice(2), ['Dmitri Volkov [PM]', 'Elena Ruiz [Engineering Manager]', 'Bruno Costa [not in the charter]']);
    });

    it('sums up a team in its Balance node', async () => {
      const balance = await child(await child(undefined, 'Payments'), 'Balance');
      const rows = await labels(balance);
      assert.deepEqual(rows.slice(0, 5), [
        'decisions: 5 (4 owned, 1 unowned)',
        'per person: Aisha Bello 2, Bruno Costa 1, Dmitri Volkov 1, Carla Mendes 0',
        'most owned by: Aisha Bello, 2 of 4 (50%)',
        'outside their owner\'s areas: 1 ("Retry failed captures": How by Aisha Bello (PM))',
        'without context: 3, without alternatives: 4',
      ]);
      assert.match(rows[5], /^Retry failed captures \[Aisha Bello \(PM\); the EM owns How · teams\/payments\/DECISIONS\.md:19\]$/);
      assert.equal(rows[6], 'PCI compliance [nobody holds Compliance Officer]');
    });

    it("shows each person's responsibilities beside what they own, with the expectations on hover", async () => {
      const aisha = await child(await child(undefined, 'Payments'), 'Aisha Bello');
      const rows = await labels(aisha);
      assert.deepEqual(rows.slice(0, 3), ['Product research [responsibility · PM]', 'Team goals [responsibility · PM]', 'Refunds [PRD · teams/payments/prd/refunds.prd.md:6]']);
      assert.ok(rows.includes('Retry failed captures [teams/payments/DECISIONS.md:19]'), rows.join(' | '));
      const [research] = await items(aisha);
      const tip = research.item.tooltip as vscode.MarkdownString;
      assert.match(tip.value, /PM expectations: Talks to five merchants a month/);
      assert.match(tip.value, /EM expectations: Joins one interview a month/);
      assert.match(tip.value, /Stakeholders: Support, Sales/);
      // Clicking a responsibility opens its row in the charter.
      await vscode.commands.executeCommand(research.item.command!.command, ...(research.item.command!.arguments ?? []));
      const editor = await waitFor(
        'the charter',
        () => vscode.window.activeTextEditor,
        (e) => e?.document.uri.path.endsWith('teams/payments/CHARTER.md') === true,
      );
      assert.equal(editor!.selection.start.line, 18);
      const elena = await child(await child(undefined, 'Search'), 'Elena Ruiz');
      assert.deepEqual((await labels(elena)).slice(0, 2), ['Hiring [responsibility · EM]', 'Career development [responsibility · EM]']);
      await vscode.commands.executeCommand('workbench.view.extension.charter');
    });

    it('groups by area inside each team', async () => {
      await vscode.commands.executeCommand('charter.groupByArea');
      try {
        const payments = await child(undefined, 'Payments');
        assert.deepEqual(
          (await labels(payments)).map((l) => l.replace(/ \[.*/, '')),
          ['Balance', 'Unowned decisions', 'Why', 'What', 'How', 'When'],
        );
        const how = await child(payments, 'How');
        assert.deepEqual(await labels(how), [
          'Retry failed captures [Aisha Bello · teams/payments/DECISIONS.md:19]',
          'Search ranking for receipts [Dmitri Volkov · teams/payments/DECISIONS.md:34]',
        ]);
      } finally {
        await vscode.commands.executeCommand('charter.groupByPerson');
      }
    });

    it('opens the ownership report in a themed webview with a strict CSP, a section per team', async () => {
      const panel = await vscode.commands.executeCommand<vscode.WebviewPanel>('charter.showOwnershipReport');
      assert.equal(panel.viewType, 'charter.ownershipReport');
      assert.equal(panel.webview.options.enableScripts, false);
      assert.deepEqual(panel.webview.options.enableCommandUris, ['charter.openItem']);
      const html = panel.webview.html;
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1].replace(/&#39;/g, "'");
      assert.match(csp ?? '', /^default-src 'none'; style-src 'nonce-([0-9a-f]{32})'; img-src /);
      const nonce = /'nonce-([0-9a-f]{32})'/.exec(csp!)![1];
      assert.ok(html.includes(`<style nonce="${nonce}">`));
      assert.doesNotMatch(html, /<script|(?:src|href)="https?:|@import|url\(/, 'nothing loaded from the network, no script');
      for (const v of ['--vscode-foreground', '--vscode-editor-background', '--vscode-textLink-foreground']) assert.ok(html.includes(`var(${v}`), v);
      assert.equal((html.match(/<section class="team"/g) ?? []).length, 2);
      assert.match(html, />PCI compliance<\/a><\/td><td>Compliance Officer<\/td><td><span class="warn">nobody<\/span>/);
      assert.match(html, /<tr data-person="Elena Ruiz">/);
      const link = /href="(command:charter\.openItem\?[^"]+)"/.exec(html)![1].replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)));
      const [target] = JSON.parse(decodeURIComponent(link.slice('command:charter.openItem?'.length)));
      assert.ok(target.startsWith(vscode.workspace.workspaceFolders![0].uri.toString()), target);
      await screenshot('owners-webview');
      panel.dispose();
    });
  });
}
