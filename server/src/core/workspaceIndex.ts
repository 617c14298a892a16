/**
 * The workspace index: documents in, findings and the ownership model out. It is the one
 * truth the checker and the language server share. It reads nothing itself: a host hands it
 * texts (`update`), tells it what is gone (`remove`), and answers the two questions it may ask
 * (the current text of a file, and whether a file is open in an editor). Each change returns
 * exactly the documents whose findings or ownership changed, so a host sends only those.
 * Many changes at once (a branch switch) go through a `batch()`: every file staged first,
 * then each document they reach checked once. The index remembers which findings it gave
 * out (`give`, `check`) as what the host shows; `findings` only reads.
 *
 * Documents open in an editor are kept whole; the others compact (core/compact.ts): their
 * own findings are found once when they are read, and the workspace findings (owners, links)
 * are recomputed from the index when another document changes.
 */
import { Classifier } from './classify';
import type { Config } from './config';
import type { AnalyzedDocument } from './document';
import type { Finding } from './types';
import type { Roster } from './roster';
import { findRoster, type PathLookup } from './workspace';
import { checkLocal, checkWorkspace, mergeFindings } from './analyze';
import { readFile, type FileOutcome } from './reading';
import { compact, isCompact } from './compact';
import { plainPathCandidates, resolveLink } from './links';
import { CountingMap, recordKey, recordReach } from './records/workspace';
import { Contracts, isTemplatePath, readTemplate, templateScope, type ContractView, type GroupSummary, type TemplateInfo } from './contract';
import { scanMarkdown } from './scan';
import { LineIndex } from './text';
import { merge, ownershipKeyOf, rosterKey, sameFindings, type IndexChange } from './indexChange';

export { merge, ownershipKeyOf, sameFindings, type IndexChange } from './indexChange';

/** What the index asks of its host. */
export interface IndexHost {
  /**
   * The current text of a file (the editor's while it is open, else the disk's), or a note
   * saying why there is none (unreadable, binary, too large); neither when it is simply gone.
   */
  read(path: string): { text?: string; note?: string; lossy?: boolean };
  /** Whether a file is open in an editor: an open document is kept whole, with its text. */
  isOpen(path: string): boolean;
  /** Whether a path exists, for an index that is never told every path (a loose file's folder). */
  exists?(path: string): boolean;
}

/**
 * Many file changes applied as one piece of work (a branch switch, a folder renamed): see
 * {@link WorkspaceIndex.batch}. Staging a change reads the file and updates the documents,
 * the listing and the charters at once, but checks nobody; `settle` then works out, once,
 * which documents all the staged changes can reach and checks each of them once.
 */
export interface IndexBatch {
  /** A file's text is new (as {@link WorkspaceIndex.update}). */
  update(path: string, text: string | undefined, note?: string, lossy?: boolean): void;
  /** What the reading threads gave for a file (a compact document and its own findings). */
  put(outcome: FileOutcome): void;
  /** Reads a file again through the host (as {@link WorkspaceIndex.refresh}). */
  refresh(path: string): void;
  /** A file or folder is gone (as {@link WorkspaceIndex.remove}). */
  remove(path: string): void;
  /** A file that is not read appeared (as {@link WorkspaceIndex.addFile}). */
  addFile(path: string): void;
  /**
   * Works out what the changes staged so far reach, and checks those documents again, until
   * `stop()` says to pause (it is asked after each document); returns the documents whose
   * findings or ownership changed in this call. Call again until `done`.
   */
  settle(stop?: () => boolean): IndexChange;
  /** Whether nothing is staged and nothing is left to check. */
  readonly done: boolean;
}

/** What a batch remembers of a path when it first touches it (until its next settle). */
interface Touched {
  doc?: AnalyzedDocument;
  wasFile: boolean;
  owner: string;
  /** The template it was, as JSON ('' when none): a template that changed regroups its folder. */
  template: string;
  /** The contract groups it was in since (core/contract.ts), counted again at settle. */
  groups: Set<string>;
}

