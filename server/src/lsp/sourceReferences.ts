/**
 * The server's share of `references: { include: [globs] }`: the source files of a folder read
 * for decision ids (core/sourceReferences.ts), each read once and again only when the file
 * watcher says it changed, and their findings computed again from the kept citations whenever
 * the records may have changed — so the editor shows what `charter check` prints for them.
 */
import type { Config } from '../core/config';
import type { Citation } from '../core/records/ids';
import type { Finding } from '../core/types';
import type { WorkspaceIndex } from '../core/workspaceIndex';
import { checkSourceCitations, isReferenceSource, sourceCitations } from '../core/sourceReferences';

export class SourceReferences {
  private readonly cites = new Map<string, Citation[]>();
  private readonly dirty = new Set<string>();
  private config: Config | undefined;

  /** `read`: a file's text (bounded and inside the root, as the host reads every file), or undefined. */
  constructor(private readonly read: (rel: string) => string | undefined) {}

  /** A file changed, appeared or went. */
  touch(rel: string): void {
    this.dirty.add(rel);
  }

  /** Each source file's findings now, by root-relative path (files without findings included, with none). */
  findings(index: WorkspaceIndex): Map<string, Finding[]> {
    if (index.config !== this.config) {
      // Another configuration: other globs, other prefixes. Everything is read again.
      this.config = index.config;
      this.cites.clear();
      this.dirty.clear();
      if (index.config.references?.include.length) for (const rel of index.fileList()) if (isReferenceSource(index, rel)) this.dirty.add(rel);
    }
    for (const rel of this.dirty) {
      const text = isReferenceSource(index, rel) ? this.read(rel) : undefined;
      if (text === undefined) this.cites.delete(rel);
      else this.cites.set(rel, sourceCitations(text, index));
    }
    this.dirty.clear();
    const out = new Map<string, Finding[]>();
    for (const [rel, cites] of this.cites) out.set(rel, checkSourceCitations(rel, cites, index));
    return out;
  }
}

/** The parts of a folder the source publisher needs (lsp/folder.ts `Folder`). */
interface FolderLike {
  readonly root: string;
  readonly index: WorkspaceIndex;
}

/**
 * Publishes each folder's source files' findings: a file is read again when the watcher says
 * it changed (`touch`), and every file's findings are computed again a moment after a change
 * that may have moved the records (`schedule`). A file no longer read is cleared.
 */
export class SourcePublisher<F extends FolderLike> {
  private readonly refs = new Map<F, SourceReferences>();
  private readonly timers = new Map<F, ReturnType<typeof setTimeout>>();
  private readonly shown = new Map<F, Set<string>>();

  constructor(
    private readonly io: {
      read: (f: F, rel: string) => string | undefined;
      send: (f: F, rel: string, diags: Finding[]) => void;
      alive: (f: F) => boolean;
    },
  ) {}

  private of(f: F): SourceReferences {
    let s = this.refs.get(f);
    if (!s) this.refs.set(f, (s = new SourceReferences((rel) => this.io.read(f, rel))));
    return s;
  }

  /** A file of the folder changed on disk (markdown files are documents, never sources). */
  touch(f: F, rel: string): void {
    if (/\.(?:md|markdown)$/i.test(rel)) return;
    if (!f.index.config.references?.include.length && !this.refs.has(f)) return;
    this.of(f).touch(rel);
    this.schedule(f);
  }

  /** Computes and sends the folder's source findings soon (records may have changed). */
  schedule(f: F, delay = 100): void {
    if (!f.index.config.references?.include.length && !this.refs.has(f)) return;
    clearTimeout(this.timers.get(f));
    this.timers.set(
      f,
      setTimeout(() => {
        this.timers.delete(f);
        if (!this.io.alive(f)) return;
        const now = this.of(f).findings(f.index);
        for (const rel of this.shown.get(f) ?? []) if (!now.has(rel)) this.io.send(f, rel, []);
        this.shown.set(f, new Set(now.keys()));
        for (const [rel, diags] of now) this.io.send(f, rel, diags);
      }, delay),
    );
  }

  /** At shutdown: no timer left behind. */
  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
