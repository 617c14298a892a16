/**
 * What a document says of itself as a decision record, and of other records, read once with
 * the document (core/document.ts) into {@link RecordFacts}, which a compact document keeps:
 * the record's number, each decision's status, date, what it supersedes and what supersedes
 * it, its review-by date, and the ids its text cites. The workspace side — the records, the
 * records an id or a pointer names, who claims to supersede whom — is records/workspace.ts,
 * built from these. (This module reads only the document's own parts, by their shape, so that
 * document.ts can call it.)
 */
import type { DecisionField, KindSpec } from '../kinds';
import type { Field, Heading, MarkdownModel, Range, Table } from '../types';
import type { LineIndex } from '../text';
import { statusKey } from '../status';
import { checkDate } from '../dates';
import { isPlaceholderValue, stripInline, termKey } from '../syntax';
import { headingCarriesValue } from '../outline';
import { readCitations, recordId, type Citation } from './ids';
import { readStatus, type StatusValue } from './statusValue';

/** What reading a document's record needs of it: its own parts, as document.ts has them. */
export interface LifeSource {
  path: string;
  title: string;
  kind: Pick<KindSpec, 'decisions'>;
  lines: LineIndex;
  model: MarkdownModel;
  sections: { heading: Heading }[];
  decisions: { shape: 'fields' | 'list' | 'table' | 'file'; fullRange: Range; fields: Partial<Record<DecisionField, { value: string; range: Range }>> }[];
}

/** A reference to another record: a link, an id ("ADR-5", "0005") or a title. */
export interface Pointer {
  target: string;
  range: Range;
  /** A markdown link (or a path): the target is a path relative to the document. */
  link?: boolean;
}

/** The life of one decision. */
export interface DecisionLife {
  status?: StatusValue;
  /** Records this one says it supersedes (replaces). */
  supersedes: Pointer[];
  /** Records this one says supersede it. */
  supersededBy: Pointer[];
  /** "Review by" / "Revisit by" / "Expires": the value, its ISO date when it is one, and where. */
  reviewBy?: { value: string; iso?: string; range: Range };
  /** The decision's date (YYYY-MM-DD or YYYY-MM), when it is a valid date. */
  date?: string;
}

/** What a document keeps of its decisions' life (kept when compact). */
export interface Lifecycle {
  /** The record's number (one decision per file): from its file name, else from its title. */
  number?: number;
  /** The letters before the number in its file name, lower case (`adr` of `ADR-12.md`): a folder may hold several series. */
  series?: string;
  /** One per decision, in the order of `doc.decisions`. */
  lives: DecisionLife[];
}

/** What a document says as a decision record, and of records (kept when it is compact). */
export interface RecordFacts {
  /** Its decisions' life: the record's number, each decision's status, supersession, review date. */
  lifecycle?: Lifecycle;
  /** The decision ids its text cites (`ADR-0012`). */
  cites?: Citation[];
}

/** Reads what a document says as a record and of records. `fieldOf` names the decision field a key stands for (in the document's languages). */
export function readRecord(doc: LifeSource, fieldOf: (key: string) => DecisionField | undefined, kinds: readonly KindSpec[]): RecordFacts {
  const out: RecordFacts = {};
  const lifecycle = readLifecycle(doc, fieldOf);
  if (lifecycle) out.lifecycle = lifecycle;
  const cites = readCitations(doc, kinds);
  if (cites.length) out.cites = cites;
  return out;
}

// ---- Reading -------------------------------------------------------------------------------

/** Field names, front matter keys and metadata-table keys that say when to review a decision (en, pt, es, fr, de). */
export const REVIEW_KEYS: readonly string[] = [
  'review by',
  'review date',
  'next review',
  'next review date',
  'revisit by',
  'revisit date',
  'revisit',
  'review on',
  'reassess by',
  'expires',
  'expiry',
  'expiry date',
  'expiration',
  'expiration date',
  'valid until',
  'sunset date',
  'revisar em',
  'revisao em',
  'data de revisao',
  'proxima revisao',
  'expira em',
  'validade',
  'valido ate',
  'revisar el',
  'revisar antes de',
  'fecha de revision',
  'proxima revision',
  'expira',
  'vence',
  'valido hasta',
  'a revoir le',
  'revoir le',
  'date de revision',
  'prochaine revision',
  'expire le',
  'expiration le',
  'valable jusqu au',
  'uberprufen bis',
  'uberprufung am',
  'nachste uberprufung',
  'wiedervorlage',
  'review bis',
  'gultig bis',
  'lauft ab',
  'ablaufdatum',
].map(plainKey);