/** The file names read as markdown. */
export const MARKDOWN_RE = /\.(?:md|markdown|mdown|mkd)$/i;

export class WorkspaceIndex implements ContractView {
  config: Config;
  classifier: Classifier;
  /** Recognised documents by root-relative path. */
  readonly documents: Map<string, AnalyzedDocument> = new CountingMap<string, AnalyzedDocument>();
  /** The teams' templates by path: the contract of the documents they govern (core/contract.ts). */
  readonly templates = new Map<string, TemplateInfo>();
  /** The team's contract and Charter's policy, per group of documents. */
  private readonly contracts = new Contracts(this);
  /** Every file and folder, documents or not (links to them are not broken). */
  paths: PathLookup;
  roster?: Roster;
  rosters?: Roster[];
  /** Today for the date rules (tests set it; absent: the local date). */
  today?: string;
  /** The records of `--base REV` by folder, and how the user named REV (see IndexView). */
  baseRecords?: Map<string, { path: string; number: number; series: string }[]>;
  baseName?: string;
  /** Files that were not analyzed, and why (unreadable, binary, an internal error). */
  readonly notes = new Map<string, string>();
  /** Every file (root-relative), as the host listed it. */
  private readonly files = new Set<string>();
  private readonly pathSet = new Set<string>();
  /** Each document's own findings, found when it was read. */
  private readonly local = new Map<string, Finding[]>();
  /** The findings last given out per document (by `check`), to tell what a change changed. */
  private readonly given = new Map<string, Finding[]>();
  /** Each document's ownership, as a string that changes when what the sidebar shows does. */
  private readonly owned = new Map<string, string>();
  /** When true nothing is checked: the configuration was never valid (as `charter check` exits 2). */
  private blocked = false;
  /** During {@link batched}: the contract groups that changed, settled once at the end. */
  private batchGroups?: Set<string>;

  constructor(
    config: Config,
    private readonly host: IndexHost,
  ) {
    this.config = config;
    this.classifier = new Classifier(config);
    this.paths = host.exists ? { has: (p) => this.pathSet.has(p) || host.exists!(p) } : this.pathSet;
  }

  /** Whether a file is one the index reads (markdown, not ignored by the config). */
  isMarkdown(path: string): boolean {
    return MARKDOWN_RE.test(path) && !this.classifier.isIgnored(path);
  }

  /**
   * Starts over from a listing and what reading it gave (the first index, or a persisted
   * one): every file, and each markdown file's outcome. Nothing is compared: a host
   * publishes everything after a load.
   */
  load(files: Iterable<string>, outcomes: Iterable<FileOutcome>): void {
    this.files.clear();
    this.pathSet.clear();
    this.documents.clear();
    this.local.clear();
    this.notes.clear();
    this.given.clear();
    this.owned.clear();
    this.templates.clear();
    this.contracts.reset();
    for (const f of files) {
      this.addPath(f);
      // Templates are few and never persisted: read each one now.
      if (isTemplatePath(f) && this.isMarkdown(f)) this.readTemplateFile(f, this.host.read(f).text);
    }
    for (const o of outcomes) {
      if (o.note) this.notes.set(o.path, o.note);
      if (!o.doc) continue;
      this.documents.set(o.path, o.doc);
      this.local.set(o.path, o.local ?? (isCompact(o.doc) ? [] : checkLocal(o.doc, this)));
      if (o.found && !this.blocked) this.given.set(o.path, o.found);
    }
    this.refreshRoster();
  }

  /**
   * A file that is not read (an image, a text file) appeared: links to it resolve now.
   * Returns the documents whose findings changed.
   */
  addFile(path: string): IndexChange {
    if (this.files.has(path)) return { findings: new Set(), ownership: new Set() };
    this.addPath(path);
    return this.linksTo(path);
  }

  /** Every file the host listed (sorted), documents or not. */
  fileList(): string[] {
    return [...this.files].sort();
  }

  /** A document's own findings (document rules), as found when it was read. */
  localFindings(path: string): Finding[] | undefined {
    return this.local.get(path);
  }

