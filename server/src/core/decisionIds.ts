/**
 * Decision records and the references to them: a record's number (from its file name), its
 * status and successor (from its status line), the ids a text cites (`ADR-0012`, `ADR 12`,
 * the ids a kind declares) and which record an id or a link names. Read once per document,
 * when it is analysed, and kept when the document is compact: the rules that read them
 * (`unknown-decision-reference`, `superseded-reference`, `missing-from-index`) are workspace
 * rules.
 */
import { posix } from 'node:path';
import type { AnalyzedDocument, CompactDocument } from './document';
import type { IndexView } from './workspace';
import type { KindSpec } from './kinds';
import type { Range } from './types';
import { statusKey, statusOf, type Status } from './status';
import { resolveLink } from './links';

/** An id cited in a document's text: its prefix as the kind declares it, its number, where. */
export interface Citation {
  prefix: string;
  number: number;
  /** As written ("ADR-0012"). */
  text: string;
  range: Range;
}

/** What a decision record says of its own life, read with the document. */
export interface RecordLife {
  /** The number its file name gives it (`0012-…`, `ADR-12…`). */
  number?: number;
  status?: Status;
  /** The status as written (its first line). */
  statusText?: string;
  /** Its successors, when superseded: link targets or ids as written on its status or "Superseded by" line. */
  successors?: string[];
}

