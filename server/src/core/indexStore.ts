/**
 * What a workspace index holds, and how a file gets into it: every file and folder its host
 * listed, the documents read (whole while open in an editor, else compact, core/compact.ts)
 * with their own findings and their ownership keys, the teams' templates, the notes on files
 * that could not be read, and the charters' rosters. What a change means to the other
 * documents, and the findings given out, are the WorkspaceIndex's (core/workspaceIndex.ts),
 * which is an IndexStore.
 */
import { Classifier } from './classify';
import type { Config } from './config';
import type { AnalyzedDocument } from './document';
import type { Finding } from './types';
import type { Roster } from './roster';
import { findRoster, type PathLookup } from './workspace';
import { checkLocal } from './analyze';
import { readFile, type FileOutcome } from './reading';
import { compact, isCompact } from './compact';
import { plainPathCandidates, resolveLink } from './links';
import { CountingMap } from './records/workspace';
import { readTemplate, type TemplateInfo } from './contract/template';
import { scanMarkdown } from './scan';
import { LineIndex } from './text';
import { ownershipKeyOf } from './indexChange';

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

/** The file names read as markdown. */
export const MARKDOWN_RE = /\.(?:md|markdown|mdown|mkd)$/i;

/** The files, documents and templates of a workspace, and the reading of a file into them. */
export class IndexStore {
  config: Config;
  classifier: Classifier;
  /** Recognised documents by root-relative path. */
  readonly documents: Map<string, AnalyzedDocument> = new CountingMap<string, AnalyzedDocument>();
  /** The teams' templates by path: the contract of the documents they govern (core/contract/). */
  readonly templates = new Map<string, TemplateInfo>();
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
  protected readonly files = new Set<string>();
  protected readonly pathSet = new Set<string>();
  /** Each document's own findings, found when it was read. */
  protected readonly local = new Map<string, Finding[]>();
  /** Each document's ownership, as a string that changes when what the sidebar shows does. */
  protected readonly owned = new Map<string, string>();

  constructor(
    config: Config,
    protected readonly host: IndexHost,
  ) {
    this.config = config;
    this.classifier = new Classifier(config);
    this.paths = host.exists ? { has: (p) => this.pathSet.has(p) || host.exists!(p) } : this.pathSet;
  }

  /** Whether a file is one the index reads (markdown, not ignored by the config). */
  isMarkdown(path: string): boolean {
    return MARKDOWN_RE.test(path) && !this.classifier.isIgnored(path);
  }

  /** Every file the host listed (sorted), documents or not. */
  fileList(): string[] {
    return [...this.files].sort();
  }

  /** A document's own findings (document rules), as found when it was read. */
  localFindings(path: string): Finding[] | undefined {
    return this.local.get(path);
  }

  /** Whether a path is a folder the index knows (a folder holding files it listed). */
  isFolder(path: string): boolean {
    return this.pathSet.has(path) && !this.files.has(path);
  }

  /** The files listed, and documents kept open after their file went, at a path or under it (a folder). */
  protected under(path: string): string[] {
    // A file (or nothing known): no need to look through every path.
    if (!this.isFolder(path)) return this.files.has(path) || this.documents.has(path) ? [path] : [];
    const prefix = `${path}/`;
    return [...new Set([...this.files, ...this.documents.keys()])].filter((f) => f === path || f.startsWith(prefix));
  }

  /** Drops a removed path, and every path under it, from the paths links resolve against. */
  protected forgetPaths(path: string, folder: boolean): void {
    this.pathSet.delete(path);
    if (!folder) return;
    const prefix = `${path}/`;
    for (const p of [...this.pathSet]) if (p.startsWith(prefix)) this.pathSet.delete(p);
  }

  /** A file's current text through the host (the editor's while it is open), or undefined. */
  text(path: string): string | undefined {
    return this.host.read(path).text;
  }

  /** Every path that can carry findings: the documents, and the templates. */
  checkable(): string[] {
    return [...this.documents.keys(), ...this.templates.keys()];
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
  protected analyze(path: string, text: string | undefined, note: string | undefined, lossy = false): void {
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
  protected forgetReading(path: string, note: string | undefined): void {
    this.documents.delete(path);
    this.local.delete(path);
    this.owned.delete(path);
    if (note) this.notes.set(path, note);
    else this.notes.delete(path);
    this.templates.delete(path);
  }

  /** Keeps what reading a file gave: its document (as given: whole or compact) and own findings, its template, its note. */
  protected remember(o: FileOutcome): void {
    if (o.note) this.notes.set(o.path, o.note);
    if (o.template) this.templates.set(o.path, o.template);
    if (!o.doc) return;
    this.local.set(o.path, o.local ?? (isCompact(o.doc) ? [] : checkLocal(o.doc, this)));
    this.documents.set(o.path, o.doc);
  }

  /** Reads a template's sections and fields (a template that cannot be read governs nothing). */
  protected readTemplateFile(path: string, text: string | undefined): void {
    if (text === undefined) return;
    try {
      this.templates.set(path, readTemplate(path, scanMarkdown(text, new LineIndex(text)), text));
    } catch (e) {
      this.notes.set(path, `skipped: internal error while reading the template (${(e as Error).message}); please report it`);
    }
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

  protected refreshRoster(): void {
    this.roster = findRoster(this);
  }

  protected addPath(path: string): void {
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
