/**
 * The Charter language server: LSP wiring only. Folders keep the index (lsp/folder.ts),
 * the core decides (core/), the features answer (lsp/features.ts); this file turns their
 * answers into LSP messages. Started with `--stdio`, `--node-ipc` or `--socket=N`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  createConnection,
  ProposedFeatures,
  TextDocuments,
  TextDocumentSyncKind,
  DiagnosticSeverity,
  CodeActionKind,
  CompletionItemKind,
  SymbolKind,
  FileChangeType,
  DidChangeWatchedFilesNotification,
  DidChangeConfigurationNotification,
  type InitializeParams,
  type InitializeResult,
  type Diagnostic as LspDiagnostic,
  type CodeAction,
  type CompletionItem,
  type DocumentSymbol,
  type SymbolInformation,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import { Folder } from './lsp/folder';
import { readSettings, type Settings } from './lsp/settings';
import { complete, definition, hover, outline, workspaceSymbols, type OutlineSymbol } from './lsp/features';
import { fixesFor } from './core/fixes';
import { localDate } from './core/dates';
import { CONFIG_FILE } from './core/config';
import { ruleDocUrl } from './core/rule';
import type { Diagnostic } from './core/types';
import { buildOwnership, type OwnershipModel } from './core/ownership';
import {
  OwnershipRequest,
  OwnershipChangedNotification,
  StatusNotification,
  NewDocumentRequest,
  DecisionEntryRequest,
  OwnersReportRequest,
  DocumentsRequest,
  StatsRequest,
  OwnersHtmlRequest,
  type OwnershipResult,
} from './protocol';
import { decisionEntry, documentSkeleton, newDocumentPath } from './core/templates';
import { formatOwnersMarkdown } from './report/owners';
import { toProtocol } from './lsp/ownership';
import { formatOwnersHtml } from './report/ownersHtml';

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);

let folders: Folder[] = [];
/** Folders for files opened outside any workspace folder: their own directory, never walked. */
const looseFolders = new Map<string, Folder>();
let settings: Settings = {};
let trusted = true;
/** Where the index is persisted between sessions (the extension's storage folder), if anywhere. */
let storagePath: string | undefined;
let persistTimer: NodeJS.Timeout | undefined;
let canProgress = false;
let canWatch = false;
let canConfigure = false;
let ready: Promise<void> = Promise.resolve();
/** The last diagnostics sent per URI, to send only what changed. */
const published = new Map<string, string>();
const timers = new Map<string, NodeJS.Timeout>();
/** Open documents whose analysis waits for the next turn of the event loop (a 0 ms timer waits 1 ms). */
const dueNow = new Set<string>();
let ownershipTimer: NodeJS.Timeout | undefined;

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

connection.onInitialize((params: InitializeParams): InitializeResult => {
  const caps = params.capabilities;
  canProgress = Boolean(caps.window?.workDoneProgress);
  canWatch = Boolean(caps.workspace?.didChangeWatchedFiles?.dynamicRegistration);
  canConfigure = Boolean(caps.workspace?.configuration);
  const init = params.initializationOptions as { settings?: unknown; trusted?: boolean; storagePath?: string } | undefined;
  storagePath = typeof init?.storagePath === 'string' && init.storagePath ? init.storagePath : undefined;
  // A client that says the workspace is untrusted gets the defaults: no .charter.yaml, no settings.
  trusted = init?.trusted !== false;
  settings = trusted ? readSettings(init?.settings) : {};
  const wsFolders: WorkspaceFolder[] = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: path.basename(URI.parse(params.rootUri).fsPath) }] : []);
  folders = wsFolders.filter((f) => f.uri.startsWith('file:')).map((f) => makeFolder(URI.parse(f.uri).fsPath, f.name));
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: false },
      completionProvider: { triggerCharacters: [':', '@', ' ', '#', '|'], resolveProvider: false },
      hoverProvider: true,
      documentSymbolProvider: { label: 'Charter' },
      workspaceSymbolProvider: true,
      definitionProvider: true,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: 'charter', version: typeof CHARTER_VERSION === 'string' ? CHARTER_VERSION : 'dev' },
  };
});

