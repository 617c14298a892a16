/** The native inline scanner: links, images, inline HTML and the plain text of inline content. */
import { codeAt, isAsciiPunct, unescapeMd } from './chars';
import { normalizeLabel, parseRefLabel, parseResource, type Resource } from './links';

/** A link or image found natively, in content offsets. */
export interface InlineLink {
  start: number;
  end: number;
  target: string;
  text: string;
}

/** What the native inline scanner found in a leaf's content. */
export interface InlineResult {
  links: InlineLink[];
  /** Raw inline HTML that holds `<!--`, with its content offset (parseMarkdown finds comments in it). */
  html: { at: number; value: string }[];
  /** The content's plain text as remark's toText gives it (only when asked for). */
  text: string;
}

/** A stretch of content whose text is replaced: code spans, HTML, autolinks, link syntax. */
export interface Mark {
  from: number;
  to: number;
  value: string;
}

/**
 * Character classes for emphasis flanking, as micromark's classifyCharacter: 0 whitespace
 * (or the edge of the content), 1 punctuation or symbol, 2 anything else. micromark tests
 * one UTF-16 code unit, so each half of an astral character (an emoji) is "anything else".
 */
function charClass(s: string, i: number): number {
  if (i < 0 || i >= s.length) return 0;
  const c = s.charCodeAt(i);
  if (c < 128) return c === 32 || c === 9 || c === 10 ? 0 : isAsciiPunct(c) ? 1 : 2;
  const ch = s.charAt(i);
  return /\s/.test(ch) ? 0 : /\p{P}|\p{S}/u.test(ch) ? 1 : 2;
}

/** A run of `*` or `_` that may open or close emphasis. */
interface Delim {
  /** Where the run's remaining characters start, and how many remain. */
  start: number;
  count: number;
  char: number;
  canOpen: boolean;
  canClose: boolean;
  /** Still on the delimiter stack. */
  alive: boolean;
}

/**
 * CommonMark's "process emphasis" over delims[from..]: pairs openers with closers and
 * marks the delimiter characters they use as removed (toText drops them; the text between
 * stays). Delimiters left over stay text.
 */
function processEmphasis(delims: Delim[], from: number, marks: Mark[], budget: { steps: number }): void {
  spend(budget, delims.length - from);
  for (let ci = from; ci < delims.length; ci++) {
    const closer = delims[ci];
    if (!closer.alive || !closer.canClose) continue;
    let matched = false;
    for (let oi = ci - 1; oi >= from; oi--) {
      if (--budget.steps < 0) throw PATHOLOGICAL;
      const o = delims[oi];
      if (!o.alive || !o.canOpen || o.char !== closer.char) continue;
      // The rule of three, on the runs' remaining lengths as micromark applies it.
      if ((o.canClose || closer.canOpen) && (o.count + closer.count) % 3 === 0 && !(o.count % 3 === 0 && closer.count % 3 === 0)) continue;
      const use = o.count >= 2 && closer.count >= 2 ? 2 : 1;
      o.count -= use;
      marks.push({ from: o.start + o.count, to: o.start + o.count + use, value: '' });
      marks.push({ from: closer.start, to: closer.start + use, value: '' });
      closer.start += use;
      closer.count -= use;
      for (let k = oi + 1; k < ci; k++) delims[k].alive = false;
      if (o.count === 0) o.alive = false;
      if (closer.count === 0) closer.alive = false;
      else ci--; // the same closer again
      matched = true;
      break;
    }
    if (!matched && !closer.canOpen) closer.alive = false;
  }
  for (let k = from; k < delims.length; k++) delims[k].alive = false;
}

// eslint-disable-next-line no-control-regex -- CommonMark's autolink excludes C0 controls and space
const AUTOLINK = /<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\x00-\x20<>\x7f]*)>/y;
const EMAIL_START = /<[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@/y;
// Inline HTML tags as micromark's html-text reads them; whitespace may include line ends
// (such tags are left to remark).
const OPEN_TAG = /<[A-Za-z][A-Za-z0-9-]*(?:[ \t\n]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t\n]*=[ \t\n]*(?:[^ \t\n"'=<>`/]+|'[^']*'|"[^"]*"))?)*[ \t\n]*\/?>/y;
const CLOSE_TAG = /<\/[A-Za-z][A-Za-z0-9-]*[ \t\n]*>/y;
const ENTITY_AT = /&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{0,31});/y;

/**
 * The characters readInline acts on (1), as char codes below 128; every other character is
 * plain text to it: backslash, `` ` ``, `<`, `[`, `!`, `]`, `*`, `_`, `&`, line end and NUL.
 */
