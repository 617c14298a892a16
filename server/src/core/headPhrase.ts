/**
 * What a heading is about: its head phrase. A heading stands for a section when its head
 * names the section — "Decision Outcome", "Technical context", "Requirements overview",
 * "Résultat de la décision" — not when the section's word only modifies something else:
 * "Decision Drivers" is about drivers, "Implementation History" about history, "Critères de
 * décision" about criteria, "Rollout Planning" about planning. A question ("What happens if
 * we re-enable the feature?") is about no section.
 *
 * Decided from the structure of the heading, by tables per language, not by lists of
 * headings: English and German put the head last ("decision drivers", "technischer
 * Kontext"); French, Spanish and Portuguese put it first, before its complement ("critères de
 * décision", "escopo do sprint"); "of"-complements work the same way in English ("outcome of
 * the decision"). Coordinated heads all count ("Goals and requirements"). A light head
 * ("overview", "summary", "details", "résumé", "detalles"…) hands the role to what it is of.
 */
import { termKey } from './syntax';

/** Where the heads of a heading are, as positions in the words of its termKey. */
export interface HeadSlots {
  /** The heading asks a question: it stands for no section. */
  question: boolean;
  /** Positions of the words that end a head phrase (a name that ends there is about the heading's topic). */
  ends: Set<number>;
  /** Positions of the words that start a head phrase (a head-first language's name may start there). */
  starts: Set<number>;
  /** The heading is built head first ("critères de décision", "escopo do sprint"). */
  headFirst: boolean;
}

/** Words that open a complement: what follows is not the head ("criteria *of* the decision"). */
const PREPOSITIONS = new Set([
  'of',
  'for',
  'on',
  'in',
  'to',
  'with',
  'about',
  'from',
  'by',
  'per',
  'under',
  'behind',
  'after',
  'before',
  'if',
  'when',
  'vs',
  'versus',
  'de',
  'du',
  'des',
  'd',
  'del',
  'da',
  'do',
  'dos',
  'das',
  'della',
  'dello',
  'dei',
  'di',
  'pour',
  'para',
  'por',
  'sur',
  'sobre',
  'dans',
  'en',
  'avec',
  'con',
  'com',
  'sans',
  'sin',
  'sem',
  'au',
  'aux',
  'al',
  'ao',
  'aos',
  'a',
  'fur',
  'von',
  'vom',
  'zur',
  'zum',
  'zu',
  'uber',
  'mit',
  'im',
  'bei',
  'nach',
  'gegen',
  'ohne',
  'der',
]);

/** Prepositions that mark a head-first (Romance) phrase. */
const ROMANCE_MARKERS = new Set(['de', 'du', 'des', 'd', 'del', 'da', 'do', 'dos', 'das', 'della', 'pour', 'para', 'por', 'au', 'aux', 'al', 'ao', 'aos']);

/** Articles and determiners before a head phrase ("The decision", "La décision", "Our proposal"). */
const ARTICLES = new Set([
  'the',
  'a',
  'an',
  'our',
  'this',
  'le',
  'la',
  'les',
  'l',
  'un',
  'une',
  'el',
  'los',
  'las',
  'o',
  'os',
  'as',
  'um',
  'uma',
  'die',
  'das',
  'den',
  'dem',
  'ein',
  'eine',
  'unser',
  'unsere',
]);

/** Conjunctions between coordinated heads. */
const CONJUNCTIONS = new Set(['and', 'or', 'und', 'oder', 'et', 'ou', 'y', 'o', 'e', 'ni']);

/**
 * Heads that say how a topic is presented rather than what it is: with a complement
 * ("Summary of changes") the complement is the topic; after another word ("Requirements
 * overview") that word is.
 */
const LIGHT_HEADS = new Set([
  'overview',
  'summary',
  'details',
  'detail',
  'description',
  'introduction',
  'notes',
  'note',
  'section',
  'part',
  'list',
  'outline',
  'highlights',
  'statement',
  'explanation',
  'discussion',
  'resume',
  'apercu',
  'presentation',
  'detalles',
  'detalle',
  'descripcion',
  'resumen',
  'introduccion',
  'detalhes',
  'descricao',
  'resumo',
  'visao geral',
  'introducao',
  'uberblick',
  'zusammenfassung',
  'beschreibung',
  'einfuhrung',
  'einleitung',
]);

/**
 * Past participles written after their noun ("Alternatives considered", "Options explored"):
 * the noun before is the head.
 */
const POSTPOSED = new Set(['considered', 'explored', 'evaluated', 'examined', 'investigated', 'discussed', 'rejected', 'reviewed', 'proposed', 'made', 'taken']);

/** Words that open a question. */
const QUESTION_WORDS = new Set([
  'what',
  'how',
  'why',
  'when',
  'who',
  'whom',
  'which',
  'where',
  'does',
  'do',
  'did',
  'is',
  'are',
  'can',
  'could',
  'should',
  'will',
  'would',
  'shall',
  'may',
  'must',
  'has',
  'have',
  'que',
  'quoi',
  'pourquoi',
  'comment',
  'quel',
  'quelle',
  'quels',
  'quelles',
  'qui',
  'quand',
  'ou',
  'est',
  'faut',
  'como',
  'cual',
  'cuales',
  'quien',
  'quienes',
  'cuando',
  'donde',
  'porque',
  'quem',
  'onde',
  'qual',
  'quais',
  'was',
  'wie',
  'warum',
  'wieso',
  'weshalb',
  'wer',
  'wann',
  'welche',
  'welcher',
  'welches',
  'wo',
  'ist',
  'sind',
  'kann',
  'soll',
  'sollen',
]);

