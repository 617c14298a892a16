/**
 * What a line does to the block parser's open blocks: whether it continues each (quotes,
 * list items, code, …) and which blocks it starts (quotes, ATX and setext headings, fences,
 * HTML blocks, thematic breaks, list items, indented code, GFM tables), in commonmark.js
 * order, with the regexes that classify the rest of a line.
 */
import { isSpaceOrTab } from './chars';
import { newNode, type BlockState, type ListData, type Node } from './blockState';
import { addChild, closeUnmatchedBlocks, finalize } from './blockTree';
import { delimiterRowCells, splitRow } from './tables';

const ATX = /^#{1,6}(?:[ \t]+|$)/;
const FENCE = /^`{3,}(?!.*`)|^~{3,}/;
const CLOSING_FENCE = /^(?:`{3,}|~{3,})(?=[ \t]*$)/;
const THEMATIC = /^(?:(?:\*[ \t]*){3,}|(?:_[ \t]*){3,}|(?:-[ \t]*){3,})$/;
export const SETEXT = /^(?:=+|-+)[ \t]*$/;
const BULLET = /^[*+-]/;
const ORDERED = /^(\d{1,9})([.)])/;
const HTML_RAW = /^<(?:script|pre|style|textarea)(?:[ \t>]|$)/i;
const HTML_RAW_END = /<\/(?:script|pre|style|textarea)>/i;
const HTML_BLOCK_NAMES =
  'address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|h1|h2|h3|h4|h5|h6|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|optgroup|option|p|param|search|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul';
const HTML_BLOCK = new RegExp(`^</?(?:${HTML_BLOCK_NAMES})(?:[ \\t>]|/>|$)`, 'i');

/** A complete opening or closing tag alone on its line: an HTML block of type 7. */
const HTML_TAG_LINE =
  // eslint-disable-next-line no-control-regex -- CommonMark's unquoted attribute value excludes C0 controls
  /^(?:<[A-Za-z][A-Za-z0-9-]*(?:[ \t]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t]*=[ \t]*(?:[^"'=<>`\x00-\x20]+|'[^'\n\r]*'|"[^"\n\r]*"))?)*[ \t]*\/?>|<\/[A-Za-z][A-Za-z0-9-]*[ \t]*>)[ \t]*$/;

function listsMatch(a: ListData, b: ListData): boolean {
  return a.ordered === b.ordered && a.marker === b.marker;
}

/**
 * Whether this line leaves an open fenced code or HTML block inside a container. When such
 * a line also opens a container, micromark ends the code at the start of the line (a list
 * then ends on the next list's first line): not reproduced, left to remark.
 */
function closesOpenCode(s: BlockState): boolean {
  const t = s.oldtip;
  return !s.allClosed && ((t.type === 'code' && t.fenced !== undefined) || t.type === 'html') && t.parent !== s.doc;
}

