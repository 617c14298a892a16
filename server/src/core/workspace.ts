/**
 * The workspace index: every recognised document, the charter's roster and every path,
 * built from texts handed in by a host (the command-line checker reads files; the
 * language server hands in open editors and files on disk). Rules read only this index.
 */
import type { Config } from './config';
import { Classifier } from './classify';
import { analyzeDocument, type AnalyzedDocument } from './document';
import { findFrontMatter } from './frontMatter';
import { rescanMarkdown, scanMarkdown } from './scan';
import { changeBetween, lineIndexAfter, scanStateOf } from './scan/incremental';
import type { MarkdownModel } from './types';
import type { Roster } from './roster';
import { LineIndex } from './text';
import type { KindSpec } from './kinds';
import { listsRecords } from './records/ids';

/** Answers whether a root-relative path exists: a set of paths, or a look-up on disk. */
export interface PathLookup {
  has(path: string): boolean;
}

/** What rules read of the workspace: the {@link WorkspaceIndex} (core/workspaceIndex.ts) is one; tests build others by hand. */
export interface IndexView {
  config: Config;
  classifier: Classifier;
  /** Recognised documents by root-relative path. */
  documents: Map<string, AnalyzedDocument>;
  /** Every file and folder under the root (root-relative, `/`-separated), documents or not. */
  paths: PathLookup;
  /** The roster of the charter, when the workspace has one (the configured or the first by path). */
  roster?: Roster;
  /**
   * Every charter's roster, by path (set with `roster` by `findRoster`): a monorepo keeps
   * one charter per team. Only the configured charter when `charter:` forces one.
   */
  rosters?: Roster[];
  /** Today (YYYY-MM-DD), for the rules about dates that pass; absent: the local date (`localDate`). */
  today?: string;
  /**
   * The records of a base revision (`charter check --base REV`), by folder: path and number.
   * A new record whose number one of them holds is reported by `duplicate-number`.
   */
  baseRecords?: Map<string, { path: string; number: number; series: string }[]>;
  /** The revision the base records were read from, as the user named it. */
  baseName?: string;
  /** A document's current text, when the host can give it (quick fixes that edit other files). */
  text?(path: string): string | undefined;
}

/**
 * Reads one file's text as a document, or returns undefined when it is not one. Files that
 * match no glob and have no front matter are dismissed without being parsed. The fast
 * scanner is the default parser; `parseMarkdown` (remark) gives the same model, which the
 * tests check.
 *
 * `previous`, the whole document as read from an earlier text of the same file (an editor's
 * text before an edit), lets the fast scanner read only the lines the edit changed: the
 * result is the same (test/equivalence/incremental.test.ts).
 */