declare const CHARTER_VERSION: string | undefined;

function makeFolder(root: string, name: string): Folder {
  const f = new Folder(root, name, trusted);
  f.applySettings(settings);
  return f;
}

connection.onInitialized(() => {
  if (canWatch) {
    void connection.client.register(DidChangeWatchedFilesNotification.type, {
      watchers: [{ globPattern: '**/*' }],
    });
  }
  if (canConfigure) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'charter' });
  connection.workspace.onDidChangeWorkspaceFolders((e) => {
    const removed = new Set(e.removed.map((f) => URI.parse(f.uri).fsPath));
    for (const f of folders.filter((x) => removed.has(x.root))) clearFolder(f);
    folders = folders.filter((f) => !removed.has(f.root));
    const added = e.added.filter((f) => f.uri.startsWith('file:')).map((f) => makeFolder(URI.parse(f.uri).fsPath, f.name));
    folders.push(...added);
    ready = ready.then(() => indexFolders(added));
  });
  ready = (async () => {
    await refreshSettings();
    await indexFolders(folders);
  })().catch((e) => connection.console.error(`Charter: indexing failed: ${(e as Error).stack ?? e}`));
});

async function refreshSettings(): Promise<boolean> {
  if (!canConfigure || !trusted) return false;
  try {
    const raw = await connection.workspace.getConfiguration('charter');
    settings = readSettings(raw);
  } catch {
    return false;
  }
  let changed = false;
  for (const f of allFolders()) if (f.applySettings(settings)) changed = true;
  return changed;
}

function allFolders(): Folder[] {
  return [...folders, ...looseFolders.values()];
}

/** Indexes folders with work-done progress, then publishes every document's findings. */
async function indexFolders(list: Folder[]): Promise<void> {
  if (list.length === 0) return;
  const progress = canProgress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
  progress?.begin('Charter: indexing', 0, 'Finding documents…', false);
  sendStatus('indexing');
  const started = Date.now();
  for (const f of list) {
    await f.load((done, total) => {
      progress?.report(total ? Math.round((done / total) * 50) : 50, `${f.name}: ${done}/${total} markdown files read`);
    }, storagePath);
    // Files opened before the index was ready keep the editor's text.
    for (const d of documents.all()) {
      const rel = f.relative(URI.parse(d.uri).fsPath);
      if (rel && f === folderOf(d.uri)) f.update(rel, d.getText());
    }
    for (const n of f.notesList()) connection.console.info(`Charter: ${f.name}/${n.path}: ${n.message}`);
    await publishFolder(f, (done, total) => progress?.report(50 + Math.round((done / Math.max(1, total)) * 50), `${f.name}: ${done}/${total} documents checked`));
  }
  progress?.done();
  schedulePersist(5_000);
  const docs = list.reduce((n, f) => n + f.docs.size, 0);
  connection.console.info(`Charter: indexed ${docs} documents in ${Date.now() - started} ms`);
  sendStatus('ready');
  scheduleOwnership(0);
}

function clearFolder(f: Folder): void {
  for (const rel of f.docs.keys()) publish(f, rel, []);
  publishConfig(f, true);
}

/** The folder a URI belongs to (the innermost), or a loose folder for its directory. */
function folderOf(uri: string): Folder | undefined {
  if (!uri.startsWith('file:')) return undefined;
  const abs = URI.parse(uri).fsPath;
  let best: Folder | undefined;
  for (const f of folders) if (f.relative(abs) && (!best || f.root.length > best.root.length)) best = f;
  return best;
}

