/**
 * One workspace folder as the server serves it: its configuration (the last valid
 * `.charter.yaml` with the editor's settings laid over it), the texts of its open documents,
 * and the core {@link WorkspaceIndex} that decides. It is the index's host: it hands it
 * texts (the editor's while a file is open, else the disk's through the {@link ServerHost}),
 * and it persists what was read for the next session. No LSP types and no file system here:
 * the server translates, the host reads and writes.
 */
import * as path from 'node:path';
import type { Config, ConfigProblem } from '../core/config';
import { configProblemFindings } from '../core/analyze';
import { restore, store } from '../core/compact';
import type { Finding } from '../core/types';
import { WorkspaceIndex, type IndexBatch, type IndexChange, type IndexHost } from '../core/workspaceIndex';
import type { FileOutcome } from '../core/reading';
import type { Note } from '../node/fsWorkspace';
import type { IndexStore, ServerHost, Stamp, StoredFile } from '../node/host';
import { applySettings, type Settings } from '../core/settings';
import { BASELINE_FILE, markBaselined, serializeBaseline, type Baseline, type BaselineProblem } from '../core/baseline';

const NOTHING: IndexChange = { findings: new Set(), ownership: new Set() };

/** What a file watcher says happened to a path. */
export type FileEventKind = 'created' | 'changed' | 'deleted';

export class Folder {
  readonly index: WorkspaceIndex;
  /** Texts of the documents open in the editor, by root-relative path. */
  readonly open = new Map<string, string>();
  /** The config from `.charter.yaml`, the last one that was valid. */
  private fileConfig: Config | undefined;
  private settings: Settings = {};
  configProblems: ConfigProblem[] = [];
  /** Whether the folder's config was never valid: then nothing is checked. */
  blocked = false;
  /** Whether a valid config (or none at all) was read since the server started. */
  private everValid = false;
  /** Modification time and size of each markdown file, as last read (for the persisted index). */
  private readonly stamps = new Map<string, Stamp>();
  /** What walking the folder skipped. */
  private walkNotes: Note[] = [];
  /** How many files were read from disk (the persisted index saves reading them). */
  filesRead = 0;
  private generation = 0;
  /** The baseline in force (`charter.baseline`): its findings are shown as hints. */
  private baseline: Baseline | undefined;
  /** The baseline file's root-relative path, when the settings name one (or the default). */
  baselineRel: string | undefined;
  /** What is wrong with the baseline file, when it cannot be used. */
  baselineProblem: BaselineProblem | undefined;
  /** What the baseline held when last read, to tell whether reading it again changed anything. */
  private baselineSeen = '';
  /** File events not yet applied, by path, in the order they first came (see `queue`). */
  private readonly queued = new Map<string, FileEventKind>();
  /** The batch the queued events are applied in, while there is one. */
  private batch: IndexBatch | undefined;
  /** Events queued since the server last counted them (for its log). */
  eventsQueued = 0;

  /**
   * @param trusted In an untrusted (restricted) workspace `.charter.yaml` is not read: the
   * built-in defaults apply.
   * @param loose A folder for files opened outside every workspace folder: never walked, a
   * path exists when the host says so.
   */
  constructor(
    readonly root: string,
    readonly name: string,
    private readonly host: ServerHost,
    readonly trusted = true,
    private readonly loose = false,
  ) {
    const indexHost: IndexHost = {
      read: (rel) => this.read(rel),
      isOpen: (rel) => this.open.has(rel),
      ...(loose ? { exists: (rel: string) => host.exists(this.absolute(rel)) } : {}),
    };
    this.index = new WorkspaceIndex(applySettings(undefined, this.settings), indexHost);
  }

  get config(): Config {
    return this.index.config;
  }

  /** Root-relative `/` path of an absolute path inside this folder, or undefined. */
  relative(abs: string): string | undefined {
    const rel = path.relative(this.root, abs);
    if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
    return rel.split(path.sep).join('/');
  }

  absolute(rel: string): string {
    return path.join(this.root, ...rel.split('/'));
  }

  /** The index asks for a file's text: the editor's while it is open, else the disk's. */
  private read(rel: string): { text?: string; note?: string; lossy?: boolean } {
    const open = this.open.get(rel);
    if (open !== undefined) return { text: open };
    this.filesRead++;
    const r = this.host.readText(this.root, rel, this.index.classifier);
    if (r.stamp) this.stamps.set(rel, r.stamp);
    else this.stamps.delete(rel);
    return r;
  }