  /**
   * A file's text is new (typed in an editor, saved, created). Analyzes it and returns the
   * documents whose findings or ownership changed, the file itself included when it did.
   * `note` comes from the host when the text could not be read.
   */
  update(path: string, text: string | undefined, note?: string, lossy = false): IndexChange {
    const before = this.snapshot(path);
    const isNew = !this.files.has(path);
    if (isNew) this.addPath(path);
    const prev = this.documents.get(path);
    const oldKey = this.contracts.forget(path);
    const template = this.templates.get(path);
    this.analyze(path, text, note, lossy);
    const change = this.settle(path, prev, this.documents.get(path), before, isNew);
    merge(change, this.regroup(path, oldKey, template));
    return change;
  }

  /** Reads a file again through the host (it changed on disk, or an editor closed it). */
  refresh(path: string): IndexChange {
    const r = this.host.read(path);
    // Gone (a file the editor had open and never saved, or deleted meanwhile).
    if (r.text === undefined && r.note === undefined && !this.host.isOpen(path)) return this.remove(path);
    return this.update(path, r.text, r.note, r.lossy);
  }

  /**
   * A file or folder is gone. Documents open in an editor stay documents until they are
   * closed (the host says which are open). Returns what changed.
   */
  remove(path: string): IndexChange {
    return this.batched(() => this.removeNow(path));
  }

  private removeNow(path: string): IndexChange {
    const change: IndexChange = { findings: new Set(), ownership: new Set() };
    const folder = this.isFolder(path);
    // Files listed, and documents kept open after their file went (now closed).
    const gone = this.under(path);
    for (const f of gone) {
      this.files.delete(f);
      this.pathSet.delete(f);
      this.notes.delete(f);
      if (this.host.isOpen(f)) continue;
      const before = this.snapshot(f);
      const prev = this.documents.get(f);
      const oldKey = this.contracts.forget(f);
      const template = this.templates.get(f);
      this.documents.delete(f);
      this.templates.delete(f);
      this.local.delete(f);
      merge(change, this.settle(f, prev, undefined, before));
      merge(change, this.regroup(f, oldKey, template));
    }
    this.forgetPaths(path, folder);
    // Links into the folder (or to the file) are broken now.
    merge(change, this.recheck(this.referrers(path)));
    return change;
  }

  /** Whether a path is a folder the index knows (a folder holding files it listed). */
  isFolder(path: string): boolean {
    return this.pathSet.has(path) && !this.files.has(path);
  }

  /** The files listed, and documents kept open after their file went, at a path or under it (a folder). */
  private under(path: string): string[] {
    // A file (or nothing known): no need to look through every path.
    if (!this.isFolder(path)) return this.files.has(path) || this.documents.has(path) ? [path] : [];
    const prefix = `${path}/`;
    return [...new Set([...this.files, ...this.documents.keys()])].filter((f) => f === path || f.startsWith(prefix));
  }

  /** Drops a removed path, and every path under it, from the paths links resolve against. */
  private forgetPaths(path: string, folder: boolean): void {
    this.pathSet.delete(path);
    if (!folder) return;
    const prefix = `${path}/`;
    for (const p of [...this.pathSet]) if (p.startsWith(prefix)) this.pathSet.delete(p);
  }

