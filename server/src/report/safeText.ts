/**
 * Text from a repository is untrusted: a file name, a title or an owner can carry terminal
 * escapes (a window title, a cleared screen, a hyperlink), bidi overrides that reorder a line,
 * or a scheme (`javascript:`) that a report would turn into a live link. These two functions
 * are the only way such text leaves Charter as terminal text or as a link.
 */

/**
 * C0 and C1 control characters (tab and line ends included: every output line is one line),
 * DEL, the bidi controls (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069) and the line
 * and paragraph separators.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

/** The text with every control, bidi and separator character written visibly (`\x1b`, `\u202e`). */
export function visible(text: string): string {
  return text.replace(UNSAFE, (c) => {
    const code = c.charCodeAt(0);
    if (c === '\t') return '\\t';
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Lines joined for a terminal or a text file: each made visible, so none can break out of its line. */
export function visibleLines(lines: string[]): string {
  return lines.map(visible).join('\n') + '\n';
}

/**
 * A workspace-relative path as a relative URI reference: every segment percent-encoded
 * (`:` too), so that no file name can be read as a scheme (`javascript:…`, `https:…`) or
 * carry a query or a fragment of its own. Parentheses are encoded for markdown links.
 */
export function pathRef(path: string): string {
  return path
    .split('/')
    .map((s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}
