/**
 * Link syntax as micromark reads it: labels, destinations and titles, and the inline
 * resources and link reference definitions made of them.
 */
import { codeAt, unescapeMd } from './chars';

/** normalizeIdentifier of micromark: how labels are compared. */
export function normalizeLabel(raw: string): string {
  return raw
    .replace(/[\t\n\r ]+/g, ' ')
    .replace(/^ | $/g, '')
    .toLowerCase()
    .toUpperCase();
}

/** A link destination: its text as written, its url as remark reports it, and the offset after it. */
export interface Destination {
  raw: string;
  url: string;
  end: number;
}

/**
 * Reads a link destination at `p`, as micromark's factoryDestination does for inline links
 * and for link reference definitions alike: either `<enclosed>` (no line end, no unescaped
 * `<`; may be empty), or raw: not empty, no space or control character, parentheses
 * balanced (at most `limit` deep: 32 in inline links, unlimited in definitions); at depth
 * zero it ends before whitespace or a `)`. Undefined when there is none at `p`.
 *
 * The url has its backslash escapes removed, and NUL read as U+FFFD (micromark replaces
 * it before parsing, so that it is an ordinary character here). Character references are
 * left as written: callers that cannot tell whether remark decodes them ask remark.
 */
export function parseDestination(s: string, p: number, limit = Infinity): Destination | undefined {
  const n = s.length;
  let k = p;
  if (codeAt(s, k) === 60) {
    const from = k + 1;
    for (k = from; ;) {
      if (k >= n) return undefined;
      const c = s.charCodeAt(k);
      if (c === 62) break;
      if (c === 60 || c === 10) return undefined;
      k += c === 92 && isEscapable(codeAt(s, k + 1), 60, 62) ? 2 : 1;
    }
    return destination(s.slice(from, k), k + 1);
  }
  const from = k;
  let balance = 0;
  for (;;) {
    const c = k < n ? s.charCodeAt(k) : NaN;
    if (balance === 0 && (k >= n || c === 41 || c === 32 || c === 9 || c === 10)) break;
    if (c === 40 && balance < limit) {
      balance++;
      k++;
      continue;
    }
    if (c === 41) {
      balance--;
      k++;
      continue;
    }
    // The end of the content inside parentheses, a space, a control character, or one `(` too deep.
    if (k >= n || c === 32 || (c < 32 && c !== 0) || c === 127 || c === 40) return undefined;
    k += c === 92 && isEscapable(codeAt(s, k + 1), 40, 41) ? 2 : 1;
  }
  return k === from ? undefined : destination(s.slice(from, k), k);
}

/** Whether a backslash escapes the character `c` in a destination: the two delimiters or a backslash. */
function isEscapable(c: number, open: number, close: number): boolean {
  return c === open || c === close || c === 92;
}

function destination(raw: string, end: number): Destination {
  const url = unescapeMd(raw);
  return { raw, url: url.includes('\0') ? url.replace(/\0/g, '\uFFFD') : url, end };
}

/**
 * Reads a link title at `p` (its opening `"`, `'` or `(`) as micromark's factoryTitle: up
 * to the matching close (`)` for `(`), where a backslash escapes the close or a backslash.
 * Gives the offset after it (-1 when it is not closed) and whether it crosses a line end.
 */
export function parseTitle(s: string, p: number): { end: number; multiline: boolean } {
  const n = s.length;
  const m = s.charCodeAt(p);
  const close = m === 40 ? 41 : m;
  let multiline = false;
  for (let t = p + 1; t < n;) {
    const c = s.charCodeAt(t);
    if (c === close) return { end: t + 1, multiline };
    if (c === 10) multiline = true;
    t += c === 92 && (codeAt(s, t + 1) === close || codeAt(s, t + 1) === 92) ? 2 : 1;
  }
  return { end: -1, multiline };
}

function isTitleStart(c: number): boolean {
  return c === 34 || c === 39 || c === 40;
}

/** The result of reading a link's `(destination "title")`: its end and url, `false` when it is not one, `undefined` when unsure. */
export type Resource = { end: number; url: string } | false | undefined;

