/**
 * Link syntax as micromark reads it: labels, destinations and titles, and the inline
 * resources and link reference definitions made of them.
 */
import { unescapeMd } from './chars';

/** normalizeIdentifier of micromark: how labels are compared. */
export function normalizeLabel(raw: string): string {
  return raw
    .replace(/[\t\n\r ]+/g, ' ')
    .replace(/^ | $/g, '')
    .toLowerCase()
    .toUpperCase();
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
  let url: string;
  if (s.charCodeAt(k) === 41) return { end: k + 1, url: '' };
  if (s.charCodeAt(k) === 60) {
    // <enclosed destination>
    const from = k + 1;
    k = from;
    for (;;) {
      if (k >= n) return false;
      const c = s.charCodeAt(k);
      if (c === 62) break;
      if (c === 60 || c === 10) return false;
      k += c === 92 && /[<>\\]/.test(s.charAt(k + 1)) ? 2 : 1;
    }
    url = s.slice(from, k);
    k++;
  } else {
    const from = k;
    let balance = 0;
    for (;;) {
      const c = k < n ? s.charCodeAt(k) : NaN;
      if (balance === 0 && (k >= n || c === 41 || c === 32 || c === 9 || c === 10)) break;
      if (c === 40) {
        if (balance >= 32) return false;
        balance++;
        k++;
        continue;
      }
      if (c === 41) {
        balance--;
        k++;
        continue;
      }
      if (k >= n || c < 32 || c === 127) return false;
      k += c === 92 && /[()\\]/.test(s.charAt(k + 1)) ? 2 : 1;
    }
    url = s.slice(from, k);
  }
  const c = s.charCodeAt(k);
  if (c === 32 || c === 9 || c === 10) {
    if (!skipWs()) return undefined;
    const m = s.charCodeAt(k);
    if (m === 34 || m === 39 || m === 40) {
      const close = m === 40 ? 41 : m;
      k++;
      for (;;) {
        if (k >= n) return false;
        const t = s.charCodeAt(k);
        if (t === close) break;
        if (t === 10) return undefined;
        k += t === 92 && (s.charCodeAt(k + 1) === close || s.charCodeAt(k + 1) === 92) ? 2 : 1;
      }
      k++;
      if (!skipWs()) return undefined;
    }
  }
  if (s.charCodeAt(k) !== 41) return false;
  if (url.includes('&')) {
    if (/&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/.test(url)) return undefined;
  }
  return { end: k + 1, url: unescapeMd(url) };
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
    k += c === 92 && /[[\\\]]/.test(s.charAt(k + 1)) ? 2 : 1;
  }
  return -1;
}

/**
 * Reads a link reference definition at the start of `s` (a paragraph's content), as
 * micromark does; returns its raw label and destination and the offset where it ends (the
 * end of its last line), or undefined when `s` does not start with one.
 */
export function parseDefinition(s: string): { label: string; dest: string; end: number } | undefined {
  const n = s.length;
  const labelEnd = parseRefLabel(s, 0);
  if (labelEnd < 0 || s.charCodeAt(labelEnd) !== 58) return undefined;
  const label = s.slice(1, labelEnd - 1);
  let k = labelEnd + 1;
  const isWs = (c: number) => c === 32 || c === 9 || c === 10;
  while (k < n && isWs(s.charCodeAt(k))) k++;
  let dest: string;
  if (s.charCodeAt(k) === 60) {
    const from = k + 1;
    k = from;
    for (;;) {
      if (k >= n) return undefined;
      const c = s.charCodeAt(k);
      if (c === 62) break;
      if (c === 60 || c === 10) return undefined;
      k += c === 92 && /[<>\\]/.test(s.charAt(k + 1)) ? 2 : 1;
    }
    dest = s.slice(from, k);
    k++;
  } else {
    const from = k;
    let balance = 0;
    for (;;) {
      const c = k < n ? s.charCodeAt(k) : NaN;
      if (balance === 0 && (k >= n || c === 41 || isWs(c))) break;
      if (k >= n || c === 32 || c < 32 || c === 127) return undefined;
      if (c === 40) balance++;
      else if (c === 41) balance--;
      k += c === 92 && /[()\\]/.test(s.charAt(k + 1)) ? 2 : 1;
    }
    if (k === from) return undefined;
    dest = s.slice(from, k);
  }
  // Spaces to the line end: the definition may end here ...
  const lineEndAfter = (p: number): number => {
    while (p < n && (s.charCodeAt(p) === 32 || s.charCodeAt(p) === 9)) p++;
    return p >= n || s.charCodeAt(p) === 10 ? p : -1;
  };
  // ... or go on with a title after whitespace, which may span lines.
  let t = k;
  if (t < n && isWs(s.charCodeAt(t))) {
    while (t < n && isWs(s.charCodeAt(t))) t++;
    const m = s.charCodeAt(t);
    if (m === 34 || m === 39 || m === 40) {
      const close = m === 40 ? 41 : m;
      t++;
      while (t < n && s.charCodeAt(t) !== close) t += s.charCodeAt(t) === 92 && (s.charCodeAt(t + 1) === close || s.charCodeAt(t + 1) === 92) ? 2 : 1;
      if (t < n) {
        const e = lineEndAfter(t + 1);
        if (e >= 0) return { label, dest, end: e };
      }
    }
  }
  const e = lineEndAfter(k);
  return e >= 0 ? { label, dest, end: e } : undefined;
}
