/**
 * A template's prose in place of a value: `Owner: the person responsible for the outcome`,
 * `Decision maker: Who made this decision?`, `Deciders: list everyone involved`,
 * `Date: <when it was decided>`. Such text explains the field; it names no one and dates
 * nothing, so it reads as a placeholder.
 */
import { stripInline } from './syntax';

/** Words that open an instruction to the template's reader: "list everyone…", "name of the…". */
const INSTRUCTIONS = new Set([
  'list',
  'name',
  'names',
  'enter',
  'add',
  'insert',
  'fill',
  'describe',
  'write',
  'specify',
  'provide',
  'put',
  'include',
  'mention',
  'identify',
  'replace',
  'select',
  'choose',
  'pick',
  'state',
  'indicate',
  'e.g',
  'eg',
  'example',
  'ex',
  // The same in Portuguese, Spanish, French and German.
  'liste',
  'lista',
  'listar',
  'nome',
  'nombre',
  'nom',
  'indique',
  'informe',
  'insira',
  'ingrese',
  'escriba',
  'escreva',
  'renseigner',
  'indiquer',
]);

/** Question words: "who decides", "when was it decided". */
const QUESTIONS = new Set(['who', 'whom', 'whose', 'which', 'what', 'when', 'how', 'why', 'quem', 'quién', 'quien', 'qui', 'wer', 'quand', 'quando', 'cuándo', 'wann']);

/** Articles and determiners that open a description: "the person responsible for…". */
const DETERMINERS = new Set([
  'the',
  'a',
  'an',
  'this',
  'that',
  'these',
  'those',
  'your',
  'our',
  'their',
  'its',
  'any',
  'each',
  'every',
  'some',
  'person',
  'people',
  'individual',
  'someone',
  'somebody',
  'anyone',
  'whoever',
  'date',
  'day',
  'o',
  'os',
  'as',
  'um',
  'uma',
  'el',
  'la',
  'los',
  'las',
  'un',
  'una',
  'le',
  'les',
  'une',
  'der',
  'die',
  'das',
  'ein',
  'eine',
  'pessoa',
  'persona',
  'personne',
]);

/**
 * Whether a short value is a template's explanation of its field rather than a value: a
 * question, an instruction ("list…", "name of…", "e.g. …"), a `<…>` slot, or a long phrase
 * in lower case that opens with an article or determiner ("the person responsible for…").
 * Names never are: "Ana Souza", "@dana", "Dana (PM)", "Platform team", "the PM".
 */
export function isTemplateProse(value: string): boolean {
  const v = stripInline(value).replace(/\s+/g, ' ').trim();
  if (!v) return false;
  // A slot such as <name> or <who decides> (an e-mail address in angle brackets is a value).
  if (/^<[^<>@]+>$/.test(v)) return true;
  if (/\?\s*(?:\.{3}|…)?$/.test(v) || v.startsWith('¿')) return true;
  const words = v
    .replace(/\([^)]*\)/g, ' ')
    .trim()
    .split(/\s+/);
  const first = words[0].toLowerCase().replace(/[.:,;…]+$/, '');
  const rest = words.slice(1);
  const lower = rest.filter((w) => /^[\p{Ll}\d…'"“‘(-]/u.test(w)).length;
  if (/^(?:e\.g\.?|i\.e\.?|for example|for instance)(?:\s|,|:|$)/i.test(v)) return true;
  if (INSTRUCTIONS.has(first) && rest.length >= 1 && lower >= 1 && /^[\p{Ll}]/u.test(rest[0])) return true;
  if (QUESTIONS.has(first) && rest.length >= 1 && lower === rest.length) return true;
  // "the person responsible for…": four words or more, most of them in lower case.
  return DETERMINERS.has(first) && words.length >= 4 && lower * 3 >= rest.length * 2;
}
