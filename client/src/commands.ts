/**
 * The Charter commands: new documents written where the config recognises them, a decision
 * added to a log, the ownership report, the tree's toggles, setting a decision's owner
 * through the server's quick fix, and a `.charter.yaml` proposed from the repository. Every
 * file is created, never overwritten — but `.charter.yaml`, when the user says so.
 */
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import type { OwnershipTree, Node } from './ownershipTree';
import { NewDocumentRequest, DecisionEntryRequest, OwnersHtmlRequest, DocumentsRequest, InitRequest, OwnershipRequest, type OwnershipPerson } from '../../server/src/lsp/protocol';
import { builtinKinds } from '../../server/src/core/kinds';
import { AREA, type Area } from '../../server/src/core/areas';
import { ownerCandidates } from './ownershipModel';

type ClientRef = () => LanguageClient | undefined;

/**
 * What the "New …" and "Add Decision" commands would ask for, given up front (from a
 * keybinding, a task or a test): nothing is asked that is given here. `owner: null` means
 * no owner; `prd` is the PRD's URI (or null for none).
 */
export interface NewArgs {
  title?: string;
  owner?: string | null;
  prd?: string | null;
}

/** The built-in kinds: what their "New …" commands ask, and which kinds are PRDs and decision logs. */
const KINDS = builtinKinds();
const PRD_KIND = KINDS.find((k) => k.isPrd)!.name;
const LOG_KIND = KINDS.find((k) => k.decisions === 'entries')!.name;

export function registerCommands(context: vscode.ExtensionContext, client: ClientRef, tree: OwnershipTree): void {
  const reg = (id: string, fn: (...args: never[]) => unknown) =>
    context.subscriptions.push(
      vscode.commands.registerCommand(id, async (...args: never[]) => {
        try {
          return await fn(...args);
        } catch (e) {
          void vscode.window.showErrorMessage(`Charter: ${(e as Error).message}`);
          return undefined;
        }
      }),
    );
  reg('charter.newPrd', (args?: NewArgs) => newDocument(client, 'prd', args));
  reg('charter.newSdd', (args?: NewArgs) => newDocument(client, 'sdd', args));
  reg('charter.newDecisionLog', (args?: NewArgs) => newDocument(client, 'decision-log', args));
  reg('charter.newAdr', (args?: NewArgs) => newDocument(client, 'adr', args));
  reg('charter.newCharter', (args?: NewArgs) => newDocument(client, 'charter', args));
  reg('charter.addDecision', (target?: vscode.Uri | NewArgs, args?: NewArgs) =>
    target instanceof vscode.Uri ? addDecision(client, target, args) : addDecision(client, undefined, target),
  );
  reg('charter.showOwnershipReport', () => showReport(client, tree));
  reg('charter.refresh', () => tree.refresh());
  reg('charter.groupByArea', () => tree.setGrouping('area'));
  reg('charter.groupByPerson', () => tree.setGrouping('person'));
  reg('charter.openItem', (uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }) => openAt(uri, range));
  reg('charter.setOwner', (node: Node, name?: string) => setOwner(client, node, name));
  context.subscriptions.push(vscode.workspace.registerTextDocumentContentProvider(PROPOSAL_SCHEME, proposals));
  reg('charter.createConfig', (args?: CreateConfigArgs) => createConfig(client, args));
}

function need(client: ClientRef): LanguageClient {
  const c = client();
  if (!c) throw new Error('the Charter server is not running (run "Charter: Restart Server")');
  return c;
}

async function openAt(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const r = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
  await vscode.window.showTextDocument(doc, { selection: r, preview: true });
}

async function people(client: ClientRef): Promise<OwnershipPerson[]> {
  const model = await need(client).sendRequest(OwnershipRequest.type, {});
  return model.folders.flatMap((f) => f.people.filter((p) => p.inCharter));
}