/** 0: the line continues the block; 1: it does not; 2: the line is consumed (closing fence). */
export function continues(s: BlockState, c: Node): 0 | 1 | 2 {
  const ln = s.ln;
  switch (c.type) {
    case 'blockquote':
      if (!s.indented && ln.charCodeAt(s.nextNonspace) === 62) {
        s.advanceNextNonspace();
        s.advanceOffset(1, false);
        if (isSpaceOrTab(ln.charCodeAt(s.offset))) s.advanceOffset(1, true);
        c.end = s.lineStart + ln.length;
        return 0;
      }
      return 1;
    case 'item': {
      const l = c.list!;
      if (s.blank) {
        if (c.children.length === 0) return 1;
        // As micromark: a blank line gives up at most the item's indentation; what is left
        // (four spaces more, say) stays with the blocks inside (indented code keeps it).
        if (s.indent >= l.markerOffset + l.padding) s.advanceOffset(l.markerOffset + l.padding, true);
        else s.advanceNextNonspace();
      } else if (s.indent >= l.markerOffset + l.padding) {
        s.advanceOffset(l.markerOffset + l.padding, true);
      } else {
        return 1;
      }
      return 0;
    }
    case 'list':
      return 0;
    case 'heading':
    case 'hr':
      return 1;
    case 'code': {
      if (c.fenced) {
        const m = s.indent <= 3 ? CLOSING_FENCE.exec(ln.slice(s.nextNonspace)) : null;
        if (m && m[0].charAt(0) === c.fenced.char && m[0].length >= c.fenced.length) {
          c.end = s.lineStart + ln.length;
          finalize(s, c);
          return 2;
        }
        // Skip the fence's own indentation.
        let i = c.fenced.offset;
        while (i > 0 && isSpaceOrTab(ln.charCodeAt(s.offset))) {
          s.advanceOffset(1, true);
          i--;
        }
        return 0;
      }
      if (s.indent >= 4) {
        s.advanceOffset(4, true);
      } else if (s.blank) {
        s.advanceNextNonspace();
      } else {
        return 1;
      }
      return 0;
    }
    case 'html':
      return s.blank && (c.htmlType === 6 || c.htmlType === 7) ? 1 : 0;
    case 'paragraph':
    case 'table':
      return s.blank ? 1 : 0;
    default:
      return 0;
  }
}