/**
 * Reads an inline link's resource at `p` (an opening parenthesis) as micromark's label-end
 * does. Anything that crosses a line end is left to remark (undefined), as are destinations
 * with character references (remark decodes them).
 */
export function parseResource(s: string, p: number): Resource {
  const n = s.length;
  let k = p + 1;
  const skipWs = (): boolean => {
    while (k < n) {
      const c = s.charCodeAt(k);
      if (c === 10) return false;
      if (c !== 32 && c !== 9) break;
      k++;
    }
    return true;
  };
  if (!skipWs()) return undefined;
  if (codeAt(s, k) === 41) return { end: k + 1, url: '' };
  const d = parseDestination(s, k, 32);
  if (!d) return false;
  k = d.end;
  const c = codeAt(s, k);
  if (c === 32 || c === 9 || c === 10) {
    if (!skipWs()) return undefined;
    if (isTitleStart(codeAt(s, k))) {
      const t = parseTitle(s, k);
      if (t.multiline) return undefined;
      if (t.end < 0) return false;
      k = t.end;
      if (!skipWs()) return undefined;
    }
  }
  if (codeAt(s, k) !== 41) return false;
  if (d.raw.includes('&') && ENTITY.test(d.raw)) return undefined;
  return { end: k + 1, url: d.url };
}

/** A character reference, which remark decodes in destinations, titles and labels. */
export const ENTITY = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/;

/** Whether a backslash escapes `c` in a label: `[`, `\\` or `]`. */
function isLabelEscapable(c: number): boolean {
  return c === 91 || c === 92 || c === 93;
}

/**
 * Reads a full reference's `[label]` at `p`: the offset after it, or -1 when it is not a
 * label (micromark's factoryLabel: no unescaped `[`, at most 999 characters, not blank).
 */
export function parseRefLabel(s: string, p: number): number {
  let k = p + 1;
  let seen = false;
  const n = s.length;
  while (k < n) {
    const c = s.charCodeAt(k);
    if (c === 93) return seen && k - p - 1 <= 999 ? k + 1 : -1;
    if (c === 91) return -1;
    if (c !== 32 && c !== 9 && c !== 10) seen = true;
    k += c === 92 && isLabelEscapable(codeAt(s, k + 1)) ? 2 : 1;
  }
  return -1;
}

/**
 * Reads a link reference definition at the start of `s` (a paragraph's content), as
 * micromark does; returns its raw label, its destination and the offset where it ends (the
 * end of its last line), or undefined when `s` does not start with one.
 */
export function parseDefinition(s: string): { label: string; dest: Destination; end: number } | undefined {
  const n = s.length;
  const labelEnd = parseRefLabel(s, 0);
  if (labelEnd < 0 || codeAt(s, labelEnd) !== 58) return undefined;
  const label = s.slice(1, labelEnd - 1);
  let k = labelEnd + 1;
  const isWs = (c: number) => c === 32 || c === 9 || c === 10;
  while (k < n && isWs(s.charCodeAt(k))) k++;
  const dest = parseDestination(s, k);
  if (!dest) return undefined;
  k = dest.end;
  // Spaces to the line end: the definition may end here ...
  const lineEndAfter = (p: number): number => {
    while (p < n && (s.charCodeAt(p) === 32 || s.charCodeAt(p) === 9)) p++;
    return p >= n || s.charCodeAt(p) === 10 ? p : -1;
  };
  // ... or go on with a title after whitespace, which may span lines.
  let t = k;
  if (t < n && isWs(s.charCodeAt(t))) {
    while (t < n && isWs(s.charCodeAt(t))) t++;
    if (isTitleStart(codeAt(s, t))) {
      const title = parseTitle(s, t);
      if (title.end >= 0) {
        const e = lineEndAfter(title.end);
        if (e >= 0) return { label, dest, end: e };
      }
    }
  }
  const e = lineEndAfter(k);
  return e >= 0 ? { label, dest, end: e } : undefined;
}
