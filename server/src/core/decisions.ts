/**
 * A document's decisions, by its kind: the entries of a decision log (a heading with decision
 * fields, its part headings, a table's rows) or the one decision of a record (an ADR: front
 * matter, field lines, the sections that answer its fields, a Y-statement), each with its
 * fields, owner and area. Everything here is a function of the document's text and kind.
 */
import type { Area, Field, Heading, MarkdownModel, Range } from './types';
import type { DecisionField, KindSpec, SectionSpec } from './kinds';
import type { LineIndex } from './text';
import { lineStart } from './text';
import { isPlaceholderText, normalizeKey, parseFieldLine, replaceComments, stripInline, termKey } from './syntax';
import { parseOwnerText, parseOwnerYaml, type OwnerValue } from './owners';
import { valueText } from './frontMatter';
import { findDate } from './dates';
import { AREAS } from './areas';
import { fieldOf, isOwnerKey, type Reading } from './fieldNames';
import { fieldsIn, firstContentBlock, headingCarriesValue, headingKey, isEmptySection, lowerBound, normalizedHeading, valueHeadingKey } from './outline';

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

/** What reading a document's decisions needs of it: its own parts, as document.ts has them. */
export interface DecisionSource {
  kind: KindSpec;
  lines: LineIndex;
  model: MarkdownModel;
  title: string;
  titleRange: Range;
  /** The sections found: a decision's area is its section's, and a section answers the field it holds. */
  sections: readonly { spec: SectionSpec; heading: Heading }[];
}

/** A document's decisions: a log's entries, a record's one decision, or none (by its kind's `decisions`). */
export function readDecisions(doc: DecisionSource, r: Reading): Decision[] {
  if (doc.kind.decisions === 'entries') return entryDecisions(doc, r);
  if (doc.kind.decisions === 'per-file') return [fileDecision(doc, r)];
  return [];
}

/** A heading such as "Context" or "Decision makers" is a part of the entry above it. */
function partOf(h: Heading, r: Reading): DecisionField | 'owner' | undefined {
  const k = normalizedHeading(h);
  const key = headingKey(h);
  if (r.deciders.has(k) || r.deciders.has(key)) return 'owner';
  return fieldOf(r, key);
}