  /**
   * Starts a batch of file changes (see {@link IndexBatch}). Requests may read the index
   * between its steps: documents staged are current, the findings of the others are those
   * last given out until `settle` reaches them. Single changes (`update`, `remove`…) may be
   * made meanwhile; they settle at once, as always.
   */
  batch(): IndexBatch {
    const touched = new Map<string, Touched>();
    /** Paths that appeared or went without being read (files that are not markdown, folders): links to them read differently. */
    const named = new Set<string>();
    const toCheck = new Set<string>();
    let found = new Set<string>();
    let owners = new Set<string>();
    const touch = (path: string) => {
      let t = touched.get(path);
      if (!t) {
        const doc = this.documents.get(path);
        const template = this.templates.get(path);
        touched.set(
          path,
          (t = { doc, wasFile: this.files.has(path), owner: this.owned.get(path) ?? ownershipKeyOf(doc), template: template ? JSON.stringify(template) : '', groups: new Set() }),
        );
      }
      // It leaves its contract group (a request between steps may have put it back in one).
      const key = this.contracts.forget(path);
      if (key !== undefined) t.groups.add(key);
    };
    /** A charter's people are what owners are read against: requests see the new ones at once. */
    const rosterMayChange = (path: string, prev: AnalyzedDocument | undefined) => {
      if (prev?.roster || this.documents.get(path)?.roster || this.config.charter === path) this.refreshRoster();
    };
    const batch: IndexBatch = {
      update: (path, text, note, lossy = false) => {
        touch(path);
        if (!this.files.has(path)) this.addPath(path);
        const prev = this.documents.get(path);
        this.analyze(path, text, note, lossy);
        rosterMayChange(path, prev);
      },
      put: (o) => {
        touch(o.path);
        if (!this.files.has(o.path)) this.addPath(o.path);
        const prev = this.documents.get(o.path);
        this.forgetReading(o.path, o.note);
        if (this.isMarkdown(o.path)) {
          if (o.doc || o.template) this.remember(o);
          else if (isTemplatePath(o.path)) this.readTemplateFile(o.path, this.host.read(o.path).text);
        }
        rosterMayChange(o.path, prev);
      },
      refresh: (path) => {
        const r = this.host.read(path);
        if (r.text === undefined && r.note === undefined && !this.host.isOpen(path)) batch.remove(path);
        else batch.update(path, r.text, r.note, r.lossy);
      },
      remove: (path) => {
        const folder = this.isFolder(path);
        let charter = false;
        for (const f of this.under(path)) {
          touch(f);
          this.files.delete(f);
          this.notes.delete(f);
          if (this.host.isOpen(f)) continue;
          const prev = this.documents.get(f);
          charter ||= Boolean(prev?.roster) || this.config.charter === f;
          this.documents.delete(f);
          this.templates.delete(f);
          this.local.delete(f);
          this.owned.delete(f);
        }
        this.forgetPaths(path, folder);
        named.add(path);
        if (charter) this.refreshRoster();
      },
      addFile: (path) => {
        if (this.files.has(path)) return;
        this.addPath(path);
        named.add(path);
      },
      settle: (stop = () => false) => {
        if (touched.size || named.size) this.collect(touched, named, toCheck, found, owners);
        for (const p of toCheck) {
          toCheck.delete(p);
          if (!this.documents.has(p) && !this.templates.has(p)) {
            // A template that went: what it carried goes with it.
            if (this.given.get(p)?.length) found.add(p);
            this.given.delete(p);
            continue;
          }
          if (!sameFindings(this.given.get(p), this.check(p))) found.add(p);
          if (stop()) break;
        }
        const change: IndexChange = { findings: found, ownership: owners };
        found = new Set();
        owners = new Set();
        return change;
      },
      get done() {
        return touched.size === 0 && named.size === 0 && toCheck.size === 0;
      },
    };
    return batch;
  }

  /**
   * Applies many file changes as one: each file read once, and each document they can reach
   * checked once. Returns what changed.
   */
  updateMany(changes: Iterable<{ path: string; text?: string; note?: string; lossy?: boolean; gone?: boolean }>): IndexChange {
    const b = this.batch();
    for (const c of changes) {
      if (c.gone) b.remove(c.path);
      else b.update(c.path, c.text, c.note, c.lossy);
    }
    return b.settle();
  }

