/**
 * The names a document's sections and decision fields are matched with: English (the
 * kinds' names) plus the names of the languages it is written in, and the look-up of the
 * section a heading stands for, exactly or by a name it holds.
 */
import { headSlots, namesHead, type HeadSlots } from './headPhrase';
import { DECISION_OWNER_FIELDS, DECISION_FIELDS, SECTION_NAMES, type DecisionField, type KindSpec, type SectionSpec } from './kinds';
import { HEAD_FIRST, QUALIFIERS } from './languageData';
import { distinctTerms, termKey } from './syntax';
import { builtinLanguages, type LanguageField, type Vocabulary } from './vocabularies';

/**
 * The names a document's sections and fields are matched with: English, plus the names of
 * the languages it is written in. Built once per config and language.
 */
export class Lexicon {
  private readonly fieldByKey = new Map<string, DecisionField>();
  private readonly namesOfField = new Map<DecisionField, string[]>();
  /** Owner names (termKeys) that the document's languages add. */
  readonly ownerKeys = new Set<string>();
  /** Owner names (termKeys) that count inside a decision only. */
  readonly decisionOwnerKeys = new Set<string>();
  private readonly sectionNames = new WeakMap<SectionSpec, Set<string>>();
  private readonly sectionExtra = new Map<string, string[]>();

  constructor(readonly vocabularies: readonly Vocabulary[]) {
    for (const [f, names] of Object.entries(DECISION_FIELDS) as [DecisionField, readonly string[]][]) this.namesOfField.set(f, [...names]);
    for (const n of DECISION_OWNER_FIELDS) this.decisionOwnerKeys.add(termKey(n));
    for (const v of vocabularies) {
      for (const [f, names] of Object.entries(v.fields) as [LanguageField, string[]][]) {
        if (f === 'owner') for (const n of names) this.ownerKeys.add(termKey(n));
        else if (f === 'decision owner') for (const n of names) this.decisionOwnerKeys.add(termKey(n));
        else this.namesOfField.get(f)?.push(...names);
      }
      for (const [section, names] of Object.entries(v.sections)) {
        const key = termKey(section);
        this.sectionExtra.set(key, [...(this.sectionExtra.get(key) ?? []), ...names]);
      }
    }
    for (const [f, names] of this.namesOfField) for (const n of names) if (!this.fieldByKey.has(termKey(n))) this.fieldByKey.set(termKey(n), f);
  }

  /** The decision field a field name or heading stands for, in English or the document's languages. */
  field(nameOrHeading: string): DecisionField | undefined {
    return this.fieldByKey.get(termKey(nameOrHeading));
  }

  /** The same, for a name already made a {@link termKey}. */
  fieldOfKey(key: string): DecisionField | undefined {
    return this.fieldByKey.get(key);
  }

  /** Every name of a decision field (English first). */
  fieldNames(f: DecisionField): readonly string[] {
    return this.namesOfField.get(f) ?? [];
  }

  /** The field a section holds: its own, or (in a per-file kind) the field its name is. */
  fieldOfSection(spec: SectionSpec, kind: KindSpec): DecisionField | undefined {
    return spec.field ?? (kind.decisions === 'per-file' ? this.field(spec.name) : undefined);
  }

  /** Every heading a section is found by, as termKeys. */
  sectionKeys(spec: SectionSpec, kind: KindSpec): Set<string> {
    let keys = this.sectionNames.get(spec);
    if (!keys) {
      keys = new Set(this.namesOf(spec, kind).map(termKey));
      this.sectionNames.set(spec, keys);
    }
    return keys;
  }

  private readonly fuzzy = new WeakMap<KindSpec, SectionTable>();

  /**
   * The kind's section a heading stands for, and how closely: 0 when it is one of the
   * section's names; else 1 when it starts with one ("Escopo do sprint", "Requirements
   * overview"), 2 when it ends with one ("Technical context"), 3 when it holds one ("Título
   * e objetivo do sprint"). Only names of five letters or more are looked for inside a
   * heading; a heading that is another field's name ("Decision drivers", "Decision makers")
   * or says what is not there ("Out of scope", "Related decisions", "Open issues") stands
   * for no section.
   */
  sectionOf(key: string, kind: KindSpec, ownerKeys: ReadonlySet<string>, text?: string): { spec: SectionSpec; level: number } | undefined {
    let t = this.fuzzy.get(kind);
    if (!t) {
      t = { exact: new Map(), known: new Set(), grams: new Map(), memo: new Map() };
      for (const spec of kind.sections) {
        for (const k of this.sectionKeys(spec, kind)) {
          if (!t.exact.has(k)) t.exact.set(k, spec);
          if (k.length >= 5 && !t.grams.has(k)) t.grams.set(k, spec);
        }
      }
      // In a kind that holds a decision, a heading that names one of its other fields
      // ("Decision drivers" is not the Decision) stands for that field.
      if (kind.decisions === 'per-file') {
        const held = new Set(kind.sections.map((sp) => this.fieldOfSection(sp, kind)));
        for (const [k, f] of this.fieldByKey) if (!held.has(f)) t.known.add(k);
      }
      this.fuzzy.set(kind, t);
    }
    const exact = t.exact.get(key);
    if (exact) return { spec: exact, level: 0 };
    if (!key || t.known.has(key) || ownerKeys.has(key)) return undefined;
    // The rest depends on the heading alone: the same headings come back in document after document.
    const memoKey = `${text ?? key}\u0000${key}`;
    if (t.memo.has(memoKey)) return t.memo.get(memoKey);
    const found = this.fuzzySection(t, key, text);
    if (t.memo.size > 20_000) t.memo.clear();
    t.memo.set(memoKey, found);
    return found;
  }

