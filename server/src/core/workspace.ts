/**
 * The workspace index: every recognised document, the charter's roster and every path,
 * built from texts handed in by a host (the command-line checker reads files; the
 * language server hands in open editors and files on disk). Rules read only this index.
 */
import type { Config } from './config';
import { Classifier } from './classify';
import { analyzeDocument, type AnalyzedDocument } from './document';
import { findFrontMatter } from './frontMatter';
import { scanMarkdown } from './scan';
import type { MarkdownModel } from './types';
import type { Roster } from './roster';
import { LineIndex } from './text';
import type { KindSpec } from './kinds';

/** Answers whether a root-relative path exists: a set of paths, or a look-up on disk. */
export interface PathLookup {
  has(path: string): boolean;
}

/** The index that cross-document rules read. */
export interface WorkspaceIndex {
  config: Config;
  classifier: Classifier;
  /** Recognised documents by root-relative path. */
  documents: Map<string, AnalyzedDocument>;
  /** Every file and folder under the root (root-relative, `/`-separated), documents or not. */
  paths: PathLookup;
  /** The roster of the charter, when the workspace has one. */
  roster?: Roster;
}

/**
 * Reads one file's text as a document, or returns undefined when it is not one. Files that
 * match no glob and have no front matter are dismissed without being parsed. The fast
 * scanner is the default parser; `parseMarkdown` (remark) gives the same model, which the
 * tests check.
 */
export function readDocument(
  path: string,
  text: string,
  classifier: Classifier,
  parse: (text: string, lines: LineIndex) => MarkdownModel = scanMarkdown,
): AnalyzedDocument | undefined {
  const config = classifier.config;
  const byPath = config.charter === path ? config.kinds.find((k) => k.name === 'charter') : classifier.kindByPath(path);
  if (!byPath && !/^---[ \t]*(\r?\n|\r)/.test(text)) return undefined;
  const lines = new LineIndex(text);
  if (!byPath) {
    // Only front matter can make this file a document: look at it before parsing the rest.
    const span = findFrontMatter(lines);
    if (!span) return undefined;
    const raw = text.slice(span.bodyStart, span.bodyEnd);
    const declared = /^type[ \t]*:[ \t]*["']?([\w -]+?)["']?[ \t]*$/m.exec(raw);
    if (!declared || !classifier.kindByType(declared[1])) return undefined;
  }
  const model = parse(text, lines);
  const fm = model.frontMatter;
  let kind: KindSpec | undefined = classifier.kindByType(fm?.data.type) ?? byPath;
  if (!kind && fm && fm.errors.length) {
    const declared = /^type[ \t]*:[ \t]*["']?([\w -]+?)["']?[ \t]*$/m.exec(text.slice(0, lines.offsetAt(fm.range.end)));
    kind = declared ? classifier.kindByType(declared[1]) : undefined;
  }
  if (!kind) return undefined;
  return analyzeDocument(path, text, kind, config, model, lines);
}

/** Builds the index from documents already read, and the set of all paths. */
export function buildIndex(config: Config, classifier: Classifier, documents: Iterable<AnalyzedDocument>, paths: Iterable<string>): WorkspaceIndex {
  const index: WorkspaceIndex = { config, classifier, documents: new Map(), paths: new Set(paths) };
  for (const d of documents) index.documents.set(d.path, d);
  index.roster = findRoster(index);
  return index;
}

/** The charter the workspace uses: the configured one, or the first charter by path. */
export function findRoster(index: WorkspaceIndex): Roster | undefined {
  if (index.config.charter) return index.documents.get(index.config.charter)?.roster;
  const charters = [...index.documents.values()].filter((d) => d.roster).sort((a, b) => (a.path < b.path ? -1 : 1));
  return charters[0]?.roster;
}

/** Adds every parent folder of each path, so that links to folders resolve. */
export function withFolders(files: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const f of files) {
    out.add(f);
    let i = f.lastIndexOf('/');
    while (i > 0) {
      const dir = f.slice(0, i);
      if (out.has(dir)) break;
      out.add(dir);
      i = dir.lastIndexOf('/');
    }
  }
  return out;
}
