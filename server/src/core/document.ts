/**
 * One recognised document, understood: its kind, title, sections, decisions, owner, links
 * and (for a charter) its roster. Everything here is a function of the text and the config.
 */
import type { Area, Heading, MarkdownModel, Range, Field } from './types';
import type { KindSpec, SectionSpec, DecisionField } from './kinds';
import { declaredLanguage, languageOfText, lexiconFor, type DocumentLanguage, type Lexicon, type Vocabulary } from './languages';
import type { Config } from './config';
import { LineIndex, lineStart } from './text';
import { parseMarkdown } from './markdown';
import { isPlaceholderValue, normalizeKey, stripInline, termKey, parseFieldLine, isPlaceholderText, replaceComments } from './syntax';
import { parseOwnerText, parseOwnerYaml, type OwnerValue } from './owners';
import { readRoster, type Roster } from './roster';
import { readSilence, type Silence } from './silence';
import { valueText } from './frontMatter';
import { findDate } from './dates';
import { AREAS } from './areas';
import { readRecord, type RecordFacts } from './records/read';
import { fieldOf, isOwnerKey, ownerKeysOf, type OwnerKeys, type Reading } from './fieldNames';
import { fieldsIn, firstContentBlock, headingCarriesValue, headingKey, isEmptySection, lowerBound, normalizedHeading, valueHeadingKey } from './outline';

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

/** A recognised document and everything the rules read from it (what it says as a decision record: {@link RecordFacts}). */
export interface AnalyzedDocument extends RecordFacts {
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
  /** The language its sections and fields are read in (absent: English). */
  language?: DocumentLanguage;
  /** Its headings' texts but the title's: what a template's sections are looked for in (kept when compact). */
  headingTexts?: string[];
  /**
   * For each section found, the headings (texts) nested in it or enclosing it: part of that
   * section, never a section beside it ("### Architecture" inside "## Design Details").
   */
  headingsAround?: Record<string, string[]>;
  /** It has sections about topics of their own ("Wire format"): they hold its How when no heading names one. */
  topical?: boolean;
  /** The names of its field lines and front matter keys: a template's section may be a field here. */
  fieldKeys?: string[];
  /**
   * Field lines written inside a found section, by key: the name of that section's spec. A
   * "Chosen option:" line inside "Decision Outcome" is part of it, not a section beside it.
   */
  fieldWithin?: Record<string, string>;
  /**
   * Headings written inside a found section, by text: the name of that section's spec. A
   * "### Proposal" under "## Decision" is part of the Decision, not a section beside it.
   */
  headingWithin?: Record<string, string>;
}

/**
 * What a compact document keeps (core/compact.ts), and so all a workspace rule may read:
 * everything but the text and the markdown model.
 */
export type CompactDocument = Omit<AnalyzedDocument, 'lines' | 'model'>;

/**
 * A heading that names something in code ("Field `resource`", "Message `Profile`"): its words
 * outside the code spans, which alone can name a section. Undefined for a heading without
 * code, or one that is all code.
 */