  private fuzzySection(t: SectionTable, key: string, text: string | undefined): { spec: SectionSpec; level: number } | undefined {
    const words = key.split(' ');
    if (words.length > 8 || words.some((w) => QUALIFIERS.has(w))) return undefined;
    // Only a name that is the heading's head counts ("Decision drivers" is about drivers);
    // its head is read once a name is found in it (most headings hold none).
    let slots: ReturnType<typeof headSlotsOf> | null = null;
    let best: { spec: SectionSpec; level: number } | undefined;
    // Every run of up to six words of the heading, looked up among the names.
    for (let i = 0; i < words.length; i++) {
      let gram = '';
      for (let j = i; j < words.length && j < i + 6; j++) {
        gram = gram ? `${gram} ${words[j]}` : words[j];
        const spec = gram.length >= 5 ? t.grams.get(gram) : undefined;
        if (!spec) continue;
        if (slots === null) slots = headSlotsOf(text ?? key, key);
        if (!slots || slots.question) return undefined;
        if (!namesHead(slots, i, j, headFirstOnly().has(gram))) continue;
        const level = i === 0 ? 1 : j === words.length - 1 ? 2 : 3;
        if (!best || level < best.level) best = { spec, level };
      }
    }
    return best;
  }

  /** Every heading a section is found by, as written: its name, its aliases, its languages' names. */
  namesOf(spec: SectionSpec, kind: KindSpec): string[] {
    const key = termKey(spec.name);
    // Configured means configured: its own names, and what the configuration's languages add.
    const all = spec.configured
      ? [spec.name, ...spec.aliases, ...(this.sectionExtra.get(key) ?? []).filter((n) => !builtinSectionNames(key).has(termKey(n)))]
      : [spec.name, ...spec.aliases, ...(this.sectionExtra.get(key) ?? []), ...((f) => (f ? this.fieldNames(f) : []))(this.fieldOfSection(spec, kind))];
    return distinctTerms(all);
  }
}

/** A kind's section names as a lexicon reads them, and what each heading already gave. */
interface SectionTable {
  exact: Map<string, SectionSpec>;
  known: Set<string>;
  grams: Map<string, SectionSpec>;
  /** Heading (text and key) → its section and level, past the exact and owner checks. */
  memo: Map<string, { spec: SectionSpec; level: number } | undefined>;
}

/**
 * The built-in names (termKeys) of head-first languages that are no English name: a heading
 * that starts with one is about it ("Requisitos técnicos essenciais", "Contexte technique"),
 * where an English name must end the heading's head ("Decision drivers" is no Decision).
 */
let headFirstNames: Set<string> | undefined;
function headFirstOnly(): Set<string> {
  if (!headFirstNames) {
    const english = new Set<string>();
    for (const names of Object.values(DECISION_FIELDS)) for (const n of names) english.add(termKey(n));
    for (const names of Object.values(SECTION_NAMES)) for (const n of names) english.add(termKey(n));
    headFirstNames = new Set();
    for (const v of Object.values(builtinLanguages())) {
      if (!HEAD_FIRST.has(v.code)) continue;
      const add = (n: string) => {
        const k = termKey(n);
        if (!english.has(k)) headFirstNames!.add(k);
      };
      for (const names of Object.values(v.sections)) names.forEach(add);
      for (const names of Object.values(v.fields)) (names ?? []).forEach(add);
    }
  }
  return headFirstNames;
}

/** The built-in languages' names for a section (by its termKey): not a configured section's. */
let builtinSections: Map<string, Set<string>> | undefined;
function builtinSectionNames(key: string): Set<string> {
  if (!builtinSections) {
    builtinSections = new Map();
    for (const v of Object.values(builtinLanguages())) {
      for (const [section, names] of Object.entries(v.sections)) {
        const k = termKey(section);
        const set = builtinSections.get(k) ?? new Set<string>();
        for (const n of names) set.add(termKey(n));
        builtinSections.set(k, set);
      }
    }
  }
  return builtinSections.get(key) ?? new Set();
}

/** Head slots per heading text: the same headings come back in document after document. */
const slotsByText = new Map<string, HeadSlots | undefined>();
function headSlotsOf(text: string, key: string): HeadSlots | undefined {
  const k = `${text}\u0000${key}`;
  if (slotsByText.has(k)) return slotsByText.get(k);
  const slots = headSlots(text, key);
  if (slotsByText.size > 20_000) slotsByText.clear();
  slotsByText.set(k, slots);
  return slots;
}

const lexicons = new WeakMap<Record<string, Vocabulary>, Map<string, Lexicon>>();

/** The lexicon of a document in the given language (English alone when it is English or unknown). */
export function lexiconFor(languages: Record<string, Vocabulary>, codes: readonly string[]): Lexicon {
  let byCodes = lexicons.get(languages);
  if (!byCodes) {
    byCodes = new Map();
    lexicons.set(languages, byCodes);
  }
  const key = codes.join(',');
  let lex = byCodes.get(key);
  if (!lex) {
    lex = new Lexicon(codes.map((c) => languages[c]).filter((v): v is Vocabulary => Boolean(v)));
    byCodes.set(key, lex);
  }
  return lex;
}
