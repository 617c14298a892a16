/**
 * One recognised document, understood: its kind, title, sections, decisions, owner, links
 * and (for a charter) its roster. Everything here is a function of the text and the config.
 */
import type { Area, Heading, MarkdownModel, Range, Field } from './types';
import type { KindSpec, SectionSpec, DecisionField } from './kinds';
import { decisionFieldOf, ownerFieldSet } from './kinds';
import type { KindField } from './kinds';
import type { Config } from './config';
import { LineIndex, lineStart } from './text';
import { parseMarkdown } from './markdown';
import { normalizeHeading as normalizeHeadingText, normalizeKey, stripInline, parseFieldLine, isPlaceholderText } from './syntax';
import { parseOwnerText, parseOwnerYaml, type OwnerValue } from './owners';
import { readRoster, type Roster } from './roster';
import { readSilence, type Silence } from './silence';
import { valueText } from './frontMatter';
import { findDate } from './dates';

/** A required or recommended section as found in a document. */
export interface FoundSection {
  spec: SectionSpec;
  heading: Heading;
  /** Holds nothing but placeholders. */
  empty: boolean;
  /** An owner named directly under the heading, which overrides the document's owner. */
  owner?: OwnerValue;
}

/** A decision field's value and where it is. */
export interface FieldValue {
  value: string;
  range: Range;
}

/** One decision: a log entry, a table row or a whole ADR. */
export interface Decision {
  title: string;
  shape: 'fields' | 'list' | 'table' | 'file';
  /** The entry's heading, its table row, or the ADR's title. */
  range: Range;
  /** Everything that belongs to the entry. */
  fullRange: Range;
  /** The owner value; undefined when there is no owner field at all. */
  owner?: OwnerValue;
  /** The owner field's name as written, when there is one. */
  ownerKey?: string;
  /** For a table row too short to hold the owner column: the cells missing before it. */
  missingCells?: number;
  fields: Partial<Record<DecisionField, FieldValue>>;
  area?: Area;
  /** The line after which missing field lines would be inserted (for table rows: none). */
  insertAfterLine?: number;
  /** How the entry writes its fields, to match when adding one. */
  fieldStyle?: { listItem: boolean; bold: boolean };
}

/** A reference to another document or decision that must resolve. */
export interface Reference {
  target: string;
  range: Range;
  /** What the reference is, for the message: `prd`, `supersedes` or `link`. */
  role: 'prd' | 'supersedes' | 'link';
  /** Written as plain text (front matter, a field value), not as a markdown link: it may be relative to the workspace root. */
  plain?: boolean;
}

/** A recognised document and everything the rules read from it. */
export interface AnalyzedDocument {
  path: string;
  kind: KindSpec;
  lines: LineIndex;
  model: MarkdownModel;
  title: string;
  titleRange: Range;
  sections: FoundSection[];
  missingSections: SectionSpec[];
  decisions: Decision[];
  /** The document's own owner (front matter `owner:` or an owner line before the first section). */
  owner?: OwnerValue;
  references: Reference[];
  roster?: Roster;
  silence: Silence;
}

/**
 * Each heading's text normalised, once per document: section names are compared against
 * every heading. (Not a cache across documents: a heading's text is a slice of its file's
 * text, and keeping it would keep the whole file in memory.)
 */
const normalizedOf = new WeakMap<Heading, string>();
function normalizeHeading(h: Heading | string): string {
  if (typeof h === 'string') return normalizeHeadingText(h);
  let n = normalizedOf.get(h);
  if (n === undefined) {
    n = normalizeHeadingText(h.text);
    normalizedOf.set(h, n);
  }
  return n;
}