function looseFolderOf(uri: string): Folder | undefined {
  if (!uri.startsWith('file:')) return undefined;
  const dir = path.dirname(URI.parse(uri).fsPath);
  let f = looseFolders.get(dir);
  if (!f) {
    f = makeFolder(dir, path.basename(dir));
    // Never walked: a path exists when the disk says so.
    f.index.paths = { has: (p: string) => fs.existsSync(path.join(dir, ...p.split('/'))) };
    looseFolders.set(dir, f);
  }
  return f;
}

function toLsp(d: Diagnostic): LspDiagnostic {
  return {
    range: d.range,
    severity: SEVERITY[d.severity],
    code: d.rule,
    codeDescription: { href: ruleDocUrl(d.rule) },
    source: 'charter',
    message: d.message,
    data: d.data,
  };
}

/** URIs by folder and path, remembered: the ownership model and publishing ask for thousands. */
const uris = new WeakMap<Folder, Map<string, string>>();
function uriOf(f: Folder, rel: string): string {
  let m = uris.get(f);
  if (!m) uris.set(f, (m = new Map()));
  let u = m.get(rel);
  if (u === undefined) {
    u = URI.file(f.absolute(rel)).toString();
    m.set(rel, u);
  }
  return u;
}

/** Sends a file's findings when they changed, or always (`force`, for the document just edited). */
function publish(f: Folder, rel: string, diags: Diagnostic[], force = false): void {
  send(uriOf(f, rel), diags, force);
}

function publishConfig(f: Folder, clear = false): void {
  send(URI.file(path.join(f.root, CONFIG_FILE)).toString(), clear ? [] : f.configFindings());
}

/** Sends a URI's findings when they differ from what was last sent (or always, with `force`). */
function send(uri: string, diags: Diagnostic[], force = false): void {
  const lsp = diags.map(toLsp);
  const key = JSON.stringify(lsp);
  if (!force && (published.get(uri) ?? '[]') === key) return;
  if (lsp.length) published.set(uri, key);
  else published.delete(uri);
  void connection.sendDiagnostics({ uri, diagnostics: lsp, version: documents.get(uri)?.version });
}

/**
 * Publishes a folder's findings. Each document's own findings were found when it was read
 * (or come from the persisted index); the workspace findings are computed now. Yields
 * between batches so that requests are served meanwhile.
 */
async function publishFolder(f: Folder, onProgress?: (done: number, total: number) => void): Promise<void> {
  publishConfig(f);
  const current = new Set(f.docs.keys());
  const todo = [...current];
  for (let i = 0; i < todo.length; i++) {
    if (!f.docs.has(todo[i])) continue;
    publish(f, todo[i], f.check(todo[i]));
    if (i % 500 === 499) {
      onProgress?.(i + 1, todo.length);
      await new Promise((r) => setImmediate(r));
    }
  }
  onProgress?.(todo.length, todo.length);
  // Documents that stopped being documents (a config change) lose their findings.
  const prefix = URI.file(f.root).toString() + '/';
  for (const uri of [...published.keys()]) {
    if (!uri.startsWith(prefix) || uri.endsWith(`/${CONFIG_FILE}`)) continue;
    const rel = f.relative(URI.parse(uri).fsPath);
    if (rel && !current.has(rel)) publish(f, rel, []);
  }
}

/**
 * Publishes the findings of the documents a change touched; `edited` is always sent (with
 * its version), so that an editor sees its edit was checked. The sidebar hears of it only
 * when who-owns-what changed.
 */
function publishAffected(f: Folder, affected: Iterable<string>, edited?: string, ownershipBefore?: Map<string, string>): void {
  let ownershipChanged = false;
  for (const rel of affected) {
    publish(f, rel, f.docs.has(rel) ? f.check(rel) : [], rel === edited);
    if (!ownershipBefore || ownershipBefore.get(rel) !== f.ownershipKey(rel)) ownershipChanged = true;
  }
  if (ownershipChanged) scheduleOwnership();
  schedulePersist();
}