const INLINE_SPECIAL = new Uint8Array(128);
for (const ch of '\\`<[!]*_&\n\0') INLINE_SPECIAL[ch.charCodeAt(0)] = 1;

/** Whether any of the sorted positions lies in [from, to). */
function anyIn(sorted: number[], from: number, to: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < sorted.length && sorted[lo] < to;
}

/**
 * Reads inline content natively: the links and images it makes (with their text), inline
 * HTML that may hold comments, and — when `wantText` — its plain text as remark's toText.
 *
 * It follows CommonMark's left-to-right reading: code spans, autolinks and HTML are taken
 * where they start and hide what they hold; brackets go on a stack and are resolved at each
 * `]`, as micromark's label-end does (inline links, then references against the document's
 * definitions, links deactivating earlier link openers); emphasis is paired as CommonMark's
 * "process emphasis" does, within each link's text first. It returns undefined — "ask
 * remark" — whenever the exact result would need more: character references in a text that
 * is wanted, HTML, autolinks or hard breaks inside a link's text, e-mail autolinks, HTML
 * declarations, multi-line HTML or resources. `lf` says that the content's line ends are
 * all `\n` in the document (text keeps line ends as written).
 */
export function scanInline(s: string, defined: Set<string> | undefined, wantText: boolean, lf = true): InlineResult | undefined | typeof PATHOLOGICAL {
  const budget = { steps: INLINE_STEPS_PER_CHAR * s.length + INLINE_STEPS };
  try {
    return readInline(s, defined, wantText, lf, budget);
  } catch (e) {
    if (e === PATHOLOGICAL) return PATHOLOGICAL;
    throw e;
  }
}

/** What scanInline answers for content with too much markup to pair in reasonable time. */
export const PATHOLOGICAL = Symbol('pathological inline content');
/** The work scanInline may spend on pairing (emphasis, brackets): linear in the content, with room. */
const INLINE_STEPS = 200_000;
const INLINE_STEPS_PER_CHAR = 20;

/** Spends `n` steps of a budget; throws PATHOLOGICAL when it runs out. */
function spend(budget: { steps: number }, n: number): void {
  if ((budget.steps -= n) < 0) throw PATHOLOGICAL;
}

/** What readInline has read so far of one content: its state, shared by the steps below. */
class Reading {
  readonly n: number;
  readonly links: InlineLink[] = [];
  readonly html: { at: number; value: string }[] = [];
  readonly marks: Mark[] = [];
  // Where a link's text cannot be read natively: brackets, HTML, autolinks, line ends,
  // emphasis and character references (sorted: pushed left to right).
  readonly taint: number[] = [];
  // What makes even plain text need remark: emphasis delimiters and character references.
  hazard = false;
  readonly openers: { at: number; image: boolean; active: boolean; delims: number }[] = [];
  readonly delims: Delim[] = [];
  readonly hasDefs: boolean;

  constructor(
    readonly s: string,
    readonly defined: Set<string> | undefined,
    readonly wantText: boolean,
    readonly lf: boolean,
    readonly budget: { steps: number },
  ) {
    this.n = s.length;
    this.hasDefs = defined !== undefined && defined.size > 0;
  }
}

/** What a step returns for "ask remark" instead of the offset to read on from. */
const ASK_REMARK = -1;

/**
 * The main loop: plain characters are skipped in a tight loop, and each character that may
 * start something is read by a step of its own. The steps are apart so that this loop stays
 * small: the optimising compiler compiles it again whenever a path not taken before is
 * taken (rare markup shows up late), and a small loop is cheap to compile again.
 */