  /**
   * A batch's settle, first part: from what each touched path was to what it is now, the
   * documents to check again (added to `toCheck`), once for all of them. Removed documents
   * that showed findings, and ownership that changed, go straight into `found` and `owners`.
   */
  private collect(touched: Map<string, Touched>, named: Set<string>, toCheck: Set<string>, found: Set<string>, owners: Set<string>): void {
    let everyone = false;
    let titles = false;
    const records = new Set<string>();
    const targets = new Set(named);
    const titlesOf = (d: AnalyzedDocument | undefined) => JSON.stringify(d?.decisions.map((x) => x.title));
    // The contract: the groups each touched document left and joined, and the folders whose template changed.
    const groups = new Set<string>();
    const scopes = new Set<string>();
    for (const [p, t] of touched) {
      const template = this.templates.get(p);
      if (t.template !== (template ? JSON.stringify(template) : '')) {
        scopes.add(template?.scope ?? templateScope(p));
        toCheck.add(p);
      }
      const doc = this.documents.get(p);
      for (const k of t.groups) groups.add(k);
      if (doc) groups.add(this.contracts.groupKey(doc));
      else this.contracts.gone(p);
    }
    for (const scope of scopes) {
      this.contracts.resetScope(scope);
      for (const d of this.documents.keys()) if (!scope || d.startsWith(`${scope}/`)) toCheck.add(d);
      for (const t of this.templates.keys()) toCheck.add(t);
    }
    for (const k of groups) for (const p of this.contracts.stale(k)) toCheck.add(p);
    for (const [p, t] of touched) {
      const next = this.documents.get(p);
      // A charter's people changed: every document's owners are read against them.
      if ((t.doc?.roster || next?.roster || this.config.charter === p) && rosterKey(t.doc) !== rosterKey(next)) everyone = true;
      // Appeared, went, became (or stopped being) a document, or changed kind: links to it read differently.
      if (t.wasFile !== this.files.has(p) || !t.doc !== !next || t.doc?.kind.name !== next?.kind.name) targets.add(p);
      if (!titles && titlesOf(t.doc) !== titlesOf(next)) titles = true;
      if (recordKey(t.doc) !== recordKey(next)) records.add(p);
      if (next) toCheck.add(p);
      else {
        if (this.given.get(p)?.length) found.add(p);
        this.given.delete(p);
        this.owned.delete(p);
      }
      if (t.owner !== (next ? this.ownershipKey(p) : '')) owners.add(p);
    }
    touched.clear();
    named.clear();
    if (everyone) {
      for (const d of this.documents.keys()) toCheck.add(d);
      return;
    }
    if (targets.size) for (const r of this.referrersOf(targets)) toCheck.add(r);
    if (titles) for (const d of this.documents.values()) if (d.references.some((r) => r.role === 'supersedes')) toCheck.add(d.path);
    // A record appeared, went or changed its number, title, status or supersession: its folder's records, those that point at records, the index pages and the documents citing records read it.
    if (records.size) for (const r of recordReach(this, records)) toCheck.add(r);
  }

  /**
   * A new configuration (or settings): every markdown file is read again through the host,
   * since globs, kinds and sections may differ. `blocked` means a configuration that was
   * never valid: nothing is checked. Returns what changed.
   */
  setConfig(config: Config, blocked = false): IndexChange {
    const before = new Map([...this.documents.keys()].map((p) => [p, this.given.get(p)]));
    const ownersBefore = new Map(this.owned);
    this.config = config;
    this.classifier = new Classifier(config);
    this.blocked = blocked;
    this.local.clear();
    this.owned.clear();
    const old = new Map(this.documents);
    const oldTemplates = [...this.templates.keys()];
    for (const t of oldTemplates) if (!before.has(t)) before.set(t, this.given.get(t));
    this.documents.clear();
    this.templates.clear();
    this.contracts.reset();
    for (const f of this.files) {
      if (!MARKDOWN_RE.test(f)) continue;
      this.notes.delete(f);
      if (this.classifier.isIgnored(f)) continue;
      // Globs, kinds and sections may all differ: every file is read again (an open one from the editor's text).
      const r = this.host.read(f);
      this.analyze(f, r.text, r.note, r.lossy);
    }
    this.refreshRoster();
    const change: IndexChange = { findings: new Set(), ownership: new Set() };
    for (const p of new Set([...oldTemplates, ...this.templates.keys()])) {
      if (!this.templates.has(p)) {
        if (before.get(p)?.length) change.findings.add(p);
        this.given.delete(p);
      } else if (!sameFindings(before.get(p), this.check(p))) change.findings.add(p);
    }
    for (const p of new Set([...old.keys(), ...this.documents.keys()])) {
      if (!this.documents.has(p)) {
        if (before.get(p)?.length) change.findings.add(p);
        change.ownership.add(p);
        this.given.delete(p);
        continue;
      }
      if (!sameFindings(before.get(p), this.check(p))) change.findings.add(p);
      if (ownersBefore.get(p) !== this.ownershipKey(p)) change.ownership.add(p);
    }
    return change;
  }

