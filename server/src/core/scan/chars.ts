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

export function isAsciiPunct(c: number): boolean {
  return (c >= 33 && c <= 47) || (c >= 58 && c <= 64) || (c >= 91 && c <= 96) || (c >= 123 && c <= 126);
}
/** Removes backslash escapes the way micromark decodes them in text, destinations and labels. */
export function unescapeMd(s: string): string {
  return s.includes('\\') ? s.replace(/\\([!-/:-@[-`{-~])/g, '$1') : s;
}