/** Reads a recognised document of a given kind. */
export function analyzeDocument(path: string, text: string, kind: KindSpec, config: Config, model?: MarkdownModel, lines?: LineIndex): AnalyzedDocument {
  const li = lines ?? new LineIndex(text);
  const md = model ?? parseMarkdown(text, li);
  const ownerKeys = ownerKeysOf(kind, config);
  const fm = md.frontMatter?.data ?? {};
  const title = documentTitle(md, path, li);
  const doc: AnalyzedDocument = {
    path,
    kind,
    lines: li,
    model: md,
    title: title.text,
    titleRange: title.range,
    sections: [],
    missingSections: [],
    decisions: [],
    references: [],
    silence: readSilence(md.comments),
  };

  // Sections.
  for (const spec of kind.sections) {
    const names = new Set([spec.name, ...spec.aliases].map(normalizeHeading));
    // A heading that carries its value counts by its key: "## Decision: Option 3".
    const heading = md.headings.find((h) => names.has(normalizeHeading(h)) || names.has(headingKey(h) ?? ''));
    if (!heading) {
      if (spec.required) doc.missingSections.push(spec);
      continue;
    }
    const ownField = fieldsIn(md.fields, heading.bodyStartLine, heading.ownEndLine).find((f) => ownerKeys.has(f.normKey));
    doc.sections.push({
      spec,
      heading,
      empty: isEmptySection(md, heading),
      owner: ownField ? parseOwnerText(ownField.rawValue, ownField.valueRange) : undefined,
    });
  }

  // The document's owner.
  // An ADR's owner is its decision's owner, not a document owner besides it.
  const fmOwnerKey = kind.decisions === 'per-file' ? undefined : Object.keys(fm).find((k) => ownerKeys.has(normalizeKey(k)));
  if (fmOwnerKey !== undefined) {
    const pos = md.frontMatter?.keys.get(fmOwnerKey);
    doc.owner = parseOwnerYaml(fm[fmOwnerKey], pos?.valueRange ?? lineStart(0), pos?.items, pos);
  } else if (kind.decisions !== 'per-file') {
    const firstSection = md.headings.find((h) => h.depth >= 2)?.range.start.line ?? md.lineCount;
    const f = md.fields.find((x) => x.line < firstSection && ownerKeys.has(x.normKey));
    if (f) doc.owner = parseOwnerText(f.rawValue, f.valueRange);
  }

  // Decisions.
  if (kind.decisions === 'entries') doc.decisions = entryDecisions(doc, ownerKeys);
  else if (kind.decisions === 'per-file') doc.decisions = [fileDecision(doc, ownerKeys)];

  // References: the PRD an SDD implements, superseded decisions, local links.
  collectReferences(doc);

  if (kind.name === 'charter') doc.roster = readRoster(doc);
  return doc;
}

function documentTitle(md: MarkdownModel, path: string, lines: LineIndex): { text: string; range: Range } {
  const fmTitle = md.frontMatter?.data.title;
  // The title is the first heading when it is a level-1 heading, or when the document has
  // none (a "## Title" style); an H1 further down ("# Unresolved questions") is a section.
  const first = md.headings[0];
  const h1 = first && (first.depth === 1 || !md.headings.some((h) => h.depth === 1)) ? first : undefined;
  if (h1) return { text: typeof fmTitle === 'string' && fmTitle.trim() ? fmTitle.trim() : h1.text, range: h1.range };
  const titleKey = md.frontMatter?.keys.get('title');
  const file = path.split('/').pop() ?? path;
  if (typeof fmTitle === 'string' && titleKey) return { text: fmTitle, range: titleKey.valueRange };
  const firstLine = md.frontMatter ? md.frontMatter.range.end.line + 1 : 0;
  const line = Math.min(firstLine, lines.lineCount - 1);
  return { text: file.replace(/\.md$/i, ''), range: lines.trimmedLineRange(line) };
}

/**
 * Whether a section holds nothing but placeholders, subsections included. A heading that
 * carries its value (`## Status: accepted`, `### Related proposals: n/a`) is content.
 */
export function isEmptySection(md: MarkdownModel, h: Heading): boolean {
  if (firstContentBlock(md, h.bodyStartLine, h.sectionEndLine) !== undefined || headingCarriesValue(h)) return false;
  for (let i = lowerBound(md.headings, h.bodyStartLine, (x) => x.range.start.line); i < md.headings.length && md.headings[i].range.start.line < h.sectionEndLine; i++) {
    if (headingCarriesValue(md.headings[i])) return false;
  }
  return true;
}

/** The key of a heading written as a field (`## Decision: Option 3` → "decision"), normalised; undefined for other headings. */
function headingKey(h: Heading): string | undefined {
  if (!h.text.includes(':')) return undefined;
  const f = parseFieldLine(h.text, h.range.start.line);
  return f ? normalizeHeading(f.key) : undefined;
}

/**
 * A field line with nothing after its colon (`Decision:`) answered by the text right
 * below it (the next line, or the paragraph after a blank line): that text's first line
 * is the value.
 */