  /**
   * One document's findings: its own, found when it was read, and the workspace findings,
   * computed now from the index. Remembered, to tell what a later change changed.
   */
  check(path: string): Finding[] {
    const found = this.compute(path, true);
    if (!this.blocked && (found.length || this.documents.has(path))) this.given.set(path, found);
    else this.given.delete(path);
    return found;
  }

  /**
   * A document's or a template's findings now. `told`: they are given out, and the contract
   * remembers what it told the document (to know when that no longer holds).
   */
  private compute(path: string, told: boolean): Finding[] {
    const doc = this.documents.get(path);
    if (this.blocked) return [];
    // A template carries what Charter's policy says of the documents it governs.
    if (!doc) return this.templates.has(path) ? this.contracts.templateFindings(path, told) : [];
    // Every document's own findings are found when it is read (or handed in with it).
    const local = this.local.get(path) ?? [];
    return this.contracts.adjust(doc, mergeFindings(local, checkWorkspace(doc, this)), told);
  }

  /**
   * Runs many changes as one (a folder created, a branch switched): the contract groups they
   * touch are settled once at the end, instead of after each file (a folder of a thousand new
   * documents would otherwise recheck its group a thousand times).
   */
  batched(fn: () => IndexChange): IndexChange {
    if (this.batchGroups) return fn();
    this.batchGroups = new Set();
    let change: IndexChange;
    let keys: Set<string>;
    try {
      change = fn();
    } finally {
      keys = this.batchGroups;
      this.batchGroups = undefined;
    }
    for (const key of keys) merge(change, this.recheck(this.contracts.stale(key)));
    return change;
  }

  /** The groups of documents the contract is counted in, with what each asks (for `charter init`). */
  contractGroups(): GroupSummary[] {
    return this.contracts.summary();
  }

  /** A file's current text through the host (the editor's while it is open), or undefined. */
  text(path: string): string | undefined {
    return this.host.read(path).text;
  }

  /** Every path that can carry findings: the documents, and the templates. */
  checkable(): string[] {
    return [...this.documents.keys(), ...this.templates.keys()];
  }

  /**
   * A document's findings as last given out by `check`; when they never were, as they are
   * now, but not remembered as given out: a reader (the ownership model, a code action) must
   * not make the index believe a host showed what it did not. Hosts publish through `give`.
   */
  findings(path: string): Finding[] {
    return this.given.get(path) ?? this.compute(path, false);
  }

  /** A document's findings for a host to publish: as last given out, or checked now (and so given out). */
  give(path: string): Finding[] {
    return this.given.get(path) ?? this.check(path);
  }

  /** How many findings were last given out, over every document. */
  problemCount(): number {
    let n = 0;
    for (const d of this.given.values()) n += d.length;
    return n;
  }

  /** What the sidebar shows of a document, as a string that changes when that does. */
  ownershipKey(path: string): string {
    const known = this.owned.get(path);
    if (known !== undefined) return known;
    const key = ownershipKeyOf(this.documents.get(path));
    this.owned.set(path, key);
    return key;
  }

  /** Decisions without an owner, over every document. */
  unownedCount(): number {
    let n = 0;
    for (const d of this.documents.values()) for (const x of d.decisions) if (!x.owner || x.owner.unowned) n++;
    return n;
  }

