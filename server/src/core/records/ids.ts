/**
 * How decision records are named: a record's number (and series) from its file name or its
 * title, whether a file name is shaped like a record's, the ids a text cites (`ADR-0012`,
 * `ADR 12`, the ids a kind declares), and whether a page lists records (an index page).
 * Read with the document (records/read.ts) or from a bare path or text: this module knows
 * documents only by the parts it reads, by their shape.
 */
import type { KindSpec } from '../kinds';
import type { MarkdownModel, Range } from '../types';
import type { LineIndex } from '../text';

/** The parts of an analyzed document that its citations are read from. */
export interface ReadableDocument {
  path: string;
  lines: LineIndex;
  model: MarkdownModel;
}

/** An id cited in a document's text: its prefix as the kind declares it, its number, where. */
export interface Citation {
  prefix: string;
  number: number;
  /** As written ("ADR-0012"). */
  text: string;
  range: Range;
}

/** The id prefixes of a kind: those it declares, and ADR for the built-in ADR kind. */
export function idPrefixes(kind: KindSpec): string[] {
  return kind.ids ?? [];
}

/** Every id prefix the configured kinds declare, with the kinds that declare it. */
export function prefixesOf(kinds: readonly KindSpec[]): Map<string, KindSpec[]> {
  const out = new Map<string, KindSpec[]>();
  for (const k of kinds) {
    if (k.decisions !== 'per-file') continue;
    for (const p of idPrefixes(k)) out.set(p, [...(out.get(p) ?? []), k]);
  }
  return out;
}

/**
 * The number of a record from its file name (`0012-use-postgres.md`, `adr-012-….md`,
 * `ADR-12.md`), else from its title (`# 12. Use Postgres`, `# ADR-12: …`). A date is no
 * number, nor is zero (a template's).
 */
export function recordNumber(path: string, title?: string): number | undefined {
  return recordId(path, title)?.number;
}

/**
 * A record's number and its series: the letters its file name puts before the number
 * (`ODH-ADR-Operator-0007-….md` is number 7 of "odh-adr-operator"; `0007-….md` of ""). Two
 * series may share a folder and their numbers. A record kept as the page of its own folder
 * (`0007-x/README.md`) is numbered by its folder.
 */