  /**
   * Reads the config file (or takes the editor's text of it) with the same `loadConfig` as
   * the checker. An invalid config keeps the last valid one in use; when there never was a
   * valid one (since the server started), nothing is checked, as `charter check` checks
   * nothing and exits 2. Returns what changed in the index.
   */
  readConfigFile(text?: string): IndexChange {
    if (!this.trusted) return NOTHING;
    const loaded = this.host.loadConfig(this.root, text);
    const at0 = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    this.configProblems = loaded.error ? [{ message: loaded.error, range: at0 }] : loaded.problems;
    if (!loaded.config) return this.setConfig(this.fileConfig, !this.everValid); // keep the last good one
    this.everValid = true;
    return this.setConfig(loaded.file ? loaded.config : undefined, false);
  }

  applySettings(settings: Settings): IndexChange {
    this.settings = settings;
    return this.setConfig(this.fileConfig, this.blocked);
  }

  /**
   * Reads the baseline file the settings name (`.charter-baseline.json` by default; none in
   * an untrusted workspace or for a loose file), from inside the folder only. A missing file
   * is no baseline; a bad one is no baseline and a problem to show. Returns whether what the
   * baseline holds (or the problem) changed.
   */
  readBaseline(): boolean {
    const setting = this.settings.baseline;
    this.baselineRel = !this.trusted || this.loose ? undefined : setting === undefined ? BASELINE_FILE : setting || undefined;
    this.baseline = undefined;
    this.baselineProblem = undefined;
    if (this.baselineRel !== undefined) {
      const loaded = this.host.readBaseline(this.root, this.baselineRel);
      if (loaded.status === 'ok') this.baseline = loaded.baseline;
      else if (loaded.status === 'problem') this.baselineProblem = loaded.problem;
    }
    const seen = `${this.baselineRel}\u0000${this.baselineProblem?.message ?? ''}\u0000${this.baseline ? serializeBaseline(this.baseline) : ''}`;
    const changed = seen !== this.baselineSeen;
    this.baselineSeen = seen;
    return changed;
  }

  /** For each of a document's findings, in order, whether the baseline holds it. */
  baselined(rel: string, diagnostics: readonly Finding[]): boolean[] {
    return markBaselined(this.baseline, rel, diagnostics);
  }

  private setConfig(fileConfig: Config | undefined, blocked: boolean): IndexChange {
    this.fileConfig = fileConfig;
    const next = applySettings(fileConfig, this.settings);
    if (blocked === this.blocked && JSON.stringify(next) === JSON.stringify(this.index.config)) return NOTHING;
    this.blocked = blocked;
    return this.index.setConfig(next, blocked);
  }

  /**
   * What `.charter.yaml` shows: its problems, each at its place (the lines `charter check`
   * prints), and, when nothing is checked because of them, one more line at the top that
   * says so. While the last valid configuration stays in use, the problems alone.
   */
  configFindings(): Finding[] {
    const found = configProblemFindings(this.configProblems);
    if (!found.length || !this.blocked) return found;
    const n = found.length === 1 ? 'this problem is' : `these ${found.length} problems are`;
    const message = `Charter checks nothing in this folder until ${n} fixed (charter check stops with exit code 2 too)`;
    return [...found, { rule: 'invalid-config', severity: 'info', message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }];
  }

  /**
   * Walks the folder and reads every markdown file. With a store, files unchanged since the
   * last session are taken from it, with their findings, and not read at all. Documents
   * open in the editor keep the editor's text.
   */
  async load(onProgress: (done: number, total: number) => void, store?: IndexStore): Promise<void> {
    const gen = ++this.generation;
    this.readConfigFile();
    this.readBaseline();
    const { files, notes } = this.host.walk(this.root);
    this.walkNotes = notes;
    this.stamps.clear();
    const stored = store?.read(this.root, this.configKey());
    const md = files.filter((f) => this.index.isMarkdown(f));
    const outcomes: FileOutcome[] = [];
    const toRead: string[] = [];
    for (const rel of md) {
      if (this.open.has(rel)) continue; // analyzed from the editor's text below
      const cached = stored?.files.get(rel);
      const stamp = cached && this.host.stat(this.absolute(rel));
      if (cached && stamp && cached.m === stamp.m && cached.s === stamp.s) {
        this.stamps.set(rel, stamp);
        if (!cached.doc) continue; // known not to be a document
        const doc = restore(cached.doc, this.config);
        if (doc) {
          outcomes.push({ path: rel, doc, local: cached.diags ?? [], found: cached.found });
          continue;
        }
      }
      toRead.push(rel);
    }
    // The findings persisted are good only when no file of the folder changed since:
    // the same files, none read again, none open.
    const unchanged = stored !== undefined && toRead.length === 0 && this.open.size === 0 && sameList(stored.listing, files);
    if (!unchanged) for (const o of outcomes) delete o.found;
    const restored = md.length - toRead.length;
    onProgress(restored, md.length);
    const read = await this.host.readMany(this.root, this.config, toRead, (done) => onProgress(restored + done, md.length));
    if (gen !== this.generation) return;
    this.filesRead += read.length;
    for (const o of read) {
      if (o.stamp) this.stamps.set(o.path, o.stamp);
      outcomes.push(o);
    }
    onProgress(md.length, md.length);
    this.index.load(files, outcomes);
    for (const [rel, text] of this.open) this.index.update(rel, text);
  }