/** Asks for an owner from the charter; a free name when the charter has none. Undefined = cancelled. */
async function pickOwner(client: ClientRef, prompt: string, areas: readonly Area[] = []): Promise<string | null | undefined> {
  const list = ownerCandidates(await people(client), areas);
  if (list.length === 0) {
    const typed = await vscode.window.showInputBox({ prompt: `${prompt} (no charter yet: type a name, or leave empty)`, placeHolder: 'Name' });
    return typed === undefined ? undefined : typed.trim() || null;
  }
  const items: (vscode.QuickPickItem & { value: string | null })[] = [
    ...list.map((p) => ({
      label: p.name,
      description: [
        p.role,
        areas.length && p.owns?.some((a) => areas.includes(a))
          ? `owns ${p.owns
              .filter((a) => areas.includes(a))
              .map((a) => AREA[a].label)
              .join(', ')}`
          : '',
      ]
        .filter(Boolean)
        .join(' · '),
      detail: p.handle ? `@${p.handle}` : undefined,
      value: p.name as string | null,
    })),
    { label: 'No owner yet', description: 'leave it empty', value: null },
  ];
  const pick = await vscode.window.showQuickPick(items, { placeHolder: prompt, matchOnDescription: true, matchOnDetail: true });
  return pick === undefined ? undefined : pick.value;
}

async function newDocument(client: ClientRef, kind: string, args: NewArgs = {}): Promise<vscode.Uri | undefined> {
  const c = need(client);
  const spec = KINDS.find((k) => k.name === kind);
  const label = spec?.create?.noun ?? kind;
  const title =
    args.title ??
    (await vscode.window.showInputBox({
      prompt: `Title of the new ${label}`,
      value: spec?.create?.title ?? '',
      validateInput: (v) => (v.trim() ? undefined : 'A title is needed'),
    }));
  if (!title) return undefined;
  let owner: string | null | undefined = args.owner ?? null;
  const ask = spec?.create?.owner ?? { ask: true };
  if (ask.ask && args.owner === undefined) {
    const areas = (spec?.sections ?? []).filter((s) => s.required !== false && s.area).map((s) => s.area!);
    owner = await pickOwner(client, ask.prompt ?? `Owner of the ${label}`, areas);
    if (owner === undefined) return undefined;
  }
  let prd: string | undefined = args.prd ?? undefined;
  if (spec?.implementsPrd && args.prd === undefined) {
    const prds = await c.sendRequest(DocumentsRequest.type, { kind: PRD_KIND });
    const active = vscode.window.activeTextEditor?.document.uri.toString();
    const open = prds.find((p) => p.uri === active);
    if (open) {
      const yes = await vscode.window.showQuickPick([`Link to "${open.title}"`, 'No PRD link'], { placeHolder: `Which PRD does this ${label} implement?` });
      if (yes === undefined) return undefined;
      prd = yes.startsWith('Link') ? open.uri : undefined;
    } else if (prds.length) {
      const pick = await vscode.window.showQuickPick(
        [
          ...prds.map((p) => ({ label: p.title, description: vscode.workspace.asRelativePath(vscode.Uri.parse(p.uri)), uri: p.uri as string | undefined })),
          { label: 'No PRD link', description: '', uri: undefined },
        ],
        { placeHolder: `Which PRD does this ${label} implement?` },
      );
      if (pick === undefined) return undefined;
      prd = pick.uri;
    }
  }
  const folder = pickFolderUri();
  const result = await c.sendRequest(NewDocumentRequest.type, { kind, title: title.trim(), owner: owner ?? undefined, prd, folder });
  return createFile(vscode.Uri.parse(result.uri), result.content);
}

function pickFolderUri(): string | undefined {
  const active = vscode.window.activeTextEditor?.document.uri;
  const folder = (active && vscode.workspace.getWorkspaceFolder(active)) ?? vscode.workspace.workspaceFolders?.[0];
  return folder?.uri.toString();
}