function namedByCode(h: Heading, text: string, li: LineIndex): { key: string; text: string } | undefined {
  const line = h.range.start.line;
  const start = li.offsetAt({ line, character: 0 });
  const end = line + 1 < li.starts.length ? li.starts[line + 1] : text.length;
  const raw = text.slice(start, end);
  if (!raw.includes('`')) return undefined;
  const words = raw
    .replace(/^\s{0,3}#+/, '')
    .replace(/(`+)[^`]*?\1/g, ' ')
    .replace(/[#*_]/g, ' ')
    .trim();
  if (!words || words === raw.replace(/^\s{0,3}#+/, '').trim()) return undefined;
  return { key: termKey(words), text: words };
}

/** Reads a recognised document of a given kind. */
export function analyzeDocument(path: string, text: string, kind: KindSpec, config: Config, model?: MarkdownModel, lines?: LineIndex): AnalyzedDocument {
  const li = lines ?? new LineIndex(text);
  const md = model ?? parseMarkdown(text, li);
  const languages = config.languages ?? {};
  const declared = declaredLanguage(md, languages, config.kinds);
  const lex = lexiconFor(languages, declared.codes);
  const ownerKeys = ownerKeysOf(kind, config);
  // A kind with its own owner field names has chosen them; otherwise the language's count too.
  if (!kind.ownerFields) for (const k of lex.ownerKeys) ownerKeys.add(k);
  const reading: Reading = { lex, kind, owners: ownerKeys, deciders: new Set([...ownerKeys, ...lex.decisionOwnerKeys]), lines: li };
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
    ...(declared.language.code !== 'en' ? { language: declared.language } : {}),
  };

  // Sections.
  // Each heading stands for at most one section; a section takes the heading that names it
  // most closely (its name, then a heading starting with it, ending with it, holding it),
  // the first in the document among equals. The title only counts when it is the name.
  const titleLine = doc.titleRange.start.line;
  const bestOf = new Map<Heading, { spec: SectionSpec; level: number }>();
  if (kind.sections.length) {
    for (const h of md.headings) {
      const named = namedByCode(h, text, li);
      const m = named ? (named.key ? lex.sectionOf(named.key, kind, ownerKeys, named.text) : undefined) : lex.sectionOf(headingKey(h), kind, ownerKeys, h.text);
      // The title is a section only when it is written exactly as one of its names ("# Feature" is not "Features").
      const isTitle = h.range.start.line === titleLine;
      if (m && (!isTitle || (m.level === 0 && lex.namesOf(m.spec, kind).some((n) => normalizedHeading(n) === normalizedHeading(h))))) bestOf.set(h, m);
    }
  }
  for (const spec of kind.sections) {
    let heading: Heading | undefined;
    let level = Infinity;
    for (const [h, m] of bestOf)
      if (m.spec === spec && m.level < level) {
        heading = h;
        level = m.level;
      }
    if (!heading) {
      if (spec.required) doc.missingSections.push(spec);
      continue;
    }
    const ownField = fieldsIn(md.fields, heading.bodyStartLine, heading.ownEndLine).find((f) => isOwnerKey(ownerKeys, f.key, f.normKey));
    doc.sections.push({
      spec,
      heading,
      empty: isEmptySection(md, heading),
      owner: ownField ? parseOwnerText(ownField.rawValue, ownField.valueRange) : undefined,
    });
  }

  // A design document organised by topics ("File Format", "Wire Protocol") holds its How in
  // them: How is missing only where every section is named for something else.
  const how = doc.missingSections.find((s) => s.area === 'how' && !s.configured);
  if (
    kind.sections.some((s) => s.area === 'how' && !s.configured) &&
    md.headings.some((h) => h.range.start.line !== titleLine && h.depth >= 2 && isTopical(h, lex, config.kinds, ownerKeys))
  ) {
    doc.topical = true;
    if (how) doc.missingSections = doc.missingSections.filter((s) => s !== how);
  }

  // The document's owner.
  // An ADR's owner is its decision's owner, not a document owner besides it.
  const fmOwnerKey = kind.decisions === 'per-file' ? undefined : Object.keys(fm).find((k) => isOwnerKey(ownerKeys, k));
  if (fmOwnerKey !== undefined) {
    const pos = md.frontMatter?.keys.get(fmOwnerKey);
    doc.owner = parseOwnerYaml(fm[fmOwnerKey], pos?.valueRange ?? lineStart(0), pos?.items, pos);
  } else if (kind.decisions !== 'per-file') {
    const firstSection = md.headings.find((h) => h.depth >= 2)?.range.start.line ?? md.lineCount;
    const f = md.fields.find((x) => x.line < firstSection && isOwnerKey(ownerKeys, x.key, x.normKey));
    if (f) doc.owner = parseOwnerText(f.rawValue, f.valueRange);
  }

  // Decisions.
  if (kind.decisions === 'entries') doc.decisions = entryDecisions(doc, reading);
  else if (kind.decisions === 'per-file') {
    const d = fileDecision(doc, reading);
    doc.decisions = [d];
    // An ADR's Context and Decision may be field lines ("**Issue:** …", a Y-statement) rather
    // than headings: a section its decision holds is not missing.
    doc.missingSections = doc.missingSections.filter((spec) => {
      const field = lex.fieldOfSection(spec, kind);
      const v = field ? d.fields[field] : undefined;
      return !v || !v.value.trim() || isPlaceholderValue(v.value);
    });
  }

  withholdIfUnknownLanguage(doc, text, languages);

  // What a template's sections are looked for in, even once the document is compact.
  doc.headingTexts = md.headings.filter((h) => h.range.start.line !== titleLine).map((h) => h.text);
  for (const sec of doc.sections) {
    const at = sec.heading.range.start.line;
    const around = md.headings.filter(
      (h) =>
        h !== sec.heading &&
        h.range.start.line !== titleLine &&
        ((h.range.start.line >= sec.heading.bodyStartLine && h.range.start.line < sec.heading.sectionEndLine) || (at >= h.bodyStartLine && at < h.sectionEndLine)),
    );
    if (around.length) (doc.headingsAround ??= {})[sec.spec.name] = around.map((h) => h.text);
  }
  doc.fieldKeys = [...new Set([...md.fields.map((f) => f.key), ...Object.keys(fm)])];
  for (const f of md.fields) {
    const home = doc.sections.find((s) => f.line >= s.heading.bodyStartLine && f.line < s.heading.sectionEndLine);
    if (home) (doc.fieldWithin ??= {})[f.key] = home.spec.name;
  }
  for (const h of md.headings) {
    const home = doc.sections.find((s) => s.heading !== h && h.range.start.line >= s.heading.bodyStartLine && h.range.start.line < s.heading.sectionEndLine);
    if (home) (doc.headingWithin ??= {})[h.text] = home.spec.name;
  }

  // References: the PRD an SDD implements, superseded decisions, local links.
  collectReferences(doc);
  Object.assign(
    doc,
    readRecord(doc, (key) => fieldOf(reading, key), config.kinds),
  );

  if (kind.holdsRoster) doc.roster = readRoster(doc);
  return doc;
}

/** Headings that frame a document rather than carry its content. */
const FRAME_HEADINGS = new Set(
  [
    'summary',
    'overview',
    'introduction',
    'abstract',
    'tl dr',
    'tldr',
    'references',
    'reference',
    'appendix',
    'appendice',
    'glossary',
    'terminology',
    'definitions',
    'faq',
    'question',
    'open question',
    'open issue',
    'changelog',
    'change log',
    'history',
    'revision history',
    'document history',
    'acknowledgement',
    'acknowledgment',
    'author',
    'contributor',
    'reviewer',
    'status',
    'metadata',
    'table of content',
    'content',
    'toc',
    'link',
    'resource',
    'see also',
    'related',
    'related work',
    'note',
    'prior art',
    'conclusion',
    'next step',
    'future work',
    'out of scope',
    'non goal',
    'drawback',
    'risk',
    'alternative',
    'alternatives considered',
    'unresolved question',
    'discussion',
    'feedback',
    'approval',
    'sign off',
  ].map((w) => termKey(w)),
);

/** A heading about a topic of its own: no section of any kind, no decision field, no frame, no question. */
function isTopical(h: Heading, lex: Lexicon, kinds: readonly KindSpec[], ownerKeys: OwnerKeys): boolean {
  const key = headingKey(h);
  if (!key || FRAME_HEADINGS.has(key) || /\?\s*$/.test(h.text) || lex.fieldOfKey(key)) return false;
  for (const k of kinds) if (k.sections.length && lex.sectionOf(key, k, ownerKeys, h.text)) return false;
  return true;
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
function statusDate(doc: AnalyzedDocument, d: Decision, r: Reading): FieldValue | undefined {
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

/** A heading such as "Context" or "Decision makers" is a part of the entry above it. */
function partOf(h: Heading, r: Reading): DecisionField | 'owner' | undefined {
  const k = normalizedHeading(h);
  const key = headingKey(h);
  if (r.deciders.has(k) || r.deciders.has(key)) return 'owner';
  return fieldOf(r, key);
}

function entryDecisions(doc: AnalyzedDocument, r: Reading): Decision[] {
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

function fileDecision(doc: AnalyzedDocument, r: Reading): Decision {
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

function readYStatement(doc: AnalyzedDocument, d: Decision): void {
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
 * For a document in a language Charter has no names for: its missing sections, fields and
 * owners are not reported (they may well be there under names Charter cannot read), and the
 * document says so once (`missing-section` shows the note). Reading its text to tell its
 * language is only done when something would be reported missing.
 */
function withholdIfUnknownLanguage(doc: AnalyzedDocument, text: string, languages: Record<string, Vocabulary>): void {
  const declared = doc.language;
  if (declared?.source === 'front matter' && declared.known) return;
  const decisionGaps = doc.decisions.some((d) => !d.owner || !d.fields.date || !d.fields.decision);
  const ownerGap = doc.kind.documentOwner && !doc.owner;
  if (!doc.missingSections.length && !decisionGaps && !ownerGap) return;
  let lang = declared;
  if (!lang || lang.known) {
    const byText = languageOfText(text, languages);
    if (byText.known) {
      // Only a more precise name for the message: the headings already chose the names.
      if (!declared && byText.code !== 'en') doc.language = byText;
      return;
    }
    lang = byText;
  }
  const withheld: string[] = [];
  if (doc.missingSections.length) withheld.push('sections');
  if (decisionGaps) withheld.push('decision fields and owners');
  if (ownerGap) withheld.push('document owners');
  doc.missingSections = [];
  doc.language = { ...lang, withheld };
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
  if (doc.kind.implementsPrd) {
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
    const role = f.normKey === 'prd' && doc.kind.implementsPrd ? 'prd' : SUPERSEDE_KEYS.has(f.normKey) ? 'supersedes' : undefined;
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
