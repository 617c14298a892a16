/**
 * One workspace folder as the server keeps it: the last good config, every path, every
 * recognised document (from disk, or from the editor while it is open), and which
 * documents must be checked again after a change. No LSP types here: the server turns
 * what this returns into messages.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { Classifier } from '../core/classify';
import type { Config, ConfigProblem } from '../core/config';
import type { AnalyzedDocument } from '../core/document';
import { findRoster, readDocument, type WorkspaceIndex } from '../core/workspace';
import { plainPathCandidates, resolveLink } from '../core/links';
import { checkLocal, checkWorkspace, configDiagnostics, mergeFindings } from '../core/analyze';
import type { Diagnostic } from '../core/types';
import { loadConfig, walk, type Note } from '../fsWorkspace';
import { readAll, readOne } from '../parallel';
import { applySettings, type Settings } from './settings';
import { compact, isCompact, restore, store, type StoredDocument } from '../core/compact';

declare const CHARTER_VERSION: string | undefined;

/** What is persisted of a folder between sessions, in the extension's storage folder. */
interface StoredIndex {
  version: string;
  root: string;
  config: string;
  /** Per markdown file: modification time and size, and what was read from it. */
  files: Record<string, { m: number; s: number; doc?: StoredDocument; diags?: Diagnostic[] }>;
}

const MARKDOWN_RE = /\.(?:md|markdown|mdown|mkd)$/i;

/** A workspace folder, indexed. */
export class Folder {
  /** The config from `.charter.yaml`, the last one that was valid. */
  private fileConfig: Config | undefined;
  private settings: Settings = {};
  config!: Config;
  classifier!: Classifier;
  configProblems: ConfigProblem[] = [];
  readonly docs = new Map<string, AnalyzedDocument>();
  readonly files = new Set<string>();
  readonly paths = new Set<string>();
  /** Texts of documents open in the editor, by root-relative path. */
  readonly open = new Map<string, string>();
  readonly notes = new Map<string, string>();
  index!: WorkspaceIndex;
  private generation = 0;

