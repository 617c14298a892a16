/**
 * One recognised document, understood: its kind, title, sections, decisions, owner, links
 * and (for a charter) its roster. Everything here is a function of the text and the config.
 */
import type { MarkdownModel, Range } from './types';
import type { KindSpec, SectionSpec } from './kinds';
import { declaredLanguage, languageOfText, type DocumentLanguage } from './languages';
import { lexiconFor } from './lexicon';
import type { Vocabulary } from './vocabularies';
import type { Config } from './config';
import { LineIndex, lineStart } from './text';
import { parseMarkdown } from './markdown';
import { isPlaceholderValue, normalizeKey, stripInline } from './syntax';
import { parseOwnerText, parseOwnerYaml, type OwnerValue } from './owners';
import { readRoster, type Roster } from './roster';
import { readSilence, type Silence } from './silence';
import { readRecord, type RecordFacts } from './records/read';
import { fieldOf, isOwnerKey, ownerKeysOf, type Reading } from './fieldNames';
import { readDecisions, type Decision } from './decisions';
import { headingPlaces, readSections, type FoundSection } from './sections';

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
  const titleLine = doc.titleRange.start.line;
  const found = readSections(md, text, titleLine, reading, config.kinds);
  doc.sections = found.sections;
  doc.missingSections = found.missingSections;
  if (found.topical) doc.topical = true;

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
  doc.decisions = readDecisions(doc, reading);
  if (kind.decisions === 'per-file') {
    const d = doc.decisions[0];
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
  Object.assign(doc, headingPlaces(md, doc.sections, titleLine));

  // References: the PRD an SDD implements, superseded decisions, local links.
  collectReferences(doc);
  Object.assign(
    doc,
    readRecord(doc, (key) => fieldOf(reading, key), config.kinds),
  );

  if (kind.holdsRoster) doc.roster = readRoster(doc);
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
