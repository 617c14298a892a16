/**
 * Documents in other languages: the names their sections and decision fields go by, which
 * language a document is written in, and what Charter does with a language it does not know.
 *
 * English names live with the kinds (kinds.ts: SECTION_NAMES, DECISION_FIELDS) and always
 * count, since teams often keep a template's English headings over text in their own
 * language. Each other language adds its names to a document written in it. The language is
 * the front matter's `lang:` (or `language:`, `locale:`), else the one whose names the
 * document's headings and field names use, else the one its text is written in. A document
 * in a language Charter has no names for is not told that its sections or fields are missing.
 */
import { headSlots, namesHead, type HeadSlots } from './headPhrase';
import type { MarkdownModel } from './types';
import { DECISION_OWNER_FIELDS, DECISION_FIELDS, SECTION_NAMES, type DecisionField, type KindSpec, type SectionSpec } from './kinds';
import { termKey } from './syntax';
import { builtinLanguages, type LanguageField, type Vocabulary } from './vocabularies';

export { builtinLanguages, LANGUAGE_FIELDS, type LanguageField, type Vocabulary } from './vocabularies';

/** English's own frequent words, to tell an English text from others. */
const ENGLISH_WORDS = [
  'the',
  'and',
  'of',
  'to',
  'is',
  'in',
  'that',
  'for',
  'it',
  'with',
  'as',
  'on',
  'this',
  'are',
  'be',
  'we',
  'will',
  'by',
  'an',
  'or',
  'not',
  'from',
  'which',
  'have',
  'should',
  'can',
];

/**
 * Languages Charter has no names for, only recognised: so that an Italian or Dutch text is
 * known for what it is rather than taken for the nearest known language.
 */
const OTHER_LANGUAGES: { code: string; name: string; names: string[]; words: string[] }[] = [
  {
    code: 'it',
    name: 'Italian',
    names: ['italian', 'italiano'],
    words: [
      'il',
      'di',
      'che',
      'è',
      'la',
      'per',
      'non',
      'un',
      'una',
      'del',
      'della',
      'sono',
      'con',
      'gli',
      'si',
      'da',
      'nel',
      'anche',
      'questo',
      'come',
      'ma',
      'dei',
      'più',
      'alla',
    ],
  },
  {
    code: 'nl',
    name: 'Dutch',
    names: ['dutch', 'nederlands'],
    words: [
      'de',
      'het',
      'een',
      'van',
      'en',
      'is',
      'dat',
      'niet',
      'op',
      'te',
      'voor',
      'met',
      'zijn',
      'er',
      'die',
      'worden',
      'wordt',
      'ook',
      'als',
      'bij',
      'naar',
      'om',
      'deze',
      'wij',
    ],
  },
  {
    code: 'pl',
    name: 'Polish',
    names: ['polish', 'polski'],
    words: ['się', 'nie', 'na', 'jest', 'do', 'to', 'że', 'w', 'z', 'i', 'jak', 'dla', 'oraz', 'czy', 'przez', 'od', 'być', 'tak', 'po', 'ale'],
  },
  {
    code: 'sv',
    name: 'Swedish',
    names: ['swedish', 'svenska'],
    words: ['och', 'att', 'det', 'som', 'en', 'är', 'på', 'för', 'med', 'av', 'inte', 'den', 'till', 'har', 'vi', 'ett', 'om', 'kan', 'ska'],
  },
  {
    code: 'id',
    name: 'Indonesian',
    names: ['indonesian', 'bahasa indonesia'],
    words: ['yang', 'dan', 'di', 'ini', 'untuk', 'dengan', 'tidak', 'dari', 'akan', 'pada', 'ke', 'adalah', 'dalam', 'itu', 'kami', 'bisa'],
  },
  {
    code: 'tr',
    name: 'Turkish',
    names: ['turkish', 'türkçe'],
    words: ['ve', 'bir', 'bu', 'için', 'ile', 'da', 'de', 'olarak', 'çok', 'daha', 'olan', 'gibi', 'ama', 'veya', 'değil'],
  },
];

