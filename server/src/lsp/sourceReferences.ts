/**
 * The server's share of `references: { include: [globs] }`: the source files of a folder read
 * for decision ids (core/sourceReferences.ts), each read once and again only when the file
 * watcher says it changed, and their findings computed again from the kept citations whenever
 * the records may have changed — so the editor shows what `charter check` prints for them.
 */
import type { Config } from '../core/config';
import type { Citation } from '../core/decisionIds';
import type { Diagnostic } from '../core/types';
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
  findings(index: WorkspaceIndex): Map<string, Diagnostic[]> {
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
    const out = new Map<string, Diagnostic[]>();
    for (const [rel, cites] of this.cites) out.set(rel, checkSourceCitations(rel, cites, index));
    return out;
  }
}
