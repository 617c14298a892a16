/**
 * Dates in decision entries and front matter: which spellings are dates, which are
 * placeholders, and which are wrong.
 */
import { isPlaceholderValue } from './syntax';
import { isTemplateProse } from './prose';

/** The outcome of reading a date value. */
export type DateCheck = { ok: true; iso: string } | { ok: false; placeholder: true } | { ok: false; placeholder: false; reason: string };

/**
 * The order of day and month in numeric dates such as 03/04/2024: day first, month first,
 * or not known (then a date that could be either is ambiguous).
 */
export type DayMonthOrder = 'day-month' | 'month-day' | undefined;

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/**
 * What may follow a date as a note: `2024-05-22 (back dated)`, `2024-05-22, approved`,
 * `2024-05-22; amended 2024-06-01`, `2024-05-22 - after the review`, `2024-05-22 approved`.
 */
const NOTE = String.raw`(?:\s*[,;(\[]|\s+[-–—]\s|\s+(?=\p{L})).*`;
const after = (date: string) => new RegExp(`^${date}(?:${NOTE})?$`, 'u');

const ISO_RE = after(String.raw`(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?`);
const YEAR_MONTH_RE = after(String.raw`(\d{4})-(\d{2})`);
const DAY_NAMED_RE = after(String.raw`(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})`);
const NAMED_DAY_RE = after(String.raw`([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})`);
const NUMERIC_RE = after(String.raw`(\d{1,2})([/.])(\d{1,2})\2(\d{4})`);
const NAMED_MONTH_RE = after(String.raw`([A-Za-z]+)\.?,?\s+(\d{4})`);

/**
 * Reads a date written the ways teams write them; ISO 8601 (YYYY-MM-DD) is preferred. A
 * note after the date is allowed. `order` is the day/month order the rest of the file
 * settles (see {@link dayMonthOrder}); without it, 03/04/2024 is ambiguous.
 */
