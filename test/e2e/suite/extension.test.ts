/**
 * The extension in a real VS Code, on a copy of test/fixtures/server/team: activation,
 * diagnostics of open and closed documents, a quick fix, the ownership tree by person and by
 * area with its unowned group and badge, every command's file, the proposed .charter.yaml,
 * every snippet through the completion provider. Waits poll; nothing sleeps blindly.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CharterApi } from '../../../client/src/extension';
import type { Node } from '../../../client/src/ownershipTree';
import { screenshot } from '../screenshot';
import { activate, codes, EXTENSION_ID, uri, waitFor } from './helpers';

async function read(u: vscode.Uri): Promise<string> {
  return Buffer.from(await vscode.workspace.fs.readFile(u)).toString('utf8');
}

/** Every file of the workspace and its content's hash. */
async function hashAll(): Promise<Map<string, string>> {
  const { createHash } = await import('node:crypto');
  const out = new Map<string, string>();
  for (const u of await vscode.workspace.findFiles('**/*')) {
    out.set(
      vscode.workspace.asRelativePath(u, false),
      createHash('sha256')
        .update(await vscode.workspace.fs.readFile(u))
        .digest('hex'),
    );
  }
  return out;
}

async function labels(api: CharterApi, node?: Node): Promise<string[]> {
  const children = await api.tree.getChildren(node);
  return children.map((c) => {
    const item = api.tree.getTreeItem(c);
    const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
    return item.description ? `${label} [${item.description}]` : label;
  });
}