/** Creates a file with its text in one undoable edit; refuses to overwrite. */
async function createFile(uri: vscode.Uri, content: string): Promise<vscode.Uri | undefined> {
  const exists = await vscode.workspace.fs.stat(uri).then(
    () => true,
    () => false,
  );
  if (exists) throw new Error(`${vscode.workspace.asRelativePath(uri)} already exists; nothing was written`);
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { overwrite: false, ignoreIfExists: false });
  edit.insert(uri, new vscode.Position(0, 0), content);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not create ${vscode.workspace.asRelativePath(uri)}`);
  const doc = await vscode.workspace.openTextDocument(uri);
  await doc.save();
  await vscode.window.showTextDocument(doc);
  return uri;
}

async function addDecision(client: ClientRef, target?: vscode.Uri, args: NewArgs = {}): Promise<vscode.Uri | undefined> {
  const c = need(client);
  const logs = await c.sendRequest(DocumentsRequest.type, { kind: LOG_KIND });
  let uri = target?.toString();
  const active = vscode.window.activeTextEditor?.document.uri.toString();
  if (!uri && active && logs.some((l) => l.uri === active)) uri = active;
  if (!uri) {
    if (logs.length === 0) {
      const create = await vscode.window.showInformationMessage('There is no decision log yet.', 'New Decision Log');
      if (create) return (await vscode.commands.executeCommand<vscode.Uri | undefined>('charter.newDecisionLog')) ?? undefined;
      return undefined;
    }
    const pick =
      logs.length === 1
        ? { uri: logs[0].uri }
        : await vscode.window.showQuickPick(
            logs.map((l) => ({ label: l.title, description: vscode.workspace.asRelativePath(vscode.Uri.parse(l.uri)), uri: l.uri })),
            { placeHolder: 'Add the decision to which log?' },
          );
    if (!pick) return undefined;
    uri = pick.uri;
  }
  const title =
    args.title ?? (await vscode.window.showInputBox({ prompt: 'What was decided? (a short title)', validateInput: (v) => (v.trim() ? undefined : 'A title is needed') }));
  if (!title) return undefined;
  const owner = args.owner !== undefined ? args.owner : await pickOwner(client, 'Who decides? (exactly one owner)');
  if (owner === undefined) return undefined;
  const entry = await c.sendRequest(DecisionEntryRequest.type, { uri, title: title.trim(), owner: owner ?? undefined });
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
  const editor = await vscode.window.showTextDocument(doc);
  const pos = new vscode.Position(entry.position.line, entry.position.character);
  await editor.edit((e) => e.insert(pos, entry.text));
  const headingLine = doc
    .getText()
    .split(/\r\n|\r|\n/)
    .lastIndexOf(`## ${title.trim()}`);
  if (headingLine >= 0) editor.revealRange(new vscode.Range(headingLine, 0, headingLine, 0), vscode.TextEditorRevealType.InCenter);
  return doc.uri;
}

let reportPanel: vscode.WebviewPanel | undefined;

/**
 * The ownership report in a webview: the `charter owners --format html` page, coloured by
 * the theme's --vscode-* variables. No script runs in it: the CSP allows only the page's own
 * style (by nonce), and its links are command URIs limited to charter.openItem. It is
 * redrawn when the ownership model changes.
 */
async function showReport(client: ClientRef, tree: OwnershipTree): Promise<vscode.WebviewPanel> {
  const c = need(client);
  if (!reportPanel) {
    const panel = vscode.window.createWebviewPanel('charter.ownershipReport', 'Who owns what', vscode.ViewColumn.Active, {
      enableScripts: false,
      enableCommandUris: ['charter.openItem'],
      localResourceRoots: [],
    });
    reportPanel = panel;
    const sub = tree.onDidChangeTreeData(() => void render(c, panel));
    panel.onDidDispose(() => {
      sub.dispose();
      if (reportPanel === panel) reportPanel = undefined;
    });
  } else reportPanel.reveal();
  await render(c, reportPanel);
  return reportPanel;
}

async function render(c: LanguageClient, panel: vscode.WebviewPanel): Promise<void> {
  const nonce = [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
  const csp = `default-src 'none'; style-src 'nonce-${nonce}'; img-src ${panel.webview.cspSource}`;
  const r = await c.sendRequest(OwnersHtmlRequest.type, { folder: pickFolderUri(), csp, nonce });
  panel.webview.html = r.html;
}

/**
 * Sets a decision's owner from the tree: a person picked from the charter, applied with
 * the server's own quick fix for the finding at that decision.
 */
async function setOwner(client: ClientRef, node: Node, name?: string): Promise<boolean> {
  if (!node || node.type !== 'item' || node.what !== 'decision') throw new Error('choose a decision in the "Who owns what" view');
  const owner = name ?? (await pickOwner(client, `Owner of "${node.item.title}"`));
  if (!owner) return false;
  const uri = vscode.Uri.parse(node.item.uri);
  const r = node.item.extent ?? node.item.range;
  const range = new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
  await vscode.workspace.openTextDocument(uri);
  const actions = await waitForActions(uri, range);
  const fix = actions.find((a) => a.title === `Set the owner to ${owner}` || a.title.startsWith(`Set the owner to ${owner} (`) || a.title === `Make ${owner} the one owner`);
  if (!fix?.edit) {
    void vscode.window.showInformationMessage(`Charter has no fix that sets "${owner}" as the owner of "${node.item.title}" here: edit its owner field by hand.`);
    return false;
  }
  return vscode.workspace.applyEdit(fix.edit);
}

/** The quick fixes at a range, once the document's diagnostics have arrived. */
async function waitForActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  for (let i = 0; i < 50; i++) {
    const diags = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'charter');
    const actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value)) ?? [];
    if (actions.length || diags.length) return actions;
    await new Promise((r) => setTimeout(r, 100));
  }
  return [];
}