// Edits in open documents: coalesced per document, analysed on the newest text only.
documents.onDidChangeContent((e) => schedule(e.document));
documents.onDidClose((e) => {
  const uri = e.document.uri;
  clearTimeout(timers.get(uri));
  timers.delete(uri);
  dueNow.delete(uri);
  lastCost.delete(uri);
  void ready.then(() => {
    const f = folderOf(uri);
    if (f) {
      const rel = f.relative(URI.parse(uri).fsPath)!;
      if (rel === CONFIG_FILE) return onConfigFile(f);
      publishAffected(f, f.close(rel));
      return;
    }
    const loose = looseFolders.get(path.dirname(URI.parse(uri).fsPath));
    if (loose) {
      const rel = loose.relative(URI.parse(uri).fsPath)!;
      publish(loose, rel, []);
      loose.open.delete(rel);
      loose.docs.delete(rel);
      if (loose.open.size === 0) looseFolders.delete(loose.root);
    }
  });
});

/** How long the last analysis of each open document took: a burst of edits waits that long. */
const lastCost = new Map<string, number>();

function schedule(doc: TextDocument): void {
  const uri = doc.uri;
  clearTimeout(timers.get(uri));
  // Analyse at once when that is cheap (edits queued meanwhile still coalesce: only the newest
  // text is analysed); a document that takes long to analyse waits about that long for more.
  const cost = lastCost.get(uri) ?? 0;
  if (cost < 40) {
    timers.delete(uri);
    if (dueNow.has(uri)) return;
    dueNow.add(uri);
    setImmediate(() => {
      if (dueNow.delete(uri)) void ready.then(() => analyzeOpen(uri));
    });
    return;
  }
  const delay = Math.min(150, cost);
  timers.set(
    uri,
    setTimeout(() => {
      timers.delete(uri);
      void ready.then(() => analyzeOpen(uri));
    }, delay),
  );
}

function analyzeOpen(uri: string): void {
  const doc = documents.get(uri);
  if (!doc) return;
  const version = doc.version;
  const f = folderOf(uri) ?? looseFolderOf(uri);
  if (!f) return;
  const rel = f.relative(URI.parse(uri).fsPath) ?? path.basename(URI.parse(uri).fsPath);
  if (rel === CONFIG_FILE && folders.includes(f)) return onConfigFile(f, doc.getText());
  if (!/\.(?:md|markdown|mdown|mkd)$/i.test(rel)) return;
  let affected: Set<string>;
  const started = performance.now();
  const ownershipBefore = new Map([[rel, f.ownershipKey(rel)]]);
  try {
    affected = f.update(rel, doc.getText());
  } catch (e) {
    connection.console.error(`Charter: could not analyse ${rel}: ${(e as Error).stack ?? e}`);
    return;
  }
  // A newer edit arrived while this one was analysed: its own run will publish.
  if (documents.get(uri)?.version !== version) return;
  for (const a of affected) if (!ownershipBefore.has(a)) ownershipBefore.set(a, '?');
  publishAffected(f, affected, rel, ownershipBefore);
  lastCost.set(uri, performance.now() - started);
}

function onConfigFile(f: Folder, text?: string): void {
  const changed = f.readConfigFile(text);
  publishConfig(f);
  if (changed) {
    f.reclassifyAll();
    void publishFolder(f).then(() => {
      scheduleOwnership();
      schedulePersist();
    });
  }
}

/** Persists the index a while after the last change (and at shutdown), for a warm next start. */
function schedulePersist(delay = 10_000): void {
  if (!storagePath) return;
  clearTimeout(persistTimer);
  persistTimer = setTimeout(() => {
    for (const f of folders) f.persist(storagePath!);
  }, delay);
}

connection.onShutdown(() => {
  clearTimeout(persistTimer);
  if (storagePath) for (const f of folders) f.persist(storagePath);
});