export function readDocument(
  path: string,
  text: string,
  classifier: Classifier,
  parse: (text: string, lines: LineIndex) => MarkdownModel = scanMarkdown,
  previous?: AnalyzedDocument,
): AnalyzedDocument | undefined {
  const config = classifier.config;
  const byPath = config.charter === path ? config.kinds.find((k) => k.holdsRoster) : (classifier.kindByPath(path) ?? classifier.indexKindByPath(path));
  if (!byPath && !/^---[ \t]*(\r?\n|\r)/.test(text)) return undefined;
  const prev = parse === scanMarkdown && previous && scanStateOf(previous.model) ? previous : undefined;
  const change = prev && changeBetween(prev.lines.text, text);
  const lines = !prev ? new LineIndex(text) : change ? lineIndexAfter(prev.lines, text, change) : prev.lines;
  if (!byPath) {
    // Only front matter can make this file a document: look at it before parsing the rest.
    const span = findFrontMatter(lines);
    if (!span) return undefined;
    const raw = text.slice(span.bodyStart, span.bodyEnd);
    const declared = /^type[ \t]*:[ \t]*["']?([\w -]+?)["']?[ \t]*$/m.exec(raw);
    if (!declared || !classifier.kindByType(declared[1])) return undefined;
  }
  const model = prev ? rescanMarkdown(prev, text, lines, change) : parse(text, lines);
  const fm = model.frontMatter;
  let kind: KindSpec | undefined = classifier.kindByType(fm?.data.type) ?? byPath;
  if (!kind && fm && fm.errors.length) {
    const declared = /^type[ \t]*:[ \t]*["']?([\w -]+?)["']?[ \t]*$/m.exec(text.slice(0, lines.offsetAt(fm.range.end)));
    kind = declared ? classifier.kindByType(declared[1]) : undefined;
  }
  if (!kind) return undefined;
  // A file found by its path alone may still be a template named like a record
  // ("0000-template.md" titled "Template ADR"): its title says so, and it is not a document.
  if (kind === byPath && !classifier.kindByType(fm?.data.type) && titledAsTemplate(model)) return undefined;
  // A record folder's README that only lists the pages beside it is the record's table of
  // contents, and those pages are the record (eclipse-edc's 2022-11-09-api-refactoring/).
  if (kind === byPath && classifier.isBundlePage(path) && listsOnlyPagesBeside(model)) return undefined;
  // An index page is one only when it lists records by link (or holds the index Charter writes).
  if (kind.indexesRecords && kind === byPath && !listsRecords(model, text)) return undefined;
  // Nor is a page left where a document was, saying only where it went.
  if (kind === byPath && !fm && movedNotice(model, text)) return undefined;
  return analyzeDocument(path, text, kind, config, model, lines);
}

/** No heading but its title, and every link a page in the same folder: a table of contents. */
function listsOnlyPagesBeside(model: MarkdownModel): boolean {
  if (model.headings.some((h) => h.depth > 1) || model.links.length === 0) return false;
  return model.links.every((l) => /^(?:\.\/)?[^/:#?]+\.(?:md|markdown)(?:#.*)?$/i.test(l.target.trim()));
}

/** A note that a document moved: "This document was moved to [x](x.md)", "Moved to …", "Has moved: …". */
const MOVED = /\b(?:(?:was|has been|has|is) (?:re)?moved|moved (?:to|permanently)|relocated to|now lives (?:at|in)|can now be found (?:at|in))\b/i;

/**
 * Whether a file is only a pointer to where its document went: no heading, a few lines at
 * most, saying it moved and linking to the new place.
 */
export function movedNotice(model: MarkdownModel, text: string): boolean {
  if (model.headings.length > 0) return false;
  const prose = text.replace(/<!--[\s\S]*?-->/g, '').trim();
  if (!prose || prose.length > 400 || prose.split(/\r\n|\r|\n/).filter((l) => l.trim()).length > 3) return false;
  return MOVED.test(prose) && /\]\([^)\s]+\)|<https?:\/\/|https?:\/\//.test(prose);
}

/** The word for a template in the languages Charter knows ("modèle" and "modelo" also mean "model", so they do not count). */
const TEMPLATE_WORD = '(?:template|vorlage|plantilla)';
/** A title that starts or ends with that word, after any record number: "0000 Template ADR", "ADR template", "Plantilla". */
const TEMPLATE_TITLE = new RegExp(`^(?:(?:adr|rfc|prd|sdd)?[\\s#:._-]*\\d*[\\s:._-]*)?(?:${TEMPLATE_WORD}\\b|.*\\b${TEMPLATE_WORD}$)`, 'i');

/** A record's title: a number that is not all zeros, then words ("TEP-0101: Env in Pod template"). */
const NUMBERED_TITLE = /^(?:[a-z]{1,5}[\s#:._-]*)?0*[1-9]\d*[\s:._-]+\p{L}/iu;

/** Whether the document's title (front matter `title:`, else its first level-1 heading) names it a template. */
export function titledAsTemplate(model: MarkdownModel): boolean {
  const fmTitle = model.frontMatter?.data.title;
  const h1 = model.headings.find((h) => h.depth === 1)?.text;
  const titles = [fmTitle, h1].filter((t): t is string => typeof t === 'string').map((t) => t.trim().replace(/[*_`]/g, ''));
  // A numbered title ("TEP-0101: Env in Pod template") is a record's, whatever its other title says.
  return !titles.some((t) => NUMBERED_TITLE.test(t)) && titles.some((t) => TEMPLATE_TITLE.test(t));
}

/**
 * The charter the workspace uses by default: the configured one, or the first charter by
 * path. Refreshes `index.rosters` (every team's charter) on the way.
 */
export function findRoster(index: IndexView): Roster | undefined {
  if (index.config.charter) {
    const forced = index.documents.get(index.config.charter)?.roster;
    index.rosters = forced ? [forced] : [];
    return forced;
  }
  const charters = [...index.documents.values()].filter((d) => d.roster).sort((a, b) => (a.path < b.path ? -1 : 1));
  index.rosters = charters.map((d) => d.roster!);
  return charters[0]?.roster;
}

/** Every team's charter (the index's `rosters`, or just `roster` for an index built by hand). */
export function allRosters(index: IndexView): Roster[] {
  return index.rosters ?? (index.roster ? [index.roster] : []);
}

/**
 * The charter that governs a document: the one in its own folder or the closest one above it
 * (as .editorconfig or CODEOWNERS scope). `charter:` in .charter.yaml forces one for all.
 * When no charter is above the document, a workspace with one charter uses it; with several
 * none governs (owners are then looked up in every charter: see `resolveInTeams`).
 */
export function rosterFor(index: IndexView, path: string): Roster | undefined {
  const rosters = allRosters(index);
  if (index.config.charter || rosters.length <= 1) return index.roster ?? rosters[0];
  let best: Roster | undefined;
  let depth = -1;
  for (const r of rosters) {
    const dir = r.path.includes('/') ? r.path.slice(0, r.path.lastIndexOf('/')) : '';
    if (dir && path !== dir && !path.startsWith(`${dir}/`)) continue;
    const d = dir ? dir.split('/').length : 0;
    if (d > depth) {
      best = r;
      depth = d;
    }
  }
  return best;
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