function readInline(s: string, defined: Set<string> | undefined, wantText: boolean, lf: boolean, budget: { steps: number }): InlineResult | undefined {
  const r = new Reading(s, defined, wantText, lf, budget);
  const n = r.n;
  let i = 0;
  while (i < n) {
    let c = s.charCodeAt(i);
    // Most characters mean nothing here: skip a run of them in one tight loop.
    while (c >= 128 || INLINE_SPECIAL[c] === 0) {
      if (++i >= n) break;
      c = s.charCodeAt(i);
    }
    if (i >= n) break;
    if (c === 92) i += isAsciiPunct(codeAt(s, i + 1)) ? 2 : 1;
    else if (c === 96) i = codeSpan(r, i);
    else if (c === 60) i = angle(r, i);
    else if (c === 91 || (c === 33 && codeAt(s, i + 1) === 91)) {
      const image = c === 33;
      r.openers.push({ at: i, image, active: true, delims: r.delims.length });
      i += image ? 2 : 1;
    } else if (c === 93) i = closeBracket(r, i);
    else if (c === 42 || c === 95) i = emphasisRun(r, i, c);
    else if (c === 38) {
      ENTITY_AT.lastIndex = i;
      if (ENTITY_AT.test(s)) {
        r.hazard = true;
        r.taint.push(i);
      }
      i++;
    } else if (c === 10) {
      // A line end stays in text as written, less the whitespace before it; a hard break
      // (two spaces or a backslash before it) drops both: left to remark.
      const b = s.charCodeAt(i - 1);
      if (!lf || b === 32 || b === 9 || b === 92) r.taint.push(i);
      i++;
    } else if (c === 0) {
      r.taint.push(i);
      r.hazard = true;
      i++;
    } else i++;
    if (i === ASK_REMARK) return undefined;
  }
  let text = '';
  if (wantText) {
    if (r.hazard) return undefined;
    processEmphasis(r.delims, 0, r.marks, budget);
    r.marks.sort((a, b) => a.from - b.from);
    text = textOf(s, r.marks, 0, n);
  }
  return { links: r.links, html: r.html, text };
}

/** A code span at `i` (a backtick), if a run of the same length closes it; else the run is literal. */
function codeSpan(r: Reading, i: number): number {
  const { s, n } = r;
  let j = i;
  while (codeAt(s, j) === 96) j++;
  const run = j - i;
  let k = j;
  let close = -1;
  while (k < n) {
    k = s.indexOf('`', k);
    if (k < 0) break;
    let e = k;
    while (codeAt(s, e) === 96) e++;
    if (e - k === run) {
      close = k;
      break;
    }
    k = e;
  }
  if (close < 0) return j;
  let value = s.slice(j, close);
  if (!r.lf && value.includes('\n')) {
    // mdast keeps the line end as written: leave CR line ends to remark when it matters.
    r.taint.push(i);
    if (r.wantText) return ASK_REMARK;
  }
  // One space (or line end) is stripped from each side when both have one and the span is not all spaces.
  if (value.length > 1 && /^[ \n]/.test(value) && /[ \n]$/.test(value) && /[^ \n]/.test(value)) value = value.slice(1, -1);
  r.marks.push({ from: i, to: close + run, value });
  return close + run;
}