  /**
   * @param trusted In an untrusted (restricted) workspace the folder's `.charter.yaml` is not
   * read: the built-in defaults apply.
   */
  constructor(readonly root: string, readonly name: string, readonly trusted = true) {
    this.setConfig(undefined);
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

  /**
   * Reads the config file (or takes the editor's text of it) with the same `loadConfig` as
   * the checker; returns true when the effective config changed. An invalid config keeps
   * the last valid one in use; when there never was a valid one (since the server started),
   * nothing is checked, as `charter check` checks nothing and exits 2: the documents get no
   * findings and `.charter.yaml` gets its problems, with a line that says so.
   */
  readConfigFile(text?: string): boolean {
    if (!this.trusted) return false;
    const loaded = loadConfig(this.root, undefined, text);
    const at0 = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    this.configProblems = loaded.error ? [{ message: loaded.error, range: at0 }] : loaded.problems;
    if (!loaded.config) {
      const wasBlocked = this.blocked;
      this.blocked = !this.everValid;
      return wasBlocked !== this.blocked; // keep the last good one
    }
    this.everValid = true;
    const wasBlocked = this.blocked;
    this.blocked = false;
    return this.setConfig(loaded.file ? loaded.config : undefined) || wasBlocked;
  }

  /** Whether the folder's config was never valid: then nothing is checked. */
  blocked = false;
  /** Whether a valid config (or none at all) was read since the server started. */
  private everValid = false;

  /**
   * What `.charter.yaml` shows: its problems, each at its place (the lines `charter check`
   * prints), and, when nothing is checked because of them, one more line at the top that
   * says so. While the last valid configuration stays in use, the problems alone.
   */
  configFindings(): Diagnostic[] {
    const found = configDiagnostics(this.configProblems);
    if (!found.length || !this.blocked) return found;
    const n = found.length === 1 ? 'this problem is' : `these ${found.length} problems are`;
    const message = `Charter checks nothing in this folder until ${n} fixed (charter check stops with exit code 2 too)`;
    return [...found, { rule: 'invalid-config', severity: 'info', message, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }];
  }

  applySettings(settings: Settings): boolean {
    this.settings = settings;
    return this.setConfig(this.fileConfig);
  }

  private setConfig(fileConfig: Config | undefined): boolean {
    this.fileConfig = fileConfig;
    const next = applySettings(fileConfig, this.settings);
    const changed = !this.config || JSON.stringify(next) !== JSON.stringify(this.config);
    this.config = next;
    this.classifier = new Classifier(next);
    this.rebuildIndex();
    return changed;
  }

  private rebuildIndex(): void {
    this.index = { config: this.config, classifier: this.classifier, documents: this.docs, paths: this.paths, roster: undefined };
    this.index.roster = findRoster(this.index);
  }

  /** How many files were read from disk (the persisted index saves reading them). */
  filesRead = 0;
  /**
   * The findings of the document rules for each document, found when it was read: they
   * depend on its text only. The workspace rules are run again at each check.
   */
  private readonly local = new Map<string, Diagnostic[]>();
  /** Modification time and size of each markdown file, as last read. */
  private readonly stamps = new Map<string, { m: number; s: number }>();

  /**
   * Walks the folder and reads every markdown file, yielding between batches. With a
   * storage folder, files unchanged since the last session are taken from what was
   * persisted there, with their findings, and not read at all.
   */
  async load(onProgress: (done: number, total: number) => void, storage?: string, isCancelled: () => boolean = () => false): Promise<void> {
    const gen = ++this.generation;
    this.readConfigFile();
    const { files, notes } = walk(this.root);
    this.files.clear();
    this.paths.clear();
    this.docs.clear();
    this.notes.clear();
    this.local.clear();
    this.stamps.clear();
    for (const n of notes) this.notes.set(n.path, n.message);
    for (const f of files) this.addPath(f);
    const stored = storage ? this.readStore(storage) : undefined;
    const md = files.filter((f) => MARKDOWN_RE.test(f) && !this.classifier.isIgnored(f));
    const toRead: string[] = [];
    for (let i = 0; i < md.length; i++) {
      const rel = md[i];
      const cached = stored?.files[rel];
      const stamp = cached ? this.stat(rel) : undefined;
      if (cached && stamp && cached.m === stamp.m && cached.s === stamp.s && !this.open.has(rel)) {
        this.stamps.set(rel, stamp);
        const doc = cached.doc && restore(cached.doc, this.config);
        if (doc) {
          this.docs.set(rel, doc);
          this.local.set(rel, cached.diags ?? []);
          continue;
        }
        if (!cached.doc) continue; // known not to be a document
      }
      if (this.open.has(rel)) this.readFromDiskOrOpen(rel);
      else toRead.push(rel);
    }
    const restored = md.length - toRead.length;
    onProgress(restored, md.length);
    // The rest is read on every core when there are many (parallel.ts).
    const outcomes = await readAll(this.root, this.config, toRead, (done) => onProgress(restored + done, md.length), true);
    if (gen !== this.generation || isCancelled()) return;
    this.filesRead += outcomes.length;
    for (const o of outcomes) {
      if (o.stamp) this.stamps.set(o.path, o.stamp);
      if (o.note) this.notes.set(o.path, o.note);
      if (!o.doc) continue;
      this.docs.set(o.path, o.doc);
      this.local.set(o.path, o.local ?? []);
    }
    onProgress(md.length, md.length);
    this.index.roster = findRoster(this.index);
  }

  private stat(rel: string): { m: number; s: number } | undefined {
    try {
      const st = fs.statSync(this.absolute(rel));
      return { m: st.mtimeMs, s: st.size };
    } catch {
      return undefined;
    }
  }

  private storeFile(storage: string): string {
    const key = createHash('sha256').update(this.root).digest('hex').slice(0, 16);
    return path.join(storage, `charter-index-${key}.json`);
  }

  /** The config as a string: a persisted index is only good for the same config. */
  private configKey(): string {
    return JSON.stringify(this.config);
  }

  private readStore(storage: string): StoredIndex | undefined {
    try {
      const data = JSON.parse(fs.readFileSync(this.storeFile(storage), 'utf8')) as StoredIndex;
      const version = typeof CHARTER_VERSION === 'string' ? CHARTER_VERSION : 'dev';
      if (data.version !== version || data.root !== this.root || data.config !== this.configKey()) return undefined;
      return data;
    } catch {
      return undefined;
    }
  }

  /**
   * Persists what was read and found, for the next session's warm start. Written to a
   * temporary file and renamed, so a crash never leaves half a file; failures are ignored
   * (the next start is cold, that is all).
   */
  persist(storage: string): void {
    const files: StoredIndex['files'] = {};
    for (const [rel, stamp] of this.stamps) {
      if (this.open.has(rel)) continue;
      const doc = this.docs.get(rel);
      files[rel] = { ...stamp, ...(doc ? { doc: store(doc), diags: this.local.get(rel) ?? [] } : {}) };
    }
    const data: StoredIndex = { version: typeof CHARTER_VERSION === 'string' ? CHARTER_VERSION : 'dev', root: this.root, config: this.configKey(), files };
    try {
      fs.mkdirSync(storage, { recursive: true });
      const file = this.storeFile(storage);
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, JSON.stringify(data));
      fs.renameSync(tmp, file);
    } catch {
      // A read-only or full disk: the next start is a cold one.
    }
  }