/** A decision record as the index sees it. */
export interface DecisionRecord {
  doc: CompactDocument;
  path: string;
  number?: number;
  title: string;
  status?: Status;
  statusText?: string;
  date?: string;
  owner?: string;
  successors: string[];
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
 * The number a record's file name gives it: `0012-use-kafka.md`, `ADR-12.md`, `adr_0012_x.md`,
 * `RFC-0042-…` for a kind that declares RFC. Zero (a template's number) is no number.
 */
export function recordNumber(path: string): number | undefined {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const m = /^(?:[A-Za-z]{2,8}[-_ ]?)?0*(\d{1,5})(?=[-_. ]|$)/.exec(base);
  if (!m) return undefined;
  const n = Number(m[1]);
  return n > 0 ? n : undefined;
}

/** Whether a file name is shaped like a numbered record. */
export function isRecordFileName(path: string): boolean {
  return /\.(?:md|markdown)$/i.test(path) && recordNumber(path) !== undefined;
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
      for (let i = 0; i < body.length; ) {
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

/** The first line of a text, without markup. */
function firstLine(text: string): string {
  return text.split(/\r?\n/).map((l) => l.trim()).find(Boolean) ?? '';
}

/**
 * The status a status line says: the whole line ("In review"), else its first words
 * ("Superseded by [ADR-5](0005-x.md)", "Accepted on 2025-01-22", "**Accepted** - 2025-01-22").
 */
export function statusOfLine(line: string): Status | undefined {
  const plain = line.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/[*_`~>]/g, ' ').trim();
  const whole = statusOf(plain);
  if (whole) return whole;
  const words = statusKey(plain).split(' ').filter(Boolean);
  for (let n = Math.min(4, words.length); n >= 1; n--) {
    const s = statusOf(words.slice(0, n).join(' '));
    if (s) return s;
  }
  return undefined;
}

/** Link targets and ids written in a line ("Superseded by [ADR-5](0005-x.md)", "replaced by ADR-7"). */
function successorsIn(line: string, prefixes: readonly string[]): string[] {
  const out: string[] = [];
  for (const m of line.matchAll(/\]\(([^)\s]+)[^)]*\)/g)) out.push(m[1]);
  if (!out.length) for (const c of findCitations(line, prefixes.length ? prefixes : ['ADR'], false)) out.push(c.text);
  return out;
}

/** The names of a status heading or key, in the languages Charter reads. */
const STATUS_KEYS = new Set(['status', 'estado', 'statut', 'stand']);

/** The first line of content between two lines (comments and blank lines skipped). */
function firstContentLine(doc: AnalyzedDocument, from: number, to: number): string | undefined {
  for (let l = from; l < to && l < doc.lines.lineCount; l++) {
    const t = doc.lines.line(l).trim();
    if (t && !t.startsWith('<!--')) return t;
  }
  return undefined;
}

const SUCCESSOR_KEYS = new Set(['superseded by', 'replaced by', 'superseded', 'supersededby', 'superseded_by', 'superseded-by']);

/**
 * Reads a per-file record's life: its number, status and successors. The status comes from
 * its status field (front matter, a `Status:` line, a heading carrying it) or the first line
 * of its Status section.
 */
export function readRecordLife(doc: AnalyzedDocument, prefixes: readonly string[]): RecordLife | undefined {
  if (doc.kind.decisions !== 'per-file') return undefined;
  const life: RecordLife = {};
  const number = recordNumber(doc.path);
  if (number !== undefined) life.number = number;
  const d = doc.decisions[0];
  const st = d?.fields.status;
  let text: string | undefined;
  // Where teams write a record's status, most telling first: front matter, the Status
  // section's first line, a heading that carries it, then a status field line.
  const fm = doc.model.frontMatter?.data ?? {};
  const fmKey = Object.keys(fm).find((k) => STATUS_KEYS.has(statusKey(k)));
  const fmValue = fmKey !== undefined ? fm[fmKey] : undefined;
  if (typeof fmValue === 'string' || typeof fmValue === 'number') text = firstLine(String(fmValue));
  if (!text) {
    const heading = doc.model.headings.find((h) => STATUS_KEYS.has(statusKey(h.text)));
    if (heading) text = firstContentLine(doc, heading.bodyStartLine, heading.ownEndLine);
  }
  if (!text) {
    const carrying = doc.model.headings.find((h) => /^(?:status|estado|statut)\s*:/i.test(h.text.trim()));
    if (carrying) text = carrying.text.slice(carrying.text.indexOf(':') + 1).trim();
  }
  if (!text && st && !doc.model.headings.some((h) => h.range.start.line === st.range.start.line)) text = firstLine(st.value);
  if (text) {
    life.statusText = text.replace(/\s+/g, ' ').slice(0, 200);
    const s = statusOfLine(text);
    if (s) life.status = s;
    if (s === 'superseded') {
      const succ = successorsIn(text, prefixes);
      if (succ.length) life.successors = succ;
    }
  }
  // A "Superseded by:" field or front matter key names the successor too.
  if (!life.successors) {
    const fm = doc.model.frontMatter?.data ?? {};
    for (const [k, v] of Object.entries(fm)) {
      if (!SUCCESSOR_KEYS.has(k.toLowerCase()) || (typeof v !== 'string' && typeof v !== 'number')) continue;
      const succ = successorsIn(String(v), prefixes);
      if (succ.length) life.successors = succ;
      else if (String(v).trim()) life.successors = [String(v).trim()];
    }
    for (const f of doc.model.fields) {
      if (life.successors || !SUCCESSOR_KEYS.has(f.normKey)) continue;
      const succ = successorsIn(f.rawValue, prefixes);
      if (succ.length) life.successors = succ;
    }
    if (life.successors && !life.status) life.status = 'superseded';
  }
  return life;
}

/** Reads, when a document is analysed, the ids it cites and (for a record) its life. */
export function readDecisionLife(doc: AnalyzedDocument, kinds: readonly KindSpec[]): void {
  const prefixes = [...prefixesOf(kinds).keys()];
  const cites = findCitations(doc.lines.text, prefixes, true).filter((c) => !linksAway(doc, c));
  if (cites.length) doc.cites = cites;
  const life = readRecordLife(doc, idPrefixes(doc.kind).length ? idPrefixes(doc.kind) : prefixes);
  if (life && Object.keys(life).length) doc.life = life;
}

const EXTERNAL = /^(?:[a-z][a-z0-9+.-]*:|\/\/)/i;

/**
 * Whether a citation is the text of a link to another site (`[ADR 083](https://…)`, or
 * `[ADR 083][adr083]` defined as a URL): the record of another repository, not of this one.
 */
function linksAway(doc: AnalyzedDocument, c: Citation): boolean {
  const line = c.range.start.line;
  for (const l of doc.model.links) {
    if (l.range.start.line > line || l.range.end.line < line) continue;
    const inside = (l.range.start.line < line || l.range.start.character <= c.range.start.character) && (l.range.end.line > line || l.range.end.character >= c.range.end.character);
    if (inside && l.range.start.line === l.range.end.line && EXTERNAL.test(l.target.trim())) return true;
  }
  const text = doc.lines.line(line);
  const open = text.lastIndexOf('[', c.range.start.character);
  if (open < 0 || text.slice(open + 1, c.range.start.character).includes(']')) return false;
  const after = /^([^\]]*)\](?:\[([^\]]*)\])?(?!\()/.exec(text.slice(c.range.start.character));
  if (!after) return false;
  const label = (after[2] || text.slice(open + 1, c.range.start.character) + c.text + after[1]).trim().toLowerCase();
  const def = doc.model.links.find((l) => l.text.trim().toLowerCase() === label && l.range.start.character === 0);
  return def !== undefined && EXTERNAL.test(def.target.trim());
}

/** Every decision record of the workspace (per-file documents), sorted by path. */
export function recordsOf(index: IndexView): DecisionRecord[] {
  const out: DecisionRecord[] = [];
  for (const doc of index.documents.values()) {
    if (doc.kind.decisions !== 'per-file') continue;
    out.push(recordOf(doc));
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A per-file document as a record. */
export function recordOf(doc: CompactDocument): DecisionRecord {
  const d = doc.decisions[0];
  const owner = d?.owner && !d.owner.unowned ? d.owner.names.join(', ') : undefined;
  return {
    doc,
    path: doc.path,
    number: doc.life?.number,
    title: doc.title,
    status: doc.life?.status,
    statusText: doc.life?.statusText,
    date: d?.fields.date?.value,
    owner,
    successors: doc.life?.successors ?? [],
  };
}

/** How many folders two paths share: the nearer record wins when several have one number. */
function nearness(from: string, to: string): number {
  const a = from.split('/');
  const b = to.split('/');
  let i = 0;
  while (i < a.length - 1 && i < b.length - 1 && a[i] === b[i]) i++;
  return i;
}

/** The records an id names (its prefix's kinds, its number), nearest to `from` first. */
export function recordsById(index: IndexView, prefix: string, number: number, from: string): DecisionRecord[] {
  const kinds = new Set((prefixesOf(index.config.kinds).get(prefix) ?? []).map((k) => k.name));
  const out: DecisionRecord[] = [];
  for (const doc of index.documents.values()) {
    if (!kinds.has(doc.kind.name) || doc.life?.number !== number) continue;
    out.push(recordOf(doc));
  }
  return out.sort((a, b) => nearness(from, b.path) - nearness(from, a.path) || (a.path < b.path ? -1 : 1));
}

/** Whether the workspace holds any numbered record of a prefix's kinds (else its ids may name another repository's). */
export function hasRecords(index: IndexView, prefix: string): boolean {
  const kinds = new Set((prefixesOf(index.config.kinds).get(prefix) ?? []).map((k) => k.name));
  for (const doc of index.documents.values()) if (kinds.has(doc.kind.name) && doc.life?.number !== undefined) return true;
  return false;
}

/** The record a link written in `from` points to, if it is one. */
export function recordByLink(index: IndexView, from: string, target: string): DecisionRecord | undefined {
  const r = resolveLink(from, target);
  if (r.kind !== 'path') return undefined;
  const doc = index.documents.get(r.path);
  return doc && doc.kind.decisions === 'per-file' ? recordOf(doc) : undefined;
}

/** The record a successor (as a superseded record writes it: a link or an id) names. */
export function successorRecord(index: IndexView, rec: DecisionRecord): DecisionRecord | undefined {
  for (const s of rec.successors) {
    const byLink = recordByLink(index, rec.path, s);
    if (byLink) return byLink;
    // A URL to the successor in the same repository ("…/blob/main/docs/adr/0016-x.md"): by its file name, beside the record.
    if (/^https?:\/\//i.test(s)) {
      const base = s.replace(/[?#].*$/, '').split('/').pop() ?? '';
      const dir = rec.path.slice(0, rec.path.lastIndexOf('/') + 1);
      const doc = base && index.documents.get(dir + decodeURIComponentSafe(base));
      if (doc && doc.kind.decisions === 'per-file') return recordOf(doc);
    }
    const prefixes = [...prefixesOf(index.config.kinds).keys()];
    const c = findCitations(s, prefixes, false)[0];
    if (c) {
      const found = recordsById(index, c.prefix, c.number, rec.path)[0];
      if (found) return found;
    }
  }
  return undefined;
}

/** How a record is named in messages: its id when it has one ("ADR-0012"), else its title. */
export function recordName(rec: DecisionRecord): string {
  const prefix = idPrefixes(rec.doc.kind)[0];
  if (prefix && rec.number !== undefined) return `${prefix}-${String(rec.number).padStart(4, '0')} "${bareTitle(rec.title)}"`;
  return `"${rec.title}"`;
}

/** A record's title without the number it starts with ("12. Use Kafka", "ADR-0012: Use Kafka"). */
export function bareTitle(title: string): string {
  return title.replace(/^(?:[A-Za-z]{2,8}[-_ ]?)?#?\d+\s*[.:)\-–—]?\s+/, '').trim() || title;
}

/** A path relative to a document's folder, as a link in it would be written. */
export function relativeLink(from: string, to: string): string {
  const rel = posix.relative(posix.dirname(from), to);
  return rel.split('/').map((s) => encodeURI(s).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29'))).join('/');
}

/**
 * What a change to a document means to the documents that read records: the record's number,
 * title, status, successors, date and owner. Empty for a document that is no record.
 */
export function recordKey(doc: CompactDocument | undefined): string {
  // An index page that comes or goes changes which records the index above it must list.
  if (doc?.kind.indexesRecords) return 'index';
  if (!doc || doc.kind.decisions !== 'per-file') return '';
  const r = recordOf(doc);
  return JSON.stringify([doc.kind.name, r.number, r.title, r.status, r.successors, r.date, r.owner]);
}

/** Whether a document's findings depend on the workspace's records: an index, or a document citing ids or linking to records. */
export function readsRecords(doc: CompactDocument): boolean {
  if (doc.kind.indexesRecords || doc.cites?.length) return true;
  return doc.references.some((r) => r.role === 'link' && isRecordFileName(r.target.replace(/[?#].*$/, '')));
}

/** Whether a citation stands on a supersession line (`supersedes:`, "Replaces: ADR-3"): broken-link checks those, and citing a superseded record there is the point. */
export function onSupersessionLine(doc: CompactDocument, range: Range): boolean {
  return doc.references.some((r) => r.role === 'supersedes' && r.range.start.line <= range.start.line && range.start.line <= r.range.end.line);
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
