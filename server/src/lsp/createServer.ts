/**
 * The Charter language server as a factory: `createServer(connection, host)` wires an LSP
 * connection to the folders' indexes and keeps all its state in this closure (no module
 * state), so a test can start as many as it likes. It translates only: LSP positions, URIs,
 * publishing, progress and settings. The core index (core/workspaceIndex.ts) decides; the
 * folders (folder.ts) hand it texts; the host (host.ts) reads and writes files.
 *
 * An opened document's flow: `didOpen`/`didChange` → `schedule` (edits coalesce) →
 * `analyzeOpen` → `Folder.edit` → `WorkspaceIndex.update` → the documents whose findings or
 * ownership changed → `publishChange` → `publishDiagnostics` (and `charter/ownershipChanged`).
 *
 * Files changed on disk: `didChangeWatchedFiles` → `Folder.queue` (one entry per path, the
 * later event wins) → `drain`, a slice of about 20 ms at a time with the event loop free in
 * between → `Folder.step` → `IndexBatch` (each file read once, then each document the batch
 * reaches checked once) → `publishChange`. A request about a file still queued applies that
 * file's event first (`current` → `Folder.settleNow`), not the whole batch.
 */
import * as path from 'node:path';
import {
  TextDocuments,
  TextDocumentSyncKind,
  DiagnosticSeverity,
  CodeActionKind,
  CompletionItemKind,
  SymbolKind,
  FileChangeType,
  DidChangeWatchedFilesNotification,
  DidChangeConfigurationNotification,
  type Connection,
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
import { Folder } from './folder';
import type { ServerHost, IndexStore } from '../node/host';
import { readSettings, type Settings } from '../core/settings';
import { complete } from '../core/features/completion';
import { definition } from '../core/features/definition';
import { hover } from '../core/features/hover';
import { outline, workspaceSymbols, type OutlineSymbol } from '../core/features/symbols';
import { decisionsToProtocol, toProtocol } from './ownership';
import { buildDecisionLife } from '../core/decisionLife';
import { SourceReferences } from './sourceReferences';
import { fixesFor } from '../core/analyze';
import { templateFixes } from '../core/contract';
import { localDate } from '../core/dates';
import { CONFIG_FILE, defaultConfig } from '../core/config';
import { indexUnder, proposeConfig } from '../core/init';
import { ruleDocUrl } from '../core/rule';
import type { Diagnostic } from '../core/types';
import type { AnalyzedDocument } from '../core/document';
import { MARKDOWN_RE, type IndexChange } from '../core/workspaceIndex';
import { buildOwnership, type OwnershipModel } from '../core/ownership';
import { decisionEntryInsertion, documentSkeleton, newDocumentPath } from '../core/templates';
import { formatOwnersMarkdown } from '../report/owners';
import { codeActionParams, positionParams, stringFields, textDocumentParams } from './params';
import { formatOwnersHtml } from '../report/ownersHtml';
import {
  OwnershipRequest,
  OwnershipChangedNotification,
  StatusNotification,
  NewDocumentRequest,
  DecisionEntryRequest,
  OwnersReportRequest,
  OwnersHtmlRequest,
  DocumentsRequest,
  InitRequest,
  StatsRequest,
  type OwnershipResult,
} from './protocol';

declare const CHARTER_VERSION: string | undefined;

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/** What a finding the baseline holds says after its message. */
export const BASELINED_TAG = ' (in the baseline)';

/** A finding as LSP sends it; one the baseline holds (`charter.baseline`) is a hint, and says so. */
function toLsp(d: Diagnostic, baselined = false): LspDiagnostic {
  return {
    range: d.range,
    severity: baselined ? DiagnosticSeverity.Hint : SEVERITY[d.severity],
    code: d.rule,
    codeDescription: { href: ruleDocUrl(d.rule) },
    source: 'charter',
    message: baselined ? `${d.message}${BASELINED_TAG}` : d.message,
    data: baselined ? { ...d.data, baselined: true } : d.data,
  };
}

export function createServer(connection: Connection, host: ServerHost): { listen(): void } {
  const documents = new TextDocuments(TextDocument);
  let folders: Folder[] = [];
  /** Folders for files opened outside every workspace folder: their own directory, never walked. */
  const looseFolders = new Map<string, Folder>();
  let settings: Settings = {};
  let trusted = true;
  let selectCommand: string | undefined;
  /** Where the index is persisted between sessions (the extension's storage folder), if anywhere. */
  let store: IndexStore | undefined;
  let persistTimer: NodeJS.Timeout | undefined;
  let ownershipTimer: NodeJS.Timeout | undefined;
  const caps = { progress: false, watch: false, configure: false, folders: false };
  let ready: Promise<void> = Promise.resolve();
  /** URIs last sent with findings, to clear them when their folder goes. */
  const shown = new Set<string>();
  /** Pending analyses of open documents, and how long each one's last analysis took. */
  const timers = new Map<string, NodeJS.Timeout>();
  /** Open documents whose analysis waits for the next turn of the event loop (a 0 ms timer waits 1 ms). */
  const dueNow = new Set<string>();
  const lastCost = new Map<string, number>();
  /** URIs by folder and path, remembered: the ownership model and publishing ask for thousands. */
  const uris = new WeakMap<Folder, Map<string, string>>();
  /** The baseline file each folder showed a problem on, to clear it when it is fixed or another is named. */
  const baselineUris = new Map<Folder, string>();

  const makeFolder = (root: string, name: string, loose = false): Folder => {
    const f = new Folder(root, name, host, trusted, loose);
    f.applySettings(settings);
    return f;
  };
  const allFolders = (): Folder[] => [...folders, ...looseFolders.values()];

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

  /** The folder a URI belongs to (the innermost workspace folder). */
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
    if (!f) looseFolders.set(dir, (f = makeFolder(dir, path.basename(dir), true)));
    return f;
  }

  /** A URI's folder and root-relative path (workspace folders first, then loose ones). */
  function locate(uri: string): { folder: Folder; rel: string } | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const f = folderOf(uri) ?? looseFolders.get(path.dirname(URI.parse(uri).fsPath));
    const rel = f?.relative(URI.parse(uri).fsPath);
    return f && rel ? { folder: f, rel } : undefined;
  }

  // ---- Publishing ----

  /** Sends a URI's diagnostics; an empty list only to clear what was shown, unless `force` (an edited document). */
  function sendLsp(uri: string, diagnostics: LspDiagnostic[], force = false): void {
    if (diagnostics.length) shown.add(uri);
    else if (!shown.delete(uri) && !force) return; // nothing shown, nothing to clear
    void connection.sendDiagnostics({ uri, diagnostics, version: documents.get(uri)?.version });
  }

  /** Sends a URI's findings (`baselined`: which of them the baseline holds). */
  function send(uri: string, diags: Diagnostic[], force = false, baselined?: boolean[]): void {
    sendLsp(uri, diags.map((d, i) => toLsp(d, baselined?.[i])), force);
  }

  /** Sends a document's findings, those in the folder's baseline as hints. */
  function sendDocument(f: Folder, rel: string, force = false): void {
    // Publishing gives findings out: the index remembers them as what the editor shows.
    const diags = f.index.give(rel);
    send(uriOf(f, rel), diags, force, f.baselined(rel, diags));
  }

  /** Shows what is wrong with a folder's baseline file on that file (and logs it), or clears it. */
  function publishBaseline(f: Folder): void {
    const before = baselineUris.get(f);
    const problem = f.baselineProblem;
    // On the file, when it is in the folder (a setting that points outside it gets the log only).
    const inside = f.baselineRel !== undefined && problem ? f.relative(path.resolve(f.root, f.baselineRel)) : undefined;
    const uri = inside !== undefined ? URI.file(f.absolute(inside)).toString() : undefined;
    if (before && before !== uri) {
      sendLsp(before, []);
      baselineUris.delete(f);
    }
    if (problem) connection.console.warn(`Charter: ${f.name}: the baseline ${f.baselineRel}: ${problem.message}; findings are shown at their own severity`);
    if (!uri || !problem) return;
    baselineUris.set(f, uri);
    const message = `Charter cannot use this baseline: ${problem.message}. Findings are shown at their own severity until it is fixed.`;
    sendLsp(uri, [{ range: problem.range, severity: DiagnosticSeverity.Error, source: 'charter', message }]);
  }

  /** Reads a folder's baseline again; when what it holds changed, sends every document's findings again. */
  async function refreshBaseline(f: Folder): Promise<void> {
    const changed = f.readBaseline();
    publishBaseline(f);
    if (changed) await publishFolder(f);
  }

  /** Each folder's source files read for decision ids (`references.include`). */
  const sourceRefs = new Map<Folder, SourceReferences>();
  const sourceTimers = new Map<Folder, ReturnType<typeof setTimeout>>();
  const sourceShown = new Map<Folder, Set<string>>();
  const sourcesOf = (f: Folder) => {
    let s = sourceRefs.get(f);
    if (!s) sourceRefs.set(f, (s = new SourceReferences((rel) => host.readText(f.root, rel, f.index.classifier).text)));
    return s;
  };

  /** Sends the findings of the folder's source files (those read for decision ids), soon: records may have changed. */
  function scheduleSources(f: Folder, delay = 100): void {
    clearTimeout(sourceTimers.get(f));
    sourceTimers.set(
      f,
      setTimeout(() => {
        sourceTimers.delete(f);
        if (!allFolders().includes(f)) return;
        if (!f.index.config.references?.include.length && !sourceRefs.has(f)) return;
        const now = sourcesOf(f).findings(f.index);
        // A file no longer read (the configuration changed, the file went): what it showed is cleared.
        for (const rel of sourceShown.get(f) ?? []) if (!now.has(rel)) send(uriOf(f, rel), []);
        sourceShown.set(f, new Set(now.keys()));
        for (const [rel, diags] of now) send(uriOf(f, rel), diags);
      }, delay),
    );
  }

  /** Sends the findings of the documents a change touched; `edited` always (an editor sees its edit was checked). */
  function publishChange(f: Folder, change: IndexChange, edited?: string): void {
    if (change.findings.size) scheduleSources(f);
    for (const rel of change.findings) sendDocument(f, rel);
    if (edited !== undefined && !change.findings.has(edited)) sendDocument(f, edited, true);
    if (change.ownership.size) scheduleOwnership();
    if (change.findings.size || change.ownership.size) schedulePersist();
  }

  function publishConfig(f: Folder, clear = false): void {
    send(URI.file(path.join(f.root, CONFIG_FILE)).toString(), clear ? [] : f.configFindings());
  }

  /** Publishes every document of a folder, yielding between batches so that requests are served meanwhile. */
  async function publishFolder(f: Folder, onProgress?: (done: number, total: number) => void): Promise<void> {
    publishConfig(f);
    publishBaseline(f);
    const todo = f.index.checkable();
    for (let i = 0; i < todo.length; i++) {
      // Findings known from a persisted index of an unchanged folder are not checked again.
      if (f.index.documents.has(todo[i]) || f.index.templates.has(todo[i])) sendDocument(f, todo[i]);
      if (i % 500 === 499) {
        onProgress?.(i + 1, todo.length);
        await new Promise((r) => setImmediate(r));
      }
    }
    onProgress?.(todo.length, todo.length);
    scheduleSources(f, 0);
  }

  function clearFolder(f: Folder): void {
    baselineUris.delete(f);
    const prefix = URI.file(f.root).toString() + '/';
    for (const uri of [...shown]) if (uri.startsWith(prefix)) send(uri, []);
  }

  function scheduleOwnership(delay = 150): void {
    clearTimeout(ownershipTimer);
    ownershipTimer = setTimeout(() => {
      let unownedCount = 0;
      for (const f of folders) unownedCount += f.index.unownedCount();
      void connection.sendNotification(OwnershipChangedNotification.type, { unownedCount } satisfies OwnershipChangedNotification.Params);
    }, delay);
  }

  function sendStatus(state: StatusNotification.Params['state']): void {
    let docs = 0;
    let problems = 0;
    for (const f of folders) {
      docs += f.index.documents.size;
      problems += f.index.problemCount();
    }
    void connection.sendNotification(StatusNotification.type, { state, documents: docs, problems } satisfies StatusNotification.Params);
  }

  /** Persists the index a while after the last change (and at shutdown), for a warm next start. */
  function schedulePersist(delay = 10_000): void {
    if (!store) return;
    clearTimeout(persistTimer);
    persistTimer = setTimeout(() => {
      // Halfway through a batch of file changes: later, when the findings are current.
      if (folders.some((f) => f.busy)) return schedulePersist(delay);
      for (const f of folders) f.persist(store!);
    }, delay);
  }

  // ---- Start, folders, settings ----

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const c = params.capabilities;
    caps.progress = Boolean(c.window?.workDoneProgress);
    caps.watch = Boolean(c.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    caps.configure = Boolean(c.workspace?.configuration);
    caps.folders = Boolean(c.workspace?.workspaceFolders);
    const init = params.initializationOptions as { settings?: unknown; trusted?: boolean; storagePath?: string; selectCommand?: unknown } | undefined;
    // A client command that opens a document with a range selected: after a quick fix that
    // inserts a section, the writer lands on its prompt, ready to type over it.
    selectCommand = typeof init?.selectCommand === 'string' && init.selectCommand ? init.selectCommand : undefined;
    store = typeof init?.storagePath === 'string' && init.storagePath ? host.store(init.storagePath) : undefined;
    // A client that says the workspace is untrusted gets the defaults: no .charter.yaml, no settings.
    trusted = init?.trusted !== false;
    settings = trusted ? readSettings(init?.settings) : {};
    const ws: WorkspaceFolder[] = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: path.basename(URI.parse(params.rootUri).fsPath) }] : []);
    folders = ws.filter((f) => f.uri.startsWith('file:')).map((f) => makeFolder(URI.parse(f.uri).fsPath, f.name));
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: false },
        completionProvider: { triggerCharacters: [':', '@', ' ', '#', '|', '-', '('], resolveProvider: false },
        hoverProvider: true,
        documentSymbolProvider: { label: 'Charter' },
        workspaceSymbolProvider: true,
        definitionProvider: true,
        workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
      },
      serverInfo: { name: 'charter', version: typeof CHARTER_VERSION === 'string' ? CHARTER_VERSION : 'dev' },
    };
  });

  connection.onInitialized(() => {
    if (caps.watch) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: '**/*' }] });
    if (caps.configure) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'charter' });
    // Only a client that says it sends folder changes may be asked for them (the library throws otherwise).
    if (caps.folders) connection.workspace.onDidChangeWorkspaceFolders((e) => {
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

  /** Asks the client for the `charter` settings; returns what changed in every folder. */
  async function refreshSettings(): Promise<Map<Folder, IndexChange>> {
    const changes = new Map<Folder, IndexChange>();
    if (!caps.configure || !trusted) return changes;
    try {
      settings = readSettings(await connection.workspace.getConfiguration('charter'));
    } catch {
      return changes;
    }
    for (const f of allFolders()) changes.set(f, f.applySettings(settings));
    return changes;
  }

  /** Indexes folders with work-done progress, then publishes every document's findings. */
  async function indexFolders(list: Folder[]): Promise<void> {
    if (list.length === 0) return;
    const progress = caps.progress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('Charter: indexing', 0, 'Finding documents…', false);
    sendStatus('indexing');
    const started = Date.now();
    for (const f of list) {
      await f.load((done, total) => progress?.report(total ? Math.round((done / total) * 50) : 50, `${f.name}: ${done}/${total} markdown files read`), store);
      // Files opened before the index was ready keep the editor's text.
      for (const d of documents.all()) {
        const rel = f.relative(URI.parse(d.uri).fsPath);
        if (rel && f === folderOf(d.uri) && MARKDOWN_RE.test(rel)) f.edit(rel, d.getText());
      }
      for (const n of f.notesList()) connection.console.info(`Charter: ${f.name}/${n.path}: ${n.message}`);
      await publishFolder(f, (done, total) => progress?.report(50 + Math.round((done / Math.max(1, total)) * 50), `${f.name}: ${done}/${total} documents checked`));
    }
    progress?.done();
    schedulePersist(5_000);
    const docs = list.reduce((n, f) => n + f.index.documents.size, 0);
    connection.console.info(`Charter: indexed ${docs} documents in ${Date.now() - started} ms`);
    sendStatus('ready');
    scheduleOwnership(0);
  }

  connection.onDidChangeConfiguration((params) => {
    void ready.then(async () => {
      if (!trusted) return;
      let changes: Map<Folder, IndexChange>;
      if (caps.configure) changes = await refreshSettings();
      else {
        settings = readSettings((params.settings as { charter?: unknown } | undefined)?.charter);
        changes = new Map(allFolders().map((f) => [f, f.applySettings(settings)]));
      }
      for (const [f, change] of changes) publishChange(f, change);
      // charter.baseline may name another file (or none).
      for (const f of folders) await refreshBaseline(f);
    });
  });

  function onConfigFile(f: Folder, text?: string): void {
    const change = f.readConfigFile(text);
    publishConfig(f);
    publishChange(f, change);
  }

  // ---- Open documents ----

  // Edits in open documents: coalesced per document, analysed on the newest text only.
  documents.onDidChangeContent((e) => schedule(e.document.uri));
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
        if (f.open.has(rel)) publishChange(f, f.close(rel));
        return;
      }
      const loose = looseFolders.get(path.dirname(URI.parse(uri).fsPath));
      if (loose) {
        send(uri, []);
        loose.close(loose.relative(URI.parse(uri).fsPath)!);
        if (loose.open.size === 0) looseFolders.delete(loose.root);
      }
    });
  });

  function schedule(uri: string): void {
    clearTimeout(timers.get(uri));
    // At once when that is cheap (edits queued meanwhile still coalesce: only the newest text
    // is analysed); a document that takes long to analyse waits about that long for more.
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
    if (!MARKDOWN_RE.test(rel)) return;
    const started = performance.now();
    let change: IndexChange;
    try {
      change = f.edit(rel, doc.getText());
    } catch (e) {
      connection.console.error(`Charter: could not analyse ${rel}: ${(e as Error).stack ?? e}`);
      return;
    }
    // A newer edit arrived while this one was analysed: its own run will publish.
    if (documents.get(uri)?.version !== version) return;
    publishChange(f, change, rel);
    lastCost.set(uri, performance.now() - started);
  }

  /**
   * Brings a document's analysis up to date before answering about it: an open one's pending
   * edit, or a file event of a batch still being worked through (that one file, not the batch).
   */
  function current(uri: string): { folder: Folder; rel: string } | undefined {
    const pending = timers.get(uri);
    if (pending || dueNow.has(uri)) {
      clearTimeout(pending);
      timers.delete(uri);
      dueNow.delete(uri);
      analyzeOpen(uri);
    }
    const loc = locate(uri);
    if (loc?.folder.busy) publishChange(loc.folder, loc.folder.settleNow(loc.rel));
    return loc;
  }

  /** Answers a request about a recognised document, up to date; `none` when it is not one. */
  async function withDocument<T>(uri: string, none: T, answer: (f: Folder, doc: AnalyzedDocument) => T): Promise<T> {
    await ready;
    const loc = current(uri);
    const doc = loc && loc.folder.index.documents.get(loc.rel);
    return loc && doc ? answer(loc.folder, doc) : none;
  }

  // ---- Files on disk ----

  /** How long the server works on a batch of file changes before it answers what waits (ms). */
  const SLICE_MS = 20;
  /** Batches of at least this many events are announced (status "indexing", a log line) even when quick. */
  const ANNOUNCE_FROM = 100;
  /** Folders whose file events are being worked through. */
  const draining = new Set<Folder>();

  connection.onDidChangeWatchedFiles((params) => {
    const touched = new Set<Folder>();
    for (const change of params.changes) {
      const f = folderOf(change.uri);
      const rel = f?.relative(URI.parse(change.uri).fsPath);
      if (!f || !rel) continue;
      if (rel === CONFIG_FILE) {
        void ready.then(() => {
          if (!documents.get(change.uri) && folders.includes(f)) onConfigFile(f);
        });
        continue;
      }
      // The baseline file changed on disk (written by charter check --update-baseline, say).
      if (rel === f.baselineRel) void ready.then(() => refreshBaseline(f));
      if (!/\.(?:md|markdown)$/i.test(rel)) {
        sourcesOf(f).touch(rel);
        scheduleSources(f);
      }
      f.queue(rel, change.type === FileChangeType.Deleted ? 'deleted' : change.type === FileChangeType.Created ? 'created' : 'changed');
      touched.add(f);
    }
    for (const f of touched) drain(f);
  });

  /**
   * Works through a folder's file events as one batch (folder.ts `step`): a slice of about
   * SLICE_MS at a time, then back to the event loop so that requests and edits are served
   * meanwhile; each document's findings are published once, when the batch has checked it.
   * Events that come meanwhile join the batch. Waits for the first index (events that came
   * while it was read are applied after it).
   */
  function drain(f: Folder): void {
    if (draining.has(f)) return;
    draining.add(f);
    void ready
      .then(async () => {
        const started = performance.now();
        let announced = false;
        while (f.busy && allFolders().includes(f)) {
          const until = performance.now() + SLICE_MS;
          let change: IndexChange;
          try {
            change = f.step(() => performance.now() >= until);
          } catch (e) {
            connection.console.error(`Charter: applying file changes failed: ${(e as Error).stack ?? e}`);
            break;
          }
          publishChange(f, change);
          if (!f.busy) break;
          if (!announced && (f.eventsQueued >= ANNOUNCE_FROM || performance.now() - started > 200)) {
            announced = true;
            sendStatus('indexing');
          }
          await new Promise((r) => setImmediate(r));
        }
        const n = f.eventsQueued;
        f.eventsQueued = 0;
        draining.delete(f);
        if (announced || n >= ANNOUNCE_FROM) connection.console.info(`Charter: ${n} file change${n === 1 ? '' : 's'} applied in ${Math.round(performance.now() - started)} ms`);
        if (announced) sendStatus('ready');
      })
      .catch((e) => connection.console.error(`Charter: ${(e as Error).stack ?? e}`));
  }

  // ---- Language features ----

  connection.onCodeAction(async (params) => {
    codeActionParams(params);
    await ready;
    // A template carries Charter's policy said once: its fix adds the field or section to it.
    const loc = current(params.textDocument.uri);
    if (loc && loc.folder.index.templates.has(loc.rel)) {
      const text = documents.get(params.textDocument.uri)?.getText() ?? host.readText(loc.folder.root, loc.rel, loc.folder.index.classifier).text ?? '';
      const diags = loc.folder.index.findings(loc.rel);
      const actions: CodeAction[] = [];
      for (const asked of params.context.diagnostics) {
        const d = diags.find((x) => x.rule === asked.code && x.range.start.line === asked.range.start.line && asked.source === 'charter');
        if (!d) continue;
        for (const fix of templateFixes(text, d)) actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [asked], edit: { changes: { [params.textDocument.uri]: fix.edits } } });
      }
      return actions;
    }
    return withDocument(params.textDocument.uri, [] as CodeAction[], (f, doc) => {
      const today = localDate();
      const diags = f.index.findings(doc.path);
      const actions: CodeAction[] = [];
      for (const asked of params.context.diagnostics) {
        if (asked.source !== 'charter') continue;
        const d = diags.find((x) => x.rule === asked.code && x.range.start.line === asked.range.start.line && x.range.start.character === asked.range.start.character);
        if (!d) continue;
        for (const fix of fixesFor(doc, d, f.index, today)) {
          const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [asked], isPreferred: fix.preferred, edit: { changes: { [params.textDocument.uri]: fix.edits } } };
          if (fix.select && selectCommand) action.command = { title: 'Go to the new text', command: selectCommand, arguments: [params.textDocument.uri, fix.select] };
          actions.push(action);
        }
      }
      return actions;
    });
  });

  const COMPLETION_KIND = { person: CompletionItemKind.Reference, handle: CompletionItemKind.Reference, role: CompletionItemKind.Class, section: CompletionItemKind.Module, type: CompletionItemKind.Enum, path: CompletionItemKind.File, decision: CompletionItemKind.Reference } as const;
  connection.onCompletion(async (params) => {
    positionParams(params);
    await ready;
    const loc = current(params.textDocument.uri);
    const text = documents.get(params.textDocument.uri)?.getText();
    if (!loc || text === undefined) return [];
    const doc = loc.folder.index.documents.get(loc.rel);
    return complete(doc, text.split(/\r\n|\r|\n/), params.position, loc.folder.index).map(
      (s): CompletionItem => ({
        label: s.label,
        kind: COMPLETION_KIND[s.kind],
        detail: s.detail,
        sortText: s.sortText,
        textEdit: s.range ? { range: s.range, newText: s.insertText ?? s.label } : undefined,
      }),
    );
  });

  connection.onHover((params) => {
    positionParams(params);
    return withDocument(params.textDocument.uri, null, (f, doc) => {
      const h = hover(doc, params.position, f.index);
      return h ? { contents: { kind: 'markdown' as const, value: h.contents }, range: h.range } : null;
    });
  });

  connection.onDocumentSymbol((params) => {
    textDocumentParams(params);
    return withDocument(params.textDocument.uri, [] as DocumentSymbol[], (_f, doc) => {
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
  });

  connection.onWorkspaceSymbol(async (params) => {
    stringFields(params, ['query']);
    await ready;
    const out: SymbolInformation[] = [];
    for (const f of folders) {
      for (const s of workspaceSymbols(f.index, params.query)) {
        out.push({ name: s.name, kind: s.kind === 'document' ? SymbolKind.File : SymbolKind.Event, location: { uri: uriOf(f, s.path), range: s.range }, containerName: s.container });
      }
    }
    return out;
  });

  connection.onDefinition((params) => {
    positionParams(params);
    return withDocument(params.textDocument.uri, null, (f, doc) => {
      const target = definition(doc, params.position, f.index);
      return target ? { uri: uriOf(f, target.path), range: target.range } : null;
    });
  });

  // ---- Charter's own requests ----

  const folderByUri = (uri: string | undefined) => (uri ? folders.find((x) => URI.file(x.root).toString() === uri) : undefined);

  connection.onRequest(OwnershipRequest.type, async (params: OwnershipRequest.Params): Promise<OwnershipResult> => {
    stringFields(params, [], ['folder']);
    await ready;
    const result: OwnershipResult = { folders: [], unownedCount: 0 };
    for (const f of folders) {
      const uri = URI.file(f.root).toString();
      if (params?.folder && params.folder !== uri) continue;
      const model = buildOwnership(f.index);
      const folder = toProtocol((rel) => uriOf(f, rel), { uri, name: f.name }, model);
      const life = buildDecisionLife(f.index, (p) => f.index.findings(p));
      if (life.statuses.length || life.attention.length) folder.decisions = decisionsToProtocol((rel) => uriOf(f, rel), life);
      result.folders.push(folder);
      result.unownedCount += model.unowned.length;
    }
    return result;
  });

  connection.onRequest(NewDocumentRequest.type, async (p: NewDocumentRequest.Params): Promise<NewDocumentRequest.Result> => {
    stringFields(p, ['kind', 'title'], ['owner', 'prd', 'folder']);
    await ready;
    const f = folderByUri(p.folder) ?? folders[0];
    if (!f) throw new Error('Open a folder first: new documents are written inside a workspace folder.');
    const rel = newDocumentPath(f.index, p.kind, p.title, (q) => host.exists(f.absolute(q)) || f.index.documents.has(q));
    const prdRel = p.prd ? f.relative(URI.parse(p.prd).fsPath) : undefined;
    const prdLink = prdRel ? path.posix.relative(path.posix.dirname(rel), prdRel) : undefined;
    const kind = f.config.kinds.find((k) => k.name === p.kind);
    return { uri: uriOf(f, rel), content: documentSkeleton({ kind: p.kind, title: p.title, owner: p.owner, today: localDate() }, kind, prdLink) };
  });

  connection.onRequest(DecisionEntryRequest.type, async (p: DecisionEntryRequest.Params): Promise<DecisionEntryRequest.Result> => {
    stringFields(p, ['uri', 'title'], ['owner']);
    await ready;
    const loc = current(p.uri);
    const text = documents.get(p.uri)?.getText() ?? (loc ? (host.readText(loc.folder.root, loc.rel, loc.folder.index.classifier).text ?? '') : '');
    return decisionEntryInsertion(text, { title: p.title, owner: p.owner, today: localDate() });
  });

  connection.onRequest(OwnersReportRequest.type, async (p: OwnersReportRequest.Params): Promise<OwnersReportRequest.Result> => {
    stringFields(p, [], ['folder']);
    await ready;
    const list = p?.folder ? folders.filter((f) => URI.file(f.root).toString() === p.folder) : folders;
    const parts = list.map((f) => (list.length > 1 ? `<!-- ${f.name} -->\n` : '') + formatOwnersMarkdown(buildOwnership(f.index)));
    return { markdown: parts.join('\n') || '# Who owns what\n\nNo workspace folder is open.\n' };
  });

  connection.onRequest(OwnersHtmlRequest.type, async (p: OwnersHtmlRequest.Params): Promise<OwnersHtmlRequest.Result> => {
    stringFields(p, [], ['folder', 'csp', 'nonce']);
    await ready;
    const f = folderByUri(p?.folder) ?? folders[0];
    const model: OwnershipModel = f ? buildOwnership(f.index) : { people: [], unowned: [], teams: [] };
    // In the webview a link opens the item through the extension's command (no script needed).
    const href = (rel: string, line: number) => {
      const range = { start: { line: line - 1, character: 0 }, end: { line: line - 1, character: 0 } };
      return `command:charter.openItem?${encodeURIComponent(JSON.stringify([f ? uriOf(f, rel) : rel, range]))}`;
    };
    return { html: formatOwnersHtml(model, { decisions: f ? buildDecisionLife(f.index, (x) => f.index.findings(x)) : undefined, href, csp: p.csp, nonce: p.nonce, title: f && folders.length > 1 ? `Who owns what — ${f.name}` : 'Who owns what' }) };
  });

  connection.onRequest(DocumentsRequest.type, async (p: DocumentsRequest.Params): Promise<DocumentsRequest.Result> => {
    stringFields(p, [], ['kind']);
    await ready;
    const out: DocumentsRequest.Result = [];
    for (const f of folders) for (const d of f.index.documents.values()) if (!p?.kind || d.kind.name === p.kind) out.push({ uri: uriOf(f, d.path), title: d.title, kind: d.kind.name });
    return out.sort((a, b) => (a.uri < b.uri ? -1 : 1));
  });

  connection.onRequest(InitRequest.type, async (p: InitRequest.Params): Promise<InitRequest.Result> => {
    stringFields(p, [], ['folder']);
    await ready;
    const f = folderByUri(p?.folder) ?? folders[0];
    if (!f) throw new Error('Open a folder first: the configuration is proposed for a workspace folder.');
    // Read again with the built-in defaults (the editor's text for open files): what the
    // documents imply, not what the folder's configuration or settings say.
    const read = (rel: string) => ({ text: f.index.text(rel) });
    const base = indexUnder(defaultConfig(), f.index.fileList(), read);
    const proposal = proposeConfig(base, read, { rootName: path.basename(f.root) });
    const config = path.join(f.root, CONFIG_FILE);
    return { folder: URI.file(f.root).toString(), name: f.name, uri: URI.file(config).toString(), exists: host.exists(config), yaml: proposal.yaml, summary: proposal.summary };
  });

  connection.onRequest(StatsRequest.type, async (): Promise<StatsRequest.Result> => {
    await ready;
    (globalThis as { gc?: () => void }).gc?.();
    const mem = process.memoryUsage();
    return {
      folders: folders.length,
      documents: allFolders().reduce((n, f) => n + f.index.documents.size, 0),
      openDocuments: documents.all().length,
      filesRead: allFolders().reduce((n, f) => n + f.filesRead, 0),
      heapUsed: mem.heapUsed,
      rss: mem.rss,
      pid: process.pid,
    };
  });

  connection.onShutdown(() => {
    clearTimeout(persistTimer);
    clearTimeout(ownershipTimer);
    if (store) for (const f of folders) f.persist(store);
  });

  return {
    listen() {
      documents.listen(connection);
      connection.listen();
    },
  };
}