const SUPERSEDES_KEYS = new Set(['supersedes', 'replaces', 'substitui', 'sustituye', 'reemplaza', 'remplace', 'ersetzt'].map(plainKey));
const SUPERSEDED_BY_KEYS = new Set(
  [
    'superseded by',
    'superceded by',
    'replaced by',
    'obsoleted by',
    'substituido por',
    'substituida por',
    'sustituido por',
    'reemplazado por',
    'remplace par',
    'remplacee par',
    'ersetzt durch',
    'abgelost durch',
  ].map(plainKey),
);
const REVIEW_KEY_SET = new Set(REVIEW_KEYS);

/** A key as compared here: camelCase split, lower case, accents and punctuation dropped. */
export function plainKey(key: string): string {
  return statusKey(key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/[_-]+/g, ' '));
}

/** A line starting with "Superseded by" / "Supersedes" (a Nygard status line), and which way it points. */
const SUPERSEDE_LINE_RE =
  /^(?:(superseded|superceded|replaced|obsoleted|substitu[ií]d[oa]|sustituid[oa]|reemplazad[oa]|remplac[ée]e?|ersetzt)\s+(?:by|por|par|durch)|(supersedes|replaces|substitui|sustituye|reemplaza|remplace|ersetzt))\b[\s:]*/iu;

/** Reads the lifecycle of a document's decisions. */
function readLifecycle(doc: LifeSource, fieldOf: (key: string) => DecisionField | undefined): Lifecycle | undefined {
  if (!doc.decisions.length) return undefined;
  const md = doc.model;
  // The field lines by line, once per document: each entry reads only those within it (a log
  // of 100,000 entries would otherwise read every field line for each entry).
  const byLine = [...md.fields].sort((a, b) => a.line - b.line);
  const lives = doc.decisions.map((d) => (d.shape === 'file' ? fileLife(doc, md, d, fieldOf) : entryLife(doc, d, byLine)));
  const id = doc.kind.decisions === 'per-file' ? recordId(doc.path, doc.title) : undefined;
  return { ...(id ? { number: id.number, series: id.series } : {}), lives };
}

function isoOf(value: string | undefined): string | undefined {
  if (!value) return undefined;
  const r = checkDate(value);
  return r.ok ? r.iso : undefined;
}

/** A log entry's or a table row's status, review date and date, from its own fields. */
function entryLife(doc: LifeSource, d: LifeSource['decisions'][number], byLine: readonly Field[]): DecisionLife {
  const life: DecisionLife = { supersedes: [], supersededBy: [], date: isoOf(d.fields.date?.value) };
  const st = d.fields.status;
  if (st && st.range.start.line === st.range.end.line) {
    const line = doc.lines.line(st.range.start.line);
    life.status = readStatus(line.slice(st.range.start.character, st.range.end.character), st.range.start.line, st.range.start.character, d.shape === 'table' ? 'cell' : 'field');
  }
  if (d.shape !== 'table') {
    // The first field line at or after the entry's start, by binary search.
    let lo = 0;
    let hi = byLine.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (byLine[mid].line < d.fullRange.start.line) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < byLine.length && byLine[i].line <= d.fullRange.end.line; i++) {
      const f = byLine[i];
      const k = plainKey(f.key);
      if (REVIEW_KEY_SET.has(k) && !life.reviewBy && f.value) life.reviewBy = { value: f.value, iso: isoOf(f.value), range: f.valueRange };
    }
  }
  return life;
}