connection.onDidChangeWatchedFiles((params) => {
  void ready.then(() => {
    const touched = new Map<Folder, Set<string>>();
    for (const change of params.changes) {
      const f = folderOf(change.uri);
      if (!f) continue;
      const rel = f.relative(URI.parse(change.uri).fsPath);
      if (!rel) continue;
      if (rel === CONFIG_FILE) {
        if (!documents.get(change.uri)) onConfigFile(f);
        continue;
      }
      if (documents.get(change.uri) && change.type === FileChangeType.Changed) continue; // the editor's text wins
      let affected: Set<string>;
      try {
        affected = change.type === FileChangeType.Deleted ? f.deleted(rel) : change.type === FileChangeType.Created ? f.created(rel) : f.update(rel);
      } catch (e) {
        connection.console.error(`Charter: ${rel}: ${(e as Error).message}`);
        continue;
      }
      const set = touched.get(f) ?? new Set<string>();
      for (const a of affected) set.add(a);
      if (change.type === FileChangeType.Deleted) set.add(rel);
      touched.set(f, set);
    }
    for (const [f, set] of touched) publishAffected(f, set);
  });
});

connection.onDidChangeConfiguration((params) => {
  void ready.then(async () => {
    let changed: boolean;
    if (!trusted) return;
    if (canConfigure) changed = await refreshSettings();
    else {
      settings = readSettings((params.settings as { charter?: unknown } | undefined)?.charter);
      changed = allFolders().map((f) => f.applySettings(settings)).some(Boolean);
    }
    if (!changed) return;
    for (const f of allFolders()) {
      f.reclassifyAll();
      await publishFolder(f);
    }
    scheduleOwnership();
    schedulePersist();
  });
});

function locate(uri: string): { folder: Folder; rel: string } | undefined {
  const f = folderOf(uri) ?? looseFolders.get(path.dirname(URI.parse(uri).fsPath));
  if (!f) return undefined;
  const rel = f.relative(URI.parse(uri).fsPath);
  return rel ? { folder: f, rel } : undefined;
}

/** Brings an open document's analysis up to date before answering about it. */
function current(uri: string): { folder: Folder; rel: string } | undefined {
  const loc = locate(uri);
  if (!loc) return undefined;
  const pending = timers.get(uri);
  if (pending || dueNow.has(uri)) {
    clearTimeout(pending);
    timers.delete(uri);
    dueNow.delete(uri);
    analyzeOpen(uri);
  }
  return loc;
}

connection.onCodeAction(async (params) => {
  await ready;
  const loc = current(params.textDocument.uri);
  const doc = loc && loc.folder.docs.get(loc.rel);
  if (!loc || !doc) return [];
  const today = localDate();
  const diags = loc.folder.check(loc.rel);
  const actions: CodeAction[] = [];
  for (const asked of params.context.diagnostics) {
    if (asked.source !== 'charter') continue;
    const d = diags.find((x) => x.rule === asked.code && x.range.start.line === asked.range.start.line && x.range.start.character === asked.range.start.character);
    if (!d) continue;
    for (const fix of fixesFor(doc, d, loc.folder.index, today)) {
      actions.push({
        title: fix.title,
        kind: CodeActionKind.QuickFix,
        diagnostics: [asked],
        isPreferred: fix.preferred,
        edit: { changes: { [params.textDocument.uri]: fix.edits } },
      });
    }
  }
  return actions;
});

connection.onCompletion(async (params) => {
  await ready;
  const loc = current(params.textDocument.uri);
  const text = documents.get(params.textDocument.uri)?.getText();
  if (!loc || text === undefined) return [];
  const lines = text.split(/\r\n|\r|\n/);
  const doc = loc.folder.docs.get(loc.rel);
  const KIND = { person: CompletionItemKind.Reference, handle: CompletionItemKind.Reference, role: CompletionItemKind.Class, section: CompletionItemKind.Module, type: CompletionItemKind.Enum, path: CompletionItemKind.File } as const;
  return complete(doc, lines, params.position, loc.folder.index).map(
    (s): CompletionItem => ({
      label: s.label,
      kind: KIND[s.kind],
      detail: s.detail,
      sortText: s.sortText,
      textEdit: s.range ? { range: s.range, newText: s.insertText ?? s.label } : undefined,
    }),
  );
});