  /** The config as a string: a persisted index is only good for the same config. */
  private configKey(): string {
    return JSON.stringify(this.config);
  }

  /** Persists what was read and found, for the next session's warm start. */
  persist(target: IndexStore): void {
    target.write(this.root, this.configKey(), { listing: this.index.fileList(), files: this.entriesToStore() });
  }

  /** What `persist` writes of each file, made as it is written (a copy of every document at once was the server's largest transient). */
  private *entriesToStore(): Generator<[string, StoredFile]> {
    for (const [rel, stamp] of this.stamps) {
      if (this.open.has(rel)) continue;
      const doc = this.index.documents.get(rel);
      // Halfway through a batch some findings are not yet current: the next start checks again.
      yield [rel, { ...stamp, ...(doc ? { doc: store(doc), diags: this.index.localFindings(rel) ?? [], ...(this.busy ? {} : { found: this.index.findings(rel) }) } : {}) }];
    }
  }

  /** The editor's text of a file changed (opened, typed in). */
  edit(rel: string, text: string): IndexChange {
    this.open.set(rel, text);
    return this.index.update(rel, text);
  }

  /** The editor closed a file: its text on disk counts again, and it is kept compact. */
  close(rel: string): IndexChange {
    this.open.delete(rel);
    return this.index.refresh(rel);
  }

  /**
   * Files changed on disk (a watcher's events; a branch switch sends thousands at once).
   * They are only noted here: `step` applies them, a slice at a time, as one batch. A path
   * named twice keeps its place and the later event; created then changed stays created.
   */
  queue(rel: string, kind: FileEventKind): void {
    const was = this.queued.get(rel);
    this.queued.set(rel, was === 'created' && kind === 'changed' ? 'created' : kind);
    this.eventsQueued++;
  }

  /** Whether file events wait, or their batch still has documents to check. */
  get busy(): boolean {
    return this.queued.size > 0 || (this.batch !== undefined && !this.batch.done);
  }

  /**
   * Does some of the work the queued events ask for, until `stop()` says to pause (asked
   * after each file and each document checked): first every queued file is applied (read
   * again, or removed, or listed), then the documents they reach are checked, once each.
   * Events queued meanwhile join the same batch. Returns what changed in this step.
   */
  step(stop: () => boolean): IndexChange {
    const batch = (this.batch ??= this.index.batch());
    for (const [rel, kind] of this.queued) {
      this.queued.delete(rel);
      this.apply(batch, rel, kind);
      if (stop()) return NOTHING;
    }
    const change = batch.settle(stop);
    if (batch.done && this.queued.size === 0) this.batch = undefined;
    return change;
  }

  /**
   * A request needs a document as it is now: applies its queued event, if any, and checks
   * it (not the rest of the batch). Returns what changed.
   */
  settleNow(rel: string): IndexChange {
    const kind = this.queued.get(rel);
    if (kind === undefined) return NOTHING;
    this.queued.delete(rel);
    const batch = (this.batch ??= this.index.batch());
    this.apply(batch, rel, kind);
    return this.index.documents.has(rel) ? this.index.checkAgain([rel]) : NOTHING;
  }

  /** One file event into the batch: what the disk holds now decides, the event only hints. */
  private apply(batch: IndexBatch, rel: string, kind: FileEventKind): void {
    if (kind === 'changed' && this.open.has(rel)) return; // the editor's text wins
    const abs = this.absolute(rel);
    if (this.host.isDirectory(abs)) {
      // A folder appeared (or was renamed here): each of its files is one more event.
      if (kind === 'created') for (const f of this.host.walk(abs).files) if (!this.queued.has(`${rel}/${f}`)) this.queued.set(`${rel}/${f}`, 'created');
      return;
    }
    if (!this.host.exists(abs)) {
      if (!this.stamps.delete(rel) && this.index.isFolder(rel)) for (const f of [...this.stamps.keys()]) if (f.startsWith(`${rel}/`)) this.stamps.delete(f);
      batch.remove(rel);
      return;
    }
    if (this.index.isMarkdown(rel)) batch.refresh(rel);
    else batch.addFile(rel);
  }

  /** Files not analyzed, and why: what walking skipped and what reading skipped. */
  notesList(): Note[] {
    return [...this.walkNotes, ...[...this.index.notes].map(([p, message]) => ({ path: p, message }))];
  }
}

function sameList(a: string[], b: string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
