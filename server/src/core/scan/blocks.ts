/**
 * The block parser, after commonmark.js's container-stack algorithm: each line continues
 * the open blocks it can (scan/blockStarts.ts decides), closes the others, may start new
 * ones, and what is left of it is text for the open leaf (scan/blockTree.ts grows the tree).
 * The state it works on is scan/blockState.ts's.
 */
import { lineEndOf, type BlockState, type Node } from './blockState';
import { SETEXT, continues, htmlEnds, startsTable, tryStarts } from './blockStarts';
import { codeAt, maySpecial } from './chars';
import { addChild, addLine, closeUnmatchedBlocks, finalize, touchBlank } from './blockTree';

/**
 * Reads line `n` into the tree. In one cold `charter check` this runs on every line while
 * V8 optimises it, and each rarer path first taken after that (a CRLF line end, a closing
 * fence, a lazy line) throws the optimised code away. So this stays a small sequence of
 * steps, each compiled on its own: the containers the line continues, the blocks it
 * starts, and where the rest of it goes.
 */
export function incorporateLine(s: BlockState, n: number): void {
  startLine(s, n);
  let container = continueContainers(s);
  if (container === undefined) return; // the line was a closing fence
  s.allClosed = container === s.oldtip;
  s.lastMatchedContainer = container;

  // micromark decides once per line whether a new list item would interrupt something: a
  // paragraph (as CommonMark says), but also an indented code block still open in the same
  // container (a micromark quirk: `    code`, blank, `  3. x` is a paragraph). The flag holds
  // for every container opened on the line (`a` then `> 2. b` is a quote with a paragraph).
  s.interrupt = container.type === 'paragraph' || (s.oldtip.type === 'code' && !s.oldtip.fenced && s.oldtip.parent === container);
  if (container.type === 'paragraph' && s.allClosed && startsTable(s, container)) return;
  if (container.type !== 'code' && container.type !== 'html') container = openBlocks(s, container);

  if (s.partiallyConsumedTab) s.fail('tab split by a container');

  // What is left of the line is text.
  if (!s.allClosed && !s.blank && s.tip.type === 'paragraph') addLazyLine(s);
  else addRest(s, container);
}

/** Sets the state up for line `n`. */
function startLine(s: BlockState, n: number): void {
  const start = s.lines.starts[n];
  s.lineNo = n;
  s.lineStart = start;
  s.ln = s.text.slice(start, lineEndOf(s.lines, n));
  s.offset = 0;
  s.column = 0;
  s.blank = false;
  s.partiallyConsumedTab = false;
  s.oldtip = s.tip;
}

/**
 * Goes down the open blocks the line continues; returns the deepest, or undefined when the
 * line was a closing fence (and so is read).
 */
function continueContainers(s: BlockState): Node | undefined {
  let container = s.doc;
  let last: Node | undefined;
  while ((last = container.children[container.children.length - 1]) && last.open) {
    container = last;
    s.findNextNonspace();
    const r = continues(s, container);
    if (r === 1) return container.parent!;
    if (r === 2) return undefined;
  }
  return container;
}

/** Opens the blocks that start on the line inside `container`; returns the innermost. */
function openBlocks(s: BlockState, container: Node): Node {
  for (;;) {
    s.findNextNonspace();
    if (!s.indented && !maySpecial(codeAt(s.ln, s.nextNonspace))) {
      s.advanceNextNonspace();
      return container;
    }
    const started = tryStarts(s, container, s.ln.slice(s.nextNonspace));
    if (started === undefined) {
      s.advanceNextNonspace();
      return container;
    }
    if (started === 'leaf') return s.tip;
    container = started;
    if (container.type === 'code' || container.type === 'html' || container.type === 'heading' || container.type === 'hr') {
      return container;
    }
  }
}

/**
 * A lazy continuation line. A lazy line that would be a setext underline or a table
 * delimiter row reads differently in a piece: leave such documents to remark.
 */
function addLazyLine(s: BlockState): void {
  if (SETEXT.test(s.ln.slice(s.nextNonspace))) s.fail('lazy setext-like line');
  addLine(s, s.tip);
  s.tip.lines[s.tip.lines.length - 1].lazy = true;
}

/** The rest of a line that is not lazy: text of the leaf it continues or opens. */
function addRest(s: BlockState, container: Node): void {
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
