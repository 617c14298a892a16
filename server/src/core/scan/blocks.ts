/**
 * The block parser, after commonmark.js's container-stack algorithm: each line continues
 * the open blocks it can (scan/blockStarts.ts decides), closes the others, may start new
 * ones, and what is left of it is text for the open leaf (scan/blockTree.ts grows the tree).
 * The state it works on is scan/blockState.ts's.
 */
import type { BlockState, Node } from './blockState';
import { SETEXT, continues, htmlEnds, startsTable, tryStarts } from './blockStarts';
import { codeAt, maySpecial } from './chars';
import { addChild, addLine, closeUnmatchedBlocks, finalize, touchBlank } from './blockTree';

/** Reads line `n` into the tree. */
export function incorporateLine(s: BlockState, n: number): void {
  const lines = s.lines;
  s.lineNo = n;
  s.lineStart = lines.starts[n];
  s.ln = s.text.slice(s.lineStart, lines.lineEnd(n));
  s.offset = 0;
  s.column = 0;
  s.blank = false;
  s.partiallyConsumedTab = false;

  let container = s.doc;
  s.oldtip = s.tip;
  let last: Node | undefined;
  while ((last = container.children[container.children.length - 1]) && last.open) {
    container = last;
    s.findNextNonspace();
    const r = continues(s, container);
    if (r === 1) {
      container = container.parent!;
      break;
    }
    if (r === 2) return; // the line was a closing fence
  }
  s.allClosed = container === s.oldtip;
  s.lastMatchedContainer = container;

  let matchedLeaf = container.type !== 'paragraph' && (container.type === 'code' || container.type === 'html');
  // micromark decides once per line whether a new list item would interrupt something: a
  // paragraph (as CommonMark says), but also an indented code block still open in the same
  // container (a micromark quirk: `    code`, blank, `  3. x` is a paragraph). The flag holds
  // for every container opened on the line (`a` then `> 2. b` is a quote with a paragraph).
  s.interrupt = container.type === 'paragraph' || (s.oldtip.type === 'code' && !s.oldtip.fenced && s.oldtip.parent === container);
  if (container.type === 'paragraph' && s.allClosed && startsTable(s, container)) return;
  while (!matchedLeaf) {
    s.findNextNonspace();
    if (!s.indented && !maySpecial(codeAt(s.ln, s.nextNonspace))) {
      s.advanceNextNonspace();
      break;
    }
    const started = tryStarts(s, container, s.ln.slice(s.nextNonspace));
    if (started === undefined) {
      s.advanceNextNonspace();
      break;
    }
    if (started === 'leaf') {
      container = s.tip;
      break;
    }
    container = started;
    if (container.type === 'code' || container.type === 'html' || container.type === 'heading' || container.type === 'hr') {
      matchedLeaf = true;
    }
  }

  if (s.partiallyConsumedTab) s.fail('tab split by a container');

  // What is left of the line is text.
  if (!s.allClosed && !s.blank && s.tip.type === 'paragraph') {
    // A lazy continuation line. A lazy line that would be a setext underline or a table
    // delimiter row reads differently in a piece: leave such documents to remark.
    if (SETEXT.test(s.ln.slice(s.nextNonspace))) s.fail('lazy setext-like line');
    addLine(s, s.tip);
    s.tip.lines[s.tip.lines.length - 1].lazy = true;
    return;
  }
  closeUnmatchedBlocks(s);

  const t = container.type;
  if (t === 'code' || t === 'html' || t === 'paragraph') {
    addLine(s, container);
    if (t === 'html' && container.htmlType !== undefined && container.htmlType <= 5) {
      if (htmlEnds(container.htmlType, s.ln.slice(s.offset))) finalize(s, container);
    }
  } else if (t === 'table') {
    // A body row: any line the table's containers continue that starts no other block.
    container.rows!.push({ line: s.lineNo, from: s.lineStart + s.offset, to: s.lineStart + s.ln.length });
    container.end = s.lineStart + s.ln.length;
  } else if (t === 'heading' || t === 'hr') {
    // closed on the next line
  } else if (s.offset < s.ln.length && !s.blank) {
    const p = addChild(s, 'paragraph', s.nextNonspace);
    s.advanceNextNonspace();
    addLine(s, p);
  } else if (s.blank) {
    touchBlank(s, container);
  }
}

/** Closes every block still open, the document last. */
export function closeAll(s: BlockState): void {
  while (s.tip !== s.doc) finalize(s, s.tip);
  finalize(s, s.doc);
}
