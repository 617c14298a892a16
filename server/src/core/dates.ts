/**
 * Dates in decision entries and front matter: which spellings are dates, which are
 * placeholders, and which are wrong.
 */
import { isPlaceholderValue } from './syntax';

/** The outcome of reading a date value. */
export type DateCheck = { ok: true; iso: string } | { ok: false; placeholder: true } | { ok: false; placeholder: false; reason: string };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Reads a date written the ways teams write them; ISO 8601 (YYYY-MM-DD) is preferred. */
export function checkDate(raw: string): DateCheck {
  const v = raw.trim().replace(/^\*+|\*+$/g, '').trim();
  if (isPlaceholderValue(v) || /^(?:y{2,4}|\{?yyyy)[-/.]?m{1,2}[-/.]?d{1,2}\}?$/i.test(v) || /^\{.*\}$/.test(v)) return { ok: false, placeholder: true };
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(v);
  if (m) return ymd(+m[1], +m[2], +m[3], v);
  m = /^(\d{4})-(\d{2})$/.exec(v);
  if (m) return +m[2] >= 1 && +m[2] <= 12 ? { ok: true, iso: v } : bad(`"${v}" has no month ${+m[2]}`);
  m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})$/.exec(v);
  if (m) return named(+m[3], m[2], +m[1], v);
  m = /^([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(v);
  if (m) return named(+m[3], m[1], +m[2], v);
  m = /^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$/.exec(v);
  if (m) {
    if (+m[1] > 12 && +m[2] <= 12) return ymd(+m[3], +m[2], +m[1], v);
    if (+m[2] > 12 && +m[1] <= 12) return ymd(+m[3], +m[1], +m[2], v);
    return bad(`"${v}" is ambiguous (day/month or month/day?); write it as YYYY-MM-DD`);
  }
  return bad(`"${v}" is not a date; write it as YYYY-MM-DD`);
}

function named(y: number, monthName: string, d: number, v: string): DateCheck {
  const i = MONTHS.indexOf(monthName.slice(0, 3).toLowerCase());
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