/**
 * What "Create Configuration from This Repository" would ask, given up front (a keybinding,
 * a test): `folder` is the workspace folder's URI; `confirm: true` writes without asking,
 * `false` shows the preview and writes nothing.
 */
export interface CreateConfigArgs {
  folder?: string;
  confirm?: boolean;
}

/** The scheme of the read-only preview of a proposed `.charter.yaml`. */
export const PROPOSAL_SCHEME = 'charter-proposal';

/** The proposals shown, by preview URI: a read-only document, so closing it never asks to save. */
const proposals = new (class implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  set(uri: vscode.Uri, text: string): void {
    this.texts.set(uri.toString(), text);
    this.changed.fire(uri);
  }
  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '';
  }
})();

/**
 * Proposes the `.charter.yaml` the folder's documents imply (`charter init`, from the
 * server): shown read-only (beside the existing file, as a diff, when there is one), and
 * written only when the user confirms in a modal — created, or replacing the existing file in
 * one undoable edit. Returns the file's URI when it was written.
 */
async function createConfig(client: ClientRef, args: CreateConfigArgs = {}): Promise<vscode.Uri | undefined> {
  const c = need(client);
  let folder = args.folder;
  if (!folder) {
    const list = vscode.workspace.workspaceFolders ?? [];
    if (list.length === 0) throw new Error('open a folder first: the configuration is proposed for a workspace folder');
    const picked = list.length === 1 ? list[0] : await vscode.window.showWorkspaceFolderPick({ placeHolder: 'Propose a .charter.yaml for which folder?' });
    if (!picked) return undefined;
    folder = picked.uri.toString();
  }
  const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Charter: reading the repository to propose its configuration…' }, () =>
    c.sendRequest(InitRequest.type, { folder }),
  );
  const target = vscode.Uri.parse(r.uri);
  const preview = vscode.Uri.from({ scheme: PROPOSAL_SCHEME, path: `/${r.name}/.charter.yaml`, query: `${Date.now()}` });
  proposals.set(preview, r.yaml);
  if (r.exists) await vscode.commands.executeCommand('vscode.diff', target, preview, `.charter.yaml ↔ proposed by charter init (${r.name})`, { preview: true });
  else await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(preview), { preview: true });

  const action = r.exists ? 'Replace .charter.yaml' : 'Create .charter.yaml';
  const detail = `${r.summary.join('\n')}\n\nEach setting says why in the preview. ${r.exists ? 'The current file is replaced (undo restores it).' : 'Nothing else is written.'}`;
  const answer =
    args.confirm === undefined
      ? await vscode.window.showInformationMessage(
          r.exists ? `${r.name} has a .charter.yaml. Replace it with the proposal?` : `Create .charter.yaml in ${r.name} from this proposal?`,
          { modal: true, detail },
          action,
        )
      : args.confirm
        ? action
        : undefined;
  if (answer !== action) return undefined;

  const edit = new vscode.WorkspaceEdit();
  const exists = await vscode.workspace.fs.stat(target).then(
    () => true,
    () => false,
  );
  if (exists !== r.exists)
    throw new Error(`${vscode.workspace.asRelativePath(target)} was ${exists ? 'created' : 'deleted'} meanwhile; nothing was written (run the command again)`);
  if (exists) {
    const doc = await vscode.workspace.openTextDocument(target);
    edit.replace(target, new vscode.Range(0, 0, doc.lineCount, 0), r.yaml);
  } else {
    edit.createFile(target, { overwrite: false, ignoreIfExists: false });
    edit.insert(target, new vscode.Position(0, 0), r.yaml);
  }
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not write ${vscode.workspace.asRelativePath(target)}`);
  const doc = await vscode.workspace.openTextDocument(target);
  await doc.save();
  await vscode.window.showTextDocument(doc);
  return target;
}