  /** Reads a text as a document (or not), with its own findings: whole while open, else compact. */
  private analyze(path: string, text: string | undefined, note: string | undefined, lossy = false): void {
    // The previous reading of the same file: an edit is then scanned again only where it
    // changed (a compact document carries no scan state and is simply read whole).
    const previous = this.documents.get(path);
    this.forgetReading(path, note);
    if (text === undefined || !this.isMarkdown(path)) return;
    const r = readFile(path, text, this.classifier, lossy, previous);
    if (r.doc && !this.host.isOpen(path)) r.doc = compact(r.doc);
    this.remember({ path, ...r });
  }

  /** Drops what the index knew of a path's last reading; `note`, if any, is its new note. */
  private forgetReading(path: string, note: string | undefined): void {
    this.documents.delete(path);
    this.local.delete(path);
    this.owned.delete(path);
    if (note) this.notes.set(path, note);
    else this.notes.delete(path);
    this.templates.delete(path);
  }

  /** Keeps what reading a file gave: its document (as given: whole or compact) and own findings, its template, its note. */
  private remember(o: FileOutcome): void {
    if (o.note) this.notes.set(o.path, o.note);
    if (o.template) this.templates.set(o.path, o.template);
    if (!o.doc) return;
    this.local.set(o.path, o.local ?? (isCompact(o.doc) ? [] : checkLocal(o.doc, this)));
    this.documents.set(o.path, o.doc);
  }

  /** Reads a template's sections and fields (a template that cannot be read governs nothing). */
  private readTemplateFile(path: string, text: string | undefined): void {
    if (text === undefined) return;
    try {
      this.templates.set(path, readTemplate(path, scanMarkdown(text, new LineIndex(text)), text));
    } catch (e) {
      this.notes.set(path, `skipped: internal error while reading the template (${(e as Error).message}); please report it`);
    }
  }

  /**
   * After a change to a path: it leaves the group it was in and joins its new one, both are
   * counted again, and where what a group told its documents no longer holds, they are checked
   * again — every member when a majority, its first document or its template changed, else
   * only the group's own findings (on its first document or its template). A template that
   * changed regroups everything under its folder.
   */
  private regroup(path: string, oldKey: string | undefined, template: TemplateInfo | undefined): IndexChange {
    const change: IndexChange = { findings: new Set(), ownership: new Set() };
    const after = this.templates.get(path);
    if (template || after) {
      if (JSON.stringify(template) === JSON.stringify(after)) return change;
      const scope = (after ?? template)!.scope;
      this.contracts.resetScope(scope);
      const reach = [...this.documents.keys()].filter((p) => !scope || p.startsWith(`${scope}/`));
      merge(change, this.recheck([...reach, ...this.templates.keys(), path]));
      return change;
    }
    const doc = this.documents.get(path);
    const keys = new Set<string>();
    if (oldKey) keys.add(oldKey);
    if (doc) keys.add(this.contracts.groupKey(doc));
    if (!doc) this.contracts.gone(path);
    if (this.batchGroups) for (const key of keys) this.batchGroups.add(key);
    else for (const key of keys) merge(change, this.recheck(this.contracts.stale(key)));
    if (doc && !change.findings.has(path)) merge(change, this.recheck([path]));
    return change;
  }

  /** What a document showed before a change: its findings and ownership. */
  private snapshot(path: string): { findings?: Finding[]; owner: string } {
    return { findings: this.given.get(path), owner: this.owned.get(path) ?? ownershipKeyOf(this.documents.get(path)) };
  }