/** The words of a heading as it is written (lower case, accents dropped), with commas and slashes kept as marks. */
function tokens(text: string): string[] {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\(\s*optional\s*\)\s*$/u, '')
    .replace(/^\s*(?:\d+(?:\.\d+)*\.?|[ivxlc]+[.)]|[a-z][.)])\s+/u, '')
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/&/g, ' and ')
    .replace(/[,;/+]/g, ' , ')
    .replace(/:\s/g, ' : ')
    .replace(/[^\p{L}\p{N},?:]+/gu, ' ')
    .replace(/\?/g, ' ? ')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
}

/**
 * The head slots of a heading, aligned with the words of `termKey(text)`; undefined when the
 * two cannot be aligned (then the caller trusts only exact names).
 */
export function headSlots(text: string, key = termKey(text)): HeadSlots | undefined {
  const raw = tokens(text);
  const question = raw.includes('?') || (raw.length >= 3 && QUESTION_WORDS.has(raw[0]));
  // Each written word with its position among the termKey's words (joining words have none).
  const keyWords = key ? key.split(' ') : [];
  const words: { w: string; at: number }[] = [];
  let k = 0;
  for (const t of raw) {
    if (t === ',' || t === '?' || t === ':') {
      words.push({ w: t, at: -1 });
      continue;
    }
    const tk = termKey(t);
    if (!tk) {
      words.push({ w: t, at: -1 });
      continue;
    }
    // A word may key to two (an apostrophe: "d'usage" → "d usage").
    const parts = tk.split(' ');
    for (const p of parts) {
      if (keyWords[k] !== p) return undefined;
      words.push({ w: p, at: k++ });
    }
  }
  if (k !== keyWords.length) return undefined;
  const ends = new Set<number>();
  const starts = new Set<number>();
  const headFirst = words.some((x) => ROMANCE_MARKERS.has(x.w));
  if (question) return { question, ends, starts, headFirst };

  // The main phrase: up to the first preposition (its complement is not the head), or up to
  // a colon ("Decision: Option 3" is the Decision, its value after the colon).
  const phrase = (from: number): { main: typeof words; rest: typeof words; colon: boolean } => {
    const body = words.slice(from);
    const cut = body.findIndex((x, i) => (i > 0 && PREPOSITIONS.has(x.w)) || x.w === ':');
    return cut < 0 ? { main: body, rest: [], colon: false } : { main: body.slice(0, cut), rest: body.slice(cut + 1), colon: body[cut].w === ':' };
  };
  const mark = (main: typeof words, rest: typeof words, depth: number, colon = false): void => {
    // Coordinated heads: "Goals and requirements", "Rollout, upgrade and rollback planning".
    const conjuncts: (typeof words)[] = [[]];
    for (const x of main) {
      if (x.w === ',' || CONJUNCTIONS.has(x.w)) conjuncts.push([]);
      else if (x.at >= 0) conjuncts[conjuncts.length - 1].push(x);
    }
    for (let c of conjuncts) {
      while (c.length && ARTICLES.has(c[0].w)) c = c.slice(1);
      if (!c.length) continue;
      if (c.length > 1 && POSTPOSED.has(c[c.length - 1].w)) c = c.slice(0, -1);
      const last = c[c.length - 1];
      if (LIGHT_HEADS.has(last.w)) {
        // "Requirements overview": the word before too (and the whole, a name itself:
        // "Reference-level explanation"); "Summary of changes": the complement.
        if (c.length > 1) {
          ends.add(c[c.length - 2].at);
          ends.add(last.at);
        } else if (rest.length && !colon && depth < 3) {
          const inner = phrase(words.indexOf(rest[0]));
          mark(inner.main, inner.rest, depth + 1, inner.colon);
        }
        // A light head alone ("Summary", "Overview") is its own topic; with a complement it is
        // not, but what follows a colon is its subtitle ("Discussion: Transport Mechanisms").
        if (c.length === 1 && (!rest.length || colon)) ends.add(last.at);
        starts.add(c[0].at);
        continue;
      }
      ends.add(last.at);
      starts.add(c[0].at);
    }
  };
  const first = words.findIndex((x) => x.at >= 0 || x.w === ',');
  if (first < 0) return { question, ends, starts, headFirst };
  const { main, rest, colon } = phrase(first);
  mark(main, rest, 0, colon);
  return { question, ends, starts, headFirst };
}

/**
 * Whether a name found at word positions [i, j] of a heading is what the heading is about:
 * it ends a head phrase, or — in a heading built head first, or for a name of a head-first
 * language only (`headFirstName`: "requisitos" in "Requisitos técnicos essenciais") — it
 * starts one.
 */
export function namesHead(slots: HeadSlots, i: number, j: number, headFirstName = false): boolean {
  return !slots.question && (slots.ends.has(j) || (slots.starts.has(i) && (slots.headFirst || headFirstName)));
}
