/**
 * Small text helpers shared by every parser: field lines, inline markup, placeholders and
 * the normalisation used to compare headings and field names.
 */
import type { Field } from './types';
import { statusOf } from './status';

/**
 * Normalises a heading or a section name for comparison: case, numbering ("2.1"),
 * punctuation, emoji and a trailing "(optional)" do not matter.
 */
export function normalizeHeading(text: string): string {
  // Plain words (most headings) need only case and spacing: the other steps cannot apply.
  if (/^[A-Za-z]+(?: [A-Za-z]+)*$/.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/\(\s*optional\s*\)\s*$/u, '')
    .replace(/[\p{Extended_Pictographic}\u{FE0F}\u{200D}]/gu, ' ')
    .replace(/^\s*(?:\d+(?:\.\d+)*\.?|[ivxlc]+[.)]|[a-z][.)])\s+/u, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Words that join two halves of a heading ("Context and problem statement", "Vor- und Nachteile"). */
const JOINING_WORDS = new Set(['and', 'und', 'et', 'e', 'y']);

/**
 * The key under which a heading or a field name is compared with a section's or a field's
 * names, in any language: what {@link normalizeHeading} ignores, and also accents
 * ("Decisão" = "Decisao"), a joining word or an ampersand ("Context & problem statement"),
 * plural endings ("Requirements", "Consequence", "Decision maker(s)", "Decisor(es)") and
 * a trailing colon. Both sides of a comparison go through it, so "Status" (→ "statu")
 * still equals "Status".
 */
export function termKey(text: string): string {
  let k = termKeys.get(text);
  if (k === undefined) {
    k = computeTermKey(text);
    if (termKeys.size > 20_000) termKeys.clear();
    if (text.length < 200) termKeys.set(text, k);
  }
  return k;
}

