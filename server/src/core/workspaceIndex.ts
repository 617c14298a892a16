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
 *
 * Three layers, each a class of its own module: what the index holds and how a file is read
 * into it (IndexStore, core/indexStore.ts), the findings it gives out (IndexFindings,
 * core/indexFindings.ts), and here what a change means: which documents it reaches, checked
 * again, one change at a time or a batch of them.
 */
import { Classifier } from './classify';
import type { Config } from './config';
import type { AnalyzedDocument } from './document';
import type { Finding } from './types';
import { checkLocal } from './analyze';
import { isCompact } from './compact';
import { recordKey, recordReach } from './records/workspace';
import { isTemplatePath } from './templatePath';
import { templateScope } from './contract/template';
import { merge, ownershipKeyOf, rosterKey, sameFindings, type IndexChange } from './indexChange';
import { MARKDOWN_RE } from './indexStore';
import { IndexFindings } from './indexFindings';
import type { FileOutcome } from './reading';

export { merge, ownershipKeyOf, sameFindings, type IndexChange } from './indexChange';
export { MARKDOWN_RE, type IndexHost } from './indexStore';

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
  /** The contract groups it was in since (core/contract/), counted again at settle. */
  groups: Set<string>;
}

export class WorkspaceIndex extends IndexFindings {
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
}
