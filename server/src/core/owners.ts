/**
 * Owner values: who a field or a front matter key names. Empty values and placeholders
 * mean unowned; two or more people break the single-owner rule.
 */
import type { Range } from './types';
import { isPlaceholderValue, stripInline } from './syntax';
import { isKnownRoleWord } from './kinds';
import { isTemplateProse } from './prose';
import { valueText } from './frontMatter';

/** An owner value as written, and what it means. */
export interface OwnerValue {
  /** The value as written (a YAML list is joined with ", "). */
  raw: string;
  /** The people it names: names, @handles, e-mail addresses or roles. */
  names: string[];
  /** Where each name is, when known. */
  nameRanges: Range[];
  /** Nothing, or only a placeholder. */
  unowned: boolean;
  /** Two or more people, or a word such as "jointly". */
  multiple: boolean;
  /** Where the value is (or where it would go, when the field is empty). */
  range: Range;
}

/** An opening or closing HTML tag (linear: no nested repetition). */
const HTML_TAG_RE = /<\/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?\/?>/g;
const COLLECTIVE_RE = /\b(?:jointly|together|both|everyone|everybody|all of us|the whole team|committee|consensus)\b/i;
const COLLECTIVE_GLOBAL_RE = new RegExp(COLLECTIVE_RE.source, 'gi');
const SPLIT_RE = /\s*(?:,|;|\/|&|\+|\band\b|\bor\b|\bwith\b)\s*/i;

/** Reads an owner value written as text (a field line, a table cell, a YAML string). */
export function parseOwnerText(raw: string, range: Range): OwnerValue {
  // Inline HTML is markup, not part of a name (`<b>Dana</b>` is Dana; the slash of a closing
  // tag is no separator): tags are dropped before the value is split into names.
  const text = stripInline(raw).replace(HTML_TAG_RE, ' ').replace(/\s+/g, ' ').trim();
  const base = { raw, range, nameRanges: [] as Range[] };
  // A placeholder, or the template's prose explaining the field ("the person responsible for…").
  if (isPlaceholderValue(raw) || isPlaceholderValue(text) || isTemplateProse(text)) return { ...base, names: [], unowned: true, multiple: false };
  const withoutNotes = text.replace(/\([^)]*\)/g, ' ').trim();
  const collective = COLLECTIVE_RE.test(withoutNotes);
  let names = withoutNotes
    .replace(COLLECTIVE_GLOBAL_RE, ' ')
    .split(SPLIT_RE)
    .map(cleanName)
    .filter((n) => n && !isPlaceholderValue(n) && !isTemplateProse(n));
  // "Dana, PM" names one person with her role, not two people.
  if (names.length === 2 && isKnownRoleWord(names[1]) && !isKnownRoleWord(names[0])) names = [names[0]];
  if (names.length === 0) return { ...base, names: [], unowned: !collective, multiple: collective };
  const nameRanges = locate(raw, range, names);
  return { ...base, nameRanges, names, unowned: false, multiple: names.length > 1 || collective };
}

/**
 * Reads an owner value from front matter: a string, or a YAML list of people. A mapping
 * (`{list everyone involved}` is one) or a list item that is a mapping without a `name:` is
 * read as its text as written (`sources`), never as "[object Object]".
 */
export function parseOwnerYaml(value: unknown, range: Range, itemRanges?: Range[], sources?: { source?: string; itemSources?: string[] }): OwnerValue {
  if (Array.isArray(value)) {
    const items = value.map((v, i) => {
      const name = v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as { name?: unknown }).name : undefined;
      if (typeof name === 'string' || typeof name === 'number') return String(name);
      return valueText(v, sources?.itemSources?.[i]) ?? '';
    });
    const kept = items.map((v, i) => ({ v: cleanName(stripInline(v)), r: itemRanges?.[i] ?? range })).filter((x) => x.v && !isPlaceholderValue(x.v) && !isTemplateProse(x.v));
    return {
      raw: items.join(', '),
      range,
      names: kept.map((x) => x.v),
      nameRanges: kept.map((x) => x.r),
      unowned: kept.length === 0,
      multiple: kept.length > 1,
    };
  }
  const text = valueText(value, sources?.source);
  if (text === undefined) return { raw: '', range, names: [], nameRanges: [], unowned: true, multiple: false };
  const parsed = parseOwnerText(text, range);
  return parsed.names.length === 1 ? { ...parsed, nameRanges: [range] } : parsed;
}

function cleanName(s: string): string {
  return s.replace(/^[\s"'“”‘’]+|[\s"'“”‘’.]+$/g, '').replace(/\s+/g, ' ');
}

/** Finds each name in the raw text of a single-line value, to point at it. */
function locate(raw: string, range: Range, names: string[]): Range[] {
  if (range.start.line !== range.end.line) return names.map(() => range);
  let from = 0;
  return names.map((n) => {
    const i = raw.indexOf(n, from);
    if (i < 0) return range;
    from = i + n.length;
    return {
      start: { line: range.start.line, character: range.start.character + i },
      end: { line: range.start.line, character: range.start.character + i + n.length },
    };
  });
}