export function checkDate(raw: string, order?: DayMonthOrder): DateCheck {
  const v = raw
    .trim()
    .replace(/^\*+|\*+$/g, '')
    .trim();
  if (isDatePlaceholder(v)) return { ok: false, placeholder: true };
  let m = ISO_RE.exec(v);
  if (m) return ymd(+m[1], +m[2], +m[3], v);
  m = YEAR_MONTH_RE.exec(v);
  if (m) return +m[2] >= 1 && +m[2] <= 12 ? { ok: true, iso: `${m[1]}-${m[2]}` } : bad(`"${v}" has no month ${+m[2]}`);
  m = DAY_NAMED_RE.exec(v);
  if (m) return named(+m[3], m[2], +m[1], v);
  m = NAMED_DAY_RE.exec(v);
  if (m) return named(+m[3], m[1], +m[2], v);
  m = NUMERIC_RE.exec(v);
  if (m) {
    const a = +m[1];
    const b = +m[3];
    const y = +m[4];
    // Day first when the first number cannot be a month, month first when the second cannot;
    // 05/05/2021 is the same date either way. Dots are the day-first spelling (05.04.2025,
    // German and most of Europe); month-first dates are written with slashes.
    const dayFirst = order === 'day-month' || (order === undefined && m[2] === '.');
    if ((a > 12 && b <= 12) || a === b || (dayFirst && a <= 12 && b <= 12)) return ymd(y, b, a, v);
    if ((b > 12 && a <= 12) || (order === 'month-day' && a <= 12 && b <= 12)) return ymd(y, a, b, v);
    if (a > 12 && b > 12) return bad(`"${v}" is not a date: neither ${a} nor ${b} is a month; write it as YYYY-MM-DD`);
    return bad(`"${v}" is ambiguous (day/month or month/day?); write it as YYYY-MM-DD`);
  }
  m = NAMED_MONTH_RE.exec(v);
  if (m) {
    const i = monthIndex(m[1]);
    if (i >= 0) return { ok: true, iso: `${m[2]}-${String(i + 1).padStart(2, '0')}` };
  }
  // A placeholder with a note (`YYYY-MM-DD (when accepted)`), or the template's prose (`the date it was decided`).
  const head = v.replace(/\s*[([].*$/, '').trim();
  if ((head && head !== v && isDatePlaceholder(head)) || isTemplateProse(v)) return { ok: false, placeholder: true };
  return bad(`"${v}" is not a date; write it as YYYY-MM-DD`);
}

/**
 * The day/month order that a file's own dates settle: 25/01/2021 is day first, 01/25/2021
 * month first. Undefined when none settles it, or when the file writes both orders.
 */
export function dayMonthOrder(values: Iterable<string>): DayMonthOrder {
  let dayFirst = false;
  let monthFirst = false;
  for (const raw of values) {
    const m = NUMERIC_RE.exec(
      raw
        .trim()
        .replace(/^\*+|\*+$/g, '')
        .trim(),
    );
    if (!m) continue;
    const a = +m[1];
    const b = +m[3];
    if (a > 12 && a <= 31 && b >= 1 && b <= 12) dayFirst = true;
    if (b > 12 && b <= 31 && a >= 1 && a <= 12) monthFirst = true;
  }
  return dayFirst === monthFirst ? undefined : dayFirst ? 'day-month' : 'month-day';
}

function isDatePlaceholder(v: string): boolean {
  return isPlaceholderValue(v) || /^(?:y{2,4}|\{?yyyy)[-/.]?m{1,2}[-/.]?d{1,2}\}?$/i.test(v) || /^\{.*\}$/.test(v);
}

const MONTH_NAMES = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

/** A month's index from its name or an abbreviation of it ("Sep", "Sept", "September"), or -1. */
function monthIndex(word: string): number {
  const w = word.toLowerCase();
  return w.length < 3 ? -1 : MONTH_NAMES.findIndex((name) => name.startsWith(w));
}

function named(y: number, monthName: string, d: number, v: string): DateCheck {
  const i = monthIndex(monthName);
  if (i < 0) return bad(`"${v}" is not a date; write it as YYYY-MM-DD`);
  return ymd(y, i + 1, d, v);
}

function ymd(y: number, mo: number, d: number, v: string): DateCheck {
  if (mo < 1 || mo > 12) return bad(`"${v}" has no month ${mo}`);
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d < 1 || d > days) return bad(`"${v}" is not a day of the calendar (${MONTHS[mo - 1][0].toUpperCase() + MONTHS[mo - 1].slice(1)} ${y} has ${days} days)`);
  return { ok: true, iso: `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}` };
}

function bad(reason: string): DateCheck {
  return { ok: false, placeholder: false, reason };
}

const DATE_IN_TEXT_RE = new RegExp(
  [
    String.raw`\b\d{4}-\d{1,2}-\d{1,2}\b`,
    String.raw`\b\d{1,2}([/.])\d{1,2}\1\d{4}\b`,
    String.raw`\b\d{1,2}(?:st|nd|rd|th)?\s+[A-Za-z]{3,9}\.?,?\s+\d{4}\b`,
    String.raw`\b[A-Za-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}\b`,
  ].join('|'),
  'g',
);

/**
 * The first valid date written inside a piece of text (`**Accepted** - 2025-01-22`,
 * `Implemented (updated 26 September 2025)`): where it is and its text.
 */
export function findDate(text: string): { index: number; text: string } | undefined {
  DATE_IN_TEXT_RE.lastIndex = 0;
  for (let m = DATE_IN_TEXT_RE.exec(text); m; m = DATE_IN_TEXT_RE.exec(text)) {
    if (checkDate(m[0]).ok) return { index: m.index, text: m[0] };
  }
  return undefined;
}

/**
 * Today as YYYY-MM-DD in the user's own time zone: the one "today" of Charter. VS Code's
 * snippets ($CURRENT_YEAR-$CURRENT_MONTH-$CURRENT_DATE) use the local date, so the commands,
 * templates and quick fixes do too (never the UTC date of toISOString, which is a day off
 * near midnight).
 */
export function localDate(now: Date = new Date()): string {
  const two = (n: number) => String(n).padStart(2, '0');
  return `${String(now.getFullYear()).padStart(4, '0')}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}