connection.onHover(async (params) => {
  await ready;
  const loc = current(params.textDocument.uri);
  const doc = loc && loc.folder.docs.get(loc.rel);
  if (!loc || !doc) return null;
  const h = hover(doc, params.position, loc.folder.index);
  return h ? { contents: { kind: 'markdown', value: h.contents }, range: h.range } : null;
});

connection.onDocumentSymbol(async (params) => {
  await ready;
  const loc = current(params.textDocument.uri);
  const doc = loc && loc.folder.docs.get(loc.rel);
  if (!doc) return [];
  const convert = (s: OutlineSymbol): DocumentSymbol => ({
    name: s.name,
    detail: s.detail,
    kind: s.kind === 'decision' ? SymbolKind.Event : SymbolKind.String,
    range: s.range,
    selectionRange: s.selectionRange,
    children: s.children.map(convert),
  });
  return outline(doc).map(convert);
});

connection.onWorkspaceSymbol(async (params) => {
  await ready;
  const out: SymbolInformation[] = [];
  for (const f of folders) {
    for (const s of workspaceSymbols(f.index, params.query)) {
      out.push({ name: s.name, kind: s.kind === 'document' ? SymbolKind.File : SymbolKind.Event, location: { uri: uriOf(f, s.path), range: s.range }, containerName: s.container });
    }
  }
  return out;
});

connection.onDefinition(async (params) => {
  await ready;
  const loc = current(params.textDocument.uri);
  const doc = loc && loc.folder.docs.get(loc.rel);
  if (!loc || !doc) return null;
  const target = definition(doc, params.position, loc.folder.index);
  return target ? { uri: uriOf(loc.folder, target.path), range: target.range } : null;
});

connection.onRequest(OwnershipRequest.method, async (params: OwnershipRequest.Params): Promise<OwnershipResult> => {
  await ready;
  return ownership(params?.folder);
});

connection.onRequest(NewDocumentRequest.method, async (p: NewDocumentRequest.Params): Promise<NewDocumentRequest.Result> => {
  await ready;
  const f = (p.folder ? folders.find((x) => URI.file(x.root).toString() === p.folder) : undefined) ?? folders[0];
  if (!f) throw new Error('Open a folder first: new documents are written inside a workspace folder.');
  const rel = newDocumentPath(f.index, p.kind, p.title, (q) => fs.existsSync(f.absolute(q)) || f.docs.has(q));
  const prdRel = p.prd ? f.relative(URI.parse(p.prd).fsPath) : undefined;
  const prdLink = prdRel ? path.posix.relative(path.posix.dirname(rel), prdRel) : undefined;
  const kind = f.config.kinds.find((k) => k.name === p.kind);
  const today = localDate();
  return { uri: uriOf(f, rel), content: documentSkeleton({ kind: p.kind, title: p.title, owner: p.owner, today }, kind, prdLink) };
});

connection.onRequest(DecisionEntryRequest.method, async (p: DecisionEntryRequest.Params): Promise<DecisionEntryRequest.Result> => {
  await ready;
  const loc = current(p.uri);
  const text = documents.get(p.uri)?.getText() ?? (loc ? fs.readFileSync(loc.folder.absolute(loc.rel), 'utf8') : '');
  const lines = text.split(/\r\n|\r|\n/);
  const last = lines.length - 1;
  const endsBlank = lines[last] === '' && (last === 0 || lines[last - 1] === '');
  const lead = text === '' ? '' : lines[last] === '' ? (endsBlank ? '' : '\n') : '\n\n';
  const today = localDate();
  return { position: { line: last, character: lines[last].length }, text: `${lead}${decisionEntry({ title: p.title, owner: p.owner, today })}` };
});