function valuesBelow(doc: AnalyzedDocument, d: Decision): void {
  const md = doc.model;
  for (const name of Object.keys(d.fields) as DecisionField[]) {
    const v = d.fields[name];
    if (!v || v.value !== '' || v.range.start.line !== v.range.end.line) continue;
    const line = v.range.start.line;
    // The field's own paragraph goes on (no blank line), or the next block starts after one blank line.
    const i = lowerBound(md.blocks, line + 1, (b) => b.startLine);
    const own = md.blocks[i - 1];
    const next = own && own.startLine <= line && own.endLine > line ? line + 1 : md.blocks[i]?.kind === 'content' && md.blocks[i].startLine <= line + 2 ? md.blocks[i].startLine : undefined;
    if (next === undefined || next >= md.lineCount) continue;
    // Not when a heading or another field comes first.
    const h = md.headings[lowerBound(md.headings, line + 1, (x) => x.range.start.line)];
    if ((h && h.range.start.line <= next) || fieldsIn(md.fields, next, next + 1).length) continue;
    const text = stripInline(doc.lines.line(next).replace(/^\s*(?:>\s*)*(?:[-*+]|\d{1,9}[.)])?\s*/, ''));
    if (text && !isPlaceholderText(text)) d.fields[name] = { value: text, range: doc.lines.trimmedLineRange(next) };
  }
}

/**
 * The date a per-file decision's status is written with, when it has no date of its own:
 * `## Status` then `**Accepted** - 2025-01-22`, or `Status: Accepted on 2025-01-22`. A date
 * that says it is an update ("Implemented (updated 2025-09-26)") does not date the decision.
 */
function statusDate(doc: AnalyzedDocument, d: Decision): FieldValue | undefined {
  const md = doc.model;
  const places: { line: number; from: number }[] = [];
  // The Status section's first line, then the status field's value.
  for (const h of md.headings) {
    if (fieldOf(doc.kind, normalizeHeading(h)) !== 'status') continue;
    const b = firstContentBlock(md, h.bodyStartLine, h.ownEndLine);
    if (b !== undefined) places.push({ line: b, from: 0 });
    break;
  }
  const st = d.fields.status;
  if (st && st.range.start.line === st.range.end.line) places.push({ line: st.range.start.line, from: st.range.start.character });
  for (const { line, from } of places) {
    const text = doc.lines.line(line).slice(from);
    const found = findDate(text);
    if (!found || /\b(?:updated|revised|amended|modified|reviewed|edited|last)\b[^\d]*$/i.test(text.slice(0, found.index))) continue;
    const start = from + found.index;
    return { value: found.text, range: { start: { line, character: start }, end: { line, character: start + found.text.length } } };
  }
  return undefined;
}

/** Whether a heading is a `Key: value` line with a value: `## Status: accepted`. */
export function headingCarriesValue(h: Heading): boolean {
  if (!h.text.includes(':')) return false;
  const f = parseFieldLine(h.text, h.range.start.line);
  return f !== undefined && f.value !== '' && !isPlaceholderText(f.value);
}