export function recordId(path: string, title?: string): { number: number; series: string } | undefined {
  const parts = path.replace(/\/+$/, '').split('/');
  let base = parts[parts.length - 1] ?? '';
  if (/^(?:readme|index|_index)\.(?:md|markdown)$/i.test(base) && parts.length > 1) base = parts[parts.length - 2];
  const file = base.replace(/\.[a-z]+$/i, '');
  if (/^\d{4}[-_.]\d{2}[-_.]\d{2}/.test(file)) return undefined;
  const m = /^((?:[a-z]{1,10}[-_ ]?){0,3}?)0*(\d{1,6})(?=$|[-_. ])/i.exec(file);
  if (m) return Number(m[2]) > 0 ? { number: Number(m[2]), series: m[1].toLowerCase().replace(/[-_ ]+$/, '') } : undefined;
  if (title) {
    const t = /^\s*(?:(?:adr|rfc|tep|kep|dr|decision|record)[\s#:._-]*)?0*(\d{1,6})(?:[.:)\s]|\s*[-–—])/i.exec(title);
    if (t && Number(t[1]) > 0) return { number: Number(t[1]), series: '' };
  }
  return undefined;
}

/**
 * Whether a file name is shaped like a numbered record: a number of up to five digits, after
 * at most one prefix of two to eight letters (`0012-x.md`, `ADR-12.md`; not `v1-x.md`).
 */
export function isRecordFileName(path: string): boolean {
  if (!/\.(?:md|markdown)$/i.test(path) && !/\/$/.test(path)) return false;
  const id = recordId(path);
  return id !== undefined && /^(?:[a-z]{2,8})?$/.test(id.series) && id.number < 100_000;
}

const MAX_SCAN = 2 * 1024 * 1024;
const MAX_CITATIONS = 2000;

/**
 * The ids a text cites, by a bounded scan: one regular expression over each line, no markdown
 * parse. Lines inside fenced code and HTML comments are skipped when `markdown` is set (a
 * source file's ids are in its comments, and are all read). An id inside a path or a URL
 * (`/ADR-12.md`) is a file name, not a citation.
 */
export function findCitations(text: string, prefixes: readonly string[], markdown: boolean): Citation[] {
  if (!prefixes.length) return [];
  const alternatives = prefixes.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const re = new RegExp(`(?<![\\w/.#-])(${alternatives})(?:[-_ ]|-?#|: ?)?0*(\\d{1,5})(?![\\w]|[.,]\\d)`, 'g');
  const out: Citation[] = [];
  const scan = text.length > MAX_SCAN ? text.slice(0, MAX_SCAN) : text;
  let fence: string | undefined;
  let comment = false;
  let line = 0;
  for (let start = 0; start <= scan.length && out.length < MAX_CITATIONS; line++) {
    let end = scan.indexOf('\n', start);
    if (end < 0) end = scan.length;
    let body = scan.slice(start, end);
    if (body.endsWith('\r')) body = body.slice(0, -1);
    start = end + 1;
    if (markdown) {
      const f = /^ {0,3}(`{3,}|~{3,})/.exec(body);
      if (fence) {
        if (f && f[1][0] === fence[0] && f[1].length >= fence.length) fence = undefined;
        continue;
      }
      if (f) {
        fence = f[1];
        continue;
      }
      // HTML comments (templates' instructions) are blanked, keeping columns.
      let visible = '';
      for (let i = 0; i < body.length;) {
        if (comment) {
          const close = body.indexOf('-->', i);
          if (close < 0) {
            visible += ' '.repeat(body.length - i);
            i = body.length;
          } else {
            visible += ' '.repeat(close + 3 - i);
            i = close + 3;
            comment = false;
          }
        } else {
          const open = body.indexOf('<!--', i);
          if (open < 0) {
            visible += body.slice(i);
            i = body.length;
          } else {
            visible += body.slice(i, open);
            i = open;
            comment = true;
          }
        }
      }
      body = visible;
    }
    if (!prefixes.some((p) => body.includes(p))) {
      if (end >= scan.length) break;
      continue;
    }
    re.lastIndex = 0;
    for (let m = re.exec(body); m; m = re.exec(body)) {
      const n = Number(m[2]);
      if (!n) continue;
      // "Was previously ADR 0014": a record's former number, not a citation.
      if (/\b(?:previously|formerly|renumbered|old number|was)\s*(?:numbered\s*)?$/i.test(body.slice(Math.max(0, m.index - 30), m.index))) continue;
      out.push({ prefix: m[1], number: n, text: m[0], range: { start: { line, character: m.index }, end: { line, character: m.index + m[0].length } } });
      if (out.length >= MAX_CITATIONS) break;
    }
    if (end >= scan.length) break;
  }
  return out;
}

/** The ids a document cites (`ADR-0012`, the ids the configured kinds declare), but those that name another site's records. */
export function readCitations(doc: ReadableDocument, kinds: readonly KindSpec[]): Citation[] {
  const prefixes = [...prefixesOf(kinds).keys()];
  const found = findCitations(doc.lines.text, prefixes, true);
  const away = found.length ? awayLinks(doc) : undefined;
  return away ? found.filter((c) => !linksAway(doc, c, away)) : found;
}

/** How far from a citation its link's brackets are looked for. */
const LINK_TEXT_MAX = 300;

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/** A document's links to other sites, by line, and its link definitions to other sites, by label: read once per document. */
interface AwayLinks {
  byLine: Map<number, { start: number; end: number }[]>;
  definitions: Set<string>;
}

function awayLinks(doc: ReadableDocument): AwayLinks {
  const byLine = new Map<number, { start: number; end: number }[]>();
  const definitions = new Set<string>();
  for (const l of doc.model.links) {
    if (!EXTERNAL.test(l.target.trim()) || l.range.start.line !== l.range.end.line) continue;
    const list = byLine.get(l.range.start.line) ?? [];
    list.push({ start: l.range.start.character, end: l.range.end.character });
    byLine.set(l.range.start.line, list);
    if (l.range.start.character === 0) definitions.add(l.text.trim().toLowerCase());
  }
  return { byLine, definitions };
}

/**
 * Whether a citation is the text of a link to another site (`[ADR 083](https://…)`, or
 * `[ADR 083][adr083]` defined as a URL): the record of another repository, not of this one.
 */
function linksAway(doc: ReadableDocument, c: Citation, away: AwayLinks): boolean {
  const line = c.range.start.line;
  if ((away.byLine.get(line) ?? []).some((l) => l.start <= c.range.start.character && l.end >= c.range.end.character)) return true;
  if (!away.definitions.size) return false;
  const text = doc.lines.line(line);
  // A link's text is short: look a bounded way either side (a hostile line may hold thousands of ids).
  const from = Math.max(0, c.range.start.character - LINK_TEXT_MAX);
  const before = text.slice(from, c.range.start.character);
  const open = before.lastIndexOf('[');
  if (open < 0 || before.slice(open + 1).includes(']')) return false;
  const after = /^([^\]]*)\](?:\[([^\]]*)\])?(?!\()/.exec(text.slice(c.range.start.character, c.range.start.character + LINK_TEXT_MAX));
  if (!after) return false;
  const label = (after[2] || before.slice(open + 1) + c.text + after[1]).trim().toLowerCase();
  return away.definitions.has(label);
}

/** The markers `charter index` writes its index between. */
export const INDEX_START = '<!-- charter:index -->';
export const INDEX_END = '<!-- /charter:index -->';

/** Whether a page lists records by link (two record-shaped links or more), or holds Charter's index. */
export function listsRecords(model: MarkdownModel, text: string): boolean {
  if (text.includes(INDEX_START)) return true;
  const seen = new Set<string>();
  for (const l of model.links) {
    const t = l.target.trim().replace(/[?#].*$/, '');
    if (/^(?:[a-z][a-z0-9+.-]*:|\/\/)/i.test(t) || !isRecordFileName(t)) continue;
    seen.add(t);
    if (seen.size >= 2) return true;
  }
  return false;
}