/** Names of languages by which front matter may call a language Charter has no words for. */
const OTHER_NAMES: Record<string, string> = {
  japanese: 'ja',
  日本語: 'ja',
  chinese: 'zh',
  中文: 'zh',
  korean: 'ko',
  한국어: 'ko',
  russian: 'ru',
  русский: 'ru',
  ukrainian: 'uk',
  czech: 'cs',
  danish: 'da',
  norwegian: 'no',
  finnish: 'fi',
  greek: 'el',
  hebrew: 'he',
  arabic: 'ar',
  hindi: 'hi',
  vietnamese: 'vi',
  thai: 'th',
  romanian: 'ro',
  hungarian: 'hu',
  catalan: 'ca',
};

/** Front matter keys that name a document's language. */
const LANGUAGE_KEYS = ['lang', 'language', 'locale'];

/** The language a document is read in. */
export interface DocumentLanguage {
  /** An ISO 639 code (`en`, `pt`, `it`…), or `und` when only "not English" is known. */
  code: string;
  /** Its name in English, when known. */
  name?: string;
  /** Whether Charter has names for it (English, a built-in or a configured language). */
  known: boolean;
  /** What said so. */
  source: 'front matter' | 'headings' | 'text' | 'default';
  /** For an unknown language: the kinds of findings left out because its names are unknown. */
  withheld?: string[];
}

const ENGLISH: DocumentLanguage = { code: 'en', name: 'English', known: true, source: 'default' };

/** The language a front matter value names: `pt-BR`, `de_DE`, `fr`, `Deutsch`, `Italian`. */
export function languageOfValue(value: unknown, key: string, languages: Record<string, Vocabulary>): DocumentLanguage | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim().toLowerCase();
  if (!v) return undefined;
  const m = /^([a-z]{2,3})(?:[-_][a-z0-9]{2,8})*$/.exec(v);
  if (m) {
    const code = m[1];
    // `language:` may name a programming language in some front matter: only codes of real
    // languages count there (`lang:` and `locale:` are always natural languages).
    if (key !== 'language' || code === 'en' || languages[code] || Object.values(OTHER_NAMES).includes(code) || OTHER_LANGUAGES.some((o) => o.code === code)) {
      return describeCode(code, languages, 'front matter');
    }
    return undefined;
  }
  if (v === 'english') return { ...ENGLISH, source: 'front matter' };
  for (const voc of Object.values(languages)) if (voc.names.some((n) => n.toLowerCase() === v)) return describeCode(voc.code, languages, 'front matter');
  const other = OTHER_LANGUAGES.find((o) => o.names.includes(v))?.code ?? OTHER_NAMES[v];
  return other ? describeCode(other, languages, 'front matter') : undefined;
}

function describeCode(code: string, languages: Record<string, Vocabulary>, source: DocumentLanguage['source']): DocumentLanguage {
  if (code === 'en') return { ...ENGLISH, source };
  const voc = languages[code];
  if (voc) return { code, name: voc.name, known: true, source };
  const other = OTHER_LANGUAGES.find((o) => o.code === code);
  const name = other?.name ?? Object.entries(OTHER_NAMES).find(([n, c]) => c === code && /^[a-z]+$/.test(n))?.[0];
  return { code, name: name ? name[0].toUpperCase() + name.slice(1) : undefined, known: false, source };
}

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
    const seen = new Set<string>();
    return all.filter((n) => {
      const k = termKey(n);
      if (seen.has(k)) return false;
      seen.add(k);
      return true;
    });
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
 * Words that make a heading about what is not there or is elsewhere ("Out of scope",
 * "Non-goals", "Related decisions", "Open issues", "Fora do escopo", "Hors périmètre").
 */
