/**
 * The Charter language server as a factory: `createServer(connection, host)` wires an LSP
 * connection to the folders' indexes, with all its state in the parts it makes (no module
 * state), so a test can start as many as it likes. This file is the wiring and the life of
 * the server: start, folders coming and going, settings, shutdown. The parts, each owning
 * its state:
 *
 * - workspaceFolders.ts — the folders and the URIs of their files;
 * - publisher.ts — what is sent unasked: findings, status, ownership changes, persistence;
 * - openDocuments.ts — the open documents and the scheduling of their analysis;
 * - fileEvents.ts — files changed on disk, worked through as one batch;
 * - languageFeatures.ts — quick fixes, completion, hover, symbols, definitions;
 * - charterRequests.ts — Charter's own requests (protocol.ts).
 *
 * The core index (core/workspaceIndex.ts) decides; the folders (folder.ts) hand it texts;
 * the host (node/host.ts) reads and writes files.
 *
 * An opened document's flow: `didOpen`/`didChange` → `OpenDocuments.schedule` (edits
 * coalesce) → `Folder.edit` → `WorkspaceIndex.update` → the documents whose findings or
 * ownership changed → `Publisher.publishChange` → `publishDiagnostics` (and
 * `charter/ownershipChanged`).
 */
import * as path from 'node:path';
import {
  TextDocuments,
  TextDocumentSyncKind,
  CodeActionKind,
  DidChangeWatchedFilesNotification,
  DidChangeConfigurationNotification,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type WorkspaceFolder,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { Folder } from './folder';
import type { ServerHost } from '../node/host';
import { readSettings } from '../core/settings';
import { MARKDOWN_RE, type IndexChange } from '../core/workspaceIndex';
import type { ServerContext } from './context';
import { WorkspaceFolders } from './workspaceFolders';
import { Publisher } from './publisher';
import { SourcePublisher } from './sourceReferences';
import { OpenDocuments } from './openDocuments';
import { listenToFileEvents } from './fileEvents';
import { listenToLanguageFeatures } from './languageFeatures';
import { listenToCharterRequests } from './charterRequests';

export { BASELINED_TAG } from './publisher';

declare const CHARTER_VERSION: string | undefined;

export function createServer(connection: Connection, host: ServerHost): { listen(): void } {
  const documents = new TextDocuments(TextDocument);
  const folders = new WorkspaceFolders(host);
  const publisher = new Publisher(connection, documents, folders);
  // Source files read for decision ids (references.include): read through the host, published as documents are.
  publisher.sources = new SourcePublisher<Folder>({
    read: (f, rel) => host.readText(f.root, rel, f.index.classifier).text,
    send: (f, rel, diags) => publisher.send(folders.uriOf(f, rel), diags),
    alive: (f) => folders.all().includes(f),
  });
  const shared = { connection, host, documents, folders, publisher, ready: Promise.resolve(), selectCommand: undefined as string | undefined, renames: false };
  const open = new OpenDocuments(shared);
  const ctx: ServerContext = Object.assign(shared, { open });
  const caps = { progress: false, watch: false, configure: false, folders: false };

  // ---- Start, folders, settings ----

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const c = params.capabilities;
    caps.progress = Boolean(c.window?.workDoneProgress);
    caps.watch = Boolean(c.workspace?.didChangeWatchedFiles?.dynamicRegistration);
    caps.configure = Boolean(c.workspace?.configuration);
    caps.folders = Boolean(c.workspace?.workspaceFolders);
    // A quick fix that renames a file (a record renumbered) needs document changes with renames.
    ctx.renames = Boolean(c.workspace?.workspaceEdit?.documentChanges && c.workspace.workspaceEdit.resourceOperations?.includes('rename'));
    const init = params.initializationOptions as { settings?: unknown; trusted?: boolean; storagePath?: string; selectCommand?: unknown } | undefined;
    // A client command that opens a document with a range selected: after a quick fix that
    // inserts a section, the writer lands on its prompt, ready to type over it.
    ctx.selectCommand = typeof init?.selectCommand === 'string' && init.selectCommand ? init.selectCommand : undefined;
    publisher.store = typeof init?.storagePath === 'string' && init.storagePath ? host.store(init.storagePath) : undefined;
    // A client that says the workspace is untrusted gets the defaults: no .charter.yaml, no settings.
    folders.trusted = init?.trusted !== false;
    folders.settings = folders.trusted ? readSettings(init?.settings) : {};
    const ws: WorkspaceFolder[] = params.workspaceFolders ?? (params.rootUri ? [{ uri: params.rootUri, name: path.basename(URI.parse(params.rootUri).fsPath) }] : []);
    folders.list = ws.filter((f) => f.uri.startsWith('file:')).map((f) => folders.make(URI.parse(f.uri).fsPath, f.name));
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
    if (caps.folders)
      connection.workspace.onDidChangeWorkspaceFolders((e) => {
        const removed = new Set(e.removed.map((f) => URI.parse(f.uri).fsPath));
        for (const f of folders.list.filter((x) => removed.has(x.root))) publisher.clearFolder(f);
        folders.list = folders.list.filter((f) => !removed.has(f.root));
        const added = e.added.filter((f) => f.uri.startsWith('file:')).map((f) => folders.make(URI.parse(f.uri).fsPath, f.name));
        folders.list.push(...added);
        ctx.ready = ctx.ready.then(() => indexFolders(added));
      });
    ctx.ready = (async () => {
      await refreshSettings();
      await indexFolders(folders.list);
    })().catch((e) => connection.console.error(`Charter: indexing failed: ${(e as Error).stack ?? e}`));
  });

  /** Asks the client for the `charter` settings; returns what changed in every folder. */
  async function refreshSettings(): Promise<Map<Folder, IndexChange>> {
    const changes = new Map<Folder, IndexChange>();
    if (!caps.configure || !folders.trusted) return changes;
    try {
      folders.settings = readSettings(await connection.workspace.getConfiguration('charter'));
    } catch {
      return changes;
    }
    for (const f of folders.all()) changes.set(f, f.applySettings(folders.settings));
    return changes;
  }

  /** Indexes folders with work-done progress, then publishes every document's findings. */
  async function indexFolders(list: Folder[]): Promise<void> {
    if (list.length === 0) return;
    const progress = caps.progress ? await connection.window.createWorkDoneProgress().catch(() => undefined) : undefined;
    progress?.begin('Charter: indexing', 0, 'Finding documents…', false);
    publisher.sendStatus('indexing');
    const started = Date.now();
    for (const f of list) {
      await f.load((done, total) => progress?.report(total ? Math.round((done / total) * 50) : 50, `${f.name}: ${done}/${total} markdown files read`), publisher.store);
      // Files opened before the index was ready keep the editor's text.
      for (const d of documents.all()) {
        const rel = f.relative(URI.parse(d.uri).fsPath);
        if (rel && f === folders.folderOf(d.uri) && MARKDOWN_RE.test(rel)) f.edit(rel, d.getText());
      }
      for (const n of f.notesList()) connection.console.info(`Charter: ${f.name}/${n.path}: ${n.message}`);
      await publisher.publishFolder(f, (done, total) => progress?.report(50 + Math.round((done / Math.max(1, total)) * 50), `${f.name}: ${done}/${total} documents checked`));
    }
    progress?.done();
    publisher.schedulePersist(5_000);
    const docs = list.reduce((n, f) => n + f.index.documents.size, 0);
    connection.console.info(`Charter: indexed ${docs} documents in ${Date.now() - started} ms`);
    publisher.sendStatus('ready');
    publisher.scheduleOwnership(0);
  }

  connection.onDidChangeConfiguration((params) => {
    void ctx.ready.then(async () => {
      if (!folders.trusted) return;
      let changes: Map<Folder, IndexChange>;
      if (caps.configure) changes = await refreshSettings();
      else {
        folders.settings = readSettings((params.settings as { charter?: unknown } | undefined)?.charter);
        changes = new Map(folders.all().map((f) => [f, f.applySettings(folders.settings)]));
      }
      for (const [f, change] of changes) publisher.publishChange(f, change);
      // charter.baseline may name another file (or none).
      for (const f of folders.list) await publisher.refreshBaseline(f);
    });
  });

  open.listen();
  listenToFileEvents(ctx);
  listenToLanguageFeatures(ctx);
  listenToCharterRequests(ctx);

  connection.onShutdown(() => publisher.shutdown());

  return {
    listen() {
      documents.listen(connection);
      connection.listen();
    },
  };
}