connection.onRequest(OwnersReportRequest.method, async (p: OwnersReportRequest.Params): Promise<OwnersReportRequest.Result> => {
  await ready;
  const list = p?.folder ? folders.filter((f) => URI.file(f.root).toString() === p.folder) : folders;
  const parts = list.map((f) => (list.length > 1 ? `<!-- ${f.name} -->\n` : '') + formatOwnersMarkdown(buildOwnership(f.index)));
  return { markdown: parts.join('\n') || '# Who owns what\n\nNo workspace folder is open.\n' };
});

connection.onRequest(OwnersHtmlRequest.method, async (p: OwnersHtmlRequest.Params): Promise<OwnersHtmlRequest.Result> => {
  await ready;
  const f = (p?.folder ? folders.find((x) => URI.file(x.root).toString() === p.folder) : undefined) ?? folders[0];
  const model: OwnershipModel = f ? buildOwnership(f.index) : { people: [], unowned: [], teams: [] };
  // In the webview a link opens the item through the extension's command (no script needed).
  const href = (rel: string, line: number) => {
    const range = { start: { line: line - 1, character: 0 }, end: { line: line - 1, character: 0 } };
    return `command:charter.openItem?${encodeURIComponent(JSON.stringify([f ? uriOf(f, rel) : rel, range]))}`;
  };
  return { html: formatOwnersHtml(model, { href, csp: p.csp, nonce: p.nonce, title: f && folders.length > 1 ? `Who owns what — ${f.name}` : 'Who owns what' }) };
});

connection.onRequest(DocumentsRequest.method, async (p: DocumentsRequest.Params): Promise<DocumentsRequest.Result> => {
  await ready;
  const out: DocumentsRequest.Result = [];
  for (const f of folders) for (const d of f.docs.values()) if (!p?.kind || d.kind.name === p.kind) out.push({ uri: uriOf(f, d.path), title: d.title, kind: d.kind.name });
  return out.sort((a, b) => (a.uri < b.uri ? -1 : 1));
});

connection.onRequest(StatsRequest.method, async (): Promise<StatsRequest.Result> => {
  await ready;
  (globalThis as { gc?: () => void }).gc?.();
  const mem = process.memoryUsage();
  return {
    folders: folders.length,
    documents: allFolders().reduce((n, f) => n + f.docs.size, 0),
    openDocuments: documents.all().length,
    filesRead: allFolders().reduce((n, f) => n + f.filesRead, 0),
    heapUsed: mem.heapUsed,
    rss: mem.rss,
    pid: process.pid,
  };
});

function ownership(only?: string): OwnershipResult {
  const result: OwnershipResult = { folders: [], unownedCount: 0 };
  for (const f of folders) {
    const uri = URI.file(f.root).toString();
    if (only && only !== uri) continue;
    const model = buildOwnership(f.index);
    const folder = toProtocol((rel) => uriOf(f, rel), { uri, name: f.name }, model);
    result.folders.push(folder);
    result.unownedCount += folder.unowned.length;
  }
  return result;
}

function scheduleOwnership(delay = 150): void {
  clearTimeout(ownershipTimer);
  ownershipTimer = setTimeout(() => {
    let unownedCount = 0;
    for (const f of folders) unownedCount += f.unownedCount();
    void connection.sendNotification(OwnershipChangedNotification.method, { unownedCount } satisfies OwnershipChangedNotification.Params);
  }, delay);
}

function sendStatus(state: StatusNotification.Params['state']): void {
  let docs = 0;
  let problems = 0;
  for (const f of folders) docs += f.docs.size;
  for (const v of published.values()) problems += (JSON.parse(v) as unknown[]).length;
  void connection.sendNotification(StatusNotification.method, { state, documents: docs, problems } satisfies StatusNotification.Params);
}

// A bug must never take the server down: log it and keep serving.
process.on('uncaughtException', (e) => connection.console.error(`Charter: unexpected error: ${e.stack ?? e}`));
process.on('unhandledRejection', (e) => connection.console.error(`Charter: unexpected error: ${(e as Error)?.stack ?? e}`));

documents.listen(connection);
connection.listen();