  private addPath(rel: string): void {
    this.files.add(rel);
    this.paths.add(rel);
    let i = rel.lastIndexOf('/');
    while (i > 0) {
      const dir = rel.slice(0, i);
      if (this.paths.has(dir)) break;
      this.paths.add(dir);
      i = dir.lastIndexOf('/');
    }
  }

  /**
   * Reads one file (the editor's text when it is open) and keeps it: whole while it is open,
   * compact otherwise. Returns the whole document, if it is one. Files on disk are read as
   * the reading threads read them (`readOne`), so the checker and the server say the same.
   */
  private readFromDiskOrOpen(rel: string): AnalyzedDocument | undefined {
    // An open document's previous reading: an edit is then read again only where it changed.
    const previous = this.docs.get(rel);
    this.docs.delete(rel);
    this.notes.delete(rel);
    this.local.delete(rel);
    if (this.classifier.isIgnored(rel)) return undefined;
    const text = this.open.get(rel);
    if (text === undefined) {
      this.filesRead++;
      const r = readOne(this.root, rel, this.classifier);
      if (r.stamp) this.stamps.set(rel, r.stamp);
      else this.stamps.delete(rel);
      if (r.note) this.notes.set(rel, r.note);
      if (r.whole) {
        this.local.set(rel, r.local ?? []);
        this.docs.set(rel, compact(r.whole));
      }
      return r.whole;
    }
    let doc: AnalyzedDocument | undefined;
    try {
      doc = readDocument(rel, text, this.classifier, undefined, previous);
    } catch (e) {
      this.notes.set(rel, `skipped: internal error while analysing (${(e as Error).message}); please report it`);
      return undefined;
    }
    if (doc) {
      this.local.set(rel, checkLocal(doc, this.index));
      this.docs.set(rel, doc);
    }
    return doc;
  }

  /** Re-reads every markdown file after a config change (globs and kinds may differ). */
  reclassifyAll(): void {
    for (const rel of this.files) if (MARKDOWN_RE.test(rel)) this.readFromDiskOrOpen(rel);
    this.index.roster = findRoster(this.index);
  }

  /**
   * A file's text changed (in the editor or on disk). Returns the paths of the documents
   * whose findings may have changed, the file itself included.
   */
  update(rel: string, text?: string): Set<string> {
    if (text !== undefined) this.open.set(rel, text);
    if (!this.files.has(rel)) this.addPath(rel);
    const before = this.docs.get(rel);
    const after = MARKDOWN_RE.test(rel) ? this.readFromDiskOrOpen(rel) : undefined;
    return this.afterChange(rel, before, after);
  }

  /** The editor closed a file: its text on disk counts again, and it is kept compact. */
  close(rel: string): Set<string> {
    this.open.delete(rel);
    if (!this.files.has(rel) && !fs.existsSync(this.absolute(rel))) {
      const before = this.docs.get(rel);
      this.docs.delete(rel);
      return this.afterChange(rel, before, undefined);
    }
    return this.update(rel);
  }

