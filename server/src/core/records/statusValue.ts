/**
 * A decision's status as a document writes it: the status words at the start of a value
 * ("✅ Accepted", "2020-03-25 accepted", "Superseded by [ADR-5](…)"), where they are, and the
 * lifecycle status they mean in Charter's words (core/status.ts). What they mean with the
 * configuration's own words is records/workspace.ts `statusIn`.
 */
import type { Range } from '../types';
import { statusOf, type Status } from '../status';
import { isPlaceholderValue } from '../syntax';

/** A status as written, and what it means. */
export interface StatusValue {
  /** The status words as written ("In review", "Aceito"), without markup or what follows them. */
  text: string;
  /** The lifecycle status the words mean (built-in words; records/workspace.ts `statusIn` adds the config's). */
  status?: Status;
  /** Where the words are: what a quick fix replaces. */
  range: Range;
  /** Where the status is written: front matter, a field line, a section's first line, a table cell. */
  place: 'front matter' | 'field' | 'section' | 'cell';
}

/**
 * Reads a status value: the status words at its start, after any emoji, markup or date
 * ("✅ Accepted", "2020-03-25 accepted", "Accepted - 2025-01-22", "Superseded by [ADR-5](…)",
 * "Partially accepted"). Undefined for prose, a template's choice list ("proposed | accepted")
 * or a placeholder. `from` is the value's column in its line.
 */
export function readStatus(text: string, line: number, from: number, place: StatusValue['place']): StatusValue | undefined {
  if (/^\s*(?:<!--|\{|\[[^\]]*[|/]|\()/.test(text) || /\?\s*$/.test(text)) return undefined;
  // A choice list ("proposed | accepted | rejected") is a template's, not a status.
  const parts = text.split(/\s*[|/]\s*|\s+or\s+|\s+ou\s+|\s+o\s+|\s+oder\s+/i).filter((p) => statusOf(p.replace(/[^\p{L} ]/gu, '')));
  if (parts.length >= 2) return undefined;
  const lead = /^[^\p{L}\p{N}]*(?:\d{4}-\d{1,2}-\d{1,2}[^\p{L}\p{N}]*)?/u.exec(text)![0].length;
  const m = /^\p{L}[\p{L}\p{M}'’]*(?:[ -]\p{L}[\p{L}\p{M}'’]*)*/u.exec(text.slice(lead));
  if (!m) return undefined;
  const phrase = m[0];
  const words: { w: string; at: number }[] = [];
  for (const w of phrase.matchAll(/[^\s]+/g)) words.push({ w: w[0], at: w.index! });
  const range = (a: number, b: number): Range => ({ start: { line, character: from + lead + a }, end: { line, character: from + lead + b } });
  // The longest run of up to four words among the first six that names a status.
  const first = words.slice(0, 6);
  for (let len = Math.min(4, first.length); len >= 1; len--) {
    for (let i = 0; i + len <= first.length; i++) {
      const s = statusOf(
        first
          .slice(i, i + len)
          .map((x) => x.w)
          .join(' '),
      );
      if (!s) continue;
      // The status words and what they sit in ("Partially accepted"): the phrase up to them.
      const end = first[i + len - 1].at + first[i + len - 1].w.length;
      return { text: phrase.slice(0, end), status: s, range: range(0, end), place };
    }
  }
  // No known word: a short phrase standing alone is the team's own status; a sentence is prose.
  const rest = text.slice(lead + phrase.length);
  if (words.length > 3 || isPlaceholderValue(phrase) || /^\s*\p{N}/u.test(rest)) return undefined;
  return { text: phrase, range: range(0, phrase.length), place };
}

/**
 * The status a status line says, as {@link readStatus} reads it: "Superseded by [ADR-5](…)",
 * "**Accepted** - 2025-01-22", "In review" (proposed). Undefined for words that name none.
 */
export function statusOfLine(line: string): Status | undefined {
  return readStatus(line, 0, 0, 'field')?.status;
}