/** An ADR's life: front matter, field lines, its Status section, a metadata table. */
function fileLife(doc: LifeSource, md: MarkdownModel, d: LifeSource['decisions'][number], fieldOf: (key: string) => DecisionField | undefined): DecisionLife {
  const life: DecisionLife = { supersedes: [], supersededBy: [], date: isoOf(d.fields.date?.value) };
  const fm = md.frontMatter;
  const seen = new Set<string>();
  const add = (list: Pointer[], p: Pointer) => {
    const key = `${p.range.start.line}:${p.range.start.character}:${p.target}`;
    if (seen.has(key) || isPlaceholderValue(p.target) || /^(?:n\/?a|none|-+|—|no|nothing|this (?:adr|record|decision))$/i.test(p.target.trim())) return;
    seen.add(key);
    list.push(p);
  };
  /** Pointers in a piece of one line: its links, else its ids or titles separated by commas. */
  const pointersIn = (list: Pointer[], line: number, from: number, to: number) => {
    const links = md.links.filter((l) => l.range.start.line === line && l.range.start.character >= from && l.range.start.character < to);
    if (links.length) {
      for (const l of links) {
        if (!/^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i.test(l.target)) add(list, { target: l.target, range: l.range, link: true });
        else if (/^https?:/i.test(l.target)) {
          // A record linked by its URL (…/blob/main/docs/adr/0016-x.md) is named by its file name, in this folder; else by the link's text ("ADR 16").
          const file = /\/([^/?#]+\.(?:md|markdown))(?:[?#].*)?$/i.exec(l.target)?.[1];
          add(list, file ? { target: file, range: l.range, link: true } : { target: l.text, range: l.range });
        }
      }
      return;
    }
    const text = doc.lines.line(line).slice(from, to);
    let at = 0;
    for (const part of text.split(',')) {
      const lead = part.length - part.trimStart().length;
      const t = stripInline(part.trim())
        .replace(/^\|+|\|+$/g, '')
        .replace(/[.;]$/, '')
        .trim();
      if (t)
        add(list, {
          target: t,
          range: { start: { line, character: from + at + lead }, end: { line, character: from + at + lead + part.trim().length } },
          ...(looksLikePath(t) ? { link: true } : {}),
        });
      at += part.length + 1;
    }
  };

  // Front matter.
  if (fm) {
    for (const [key, pos] of fm.keys) {
      const k = plainKey(key);
      const which = SUPERSEDES_KEYS.has(k) ? life.supersedes : SUPERSEDED_BY_KEYS.has(k) ? life.supersededBy : undefined;
      const value = fm.data[key];
      if (which) {
        const items = Array.isArray(value) ? value : [value];
        items.forEach((v, i) => {
          if (typeof v === 'number') v = String(v);
          if (typeof v !== 'string' || !v.trim()) return;
          const link = /\]\(([^)\s]+)[^)]*\)/.exec(v);
          add(which, { target: link ? link[1] : v.trim(), range: pos.items?.[i] ?? pos.valueRange, ...(link || looksLikePath(v) ? { link: true } : {}) });
        });
      } else if (REVIEW_KEY_SET.has(k) && !life.reviewBy && (typeof value === 'string' || value instanceof Date)) {
        const v = value instanceof Date ? value.toISOString().slice(0, 10) : value;
        life.reviewBy = { value: v, iso: isoOf(v), range: pos.valueRange };
      }
    }
  }
  const inTable = (line: number) => md.tables.some((t) => line >= t.range.start.line && line <= t.range.end.line);
  const isStatus = (key: string) => fieldOf(termKey(key)) === 'status';
  // The record's own status is written before its body: in front matter, a metadata table or
  // field line above its first section, or a Status section. ("Status: Tech Preview" under a
  // feature's heading is that feature's.)
  const statusHeading = md.headings.find((h) => isStatus(h.text) || (headingCarriesValue(h) && isStatus(h.text.slice(0, h.text.indexOf(':')))));
  const bodyLine = Math.min(...doc.sections.map((x) => x.heading.range.start.line), md.lineCount);
  const inStatusSection = (line: number) => statusHeading !== undefined && line >= statusHeading.bodyStartLine && line < statusHeading.ownEndLine;
  type Candidate = { line: number; read: () => void };
  const candidates: Candidate[] = [];
  // Field lines anywhere in the record.
  for (const f of md.fields) {
    if (inTable(f.line)) continue;
    const k = plainKey(f.key);
    if (SUPERSEDES_KEYS.has(k)) pointersIn(life.supersedes, f.line, f.valueRange.start.character, f.valueRange.end.character);
    else if (SUPERSEDED_BY_KEYS.has(k)) pointersIn(life.supersededBy, f.line, f.valueRange.start.character, f.valueRange.end.character);
    else if (REVIEW_KEY_SET.has(k) && !life.reviewBy && f.value) life.reviewBy = { value: f.value, iso: isoOf(f.value), range: f.valueRange };
    else if (isStatus(f.key) && f.value && (f.line < bodyLine || inStatusSection(f.line)) && !md.headings.some((h) => h.range.start.line === f.line)) {
      candidates.push({ line: f.line, read: () => statusValue(f.line, f.valueRange.start.character, f.valueRange.end.character, 'field') });
    }
  }
  // A metadata table: `| Status | Approved |`, `| Superseded by | N/A |` (its header row is a row too).
  for (const t of md.tables)
    for (const [key, value] of keyValueRows(t)) {
      const k = plainKey(key.text);
      const line = value.range.start.line;
      if (SUPERSEDES_KEYS.has(k)) pointersIn(life.supersedes, line, value.range.start.character, value.range.end.character);
      else if (SUPERSEDED_BY_KEYS.has(k)) pointersIn(life.supersededBy, line, value.range.start.character, value.range.end.character);
      else if (REVIEW_KEY_SET.has(k) && !life.reviewBy && value.text) life.reviewBy = { value: value.text, iso: isoOf(value.text), range: cellRange(doc, value.range) };
      else if (isStatus(key.text) && value.text && (line < bodyLine || inStatusSection(line))) {
        const r = cellRange(doc, value.range);
        candidates.push({ line, read: () => statusValue(line, r.start.character, r.end.character, 'cell') });
      }
    }
  // Front matter.
  if (fm) {
    for (const [key, pos] of fm.keys) {
      if (!isStatus(key) || pos.valueRange.start.line !== pos.valueRange.end.line) continue;
      candidates.push({
        line: pos.valueRange.start.line,
        read: () => statusValue(pos.valueRange.start.line, pos.valueRange.start.character, pos.valueRange.end.character, 'front matter'),
      });
      break;
    }
  }
  if (statusHeading) {
    const h = statusHeading;
    candidates.push({
      line: h.range.start.line,
      read: () => {
        if (headingCarriesValue(h)) {
          const text = doc.lines.line(h.range.start.line);
          statusValue(h.range.start.line, text.indexOf(':') + 1, text.replace(/\s*#*\s*$/, '').length, 'field');
        } else readStatusSection(doc, md, h, life, pointersIn);
      },
    });
  }

  /** Reads the status written at a place of a line; "Superseded by X" there also says what supersedes it. */
  function statusValue(line: number, from: number, to: number, place: StatusValue['place']): void {
    const text = doc.lines.line(line);
    const raw = text.slice(from, to);
    const lead = raw.length - raw.trimStart().length;
    let value = raw.trim();
    let shift = 0;
    if (place === 'front matter' && /^["']/.test(value)) {
      value = value.slice(1).replace(/["']\s*$/, '');
      shift = 1;
    }
    life.status = readStatus(value, line, from + lead + shift, place);
    if (life.status?.status !== 'superseded') return;
    const after = life.status.range.end.character;
    if (place !== 'front matter') {
      pointersAfter(doc, life, line, after, pointersIn);
      return;
    }
    const m = /\]\(([^)\s]+)[^)]*\)/.exec(value);
    const id = /^\s*(?:by|por|par|durch)?\s*:?\s*(.+)$/i.exec(value.slice(life.status.text.length))?.[1]?.trim();
    if (m) add(life.supersededBy, { target: m[1], range: life.status.range, link: true });
    else if (id) add(life.supersededBy, { target: id, range: life.status.range, ...(looksLikePath(id) ? { link: true } : {}) });
  }

  // "Supersedes [ADR-1](…)" / "Superseded by …" starting a line anywhere in the record (a Decision section's last line).
  for (const b of md.blocks) {
    if (b.kind !== 'content') continue;
    for (let n = b.startLine; n <= b.endLine; n++) {
      const text = doc.lines.line(n);
      const lead = /^\s*(?:>\s*)*(?:[-*+]\s+)?[^\p{L}\p{N}[]*/u.exec(text)![0].length;
      const sup = SUPERSEDE_LINE_RE.exec(text.slice(lead));
      if (sup && !md.fields.some((f) => f.line === n)) pointersIn(sup[1] ? life.supersededBy : life.supersedes, n, lead + sup[0].length, text.length);
    }
  }
  candidates.sort((a, b) => a.line - b.line);
  for (const c of candidates) {
    c.read();
    if (life.status) break;
  }
  return life;
}

/** A Nygard `## Status` section: its first line is the status; "Supersedes …" / "Superseded by …" lines point at records. */
function readStatusSection(
  doc: LifeSource,
  md: MarkdownModel,
  h: Heading,
  life: DecisionLife,
  pointersIn: (list: Pointer[], line: number, from: number, to: number) => void,
): void {
  let first = true;
  for (const b of md.blocks) {
    if (b.startLine < h.bodyStartLine || b.startLine >= h.ownEndLine || b.kind !== 'content') continue;
    for (let n = b.startLine; n <= b.endLine && n < h.ownEndLine; n++) {
      const text = doc.lines.line(n);
      const lead = /^\s*(?:>\s*)*(?:[-*+]\s+|\d{1,3}[.)]\s+)?/.exec(text)![0].length;
      const body = text.slice(lead);
      if (!body.trim()) continue;
      if (md.fields.some((f) => f.line === n)) {
        // "Accepted. Tracking issue: #2803", "Accepted: tracking issue …": the line reads as a
        // field, but its first words are the status (a known one: a field's name is no status).
        if (first) {
          const s = readStatus(body, n, lead, 'section');
          if (s?.status) life.status = s;
        }
        first = false;
        continue;
      }
      const plain = body.replace(/^[^\p{L}\p{N}]+/u, '');
      const skip = body.length - plain.length;
      const sup = SUPERSEDE_LINE_RE.exec(plain);
      if (sup) {
        pointersIn(sup[1] ? life.supersededBy : life.supersedes, n, lead + skip + sup[0].length, text.length);
        if (first && sup[1]) life.status = readStatus(body, n, lead, 'section');
        first = false;
        continue;
      }
      if (first) {
        life.status = readStatus(body, n, lead, 'section');
        if (life.status?.status === 'superseded') pointersAfter(doc, life, n, life.status.range.end.character, pointersIn);
      }
      first = false;
    }
  }
}

/** After "Superseded" on a status line: its links ("⌛️ Superseded [0019](0019-….md)"), or an id ("Superseded by ADR-16"). */
function pointersAfter(doc: LifeSource, life: DecisionLife, line: number, after: number, pointersIn: (list: Pointer[], line: number, from: number, to: number) => void): void {
  const text = doc.lines.line(line);
  const rest = text.slice(after);
  if (doc.model.links.some((l) => l.range.start.line === line && l.range.start.character >= after)) {
    pointersIn(life.supersededBy, line, after, text.length);
    return;
  }
  const id = /^\s*(?:by|por|par|durch)?\s*:?\s*((?:adr|rfc|tep|dr)?[\s#-]*\d{1,6})\b/i.exec(rest);
  if (id) {
    const at = after + rest.indexOf(id[1]);
    life.supersededBy.push({ target: id[1].trim(), range: { start: { line, character: at }, end: { line, character: at + id[1].length } } });
  }
}

/** The rows of a two-column table read as key and value (the header row included). */
function* keyValueRows(t: Table): Generator<[Table['header'][number], Table['header'][number]]> {
  if (t.header.length !== 2) return;
  for (const row of [t.header, ...t.rows]) if (row.length >= 2 && row[0].text) yield [row[0], row[1]];
}

function cellRange(doc: LifeSource, r: Range): Range {
  const line = doc.lines.line(r.start.line);
  const slice = line.slice(r.start.character, r.end.character);
  const inner = slice.replace(/^\|/, '').replace(/\|$/, '');
  const lead = slice.indexOf(inner) + (inner.length - inner.trimStart().length);
  const start = r.start.character + lead;
  return { start: { line: r.start.line, character: start }, end: { line: r.start.line, character: start + inner.trim().length } };
}

function looksLikePath(t: string): boolean {
  return /[/\\]|\.(?:md|markdown)(?:#|$)/i.test(t);
}