/** A log's entries: each heading with decision fields (its part headings with it), and each row of a decision table. */
function entryDecisions(doc: DecisionSource, r: Reading): Decision[] {
  const md = doc.model;
  const out: Decision[] = [];
  const headings = md.headings;
  // The entry each heading belongs to: itself, or for a part heading the entry above it.
  const stack: { heading: Heading; entry?: Decision }[] = [];
  const candidates: { heading: Heading; decision: Decision; hasFields: boolean }[] = [];
  const candidateOf = new Map<Decision, (typeof candidates)[number]>();
  for (const h of headings) {
    while (stack.length && stack[stack.length - 1].heading.depth >= h.depth) stack.pop();
    const part = partOf(h, r);
    const parent = [...stack].reverse().find((s) => s.entry)?.entry;
    if (part && parent) {
      candidateOf.get(parent)!.hasFields = true;
      const empty = isEmptySection(md, h);
      if (part === 'owner') {
        const f = fieldsIn(md.fields, h.bodyStartLine, h.ownEndLine)[0];
        if (!parent.owner) {
          const bodyLine = firstContentLine(doc, h);
          parent.owner =
            empty || bodyLine === undefined
              ? parseOwnerText('', { start: h.range.end, end: h.range.end })
              : f
                ? parseOwnerText(f.rawValue, f.valueRange)
                : parseOwnerText(doc.lines.line(bodyLine), doc.lines.trimmedLineRange(bodyLine));
          parent.ownerKey = h.text;
        }
      } else if (!empty && !parent.fields[part]) {
        parent.fields[part] = { value: h.text, range: h.range };
      }
      addFields(parent, fieldsIn(md.fields, h.bodyStartLine, h.ownEndLine), r);
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
    const hasFields = addFields(decision, own, r);
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
    const cols = t.header.map((c) => (isOwnerKey(r.deciders, c.text) ? ('owner' as const) : fieldOf(r, termKey(c.text))));
    // A "Who" column makes a decision table only next to a decision column (a checklist's
    // "Step | Who" is not one).
    if (!cols.includes('decision') && !t.header.some((c) => isOwnerKey(r.owners, c.text))) continue;
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
function cellTextRange(doc: DecisionSource, r: Range): Range {
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

function firstContentLine(doc: DecisionSource, h: Heading): number | undefined {
  return firstContentBlock(doc.model, h.bodyStartLine, h.ownEndLine);
}

/** Adds decision fields to an entry; true when any field is a decision field. */
function addFields(d: Decision, fields: Field[], r: Reading): boolean {
  let any = false;
  for (const f of fields) {
    const key = termKey(f.key);
    if (r.deciders.has(f.normKey) || r.deciders.has(key)) {
      any = true;
      if (!d.owner) {
        const empty = replaceComments(f.rawValue, '').trim() === '';
        d.owner = (empty && nestedOwners(r.lines, f)) || parseOwnerText(f.rawValue, f.valueRange);
        d.ownerKey = f.key;
        d.shape = f.listItem ? 'list' : 'fields';
      }
    } else {
      const canonical = fieldOf(r, key);
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

/**
 * The people of an owner field left empty on its line and listed under it, one a nested list
 * item (`- Deciders:` then `    - Dana`, `    - Evan`): undefined when no such list follows.
 */
function nestedOwners(lines: LineIndex, f: Field): OwnerValue | undefined {
  const indent = (s: string) => /^[ \t]*/.exec(s)![0].replace(/\t/g, '    ').length;
  const own = indent(lines.line(f.line));
  const items: string[] = [];
  const ranges: Range[] = [];
  for (let n = f.line + 1; n < lines.lineCount; n++) {
    const text = lines.line(n);
    const m = /^[ \t]*[-*+][ \t]+(.*?)[ \t]*$/d.exec(text);
    if (!m || indent(text) <= own || !m[1]) break;
    const start = m.indices![1][0];
    items.push(m[1]);
    ranges.push({ start: { line: n, character: start }, end: { line: n, character: start + m[1].length } });
  }
  if (items.length === 0) return undefined;
  const last = ranges[ranges.length - 1];
  return parseOwnerYaml(items, { start: f.valueRange.start, end: last.end }, ranges);
}

function areaFromText(text: string): Area | undefined {
  const k = normalizeKey(text);
  return AREAS.find((a) => k === a);
}

/** The area of the required section a line lies in, if any. */
function areaOfLine(doc: DecisionSource, line: number): Area | undefined {
  for (const s of doc.sections) {
    if (s.spec.area && line >= s.heading.range.start.line && line < s.heading.sectionEndLine) return s.spec.area;
  }
  return undefined;
}

function endOfSection(doc: DecisionSource, h: Heading): Range['end'] {
  const last = Math.max(h.range.end.line, h.sectionEndLine - 1);
  return { line: last, character: doc.lines.line(last).length };
}

/** A record's one decision: front matter, field lines anywhere, the sections that answer its fields, a Y-statement. */
function fileDecision(doc: DecisionSource, r: Reading): Decision {
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
    const pos = md.frontMatter?.keys.get(key);
    const range = pos?.valueRange ?? lineStart(0);
    if (isOwnerKey(r.deciders, key)) {
      if (!d.owner) {
        d.owner = parseOwnerYaml(value, range, pos?.items, pos);
        d.ownerKey = key;
      }
      continue;
    }
    const canonical = fieldOf(r, termKey(key));
    const text = canonical && !d.fields[canonical] ? valueText(value, pos?.source) : undefined;
    if (canonical && text !== undefined) d.fields[canonical] = { value: text, range };
  }
  // Field lines anywhere (Nygard's "Date:", MADR 2's "* Deciders:").
  addFields(d, md.fields, r);
  valuesBelow(doc, d);
  d.shape = 'file';
  // Sections answer the decision, context, alternatives and trade-offs: by the field's names,
  // or as the kind's section that holds the field (so a section and its field never disagree).
  // A heading that carries its value ("## Decision: Option 3", "## Status: accepted") gives that value.
  const held = new Map(doc.sections.map((s) => [s.heading, r.lex.fieldOfSection(s.spec, doc.kind)]));
  for (const h of md.headings) {
    const key = valueHeadingKey(h);
    const keyed = key !== undefined && headingCarriesValue(h) ? fieldOf(r, key) : undefined;
    if (keyed) {
      if (!d.fields[keyed]) d.fields[keyed] = { value: parseFieldLine(h.text, h.range.start.line)!.value, range: h.range };
      continue;
    }
    const canonical = fieldOf(r, headingKey(h)) ?? held.get(h);
    if (canonical && !d.fields[canonical] && !isEmptySection(md, h)) d.fields[canonical] = { value: h.text, range: h.range };
  }
  // No date of its own: the one its status is written with ("**Accepted** - 2025-01-22").
  if (!d.fields.date) {
    const date = statusDate(doc, d, r);
    if (date) d.fields.date = date;
  }
  if (!d.fields.context || !d.fields.decision) readYStatement(doc, d);
  if (d.fields.area) d.area = areaFromText(d.fields.area.value) ?? d.area;
  d.insertAfterLine = md.frontMatter ? md.frontMatter.range.end.line : undefined;
  return d;
}

/**
 * A Y-statement ("In the context of <use case>, facing <concern>, we decided for <option>
 * and neglected <other options>, to achieve <quality>, accepting <downside>") holds a
 * decision's context and the decision in one sentence, with no headings.
 */
const Y_CONTEXT_RE = /\bin the context of\b/i;
const Y_DECISION_RE = /\bwe (?:have )?(?:decided|decide|chose|choose|opted)\b/i;

function readYStatement(doc: DecisionSource, d: Decision): void {
  const text = doc.lines.text;
  const at = text.search(Y_CONTEXT_RE);
  if (at < 0) return;
  const startLine = doc.lines.positionAt(at).line;
  const body = doc.model.blocks.find((b) => b.startLine <= startLine && startLine <= b.endLine && b.kind === 'content');
  if (!body) return;
  const end = doc.lines.starts[body.endLine + 1] ?? text.length;
  const decidedAt = text.slice(at, end).search(Y_DECISION_RE);
  if (decidedAt < 0) return;
  const decidedLine = doc.lines.positionAt(at + decidedAt).line;
  d.fields.context ??= { value: 'In the context of', range: doc.lines.trimmedLineRange(startLine) };
  d.fields.decision ??= { value: 'we decided', range: doc.lines.trimmedLineRange(decidedLine) };
}

/**
 * A field line with nothing after its colon (`Decision:`) answered by the text right
 * below it (the next line, or the paragraph after a blank line): that text's first line
 * is the value.
 */
function valuesBelow(doc: DecisionSource, d: Decision): void {
  const md = doc.model;
  for (const name of Object.keys(d.fields) as DecisionField[]) {
    const v = d.fields[name];
    if (!v || v.value !== '' || v.range.start.line !== v.range.end.line) continue;
    const line = v.range.start.line;
    // The field's own paragraph goes on (no blank line), or the next block starts after one blank line.
    const i = lowerBound(md.blocks, line + 1, (b) => b.startLine);
    const own = md.blocks[i - 1];
    const next =
      own && own.startLine <= line && own.endLine > line ? line + 1 : md.blocks[i]?.kind === 'content' && md.blocks[i].startLine <= line + 2 ? md.blocks[i].startLine : undefined;
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
function statusDate(doc: DecisionSource, d: Decision, r: Reading): FieldValue | undefined {
  const md = doc.model;
  const places: { line: number; from: number }[] = [];
  // The Status section's first line, then the status field's value.
  for (const h of md.headings) {
    if (fieldOf(r, headingKey(h)) !== 'status') continue;
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
