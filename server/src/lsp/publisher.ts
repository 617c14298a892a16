/**
 * What the server sends without being asked: each document's findings (those the baseline
 * holds as hints), a folder's configuration and baseline problems, the status, the
 * ownership-changed notification, and the persisted index a while after the last change.
 * It remembers what it showed, to clear it when a folder goes.
 */
import * as path from 'node:path';
import { DiagnosticSeverity, type Connection, type Diagnostic as LspDiagnostic, type TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import { URI } from 'vscode-uri';
import type { Folder } from './folder';
import type { WorkspaceFolders } from './workspaceFolders';
import type { IndexStore } from '../node/host';
import { CONFIG_FILE } from '../core/config';
import { ruleDocUrl } from '../core/rule';
import type { Finding } from '../core/types';
import type { IndexChange } from '../core/workspaceIndex';
import { OwnershipChangedNotification, StatusNotification } from './protocol';
import type { SourcePublisher } from './sourceReferences';

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/** What a finding the baseline holds says after its message. */
export const BASELINED_TAG = ' (in the baseline)';

/** A finding as LSP sends it; one the baseline holds (`charter.baseline`) is a hint, and says so. */
export function toLsp(d: Finding, baselined = false): LspDiagnostic {
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

export class Publisher {
  /** Where the index is persisted between sessions (the extension's storage folder), if anywhere. */
  store: IndexStore | undefined;
  /** URIs last sent with findings, to clear them when their folder goes. */
  private readonly shown = new Set<string>();
  /** The baseline file each folder showed a problem on, to clear it when it is fixed or another is named. */
  private readonly baselineUris = new Map<Folder, string>();
  /** The source files read for decision ids (`references.include`), published with the documents. */
  sources: SourcePublisher<Folder> | undefined;
  private persistTimer: NodeJS.Timeout | undefined;
  private ownershipTimer: NodeJS.Timeout | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly documents: TextDocuments<TextDocument>,
    private readonly folders: WorkspaceFolders,
  ) {}

  /** Sends a URI's diagnostics; an empty list only to clear what was shown, unless `force` (an edited document). */
  sendLsp(uri: string, diagnostics: LspDiagnostic[], force = false): void {
    if (diagnostics.length) this.shown.add(uri);
    else if (!this.shown.delete(uri) && !force) return; // nothing shown, nothing to clear
    void this.connection.sendDiagnostics({ uri, diagnostics, version: this.documents.get(uri)?.version });
  }

  /** Sends a URI's findings (`baselined`: which of them the baseline holds). */
  send(uri: string, diags: Finding[], force = false, baselined?: boolean[]): void {
    this.sendLsp(
      uri,
      diags.map((d, i) => toLsp(d, baselined?.[i])),
      force,
    );
  }

  /** Sends a document's findings, those in the folder's baseline as hints. */
  sendDocument(f: Folder, rel: string, force = false): void {
    // Publishing gives findings out: the index remembers them as what the editor shows.
    const diags = f.index.give(rel);
    this.send(this.folders.uriOf(f, rel), diags, force, f.baselined(rel, diags));
  }

  /** Shows what is wrong with a folder's baseline file on that file (and logs it), or clears it. */
  publishBaseline(f: Folder): void {
    const before = this.baselineUris.get(f);
    const problem = f.baselineProblem;
    // On the file, when it is in the folder (a setting that points outside it gets the log only).
    const inside = f.baselineRel !== undefined && problem ? f.relative(path.resolve(f.root, f.baselineRel)) : undefined;
    const uri = inside !== undefined ? URI.file(f.absolute(inside)).toString() : undefined;
    if (before && before !== uri) {
      this.sendLsp(before, []);
      this.baselineUris.delete(f);
    }
    if (problem) this.connection.console.warn(`Charter: ${f.name}: the baseline ${f.baselineRel}: ${problem.message}; findings are shown at their own severity`);
    if (!uri || !problem) return;
    this.baselineUris.set(f, uri);
    const message = `Charter cannot use this baseline: ${problem.message}. Findings are shown at their own severity until it is fixed.`;
    this.sendLsp(uri, [{ range: problem.range, severity: DiagnosticSeverity.Error, source: 'charter', message }]);
  }

  /** Reads a folder's baseline again; when what it holds changed, sends every document's findings again. */
  async refreshBaseline(f: Folder): Promise<void> {
    const changed = f.readBaseline();
    this.publishBaseline(f);
    if (changed) await this.publishFolder(f);
  }

  /** Sends the findings of the documents a change touched; `edited` always (an editor sees its edit was checked). */
  publishChange(f: Folder, change: IndexChange, edited?: string): void {
    // The records may have changed: the source files' citations are checked again.
    if (change.findings.size) this.sources?.schedule(f);
    for (const rel of change.findings) this.sendDocument(f, rel);
    if (edited !== undefined && !change.findings.has(edited)) this.sendDocument(f, edited, true);
    if (change.ownership.size) this.scheduleOwnership();
    if (change.findings.size || change.ownership.size) this.schedulePersist();
  }

  publishConfig(f: Folder, clear = false): void {
    this.send(URI.file(path.join(f.root, CONFIG_FILE)).toString(), clear ? [] : f.configFindings());
  }

  /** Reads a folder's .charter.yaml again (the editor's text, when given) and publishes what changed. */
  configFileChanged(f: Folder, text?: string): void {
    const change = f.readConfigFile(text);
    this.publishConfig(f);
    this.publishChange(f, change);
  }

  /** Publishes every document of a folder, yielding between batches so that requests are served meanwhile. */
  async publishFolder(f: Folder, onProgress?: (done: number, total: number) => void): Promise<void> {
    this.publishConfig(f);
    this.publishBaseline(f);
    const todo = f.index.checkable();
    for (let i = 0; i < todo.length; i++) {
      // Findings known from a persisted index of an unchanged folder are not checked again.
      if (f.index.documents.has(todo[i]) || f.index.templates.has(todo[i])) this.sendDocument(f, todo[i]);
      if (i % 500 === 499) {
        onProgress?.(i + 1, todo.length);
        await new Promise((r) => setImmediate(r));
      }
    }
    onProgress?.(todo.length, todo.length);
    this.sources?.schedule(f, 0);
  }

  clearFolder(f: Folder): void {
    this.baselineUris.delete(f);
    const prefix = URI.file(f.root).toString() + '/';
    for (const uri of [...this.shown]) if (uri.startsWith(prefix)) this.send(uri, []);
  }

  scheduleOwnership(delay = 150): void {
    clearTimeout(this.ownershipTimer);
    this.ownershipTimer = setTimeout(() => {
      let unownedCount = 0;
      for (const f of this.folders.list) unownedCount += f.index.unownedCount();
      void this.connection.sendNotification(OwnershipChangedNotification.type, { unownedCount } satisfies OwnershipChangedNotification.Params);
    }, delay);
  }

  sendStatus(state: StatusNotification.Params['state']): void {
    let docs = 0;
    let problems = 0;
    for (const f of this.folders.list) {
      docs += f.index.documents.size;
      problems += f.index.problemCount();
    }
    void this.connection.sendNotification(StatusNotification.type, { state, documents: docs, problems } satisfies StatusNotification.Params);
  }

  /** Persists the index a while after the last change (and at shutdown), for a warm next start. */
  schedulePersist(delay = 10_000): void {
    const store = this.store;
    if (!store) return;
    clearTimeout(this.persistTimer);
    this.persistTimer = setTimeout(() => {
      // Halfway through a batch of file changes: later, when the findings are current.
      if (this.folders.list.some((f) => f.busy)) return this.schedulePersist(delay);
      for (const f of this.folders.list) f.persist(store);
    }, delay);
  }

  /** At shutdown: no timer left behind, and the index persisted now. */
  shutdown(): void {
    this.sources?.dispose();
    clearTimeout(this.persistTimer);
    clearTimeout(this.ownershipTimer);
    if (this.store) for (const f of this.folders.list) f.persist(this.store);
  }
}
