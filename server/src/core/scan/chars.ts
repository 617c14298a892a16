/** Character-level helpers shared by the scanner's modules. */

export function isSpaceOrTab(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * The char code at `i`, or -1 past the end (where charCodeAt gives NaN). The optimising
 * compiler assumes in-bounds reads until one is not, then throws the compiled code away:
 * reads that may fall off the end go through here.
 */
export function codeAt(s: string, i: number): number {
  return i < s.length ? s.charCodeAt(i) : -1;
}

/** The first characters of a line that may start a block other than indented code (or underline a setext heading). */
const MAY_SPECIAL = new Uint8Array(128);
for (const ch of '#`~*+_=<>-0123456789') MAY_SPECIAL[ch.charCodeAt(0)] = 1;

/** Whether a line whose first non-blank character is `c` (-1: none) may start such a block. */
export function maySpecial(c: number): boolean {
  return c >= 0 && c < 128 && MAY_SPECIAL[c] === 1;
}

export function isAsciiPunct(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}
/** Removes backslash escapes the way micromark decodes them in text, destinations and labels. */
export function unescapeMd(s: string): string {
  return s.includes('\\') ? s.replace(/\\([!-/:-@[-`{-~])/g, '$1') : s;
}