  /** A file or folder was created on disk. */
  created(rel: string): Set<string> {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(this.absolute(rel));
    } catch {
      return new Set();
    }
    if (stat.isDirectory()) {
      const sub = walk(this.absolute(rel));
      const affected = new Set<string>();
      for (const f of sub.files) for (const a of this.update(`${rel}/${f}`)) affected.add(a);
      for (const a of this.referrers(rel)) affected.add(a);
      return affected;
    }
    return this.update(rel);
  }

  /** A file or folder was deleted on disk. */
  deleted(rel: string): Set<string> {
    const affected = new Set<string>();
    const prefix = `${rel}/`;
    const gone = [...this.files].filter((f) => f === rel || f.startsWith(prefix));
    for (const f of gone) {
      this.files.delete(f);
      this.paths.delete(f);
      this.notes.delete(f);
      this.stamps.delete(f);
      this.local.delete(f);
      if (this.open.has(f)) {
        // Still open in the editor: it stays a document until closed.
        continue;
      }
      const before = this.docs.get(f);
      this.docs.delete(f);
      for (const a of this.afterChange(f, before, undefined)) affected.add(a);
    }
    for (const p of [...this.paths]) if (p === rel || p.startsWith(prefix)) this.paths.delete(p);
    for (const a of this.referrers(rel)) affected.add(a);
    return affected;
  }

  private afterChange(rel: string, before: AnalyzedDocument | undefined, after: AnalyzedDocument | undefined): Set<string> {
    const affected = new Set<string>();
    if (before || after) affected.add(rel);
    // Only a charter (or the configured charter path) can change the roster.
    const wasCharter = Boolean(before?.roster) || Boolean(after?.roster) || this.config.charter === rel;
    const rosterKey = (d: AnalyzedDocument | undefined) => JSON.stringify(d?.roster && { t: d.roster.team, p: d.roster.people.map((x) => [x.name, x.role, x.handle, x.email]), a: d.roster.areaRoles });
    if (wasCharter && rosterKey(before) !== rosterKey(after)) {
      this.index.roster = findRoster(this.index);
      for (const d of this.docs.keys()) affected.add(d);
      return affected;
    }
    // The roster object itself is new after each edit of the charter; keep the index on it.
    if (wasCharter) this.index.roster = findRoster(this.index);
    const kindChanged = before?.kind.name !== after?.kind.name;
    const titlesChanged = JSON.stringify(before?.decisions.map((d) => d.title)) !== JSON.stringify(after?.decisions.map((d) => d.title));
    if (kindChanged || !before !== !after) for (const r of this.referrers(rel)) affected.add(r);
    if (titlesChanged) for (const d of this.docs.values()) if (d.references.some((r) => r.role === 'supersedes')) affected.add(d.path);
    return affected;
  }

  /** Documents with a reference to a path (or into a folder). */
  referrers(rel: string): string[] {
    const out: string[] = [];
    for (const d of this.docs.values()) {
      for (const ref of d.references) {
        if (ref.role === 'supersedes') {
          out.push(d.path);
          break;
        }
        const candidates = ref.plain ? plainPathCandidates(d.path, ref.target) : [resolveLink(d.path, ref.target)];
        if (candidates.some((r) => r.kind === 'path' && (r.path === rel || r.path.startsWith(`${rel}/`) || rel.startsWith(`${r.path}/`)))) {
          out.push(d.path);
          break;
        }
      }
    }
    return out;
  }

  /** What the sidebar shows of a document, as a string that changes when that does. */
  ownershipKey(rel: string): string {
    const d = this.docs.get(rel);
    if (!d) return '';
    const owner = (o: { names: string[]; unowned: boolean } | undefined) => (o ? (o.unowned ? '!' : o.names.join('+')) : '-');
    return JSON.stringify([
      d.kind.name,
      d.title,
      d.titleRange.start.line,
      owner(d.owner),
      d.sections.map((s) => [s.spec.name, s.heading.range.start.line, owner(s.owner)]),
      d.decisions.map((x) => [x.title, x.range.start.line, x.range.start.character, x.area ?? '', owner(x.owner)]),
      d.roster ? [d.roster.team, d.roster.people.map((p) => [p.name, p.role, p.handle ?? '']), d.roster.responsibilities.map((r) => [r.name, r.role, r.range.start.line, r.pm ?? '', r.em ?? '', r.stakeholders ?? ''])] : 0,
    ]);
  }

  /** Decisions of this folder without an owner. */
  unownedCount(): number {
    let n = 0;
    for (const d of this.docs.values()) for (const x of d.decisions) if (!x.owner || x.owner.unowned) n++;
    return n;
  }

  /**
   * Checks one document against the folder's index: its own findings, found when it was
   * read, and the workspace findings, computed now from the index (a closed document is not
   * read again for them).
   */
  check(rel: string): Diagnostic[] {
    const doc = this.docs.get(rel);
    if (!doc || this.blocked) return [];
    const local = this.local.get(rel) ?? (isCompact(doc) ? [] : checkLocal(doc, this.index));
    return mergeFindings(local, checkWorkspace(doc, this.index));
  }

  notesList(): Note[] {
    return [...this.notes].map(([p, message]) => ({ path: p, message }));
  }
}
