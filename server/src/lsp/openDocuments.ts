/**
 * The documents open in the editor and their scheduling: edits coalesce per document and are
 * analyzed on the newest text only — at once when that is cheap, after about as long as the
 * last analysis took when it is not. A request about a document first brings it up to date
 * (`current`): its pending edit, or its file event in a batch still being worked through.
 */
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { Folder } from './folder';
import type { OpenDocumentsView, ServerParts } from './context';
import { CONFIG_FILE } from '../core/config';
import type { AnalyzedDocument } from '../core/document';
import { MARKDOWN_RE, type IndexChange } from '../core/workspaceIndex';

export class OpenDocuments implements OpenDocumentsView {
  /** Pending analyses of open documents. */
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Open documents whose analysis waits for the next turn of the event loop (a 0 ms timer waits 1 ms). */
  private readonly dueNow = new Set<string>();
  /** How long each open document's last analysis took (ms). */
  private readonly lastCost = new Map<string, number>();

  constructor(private readonly ctx: ServerParts) {}

  /** Wires the editor's open, change and close of documents. */
  listen(): void {
    const { documents } = this.ctx;
    documents.onDidChangeContent((e) => this.schedule(e.document.uri));
    documents.onDidClose((e) => this.closed(e.document.uri));
  }

  private closed(uri: string): void {
    const { folders, publisher } = this.ctx;
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.dueNow.delete(uri);
    this.lastCost.delete(uri);
    void this.ctx.ready.then(() => {
      const f = folders.folderOf(uri);
      if (f) {
        const rel = f.relative(URI.parse(uri).fsPath)!;
        if (rel === CONFIG_FILE) return publisher.configFileChanged(f);
        if (f.open.has(rel)) publisher.publishChange(f, f.close(rel));
        return;
      }
      const loose = folders.loose.get(path.dirname(URI.parse(uri).fsPath));
      if (loose) {
        publisher.send(uri, []);
        loose.close(loose.relative(URI.parse(uri).fsPath)!);
        if (loose.open.size === 0) folders.loose.delete(loose.root);
      }
    });
  }

  schedule(uri: string): void {
    clearTimeout(this.timers.get(uri));
    // At once when that is cheap (edits queued meanwhile still coalesce: only the newest text
    // is analyzed); a document that takes long to analyze waits about that long for more.
    const cost = this.lastCost.get(uri) ?? 0;
    if (cost < 40) {
      this.timers.delete(uri);
      if (this.dueNow.has(uri)) return;
      this.dueNow.add(uri);
      setImmediate(() => {
        if (this.dueNow.delete(uri)) void this.ctx.ready.then(() => this.analyze(uri));
      });
      return;
    }
    const delay = Math.min(150, cost);
    this.timers.set(
      uri,
      setTimeout(() => {
        this.timers.delete(uri);
        void this.ctx.ready.then(() => this.analyze(uri));
      }, delay),
    );
  }

  private analyze(uri: string): void {
    const { documents, folders, publisher, connection } = this.ctx;
    const doc = documents.get(uri);
    if (!doc) return;
    const version = doc.version;
    const f = folders.folderOf(uri) ?? folders.looseFolderOf(uri);
    if (!f) return;
    const rel = f.relative(URI.parse(uri).fsPath) ?? path.basename(URI.parse(uri).fsPath);
    if (rel === CONFIG_FILE && folders.list.includes(f)) return publisher.configFileChanged(f, doc.getText());
    if (!MARKDOWN_RE.test(rel)) return;
    const started = performance.now();
    let change: IndexChange;
    try {
      change = f.edit(rel, doc.getText());
    } catch (e) {
      connection.console.error(`Charter: could not analyze ${rel}: ${(e as Error).stack ?? e}`);
      return;
    }
    // A newer edit arrived while this one was analyzed: its own run will publish.
    if (documents.get(uri)?.version !== version) return;
    publisher.publishChange(f, change, rel);
    this.lastCost.set(uri, performance.now() - started);
  }

  /**
   * Brings a document's analysis up to date before answering about it: an open one's pending
   * edit, or a file event of a batch still being worked through (that one file, not the batch).
   */
  current(uri: string): { folder: Folder; rel: string } | undefined {
    const pending = this.timers.get(uri);
    if (pending || this.dueNow.has(uri)) {
      clearTimeout(pending);
      this.timers.delete(uri);
      this.dueNow.delete(uri);
      this.analyze(uri);
    }
    const loc = this.ctx.folders.locate(uri);
    if (loc?.folder.busy) this.ctx.publisher.publishChange(loc.folder, loc.folder.settleNow(loc.rel));
    return loc;
  }

  /** Answers a request about a recognised document, up to date; `none` when it is not one. */
  async withDocument<T>(uri: string, none: T, answer: (f: Folder, doc: AnalyzedDocument) => T): Promise<T> {
    await this.ctx.ready;
    const loc = this.current(uri);
    const doc = loc && loc.folder.index.documents.get(loc.rel);
    return loc && doc ? answer(loc.folder, doc) : none;
  }
}