/** Index of the first item at or after a line, in items sorted by line (binary search: logs hold thousands). */
function lowerBound<T>(items: readonly T[], line: number, lineOf: (t: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (lineOf(items[mid]) < line) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function firstContentBlock(md: MarkdownModel, from: number, to: number): number | undefined {
  for (let i = lowerBound(md.blocks, from, (b) => b.startLine); i < md.blocks.length && md.blocks[i].startLine < to; i++) {
    if (md.blocks[i].kind === 'content') return md.blocks[i].startLine;
  }
  return undefined;
}

function fieldsIn(fields: Field[], from: number, to: number): Field[] {
  const out: Field[] = [];
  for (let i = lowerBound(fields, from, (f) => f.line); i < fields.length && fields[i].line < to; i++) out.push(fields[i]);
  return out;
}

/** The owner field names of a kind, normalised: its own list (or the global one), and the names its `fields.owner` adds. */
export function ownerKeysOf(kind: KindSpec, config: Config): Set<string> {
  const names = kind.ownerFields ?? config.ownerFields;
  return ownerFieldSet(kind.fields?.owner ? [...names, ...kind.fields.owner] : names);
}

/** Each kind's own field names (`fields: { date: [Last updated] }`), normalised, once per kind. */
const kindFieldNames = new WeakMap<KindSpec, Map<string, DecisionField>>();

/** The decision field a (normalised) field name or heading stands for in a kind: the kind's own names first, then the built-in ones. */
function fieldOf(kind: KindSpec, normKey: string): DecisionField | undefined {
  if (!kind.fields) return decisionFieldOf(normKey);
  let names = kindFieldNames.get(kind);
  if (!names) {
    names = new Map();
    for (const [field, list] of Object.entries(kind.fields) as [KindField, string[]][]) {
      if (field === 'owner') continue;
      for (const n of list) {
        names.set(normalizeKey(n), field);
        names.set(normalizeHeading(n), field);
      }
    }
    kindFieldNames.set(kind, names);
  }
  return names.get(normKey) ?? (normKey.endsWith('s') ? names.get(normKey.slice(0, -1)) : undefined) ?? decisionFieldOf(normKey);
}

/** A heading such as "Context" or "Decision makers" is a part of the entry above it. */
function partOf(h: Heading, ownerKeys: Set<string>, kind: KindSpec): DecisionField | 'owner' | undefined {
  const k = normalizeHeading(h);
  if (ownerKeys.has(k)) return 'owner';
  return fieldOf(kind, k);
}

function entryDecisions(doc: AnalyzedDocument, ownerKeys: Set<string>): Decision[] {
  const md = doc.model;
  const out: Decision[] = [];
  const headings = md.headings;
  // The entry each heading belongs to: itself, or for a part heading the entry above it.
  const stack: { heading: Heading; entry?: Decision }[] = [];
  const candidates: { heading: Heading; decision: Decision; hasFields: boolean }[] = [];
  const candidateOf = new Map<Decision, (typeof candidates)[number]>();
  for (const h of headings) {
    while (stack.length && stack[stack.length - 1].heading.depth >= h.depth) stack.pop();
    const part = partOf(h, ownerKeys, doc.kind);
    const parent = [...stack].reverse().find((s) => s.entry)?.entry;
    if (part && parent) {
      candidateOf.get(parent)!.hasFields = true;
      const empty = isEmptySection(md, h);
      if (part === 'owner') {
        const f = fieldsIn(md.fields, h.bodyStartLine, h.ownEndLine)[0];
        if (!parent.owner) {
          const bodyLine = firstContentLine(doc, h);
          parent.owner = empty || bodyLine === undefined
            ? parseOwnerText('', { start: h.range.end, end: h.range.end })
            : f ? parseOwnerText(f.rawValue, f.valueRange) : parseOwnerText(doc.lines.line(bodyLine), doc.lines.trimmedLineRange(bodyLine));
          parent.ownerKey = h.text;
        }
      } else if (!empty && !parent.fields[part]) {
        parent.fields[part] = { value: h.text, range: h.range };
      }
      addFields(parent, fieldsIn(md.fields, h.bodyStartLine, h.ownEndLine), ownerKeys, doc.kind);
      stack.push({ heading: h, entry: undefined });
      continue;
    }
    const decision: Decision = {
      title: h.text,
      shape: 'fields',
      range: h.range,
      fullRange: { start: h.range.start, end: endOfSection(doc, h) },
      fields: {},
    };
    const own = fieldsIn(md.fields, h.bodyStartLine, h.ownEndLine);
    const hasFields = addFields(decision, own, ownerKeys, doc.kind);
    const candidate = { heading: h, decision, hasFields };
    candidates.push(candidate);
    candidateOf.set(decision, candidate);
    stack.push({ heading: h, entry: decision });
  }
  for (const c of candidates) {
    if (!c.hasFields) continue;
    const d = c.decision;
    valuesBelow(doc, d);
    d.area ??= areaOfLine(doc, c.heading.range.start.line) ?? doc.kind.area;
    out.push(d);
  }
  // Tables: one decision per row.
  for (const t of md.tables) {
    const cols = t.header.map((c) => {
      const k = normalizeKey(c.text);
      return ownerKeys.has(k) ? ('owner' as const) : fieldOf(doc.kind, k);
    });
    if (!cols.includes('owner') && !cols.includes('decision')) continue;
    const titleCol = cols.indexOf('decision') >= 0 ? cols.indexOf('decision') : cols.findIndex((c) => c !== 'date' && c !== 'owner');
    const area = areaOfLine(doc, t.range.start.line) ?? doc.kind.area;
    for (const row of t.rows) {
      if (row.every((c) => !c.text)) continue;
      const first = row[0];
      const last = row[row.length - 1];
      const rowRange: Range = { start: first.range.start, end: last.range.end };
      const d: Decision = {
        title: row[titleCol]?.text || `row ${row[0].range.start.line + 1}`,
        shape: 'table',
        range: rowRange,
        fullRange: rowRange,
        fields: {},
        area,
      };
      cols.forEach((col, i) => {
        const cell = row[i];
        if (!col) return;
        if (col === 'owner') {
          if (!d.owner) {
            const r = cell ? cellTextRange(doc, cell.range) : { start: rowRange.end, end: rowRange.end };
            d.owner = parseOwnerText(cell?.text ?? '', r);
            d.ownerKey = t.header[i].text;
            if (!cell) d.missingCells = i - row.length;
          }
        } else if (cell && cell.text && !d.fields[col]) {
          d.fields[col] = { value: cell.text, range: cellTextRange(doc, cell.range) };
        }
      });
      if (d.fields.area) d.area = areaFromText(d.fields.area.value) ?? d.area;
      out.push(d);
    }
  }
  out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return out;
}

/** Points at a cell's text rather than its pipes and padding. */
function cellTextRange(doc: AnalyzedDocument, r: Range): Range {
  if (r.start.line !== r.end.line) return r;
  const line = doc.lines.line(r.start.line);
  const slice = line.slice(r.start.character, r.end.character);
  const inner = slice.replace(/^\|/, '').replace(/\|$/, '');
  const lead = slice.indexOf(inner) + (inner.length - inner.trimStart().length);
  const trimmed = inner.trim();
  if (!trimmed) {
    const c = r.start.character + (slice.startsWith('|') ? 1 : 0);
    return { start: { line: r.start.line, character: c }, end: { line: r.start.line, character: c } };
  }
  return { start: { line: r.start.line, character: r.start.character + lead }, end: { line: r.start.line, character: r.start.character + lead + trimmed.length } };
}

function firstContentLine(doc: AnalyzedDocument, h: Heading): number | undefined {
  return firstContentBlock(doc.model, h.bodyStartLine, h.ownEndLine);
}

/** Adds decision fields to an entry; true when any field is a decision field. */
function addFields(d: Decision, fields: Field[], ownerKeys: Set<string>, kind: KindSpec): boolean {
  let any = false;
  for (const f of fields) {
    if (ownerKeys.has(f.normKey)) {
      any = true;
      if (!d.owner) {
        d.owner = parseOwnerText(f.rawValue, f.valueRange);
        d.ownerKey = f.key;
        d.shape = f.listItem ? 'list' : 'fields';
      }
    } else {
      const canonical = fieldOf(kind, f.normKey);
      if (!canonical) continue;
      any = true;
      if (!d.fields[canonical]) d.fields[canonical] = { value: f.value, range: f.valueRange };
      if (canonical === 'area') d.area = areaFromText(f.value) ?? d.area;
    }
    d.insertAfterLine = Math.max(d.insertAfterLine ?? -1, f.line);
    d.fieldStyle ??= { listItem: f.listItem, bold: f.bold };
  }
  return any;
}

function areaFromText(text: string): Area | undefined {
  const k = normalizeKey(text);
  return (['why', 'what', 'how', 'who', 'when'] as Area[]).find((a) => k === a);
}

/** The area of the required section a line lies in, if any. */
function areaOfLine(doc: AnalyzedDocument, line: number): Area | undefined {
  for (const s of doc.sections) {
    if (s.spec.area && line >= s.heading.range.start.line && line < s.heading.sectionEndLine) return s.spec.area;
  }
  return undefined;
}

function endOfSection(doc: AnalyzedDocument, h: Heading): Range['end'] {
  const last = Math.max(h.range.end.line, h.sectionEndLine - 1);
  return { line: last, character: doc.lines.line(last).length };
}

function fileDecision(doc: AnalyzedDocument, ownerKeys: Set<string>): Decision {
  const md = doc.model;
  const fm = md.frontMatter?.data ?? {};
  const lastLine = Math.max(0, md.lineCount - 1);
  const d: Decision = {
    title: doc.title,
    shape: 'file',
    range: doc.titleRange,
    fullRange: { start: { line: 0, character: 0 }, end: { line: lastLine, character: doc.lines.line(lastLine).length } },
    fields: {},
    area: doc.kind.area,
  };
  // Front matter: decision-makers, date, status, supersedes…
  for (const [key, value] of Object.entries(fm)) {
    const k = normalizeKey(key);
    const pos = md.frontMatter?.keys.get(key);
    const range = pos?.valueRange ?? lineStart(0);
    if (ownerKeys.has(k)) {
      if (!d.owner) {
        d.owner = parseOwnerYaml(value, range, pos?.items, pos);
        d.ownerKey = key;
      }
      continue;
    }
    const canonical = fieldOf(doc.kind, k);
    const text = canonical && !d.fields[canonical] ? valueText(value, pos?.source) : undefined;
    if (canonical && text !== undefined) d.fields[canonical] = { value: text, range };
  }
  // Field lines anywhere (Nygard's "Date:", MADR 2's "* Deciders:").
  addFields(d, md.fields, ownerKeys, doc.kind);
  valuesBelow(doc, d);
  d.shape = 'file';
  // Sections answer the decision, context, alternatives and trade-offs; a heading that
  // carries its value ("## Decision: Option 3", "## Status: accepted") gives that value.
  for (const h of md.headings) {
    const canonical = fieldOf(doc.kind, normalizeHeading(h));
    if (canonical && !d.fields[canonical] && !isEmptySection(md, h)) {
      d.fields[canonical] = { value: h.text, range: h.range };
      continue;
    }
    const key = canonical ? undefined : headingKey(h);
    const keyed = key ? fieldOf(doc.kind, key) : undefined;
    if (keyed && !d.fields[keyed] && headingCarriesValue(h)) d.fields[keyed] = { value: parseFieldLine(h.text, h.range.start.line)!.value, range: h.range };
  }
  // No date of its own: the one its status is written with ("**Accepted** - 2025-01-22").
  if (!d.fields.date) {
    const date = statusDate(doc, d);
    if (date) d.fields.date = date;
  }
  if (d.fields.area) d.area = areaFromText(d.fields.area.value) ?? d.area;
  d.insertAfterLine = md.frontMatter ? md.frontMatter.range.end.line : undefined;
  return d;
}

const SUPERSEDE_KEYS = new Set(['supersedes', 'superseded by', 'replaces', 'replaced by', 'amends', 'amended by']);

function collectReferences(doc: AnalyzedDocument): void {
  const md = doc.model;
  const fm = md.frontMatter?.data ?? {};
  const addValue = (value: unknown, range: Range, items: Range[] | undefined, role: Reference['role']) => {
    const values = Array.isArray(value) ? value : [value];
    values.forEach((v, i) => {
      if (typeof v === 'number') v = String(v);
      if (typeof v !== 'string' || !v.trim()) return;
      const link = /\]\(([^)\s]+)[^)]*\)/.exec(v);
      doc.references.push({ target: link ? link[1] : v.trim(), range: items?.[i] ?? range, role, ...(link ? {} : { plain: true }) });
    });
  };
  if (doc.kind.name === 'sdd') {
    const pos = md.frontMatter?.keys.get('prd');
    if (pos) addValue(fm.prd, pos.valueRange, pos.items, 'prd');
  }
  for (const [key, value] of Object.entries(fm)) {
    if (!SUPERSEDE_KEYS.has(normalizeKey(key))) continue;
    const pos = md.frontMatter?.keys.get(key);
    addValue(value, pos?.valueRange ?? lineStart(0), pos?.items, 'supersedes');
  }
  const linkLines = new Set<number>();
  for (const f of md.fields) {
    const role = f.normKey === 'prd' && doc.kind.name === 'sdd' ? 'prd' : SUPERSEDE_KEYS.has(f.normKey) ? 'supersedes' : undefined;
    if (!role || !f.value) continue;
    linkLines.add(f.line);
    const links = md.links.filter((l) => l.range.start.line === f.line);
    if (links.length) for (const l of links) doc.references.push({ target: l.target, range: l.range, role });
    else for (const part of stripInline(f.rawValue).split(/\s*,\s*/)) if (part) doc.references.push({ target: part, range: f.valueRange, role, plain: true });
  }
  for (const l of md.links) {
    // Only local links can be broken; URLs are never checked, so they are not kept.
    if (linkLines.has(l.range.start.line) || /^(?:[a-z][a-z0-9+.-]*:|\/\/|#)/i.test(l.target.trim())) continue;
    doc.references.push({ target: l.target, range: l.range, role: 'link' });
  }
}