const QUALIFIERS = new Set([
  'non',
  'not',
  'no',
  'out',
  'without',
  'open',
  'known',
  'related',
  'other',
  'previous',
  'future',
  'next',
  'unresolved',
  'outstanding',
  'rejected',
  'superseded',
  'old',
  'legacy',
  'past',
  'antigo',
  'antiga',
  'legado',
  'antiguo',
  'antigua',
  'ancien',
  'ancienne',
  'alt',
  'alte',
  'alten',
  'bisherige',
  'fora',
  'sem',
  'nao',
  'relacionada',
  'relacionado',
  'relacionadas',
  'relacionados',
  'outra',
  'outro',
  'outras',
  'outros',
  'aberto',
  'aberta',
  'abertos',
  'abertas',
  'futuro',
  'futura',
  'fuera',
  'sin',
  'relacionada',
  'otra',
  'otro',
  'otras',
  'otros',
  'abierto',
  'abierta',
  'abiertas',
  'abiertos',
  'hor',
  'hors',
  'san',
  'sans',
  'pas',
  'lie',
  'liee',
  'lies',
  'liees',
  'autre',
  'autres',
  'ouvert',
  'ouverte',
  'ouverts',
  'ouvertes',
  'futur',
  'future',
  'außerhalb',
  'ausserhalb',
  'nicht',
  'ohne',
  'kein',
  'keine',
  'verwandte',
  'andere',
  'offene',
  'offen',
  'zukunftige',
]);

/** Languages that put the head of a phrase first (French, Spanish, Portuguese, Italian…). */
const HEAD_FIRST = new Set(['fr', 'es', 'pt', 'it', 'ca', 'ro']);

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

/** Per languages table: each language's heading and field names (termKeys) not also English. */
const ownKeysCache = new WeakMap<Record<string, Vocabulary>, Map<string, Set<string>>>();
function ownKeys(languages: Record<string, Vocabulary>, kinds: readonly KindSpec[]): Map<string, Set<string>> {
  let out = ownKeysCache.get(languages);
  if (out) return out;
  out = new Map();
  const english = new Set<string>();
  for (const names of Object.values(DECISION_FIELDS)) for (const n of names) english.add(termKey(n));
  for (const k of kinds) for (const s of k.sections) for (const n of [s.name, ...s.aliases]) english.add(termKey(n));
  for (const v of Object.values(languages)) {
    const keys = new Set<string>();
    const add = (n: string) => {
      const k = termKey(n);
      if (k && !english.has(k)) keys.add(k);
    };
    for (const names of Object.values(v.sections)) names.forEach(add);
    for (const names of Object.values(v.fields)) (names ?? []).forEach(add);
    out.set(v.code, keys);
  }
  ownKeysCache.set(languages, out);
  return out;
}

/**
 * The language a document declares or whose names its headings and field names use: the
 * front matter's `lang:` first, else the languages most of its non-English headings belong
 * to (several when they tie: Portuguese and Spanish share many words), else English for now
 * (see {@link languageOfText} for a document whose headings tell nothing).
 */