/** What a `<` at `i` starts: an autolink, an HTML comment or tag, or nothing. */
function angle(r: Reading, i: number): number {
  const s = r.s;
  AUTOLINK.lastIndex = i;
  let m = AUTOLINK.exec(s);
  if (m) {
    const end = i + m[0].length;
    r.links.push({ start: i, end, target: m[1], text: m[1] });
    r.marks.push({ from: i, to: end, value: m[1] });
    r.taint.push(i);
    return end;
  }
  EMAIL_START.lastIndex = i;
  if (EMAIL_START.test(s)) return ASK_REMARK;
  const c1 = codeAt(s, i + 1);
  let end = -1;
  if (c1 === 33) {
    if (!s.startsWith('<!--', i)) {
      // A declaration or CDATA if a letter or `[` follows: rare, left to remark.
      if (/[A-Za-z[]/.test(s.charAt(i + 2))) return ASK_REMARK;
      return i + 1;
    }
    if (s.startsWith('>', i + 4)) end = i + 5;
    else if (s.startsWith('->', i + 4)) end = i + 6;
    else {
      const e = s.indexOf('-->', i + 4);
      if (e < 0) return i + 1;
      end = e + 3;
    }
  } else if (c1 === 63) {
    if (s.indexOf('?>', i + 2) >= 0) return ASK_REMARK;
    return i + 1;
  } else if (c1 === 47) {
    CLOSE_TAG.lastIndex = i;
    m = CLOSE_TAG.exec(s);
    if (m) end = i + m[0].length;
  } else if ((c1 >= 65 && c1 <= 90) || (c1 >= 97 && c1 <= 122)) {
    OPEN_TAG.lastIndex = i;
    m = OPEN_TAG.exec(s);
    if (m) end = i + m[0].length;
  }
  if (end < 0) return i + 1;
  const value = s.slice(i, end);
  if (value.includes('\n')) return ASK_REMARK;
  if (value.includes('<!--')) r.html.push({ at: i, value });
  r.marks.push({ from: i, to: end, value: '' });
  r.taint.push(i);
  return end;
}

/** A `]` at `i`: resolved against the last opener, as micromark's label-end. */
function closeBracket(r: Reading, i: number): number {
  const { s, defined, hasDefs, openers, delims, marks, links, html, budget } = r;
  const top = openers.pop();
  if (!top || !top.active) return i + 1;
  const labelFrom = top.at + (top.image ? 2 : 1);
  // Whether the label is defined is asked only where it decides (label normalisation is
  // costly, and most links have a resource or a reference label).
  const after = i + 1;
  const next = codeAt(s, after);
  let end = -1;
  let resource: Resource = false;
  if (next === 40) {
    resource = parseResource(s, after);
    if (resource === undefined) return ASK_REMARK;
    if (resource) end = resource.end;
    else if (hasDefs && defined!.has(normalizeLabel(s.slice(labelFrom, i)))) end = after;
  } else if (next === 91) {
    const e = parseRefLabel(s, after);
    if (e > 0 && hasDefs && defined!.has(normalizeLabel(s.slice(after + 1, e - 1)))) end = e;
    else if (codeAt(s, after + 1) === 93 && hasDefs && defined!.has(normalizeLabel(s.slice(labelFrom, i)))) end = after + 2;
  } else if (hasDefs && defined!.has(normalizeLabel(s.slice(labelFrom, i)))) {
    end = after;
  }
  if (end < 0) return i + 1;
  // A link or image (or a reference, which the model does not record but which hides
  // its brackets and, for links, turns earlier openers into text).
  spend(budget, openers.length + marks.length);
  const needText = resource !== false || r.wantText;
  if (needText && anyIn(r.taint, labelFrom, i)) return ASK_REMARK;
  // Emphasis inside the label is resolved within it, before anything outside.
  processEmphasis(delims, top.delims, marks, budget);
  delims.length = top.delims;
  let text = '';
  if (needText) {
    const inner = marks.filter((m) => m.from >= labelFrom && m.to <= i).sort((a, b) => a.from - b.from);
    text = textOf(s, inner, labelFrom, i);
  }
  if (top.image) {
    // An image's alt is plain text in mdast: the links, images and HTML read inside it
    // are no nodes (`![a ![b](c)](d)` is one image). They were read after its opener.
    while (links.length && links[links.length - 1].start > top.at) links.pop();
    while (html.length && html[html.length - 1].at > top.at) html.pop();
  }
  if (resource) links.push({ start: top.at, end, target: resource.url, text });
  if (top.image) {
    // toText gives an image its alt, an image reference (no children) nothing.
    marks.push({ from: top.at, to: end, value: resource ? text : '' });
  } else {
    marks.push({ from: top.at, to: labelFrom, value: '' });
    marks.push({ from: i, to: end, value: '' });
    for (const o of openers) if (!o.image) o.active = false;
  }
  return end;
}

/** A run of `*` or `_` (`c`) at `i`: a delimiter run for emphasis if it may open or close. */
function emphasisRun(r: Reading, i: number, c: number): number {
  const s = r.s;
  let j = i;
  while (codeAt(s, j) === c) j++;
  const before = charClass(s, i - 1);
  const afterC = charClass(s, j);
  const left = afterC !== 0 && (afterC !== 1 || before !== 2);
  const right = before !== 0 && (before !== 1 || afterC !== 2);
  const canOpen = c === 42 ? left : left && (!right || before === 1);
  const canClose = c === 42 ? right : right && (!left || afterC === 1);
  if (canOpen || canClose) r.delims.push({ start: i, count: j - i, char: c, canOpen, canClose, alive: true });
  return j;
}

/** The plain text of content[from, to): escapes removed, marks replaced (outer marks win). */
function textOf(s: string, marks: Mark[], from: number, to: number): string {
  let out = '';
  let p = from;
  for (const m of marks) {
    if (m.from < p || m.to > to) continue;
    out += unescapeMd(s.slice(p, m.from)) + m.value;
    p = m.to;
  }
  return out + unescapeMd(s.slice(p, to));
}

/** A leaf's content: see Scanner.contentOf. */
export interface Content {
  s: string;
  /** Where each line starts in `s`. */
  at: number[];
  /** Where each line starts in the document. */
  orig: number[];
  /** Whether the line ends between its lines are all `\n` in the document. */
  lf: boolean;
}

/** Maps an offset in a leaf's content back to the document. */
export function contentToOrig(c: Content, i: number): number {
  let k = c.at.length - 1;
  while (k > 0 && c.at[k] > i) k--;
  return c.orig[k] + (i - c.at[k]);
}