/** The names in order, the first of each term (by {@link termKey}): "Risk" and "Risks" once. */
export function distinctTerms(names: readonly string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => {
    const k = termKey(n);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Terms already keyed: the same headings and field names come back in every document. */
const termKeys = new Map<string, string>();

function computeTermKey(text: string): string {
  const plain = /^[A-Za-z]+(?: [A-Za-z]+)*$/.test(text);
  const base = plain
    ? text.toLowerCase()
    : normalizeHeading(text.replace(/\((?:s|es|en|n|r|e|innen|as|os|a|o)\)/gi, ''))
        .normalize('NFD')
        .replace(/\p{M}+/gu, '');
  let out = '';
  for (const w of base.split(' ')) {
    if (!w || JOINING_WORDS.has(w)) continue;
    const one = w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
    out = out ? `${out} ${one}` : one;
  }
  return out;
}

/** Keys already normalised: owners, roles and field names repeat across thousands of documents. */
const normalizedKeys = new Map<string, string>();

/** Normalises a field name: case, markup, punctuation and spacing do not matter. */
export function normalizeKey(text: string): string {
  let k = normalizedKeys.get(text);
  if (k !== undefined) return k;
  k = text
    .toLowerCase()
    .replace(/\(s\)/g, 's')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  if (normalizedKeys.size > 20_000) normalizedKeys.clear();
  if (text.length < 200) normalizedKeys.set(text, k);
  return k;
}

/** Removes inline markdown markup from a short piece of text: emphasis, code, links. */
export function stripInline(text: string): string {
  // Most values (names, dates, plain sentences) hold no markup at all.
  if (!/[[\]<>*_`\\!]/.test(text)) return text.trim();
  // Each step as a regex would do it, in linear time: the link forms are read by hand (a
  // regex retries every `[` of a long run up to the same `]`), and the others only run up to
  // the last place they could end.
  const links = replaceRefLinks(replaceInlineLinks(text));
  return upTo(
    upTo(links, '>', 1, (s) => s.replace(/<((?:https?|mailto):[^>]+)>/g, '$1')),
    '-->',
    3,
    (s) => s.replace(/<!--[\s\S]*?-->/g, ''),
  )
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[^\w*])[*_]([^*_]+)[*_](?![\w*])/g, '$1$2')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, '$1')
    .trim();
}

/**
 * Applies `fn` (a replacement whose matches all end with `end`) to the text up to the last
 * `end` only: a regex that scans on to the end of the text from every candidate start is
 * quadratic when no `end` follows.
 */
function upTo(text: string, end: string, len: number, fn: (s: string) => string): string {
  const last = text.lastIndexOf(end);
  if (last < 0) return text;
  return fn(text.slice(0, last + len)) + text.slice(last + len);
}

/** Removes HTML comments, replaced by `by`, as `.replace(/<!--[\s\S]*?-->/g, by)` in linear time. */
export function replaceComments(text: string, by: string): string {
  return text.includes('<!--') ? upTo(text, '-->', 3, (s) => s.replace(/<!--[\s\S]*?-->/g, by)) : text;
}

/** `[text](url)` and `![text](url)` become their text, as `/!?\[([^\]]*)\]\([^)]*\)/g` → `$1` does, in linear time. */
function replaceInlineLinks(s: string): string {
  return replaceBracketed(s, 40 /* ( */, ')', true, 0);
}

/** `[text][label]` becomes its text, as `/\[([^\]]+)\]\[[^\]]*\]/g` → `$1` does, in linear time. */
function replaceRefLinks(s: string): string {
  return replaceBracketed(s, 91 /* [ */, ']', false, 1);
}

/**
 * Replaces `[text]` followed by a second part (`(…)` or `[…]`) with its text, scanning each
 * `]` once: a regex would retry every `[` of a long run up to the same `]`.
 */
function replaceBracketed(s: string, second: number, close: string, images: boolean, minText: number): string {
  if (!s.includes(`]${String.fromCharCode(second)}`)) return s;
  let out = '';
  let p = 0; // where the regex would search next
  let from = 0; // `[`s before this have a `]` already seen as their first
  let open = -1; // the first `[` at or after `from`
  for (let j = s.indexOf(']'); j >= 0; j = s.indexOf(']', j + 1)) {
    if (open < from) open = s.indexOf('[', from);
    if (open < 0) break;
    if (open < j - minText && s.charCodeAt(j + 1) === second) {
      const k = s.indexOf(close, j + 2);
      if (k < 0) break;
      const start = images && open - 1 >= p && s.charCodeAt(open - 1) === 33 /* ! */ ? open - 1 : open;
      out += s.slice(p, start) + s.slice(open + 1, j);
      p = from = k + 1;
      j = k;
      continue;
    }
    from = j + 1;
  }
  return out + s.slice(p);
}

const FIELD_RE = /^(\*\*|__|\*|_)?([A-Za-z\p{L}][^:*_`[\]<>|]{0,48}?)(?:\1:|:\1)(?=[ \t]|$)[ \t]*(.*)$/u;
const LIST_MARKER_RE = /^[ \t]{0,3}(?:>[ \t]?)*[ \t]*(?:([-*+]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?)?/;

/**
 * Reads a `Key: value` line: plain (`Owner: Dana`), bold (`**Owner:** Dana`,
 * `**Owner**: Dana`), emphasised, or as a list item (`- **Decided by**: Dana`).
 * Returns undefined for lines that are not fields (sentences, URLs, key lines of 7+ words).
 */
export function parseFieldLine(raw: string, line: number): Field | undefined {
  if (!raw.includes(':')) return undefined;
  const marker = LIST_MARKER_RE.exec(raw);
  const lead = marker ? marker[0].length : 0;
  const rest = raw.slice(lead);
  const m = FIELD_RE.exec(rest);
  if (!m) return undefined;
  const key = m[2].trim();
  if (!key || key.split(/\s+/).length > 6 || /[.!?]$/.test(key)) return undefined;
  const keyStart = lead + (m[1]?.length ?? 0);
  const rawValue = m[3].replace(/(?:\s{2,}|\\)$/, '').trimEnd();
  const valueStart = lead + m[0].length - m[3].length;
  return {
    key,
    normKey: normalizeKey(key),
    value: stripInline(rawValue),
    rawValue,
    line,
    keyRange: { start: { line, character: keyStart }, end: { line, character: keyStart + key.length } },
    valueRange: { start: { line, character: valueStart }, end: { line, character: valueStart + rawValue.length } },
    listItem: Boolean(marker && marker[1]),
    bold: m[1] === '**' || m[1] === '__',
  };
}

/** What stands in for text not written yet: TBD, TODO, {…}, […], ___, <…>. */
const PLACEHOLDER_LINE_RE =
  /^(?:tbd|tba|tbc|todo|fixme|xxx|wip|coming soon|to be (?:decided|determined|defined|written|added|confirmed)|lorem ipsum.*|\.{3}|…|_{3,}|\{[^{}]*\}|\[[^[\]]*\]|<(?=[^<>:/]* )[^<>:/]*>)[.!:]?$/i;
const PLACEHOLDER_START_RE = /^(?:tbd|todo|fixme|xxx)\b[:\s-]/i;
/** Owner and date values also mean "nobody" or "not known" with these. */
const NOBODY_RE = /^(?:\?+|-+|—|–|n\/?a|none|nobody|no one|unknown|unassigned|not decided|undecided|pending)$/i;

/**
 * Whether a block holds only placeholders: `TBD`, `TODO`, `{…}`, `[…]`, `___`, template
 * comments, or nothing at all. `[x]` is a link, not a placeholder, when the document
 * defines the label (`[x]: https://…`): `isDefined` says which labels it defines.
 */
export function isPlaceholderText(raw: string, isDefined?: (label: string) => boolean): boolean {
  const text = replaceComments(raw, '\n');
  for (const rawLine of text.split(/\r\n|\r|\n/)) {
    let line = rawLine.replace(LIST_MARKER_RE, '').trim();
    if (isDefined && /^\[[^[\]]+\]$/.test(line) && isDefined(line.slice(1, -1))) return false;
    if (isBracketedValue(line)) return false;
    if (PLACEHOLDER_LINE_RE.test(line)) continue;
    line = line.replace(/^(\*\*|__|\*|_)(.*)\1$/, '$2').trim();
    if (line === '' || /^[|:\- ]+$/.test(line)) continue;
    if (PLACEHOLDER_LINE_RE.test(line) || PLACEHOLDER_START_RE.test(line)) continue;
    return false;
  }
  return true;
}

/**
 * A value written in brackets that is a word of its field's own vocabulary — `[Accepted]`,
 * `[Approved]`: a status a team wrote, not a template's `[status]` left unfilled (which names
 * no status, or offers several: `[Proposed | Accepted]`).
 */
function isBracketedValue(text: string): boolean {
  const m = /^\[\s*([^[\]|/,]+?)\s*\]\.?$/.exec(text.replace(/^(\*\*|__|\*|_)(.*)\1$/, '$2').trim());
  return Boolean(m && statusOf(m[1]));
}

/** A link label as CommonMark compares labels: case and runs of white space do not matter. */
export function labelKey(raw: string): string {
  return raw
    .replace(/[\t\n\r ]+/g, ' ')
    .replace(/^ | $/g, '')
    .toLowerCase()
    .toUpperCase();
}

/** Whether a single value (an owner, a date) is empty or a placeholder. */
export function isPlaceholderValue(value: string): boolean {
  const raw = replaceComments(value, '').trim();
  if (isBracketedValue(raw)) return false;
  if (PLACEHOLDER_LINE_RE.test(raw)) return true;
  const v = stripInline(raw).trim();
  return v === '' || PLACEHOLDER_LINE_RE.test(v) || PLACEHOLDER_START_RE.test(`${v} `) || NOBODY_RE.test(v);
}
