/**
 * Documents in other languages: which language a document is written in, and what Charter
 * does with a language it does not know. The names its sections and decision fields go by
 * are matched in lexicon.ts; the words of each language are data (vocabularies.ts for the
 * languages Charter has names for, languageData.ts for the rest).
 *
 * English names live with the kinds (kinds.ts: SECTION_NAMES, DECISION_FIELDS) and always
 * count, since teams often keep a template's English headings over text in their own
 * language. Each other language adds its names to a document written in it. The language is
 * the front matter's `lang:` (or `language:`, `locale:`), else the one whose names the
 * document's headings and field names use, else the one its text is written in. A document
 * in a language Charter has no names for is not told that its sections or fields are missing.
 */
import { DECISION_FIELDS, type KindSpec } from './kinds';
import { ENGLISH_WORDS, LANGUAGE_KEYS, OTHER_LANGUAGES, OTHER_NAMES } from './languageData';
import { termKey } from './syntax';
import type { MarkdownModel } from './types';
import type { Vocabulary } from './vocabularies';

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