/** Tries the block starts in commonmark.js order; returns the new container, 'leaf', or undefined. */
export function tryStarts(s: BlockState, container: Node, rest: string): Node | 'leaf' | undefined {
  const c0 = rest.charCodeAt(0);
  const indented = s.indented;
  if ((c0 === 62 || (c0 >= 48 && c0 <= 57) || c0 === 42 || c0 === 43 || c0 === 45) && closesOpenCode(s)) {
    s.fail('container closed over open code or HTML');
  }
  // Block quote.
  if (!indented && c0 === 62) {
    s.advanceNextNonspace();
    s.advanceOffset(1, false);
    if (isSpaceOrTab(s.ln.charCodeAt(s.offset))) s.advanceOffset(1, true);
    closeUnmatchedBlocks(s);
    const q = addChild(s, 'blockquote', s.nextNonspace);
    q.end = s.lineStart + s.ln.length;
    return q;
  }
  // ATX heading.
  if (!indented && c0 === 35) {
    const m = ATX.exec(rest);
    if (m) {
      s.advanceNextNonspace();
      closeUnmatchedBlocks(s);
      const h = addChild(s, 'heading', s.nextNonspace);
      h.depth = m[0].trim().length;
      let content = rest.slice(m[0].length);
      // The content without its closing sequence, as CommonMark reads it.
      const contentFrom = s.nextNonspace + m[0].length;
      content = content.replace(/^[ \t]*#+[ \t]*$/, '').replace(/[ \t]+#+[ \t]*$/, '');
      const lead = content.length - content.trimStart().length;
      const trimmed = content.trim();
      h.lines.push({ line: s.lineNo, from: s.lineStart + contentFrom + lead, to: s.lineStart + contentFrom + lead + trimmed.length });
      // The whole line from the first `#`, for a piece: remark must see the same closing sequence.
      h.atx = { line: s.lineNo, from: s.lineStart + s.nextNonspace, to: s.lineStart + s.ln.length };
      h.end = s.lineStart + s.ln.length;
      s.advanceOffset(s.ln.length - s.offset, false);
      return h;
    }
  }
  // Fenced code.
  if (!indented && (c0 === 96 || c0 === 126)) {
    const m = FENCE.exec(rest);
    if (m) {
      const fenceLength = m[0].length;
      closeUnmatchedBlocks(s);
      const f = addChild(s, 'code', s.nextNonspace);
      f.fenced = { char: m[0].charAt(0), length: fenceLength, offset: s.indent };
      f.end = s.lineStart + s.ln.length;
      s.advanceNextNonspace();
      s.advanceOffset(fenceLength, false);
      return f;
    }
  }
  // HTML block: comments and block-level tags are read here, other kinds fall back.
  if (!indented && c0 === 60) {
    let type = 0;
    if (rest.startsWith('<!--')) type = 2;
    else if (HTML_RAW.test(rest)) type = 1;
    else if (HTML_BLOCK.test(rest)) type = 6;
    else if (/^<[?!]/.test(rest)) s.fail('html block of another kind');
    else if (HTML_TAG_LINE.test(rest) && container.type !== 'paragraph') {
      // On a lazy line (a paragraph still open deeper) micromark does not start one.
      if (s.tip.type === 'paragraph') s.fail('html block on a lazy line');
      // Type 7 (a lone complete tag) cannot interrupt a paragraph. Attributes over several
      // lines or odd whitespace are not read here: only what the regex proves complete.
      if (/\/?>[ \t]*$/.test(rest) && /[\t]/.test(rest)) s.fail('html block of another kind');
      type = 7;
    }
    if (type) {
      closeUnmatchedBlocks(s);
      const b = addChild(s, 'html', s.offset);
      b.start = s.lineStart + s.nextNonspace;
      b.htmlType = type;
      // Leave the offset alone: the indentation is part of the HTML content.
      return b;
    }
  }
  // Setext heading underline.
  if (!indented && container.type === 'paragraph' && SETEXT.test(rest)) {
    const p = container;
    if (/^[ \t]*\[/.test(s.text.slice(p.lines[0].from, p.lines[0].to))) s.fail('setext heading after a link definition');
    closeUnmatchedBlocks(s);
    const h = newNode('heading', p.startLine, p.start);
    h.depth = rest.charAt(0) === '=' ? 1 : 2;
    h.setext = true;
    h.lines = p.lines;
    h.parent = p.parent;
    p.parent!.children[p.parent!.children.indexOf(p)] = h;
    h.end = s.lineStart + s.ln.length;
    s.tip = h;
    s.advanceOffset(s.ln.length - s.offset, false);
    return h;
  }
  // Thematic break.
  if (!indented && THEMATIC.test(rest)) {
    closeUnmatchedBlocks(s);
    const hr = addChild(s, 'hr', s.nextNonspace);
    hr.end = s.lineStart + s.ln.length;
    s.advanceOffset(s.ln.length - s.offset, false);
    return hr;
  }
  // List item.
  if ((!indented || container.type === 'list') && s.indent < 4) {
    const data = parseListMarker(s, rest);
    if (data) {
      closeUnmatchedBlocks(s);
      if (s.tip.type !== 'list' || !listsMatch(s.tip.list!, data)) {
        const l = addChild(s, 'list', 0);
        l.start = data.start;
        l.list = data;
      }
      const item = addChild(s, 'item', data.start);
      item.start = data.start;
      item.list = data;
      item.end = s.lineStart + s.ln.length;
      return item;
    }
  }
  // Indented code.
  if (indented && s.tip.type !== 'paragraph' && !s.blank) {
    // A line that closes a container without opening one is "lazy" to micromark, and
    // indented code begun on a lazy line ends there (`> ```` then two indented lines are
    // two code blocks). Rare: leave it to remark.
    if (!s.allClosed && container === s.lastMatchedContainer) s.fail('indented code on a lazy line');
    const at = s.offset;
    s.advanceOffset(4, true);
    closeUnmatchedBlocks(s);
    return addChild(s, 'code', at);
  }
  return undefined;
}

/**
 * GFM tables, as micromark-extension-gfm-table reads them: a line of a paragraph (its
 * last so far) is a table's head row when the current line, in the same containers, is a
 * delimiter row with as many cells. The table interrupts the paragraph, which keeps the
 * lines before. Returns whether the line was taken as a delimiter row.
 */
export function startsTable(s: BlockState, p: Node): boolean {
  s.findNextNonspace();
  if (s.indented) return false;
  const ln = s.ln;
  const c0 = ln.charCodeAt(s.nextNonspace);
  // Only `|`, `:` and `-` start a delimiter row; `- ` would start a list item instead.
  if (c0 !== 124 && c0 !== 58 && !(c0 === 45 && ln.length > s.nextNonspace + 1 && !isSpaceOrTab(ln.charCodeAt(s.nextNonspace + 1)))) return false;
  const rest = ln.slice(s.nextNonspace);
  const delimiterCells = delimiterRowCells(rest);
  if (delimiterCells === 0) return false;
  const head = p.lines[p.lines.length - 1];
  let from = head.from;
  while (isSpaceOrTab(s.text.charCodeAt(from))) from++;
  const headRow = s.text.slice(from, head.to);
  if (splitRow(headRow).length !== delimiterCells || headRow.trim() === '|') return false;
  // What micromark does with a lazy head row, an indented one, or tabs in the indentation,
  // is not reproduced: such documents are left to remark.
  if (head.lazy) s.fail('table head on a lazy line');
  const indent = s.text.slice(head.from, from);
  if (indent.includes('\t') || indent.length >= 4 || s.ln.slice(s.offset, s.nextNonspace).includes('\t')) {
    s.fail('indented table row');
  }
  if (p.lines.length > 1 && s.text.charCodeAt(p.lines[0].from) === 91) s.fail('table after a possible definition');
  const parent = p.parent!;
  const t = newNode('table', head.line, from);
  t.parent = parent;
  t.rows = [{ line: head.line, from, to: head.to }];
  t.end = s.lineStart + s.ln.length;
  p.lines.pop();
  if (p.lines.length) {
    p.end = p.lines[p.lines.length - 1].to;
    finalize(s, p);
    parent.children.push(t);
  } else {
    parent.children[parent.children.indexOf(p)] = t;
  }
  s.tip = t;
  return true;
}

function parseListMarker(s: BlockState, rest: string): (ListData & { start: number }) | undefined {
  let marker: string;
  let ordered = false;
  let length: number;
  const m = BULLET.exec(rest);
  if (m) {
    marker = m[0];
    length = 1;
  } else {
    const o = ORDERED.exec(rest);
    if (!o || (s.interrupt && o[1] !== '1')) return undefined;
    marker = o[2];
    ordered = true;
    length = o[0].length;
  }
  const next = s.ln.charCodeAt(s.nextNonspace + length);
  if (!(Number.isNaN(next) || next === 32 || next === 9)) return undefined;
  if (s.interrupt && !/[^ \t]/.test(s.ln.slice(s.nextNonspace + length))) return undefined;
  const markerOffset = s.indent;
  const start = s.lineStart + s.nextNonspace;
  s.advanceNextNonspace();
  s.advanceOffset(length, true);
  const spacesStartCol = s.column;
  const spacesStartOffset = s.offset;
  let nextc: number;
  do {
    s.advanceOffset(1, true);
    nextc = s.ln.charCodeAt(s.offset);
  } while (s.column - spacesStartCol < 5 && isSpaceOrTab(nextc));
  const blankItem = Number.isNaN(nextc);
  const spacesAfterMarker = s.column - spacesStartCol;
  let padding: number;
  if (spacesAfterMarker >= 5 || spacesAfterMarker < 1 || blankItem) {
    padding = length + 1;
    s.column = spacesStartCol;
    s.offset = spacesStartOffset;
    if (isSpaceOrTab(s.ln.charCodeAt(s.offset))) s.advanceOffset(1, true);
  } else {
    padding = length + spacesAfterMarker;
  }
  return { ordered, marker, markerOffset, padding, start };
}

export function htmlEnds(type: number, rest: string): boolean {
  if (type === 2) return rest.includes('-->');
  if (type === 1) return HTML_RAW_END.test(rest);
  return false;
}