export function declaredLanguage(md: MarkdownModel, languages: Record<string, Vocabulary>, kinds: readonly KindSpec[]): { language: DocumentLanguage; codes: string[] } {
  const fm = md.frontMatter?.data;
  if (fm) {
    for (const key of Object.keys(fm)) {
      const k = key.toLowerCase();
      if (!LANGUAGE_KEYS.includes(k)) continue;
      const lang = languageOfValue(fm[key], k, languages);
      if (lang) return { language: lang, codes: lang.known && lang.code !== 'en' ? [lang.code] : [] };
    }
  }
  const own = ownKeys(languages, kinds);
  if (own.size === 0) return { language: ENGLISH, codes: [] };
  const scores = new Map<string, number>();
  const count = (text: string) => {
    const k = termKey(text);
    for (const [code, keys] of own) if (keys.has(k)) scores.set(code, (scores.get(code) ?? 0) + 1);
  };
  // A heading that holds a language's name counts too ("Escopo do sprint"), for the first
  // hundred headings (enough to tell; a log may have thousands).
  let grams = gramOwners.get(own);
  if (!grams) {
    grams = new Map();
    for (const [code, keys] of own) for (const k of keys) if (k.length >= 5) grams.set(k, [...(grams.get(k) ?? []), code]);
    gramOwners.set(own, grams);
  }
  const headings = md.headings.length > 100 ? md.headings.slice(0, 100) : md.headings;
  for (const h of headings) {
    // Once per heading text: the same headings come back in document after document.
    let byText = headingCodes.get(own);
    if (!byText) headingCodes.set(own, (byText = new Map()));
    let codes = byText.get(h.text);
    if (codes === undefined) {
      const key = termKey(h.text);
      const words = key.split(' ');
      const found = new Set<string>();
      for (const [code, keys] of own) if (keys.has(key)) found.add(code);
      for (let i = 0; i < words.length && i < 12; i++) {
        let gram = '';
        for (let j = i; j < words.length && j < i + 6; j++) {
          gram = gram ? `${gram} ${words[j]}` : words[j];
          for (const code of grams.get(gram) ?? []) found.add(code);
        }
      }
      codes = [...found];
      if (byText.size > 20_000) byText.clear();
      byText.set(h.text, codes);
    }
    for (const code of codes) scores.set(code, (scores.get(code) ?? 0) + 1);
  }
  const fields = md.fields.length > 200 ? md.fields.slice(0, 200) : md.fields;
  for (const f of fields) count(f.key);
  if (fm) for (const key of Object.keys(fm)) count(key);
  let best = 0;
  for (const s of scores.values()) best = Math.max(best, s);
  // One heading in ten or fewer is no language of the document's headings: a long English
  // document with a "Field `comment`" (French "comment", how) is told by its text instead.
  if (best === 0 || best * 10 < headings.length) return { language: ENGLISH, codes: [] };
  const codes = [...scores]
    .filter(([, s]) => s === best)
    .map(([c]) => c)
    .sort();
  return { language: { code: codes.join('+'), name: codes.map((c) => languages[c].name).join(' or '), known: true, source: 'headings' }, codes };
}

/** The languages whose names a heading's text uses, per table of own names. */
const headingCodes = new WeakMap<Map<string, Set<string>>, Map<string, string[]>>();

/** Each language's own names of five letters or more, and the languages that use them. */
const gramOwners = new WeakMap<Map<string, Set<string>>, Map<string, string[]>>();

/** At most this much of a text is read to tell its language: some hundreds of words are plenty. */
const SAMPLE = 4_000;

/** For each frequent word, the languages it is frequent in (built once per languages table). */
interface WordTable {
  names: { code: string; name: string; known: boolean }[];
  byWord: Map<string, number[]>;
}
const wordTables = new WeakMap<Record<string, Vocabulary>, WordTable>();
function wordTable(languages: Record<string, Vocabulary>): WordTable {
  let t = wordTables.get(languages);
  if (t) return t;
  t = { names: [], byWord: new Map() };
  const add = (code: string, name: string, known: boolean, words: readonly string[]) => {
    const i = t!.names.length;
    t!.names.push({ code, name, known });
    for (const w of new Set(words)) t!.byWord.set(w, [...(t!.byWord.get(w) ?? []), i]);
  };
  add('en', 'English', true, ENGLISH_WORDS);
  for (const v of Object.values(languages)) if (v.words.length) add(v.code, v.name, true, v.words);
  for (const o of OTHER_LANGUAGES) if (!languages[o.code]) add(o.code, o.name, false, o.words);
  wordTables.set(languages, t);
  return t;
}

/**
 * The language a text is written in, from its frequent short words (or its script), for a
 * document whose front matter and headings say nothing: English unless the text is clearly
 * something else. Unknown (`known: false`) when it is clearly not English and not a language
 * Charter has names for.
 */