export function registerExtensionTests(): void {
  describe('Charter in VS Code', function () {
    this.timeout(120_000);
    let api: CharterApi;

    let hashesBefore: Map<string, string>;

    before(async () => {
      hashesBefore = await hashAll();
      api = await activate();
    });

    afterEach(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    });

    it('activates on the workspace and starts the server', async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
      assert.equal(ext.isActive, true);
      const commands = await vscode.commands.getCommands(true);
      for (const c of [
        'charter.newPrd',
        'charter.newSdd',
        'charter.newDecisionLog',
        'charter.newAdr',
        'charter.newCharter',
        'charter.addDecision',
        'charter.showOwnershipReport',
        'charter.createConfig',
        'charter.refresh',
        'charter.restartServer',
      ]) {
        assert.ok(commands.includes(c), `${c} is registered`);
      }
    });

    it('shows diagnostics for closed documents and for open ones', async () => {
      // Closed: the server checks the whole workspace.
      await waitFor(
        'closed SDD diagnostics',
        () => codes('docs/sdd/search.sdd.md'),
        (c) => c.includes('5:missing-section'),
      );
      await waitFor(
        'closed decision log diagnostics',
        () => codes('docs/DECISIONS.md'),
        (c) => c.length === 3,
      );
      assert.deepEqual(codes('docs/DECISIONS.md'), ['13:multiple-owners', '15:missing-decision-field', '7:unowned-decision']);
      const d = vscode.languages.getDiagnostics(uri('docs/sdd/search.sdd.md'))[0];
      // The team's one SDD has no When, and nothing of the team asks for one: Charter's policy,
      // said once for the folder at info level (docs/contract.md).
      assert.equal(d.severity, vscode.DiagnosticSeverity.Information);
      assert.match(d.message, /^Charter's policy: an SDD has a "When" section/);
      assert.equal((d.code as { value: string; target: vscode.Uri }).target.toString().endsWith('docs/rules/missing-section.md'), true);
      // Open, then edited: the findings follow the text.
      const doc = await vscode.workspace.openTextDocument(uri('docs/prd/search.prd.md'));
      const editor = await vscode.window.showTextDocument(doc);
      await editor.edit((e) => e.replace(new vscode.Range(11, 0, 11, doc.lineAt(11).text.length), 'TBD'));
      await waitFor(
        'empty-section after the edit',
        () => codes('docs/prd/search.prd.md'),
        (c) => c.includes('10:empty-section'),
      );
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await waitFor(
        'clean again after revert',
        () => codes('docs/prd/search.prd.md'),
        (c) => c.length === 0,
      );
    });

    it('applies a quick fix', async () => {
      const u = uri('docs/sdd/search.sdd.md');
      const doc = await vscode.workspace.openTextDocument(u);
      await vscode.window.showTextDocument(doc);
      const diag = await waitFor('missing-section', () => vscode.languages.getDiagnostics(u).find((x) => (x.code as { value: string }).value === 'missing-section'), Boolean);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', u, diag!.range, vscode.CodeActionKind.QuickFix.value);
      const fix = actions.find((a) => a.title === 'Add a "When" section');
      assert.ok(fix?.edit, `fix offered: ${actions.map((a) => a.title).join(', ')}`);
      assert.ok(await vscode.workspace.applyEdit(fix.edit));
      assert.match(doc.getText(), /\n## When\n\nThe dates it reaches which customers: milestones\.\n$/);
      // The fix's command lands the writer on the new section's prompt, selected to type over.
      assert.equal(fix.command?.command, 'charter.openItem');
      await vscode.commands.executeCommand(fix.command.command, ...(fix.command.arguments ?? []));
      const editor = vscode.window.activeTextEditor!;
      assert.equal(editor.document.getText(editor.selection), 'The dates it reaches which customers: milestones.');
      // The count moves: nothing takes the missing section's place (no empty-section).
      await waitFor(
        'missing-section gone, nothing in its place',
        () => codes('docs/sdd/search.sdd.md'),
        (c) => c.length === 0,
      );
      await editor.edit((e) => e.replace(editor.selection, 'Beta on 2025-06-02; everyone on 2025-07-01.'));
      await waitFor(
        'still clean once written',
        () => codes('docs/sdd/search.sdd.md'),
        (c) => c.length === 0,
      );
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });

    it('shows who owns what by person, with the unowned decisions on top and as the badge', async () => {
      await vscode.commands.executeCommand('charter.groupByPerson');
      const top = await waitFor(
        'the tree',
        () => labels(api),
        (l) => l.length >= 5,
      );
      // One team: its balance first, then the unowned decisions, then the people.
      assert.deepEqual(
        top.map((l) => l.replace(/^Balance \[.*\]$/, 'Balance')),
        ['Balance', 'Unowned decisions [1]', 'Lena Ortiz [Tech Lead]', 'Marco Bianchi [EM]', 'Priya Raman [PM]', 'Needs attention [0]', 'Decisions by status [1 accepted]'],
      );
      const [, unowned, , marco] = await api.tree.getChildren();
      assert.deepEqual(await labels(api, unowned), ['Use trigram matching [owner: "TBD" · docs/DECISIONS.md:3]']);
      assert.deepEqual(await labels(api, marco), [
        'Hiring [responsibility · EM]',
        'Search design [SDD · docs/sdd/search.sdd.md:5]',
        'How: Search design [docs/sdd/search.sdd.md:7]',
        'Who: Search design [docs/sdd/search.sdd.md:11]',
        'Ship behind a flag [joint · docs/DECISIONS.md:9]',
        'Use Postgres trigram indexes [docs/adr/0001-postgres-trigram.md:6]',
      ]);
      const unownedItem = api.tree.getTreeItem(unowned);
      assert.equal((unownedItem.iconPath as vscode.ThemeIcon).id, 'warning');
      await waitFor(
        'the badge',
        () => api.treeView.badge?.value,
        (v) => v === 1,
      );
      // Clicking an item opens the document at the entry.
      const [decision] = await api.tree.getChildren(unowned);
      const item = api.tree.getTreeItem(decision);
      await vscode.commands.executeCommand(item.command!.command, ...(item.command!.arguments ?? []));
      const editor = await waitFor(
        'the editor',
        () => vscode.window.activeTextEditor,
        (e) => e?.document.uri.path.endsWith('docs/DECISIONS.md') === true,
      );
      assert.equal(editor!.selection.start.line, 2);
      // The sidebar, for the README.
      await vscode.commands.executeCommand('workbench.view.extension.charter');
      await screenshot('sidebar');
    });

    it('groups by area with the title-bar toggle', async () => {
      await vscode.commands.executeCommand('charter.groupByArea');
      const top = await labels(api);
      assert.deepEqual(
        top.map((l) => l.replace(/ \[.*/, '')),
        ['Balance', 'Unowned decisions', 'Why', 'What', 'How', 'Who', 'Decisions without an area', 'Needs attention', 'Decisions by status'],
      );
      const how = (await api.tree.getChildren())[4];
      assert.deepEqual(await labels(api, how), [
        'How: Search design [Marco Bianchi · docs/sdd/search.sdd.md:7]',
        'Use Postgres trigram indexes [Marco Bianchi · docs/adr/0001-postgres-trigram.md:6]',
      ]);
      await vscode.commands.executeCommand('charter.groupByPerson');
    });

    it("sets an owner from the tree with the server's quick fix", async () => {
      const [, unowned] = await api.tree.getChildren();
      const [decision] = await api.tree.getChildren(unowned);
      const ok = await vscode.commands.executeCommand<boolean>('charter.setOwner', decision, 'Marco Bianchi');
      assert.equal(ok, true);
      const doc = await vscode.workspace.openTextDocument(uri('docs/DECISIONS.md'));
      assert.match(doc.getText(), /^Decision maker: Marco Bianchi$/m);
      await waitFor(
        'the badge clears',
        async () => {
          api.tree.refresh();
          await api.tree.getChildren();
          return api.treeView.badge?.value;
        },
        (v) => v === undefined,
      );
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });

    it('proposes a .charter.yaml from the repository: a diff with the one there, written only when confirmed', async () => {
      const config = uri('.charter.yaml');
      const mine = await read(config);
      await waitFor(
        "the SDD's policy note",
        () => codes('docs/sdd/search.sdd.md'),
        (c) => c.includes('5:missing-section'),
      );
      // Not confirmed: the proposal is shown read-only beside the fixture's file, and nothing is written.
      assert.equal(await vscode.commands.executeCommand('charter.createConfig', { confirm: false }), undefined);
      const tab = await waitFor(
        'the diff',
        () => vscode.window.tabGroups.activeTabGroup.activeTab,
        (t) => t?.input instanceof vscode.TabInputTextDiff,
      );
      const diff = tab!.input as vscode.TabInputTextDiff;
      assert.equal(diff.original.toString(), config.toString());
      assert.equal(diff.modified.scheme, 'charter-proposal');
      const proposal = (await vscode.workspace.openTextDocument(diff.modified)).getText();
      assert.match(proposal, /^# Charter's configuration for this repository, proposed by `charter init`/);
      assert.match(proposal, /\n {2}sdd:\n(?: {4}#[^\n]*\n)+ {4}sections:\n {6}- \{ name: How, area: how \}\n {6}- \{ name: Who, area: who \}\n/);
      assert.equal(await read(config), mine);
      await screenshot('create-config');
      // Confirmed: written over the fixture's file, opened, and the server checks under it.
      const written = await vscode.commands.executeCommand<vscode.Uri>('charter.createConfig', { confirm: true });
      assert.equal(written.toString(), config.toString());
      assert.equal(await read(config), proposal);
      assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), config.toString());
      await waitFor(
        'the SDD under the proposed configuration',
        () => codes('docs/sdd/search.sdd.md'),
        (c) => c.length === 0,
      );
      assert.deepEqual(codes('docs/DECISIONS.md'), ['13:multiple-owners', '15:missing-decision-field', '7:unowned-decision']);
      // The fixture's own configuration back, for the tests after this one.
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      await vscode.workspace.fs.writeFile(config, Buffer.from(mine, 'utf8'));
      await waitFor(
        "the fixture's configuration again",
        () => codes('docs/sdd/search.sdd.md'),
        (c) => c.includes('5:missing-section'),
      );
    });

    it('creates each document where the config recognises it, never overwriting', async () => {
      const prd = await vscode.commands.executeCommand<vscode.Uri>('charter.newPrd', { title: 'Checkout redesign', owner: 'Priya Raman' });
      assert.equal(vscode.workspace.asRelativePath(prd), 'docs/prd/checkout-redesign.prd.md');
      assert.match(await read(prd), /^---\ntype: prd\nowner: Priya Raman\n[\s\S]*# Checkout redesign\n\n## Why\n[\s\S]*## What\n/);

      const sdd = await vscode.commands.executeCommand<vscode.Uri>('charter.newSdd', { title: 'Checkout design', owner: 'Marco Bianchi', prd: prd.toString() });
      assert.equal(vscode.workspace.asRelativePath(sdd), 'docs/sdd/checkout-design.sdd.md');
      assert.match(await read(sdd), /\nprd: \.\.\/prd\/checkout-redesign\.prd\.md\n/);
      // The new SDD links its PRD: no broken-link, and its sections are there (only to be filled in).
      await waitFor(
        'the new SDD checked',
        () => codes('docs/sdd/checkout-design.sdd.md'),
        (c) => c.length > 0,
      );
      assert.ok(
        codes('docs/sdd/checkout-design.sdd.md').every((c) => c.endsWith('empty-section')),
        codes('docs/sdd/checkout-design.sdd.md').join(','),
      );

      const adr = await vscode.commands.executeCommand<vscode.Uri>('charter.newAdr', { title: 'Cache search results', owner: 'Marco Bianchi' });
      assert.equal(vscode.workspace.asRelativePath(adr), 'docs/adr/0002-cache-search-results.md');
      assert.match(await read(adr), /decision-makers: \[Marco Bianchi\]/);

      const log = await vscode.commands.executeCommand<vscode.Uri>('charter.newDecisionLog', { title: 'Pricing decisions', owner: 'Priya Raman' });
      const logPath = vscode.workspace.asRelativePath(log);
      assert.notEqual(logPath, 'docs/DECISIONS.md', 'the existing log is not overwritten');
      assert.match(logPath, /(^|\/)(DECISIONS|decisions|decision-log)\.md$/);
      assert.match(await read(log), /^---\ntype: decision-log\n---\n# Pricing decisions\n/);

      const charter = await vscode.commands.executeCommand<vscode.Uri>('charter.newCharter', { title: 'Search team charter' });
      assert.equal(vscode.workspace.asRelativePath(charter), 'CHARTER.md');
      assert.match(
        await read(charter),
        /^---\ntype: charter\npeople:\n[\s\S]*\n## Responsibilities\n\n\| Responsibility \| Accountable \| PM expectations \| EM expectations \| Stakeholders \|\n/,
      );
      assert.match(await read(uri('docs/CHARTER.md')), /Priya leads product/, 'the existing charter is untouched');
      await vscode.workspace.fs.delete(charter);
    });

    it('proposes as owner of a new PRD the PM, of a new SDD the EM: Enter picks them', async () => {
      // The owner is asked for (none given): the quick pick opens, and Enter takes its first item.
      const enter = async (command: string, args: object) => {
        const made = vscode.commands.executeCommand<vscode.Uri>(command, args);
        let done: vscode.Uri | undefined;
        void made.then((u) => (done = u));
        await waitFor(
          `${command} to take Enter`,
          async () => {
            await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
            await new Promise((r) => setTimeout(r, 100));
            return done;
          },
          Boolean,
        );
        return done!;
      };
      const prd = await enter('charter.newPrd', { title: 'Saved searches' });
      assert.match(await read(prd), /^---\ntype: prd\nowner: Priya Raman\n/, 'the PM owns the PRD (Why and What)');
      const sdd = await enter('charter.newSdd', { title: 'Saved searches design', prd: null });
      assert.match(await read(sdd), /^---\ntype: sdd\nowner: Marco Bianchi\n/, 'the EM owns the SDD (How, Who and When)');
      await vscode.workspace.fs.delete(prd);
      await vscode.workspace.fs.delete(sdd);
    });

    it('adds a decision to a log, dated today', async () => {
      const log = uri('docs/DECISIONS.md');
      await vscode.commands.executeCommand('charter.addDecision', log, { title: 'Index product tags too', owner: 'Lena Ortiz' });
      const doc = await vscode.workspace.openTextDocument(log);
      const today = new Date().toISOString().slice(0, 10);
      assert.match(doc.getText(), new RegExp(`\\n## Index product tags too\\n\\n- \\*\\*Date\\*\\*: ${today}\\n[\\s\\S]*- \\*\\*Decision maker\\*\\*: Lena Ortiz\\n$`));
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });

    it('shows the ownership report in a webview that follows the theme, with a strict CSP', async () => {
      const panel = await vscode.commands.executeCommand<vscode.WebviewPanel>('charter.showOwnershipReport');
      assert.equal(panel.viewType, 'charter.ownershipReport');
      assert.equal(panel.webview.options.enableScripts, false);
      const html = panel.webview.html;
      assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;nonce-[0-9a-f]{32}&#39;/);
      assert.doesNotMatch(html, /<script/);
      assert.match(html, /var\(--vscode-editor-background/);
      assert.match(html, /<h3>Unowned decisions \(1\)<\/h3>/);
      assert.match(html, /<tr data-person="Marco Bianchi">/);
      assert.match(html, /href="command:charter\.openItem\?/);
      panel.dispose();
    });

    it('offers every snippet through the completion provider', async () => {
      const expected: Record<string, RegExp> = {
        prd: /^---\ntype: prd\nowner: \$\{2\|PM,Product Manager\|\}/,
        sdd: /type: sdd[\s\S]*## How[\s\S]*## Who[\s\S]*## When/,
        decision: /^## \$\{1:What was decided\}\n\n- \*\*Date\*\*: \$CURRENT_YEAR-\$CURRENT_MONTH-\$CURRENT_DATE\n[\s\S]*- \*\*Decision maker\*\*: \$\{6\|PM,EM\|\}/,
        adr: /decision-makers: \[\$\{3\|EM,PM\|\}\][\s\S]*## Context and Problem Statement[\s\S]*## Decision Outcome/,
        charter: /^---\ntype: charter\npeople:[\s\S]*\| Responsibility \| Accountable \| PM expectations \| EM expectations \| Stakeholders \|/,
        'decision maker': /^- \*\*Decision maker\*\*: \$\{1\|PM,EM\|\}/,
        date: /^- \*\*Date\*\*: \$CURRENT_YEAR/,
      };
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '' });
      const editor = await vscode.window.showTextDocument(doc);
      for (const [prefix, body] of Object.entries(expected)) {
        await editor.edit((e) => e.replace(new vscode.Range(0, 0, doc.lineCount, 0), prefix));
        const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(0, prefix.length));
        const item = list.items.find((i) => i.kind === vscode.CompletionItemKind.Snippet && (typeof i.label === 'string' ? i.label : i.label.label) === prefix);
        assert.ok(
          item,
          `snippet "${prefix}" offered; got ${list.items
            .filter((i) => i.kind === vscode.CompletionItemKind.Snippet)
            .map((i) => (typeof i.label === 'string' ? i.label : i.label.label))
            .join(', ')}`,
        );
        const text = item.insertText instanceof vscode.SnippetString ? item.insertText.value : String(item.insertText);
        assert.match(text, body, `snippet "${prefix}"`);
      }
    });

    it('restarts the server on request', async () => {
      await vscode.commands.executeCommand('charter.restartServer');
      await Promise.race([api.ready(), new Promise((_, reject) => setTimeout(() => reject(new Error('no index after restart')), 30_000))]);
      await waitFor(
        'diagnostics after restart',
        () => codes('docs/DECISIONS.md'),
        (c) => c.length === 3,
      );
    });

    it('starts the server with the node flags its memory was measured with', async () => {
      const stats = (await api.client().sendRequest('charter/stats')) as { execArgv?: string[] };
      for (const flag of ['--single-threaded-gc', '--heap-growing-percent=50']) assert.ok(stats.execArgv?.includes(flag), `the server runs with ${JSON.stringify(stats.execArgv)}`);
    });

    it('restarts a server that died, and tells the user once, not in a loop', async () => {
      const pidOf = async () => ((await api.client().sendRequest('charter/stats')) as { pid: number }).pid;
      const first = await pidOf();
      process.kill(first, 'SIGKILL');
      const second = await waitFor(
        'a new server',
        () => pidOf().catch(() => 0),
        (p) => p !== 0 && p !== first,
        30_000,
      );
      await waitFor(
        'diagnostics again',
        () => codes('docs/DECISIONS.md'),
        (c) => c.length === 3,
      );
      assert.deepEqual(api.crashes(), { restarts: 1, messages: 1 });
      process.kill(second, 'SIGKILL');
      await waitFor(
        'another new server',
        () => pidOf().catch(() => 0),
        (p) => p !== 0 && p !== second,
        30_000,
      );
      assert.deepEqual(api.crashes(), { restarts: 2, messages: 1 }, 'the second restart is not announced again');
    });

    it('shows a diagnostic in the Problems panel', async () => {
      const doc = await vscode.workspace.openTextDocument(uri('docs/DECISIONS.md'));
      await vscode.window.showTextDocument(doc, { selection: new vscode.Range(6, 16, 6, 19) });
      await vscode.commands.executeCommand('workbench.actions.view.problems');
      await screenshot('diagnostic');
    });

    it("wrote nothing of the user's except the files the commands created", async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      const after = await hashAll();
      for (const [rel, hash] of hashesBefore) assert.equal(after.get(rel), hash, `${rel} is unchanged`);
      const created = [...after.keys()].filter((rel) => !hashesBefore.has(rel)).sort();
      assert.deepEqual(
        created.filter((rel) => !/(^|\/)(DECISIONS|decision-log|decisions)\.md$/.test(rel)),
        ['docs/adr/0002-cache-search-results.md', 'docs/prd/checkout-redesign.prd.md', 'docs/sdd/checkout-design.sdd.md'],
      );
      assert.equal(created.length, 4, `created: ${created.join(', ')}`);
    });
  });
}