  /**
   * After one file changed from `prev` to `next`: which other documents may see it
   * differently (a charter's people, a link's target, a superseded title), and of those and
   * the file itself, which now have other findings or another owner.
   */
  private settle(
    path: string,
    prev: AnalyzedDocument | undefined,
    next: AnalyzedDocument | undefined,
    before: { findings?: Finding[]; owner: string },
    isNew = false,
  ): IndexChange {
    const change: IndexChange = { findings: new Set(), ownership: new Set() };
    const others = new Set<string>();
    // A charter first: its people are what every owner, its own included, is read against.
    const wasCharter = Boolean(prev?.roster) || Boolean(next?.roster) || this.config.charter === path;
    if (wasCharter) {
      const changed = rosterKey(prev) !== rosterKey(next);
      // The roster object is new after each edit of the charter: keep the index on the new one.
      this.refreshRoster();
      if (changed) {
        // Everyone's owners are read against the people: every document may see it.
        for (const d of this.documents.keys()) others.add(d);
        change.ownership.add(path);
      }
    }
    if (!next) {
      if (before.findings?.length) change.findings.add(path);
      this.given.delete(path);
      this.owned.delete(path);
    } else if (!sameFindings(before.findings, this.check(path))) change.findings.add(path);
    if (before.owner !== this.ownershipKey(path)) change.ownership.add(path);

    // A new file, or one that became (or stopped being) a document, or changed kind: links to it read differently.
    if (isNew || prev?.kind.name !== next?.kind.name || !prev !== !next) for (const r of this.referrers(path)) others.add(r);
    const titles = (d: AnalyzedDocument | undefined) => JSON.stringify(d?.decisions.map((x) => x.title));
    if (titles(prev) !== titles(next)) for (const d of this.documents.values()) if (d.references.some((r) => r.role === 'supersedes')) others.add(d.path);
    // A record's number, status or supersession: its folder's records, those that point at records and the documents that read records see it.
    if (recordKey(prev) !== recordKey(next)) for (const p of recordReach(this, new Set([path]))) others.add(p);
    others.delete(path);
    merge(change, this.recheck(others));
    return change;
  }

  /** Checks the documents that link to a path (or into a folder) again: a folder appeared. */
  linksTo(path: string): IndexChange {
    return this.recheck(this.referrers(path));
  }

  /** Checks documents again now (a request needs them current); returns those whose findings changed. */
  checkAgain(paths: Iterable<string>): IndexChange {
    return this.recheck(paths);
  }

  /** Checks documents again; returns those whose findings changed. */
  private recheck(paths: Iterable<string>): IndexChange {
    const change: IndexChange = { findings: new Set(), ownership: new Set() };
    for (const p of paths) {
      if (!this.documents.has(p) && !this.templates.has(p)) continue;
      const before = this.given.get(p);
      if (!sameFindings(before, this.check(p))) change.findings.add(p);
    }
    return change;
  }

  /** Documents with a reference to a path, into a folder, or to a superseded decision. */
  referrers(path: string): string[] {
    return this.referrersOf(new Set([path]));
  }

  /**
   * Documents with a reference to any of the paths, into one of them (a folder), to a folder
   * that holds one, or to a superseded decision: one pass over the documents for them all.
   */
  referrersOf(paths: Set<string>): string[] {
    // The folders that hold a path: a link to one of them reads differently too.
    const holders = new Set<string>();
    for (const p of paths) {
      let i = p.lastIndexOf('/');
      while (i > 0) {
        const dir = p.slice(0, i);
        if (holders.has(dir)) break;
        holders.add(dir);
        i = dir.lastIndexOf('/');
      }
    }
    const reaches = (target: string) => {
      if (paths.has(target) || holders.has(target)) return true;
      for (let i = target.lastIndexOf('/'); i > 0; i = target.lastIndexOf('/', i - 1)) if (paths.has(target.slice(0, i))) return true;
      return false;
    };
    const out: string[] = [];
    for (const d of this.documents.values()) {
      for (const ref of d.references) {
        if (ref.role === 'supersedes') {
          out.push(d.path);
          break;
        }
        const candidates = ref.plain ? plainPathCandidates(d.path, ref.target) : [resolveLink(d.path, ref.target)];
        if (candidates.some((r) => r.kind === 'path' && reaches(r.path))) {
          out.push(d.path);
          break;
        }
      }
    }
    return out;
  }

  private refreshRoster(): void {
    this.roster = findRoster(this);
  }

  private addPath(path: string): void {
    this.files.add(path);
    this.pathSet.add(path);
    let i = path.lastIndexOf('/');
    while (i > 0) {
      const dir = path.slice(0, i);
      if (this.pathSet.has(dir)) break;
      this.pathSet.add(dir);
      i = dir.lastIndexOf('/');
    }
  }
}