export function languageOfText(text: string, languages: Record<string, Vocabulary>): DocumentLanguage {
  // An open document is asked again at every keystroke, mostly with the same first words.
  const head = text.length > SAMPLE ? text.slice(0, SAMPLE) : text;
  const last = lastSample.get(languages);
  if (last && last.head === head) return last.language;
  const language = readLanguageOfText(head, languages);
  // A copy, not a slice: a slice would keep the whole text alive.
  lastSample.set(languages, { head: head.length < 13 ? head : (' ' + head).slice(1), language });
  return language;
}

/** The last sample read per languages table, and its language. */
const lastSample = new WeakMap<Record<string, Vocabulary>, { head: string; language: DocumentLanguage }>();

function readLanguageOfText(text: string, languages: Record<string, Vocabulary>): DocumentLanguage {
  const sample = (text.length > SAMPLE ? text.slice(0, SAMPLE) : text)
    .replace(/^(```|~~~)[\s\S]*?^\1/gm, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/\]\([^)]*\)|https?:\/\/\S+|`[^`\n]*`/g, ' ');
  const table = wordTable(languages);
  const hits = new Array<number>(table.names.length).fill(0);
  let latin = 0;
  let other = 0;
  let words = 0;
  let lower = 0;
  for (const m of sample.matchAll(/\p{L}+/gu)) {
    const w = m[0];
    // Latin letters (with their accents) are below U+0250, or in U+1E00–U+1EFF.
    let nonLatin = false;
    for (let k = 0; k < w.length; k++) {
      const c = w.charCodeAt(k);
      if (c > 0x24f && (c < 0x1e00 || c > 0x1eff)) {
        nonLatin = true;
        break;
      }
    }
    if (nonLatin) other += w.length;
    else latin += w.length;
    words++;
    // Prose is mostly words in lower case; keys, names and titles are capitalised.
    if (w[0] !== w[0].toUpperCase()) lower++;
    const langs = table.byWord.get(w.toLowerCase());
    if (langs) for (const i of langs) hits[i]++;
  }
  const share = (i: number) => (words ? hits[i] / words : 0);
  // Text in another script (Japanese, Chinese, Cyrillic, Arabic…): unknown, unless configured.
  if (other >= 50 && other > latin) {
    const i = table.names.findIndex((n, j) => j > 0 && n.known && share(j) > 0.08);
    return i > 0 ? { code: table.names[i].code, name: table.names[i].name, known: true, source: 'text' } : { code: 'und', known: false, source: 'text' };
  }
  // Too little prose to tell (a list of fields, names and dates is no evidence of a language).
  if (words < 40 || lower < 25) return ENGLISH;
  const en = share(0);
  let best = 0;
  for (let i = 1; i < table.names.length; i++) if (share(i) > share(best)) best = i;
  if (best === 0) return ENGLISH;
  // Clearly not English: few English words, and the other language's words frequent.
  if (en > 0.06 || share(best) < 0.12) return en < 0.02 ? { code: 'und', known: false, source: 'text' } : ENGLISH;
  const b = table.names[best];
  return { code: b.code, name: b.name, known: b.known, source: 'text' };
}

/** The note shown once on a document in a language Charter has no names for. */
export function unknownLanguageNote(lang: DocumentLanguage, kindName: string): string {
  const which = lang.name ? `${lang.name}${lang.code !== 'und' ? ` (${lang.code})` : ''}` : lang.code === 'und' ? 'a language other than English' : `"${lang.code}"`;
  const how = lang.code !== 'und' && /^[a-z]{2,3}$/.test(lang.code) ? `languages.${lang.code}` : 'languages.<code> (and lang: <code> in its front matter)';
  const what = lang.withheld?.length ? lang.withheld.join(', ') : 'sections and fields';
  return `${kindName} is written in ${which}, which Charter has no section or field names for: missing ${what} are not reported. Add its names under ${how} in .charter.yaml to have them checked`;
}
