/**
 * How the block parser grows and closes its tree: blocks added under the tip, lines added to
 * leaves, blocks closed; a closed paragraph gives up its link reference definitions.
 */
import { isSpaceOrTab, unescapeMd } from './chars';
import { contentOf, newNode, type BlockState, type BlockType, type Node } from './blockState';
import type { Content } from './inlines';
import { ENTITY, normalizeLabel, parseDefinition } from './links';

/** A blank line that only a container (quote) holds still extends it. */
export function touchBlank(s: BlockState, container: Node): void {
  if (container.type === 'blockquote') container.end = Math.max(container.end, s.lineStart + s.ln.length);
}

export function closeUnmatchedBlocks(s: BlockState): void {
  if (!s.allClosed) {
    while (s.oldtip !== s.lastMatchedContainer) {
      const parent = s.oldtip.parent!;
      finalize(s, s.oldtip);
      s.oldtip = parent;
    }
    s.allClosed = true;
  }
}

export function addChild(s: BlockState, type: BlockType, offsetInLine: number): Node {
  while (!canContain(s.tip.type, type)) finalize(s, s.tip);
  const n = newNode(type, s.lineNo, s.lineStart + offsetInLine);
  n.parent = s.tip;
  s.tip.children.push(n);
  s.tip = n;
  return n;
}

export function addLine(s: BlockState, n: Node): void {
  const from = s.lineStart + s.offset;
  const to = s.lineStart + s.ln.length;
  if (n.type === 'code' && !n.fenced) {
    // Indented code ends at its last line that is not blank, where a line of four or more
    // spaces counts as not blank (remark keeps it as code content).
    if (!s.blank || s.indent >= 4) n.end = to;
    return;
  }
  if (n.type === 'html') {
    n.lines.push({ line: s.lineNo, from: n.lines.length ? from : n.start, to });
    n.end = to;
    return;
  }
  if (n.type === 'code') {
    n.end = to;
    return;
  }
  n.lines.push({ line: s.lineNo, from, to });
  n.end = to;
}

export function finalize(s: BlockState, n: Node): void {
  if (!n.open) return;
  n.open = false;
  if (n.type === 'paragraph') resolveDefinitions(s, n);
  if (n.type === 'paragraph' && n.lines.length === 0) {
    // Only definitions: no paragraph remains, but its container still holds the
    // definitions (a list item ends where its last definition does, as in mdast).
    const parent = n.parent!;
    parent.children.splice(parent.children.indexOf(n), 1);
    if (n.end > parent.end) parent.end = n.end;
  }
  // A container ends where its last child does, if that is later.
  if (n.type === 'item' || n.type === 'list' || n.type === 'blockquote' || n.type === 'document') {
    const lastChild = n.children[n.children.length - 1];
    if (lastChild && lastChild.end > n.end) n.end = lastChild.end;
  }
  if (n === s.tip) s.tip = n.parent ?? s.doc;
}

/**
 * Reads the link definitions at the start of a paragraph, as micromark's definition
 * construct: `[label]:`, whitespace (a line end included), a destination, and an optional
 * title after whitespace; only spaces may follow on the last line. A definition may so
 * span lines; the paragraph keeps the lines after it.
 */
function resolveDefinitions(s: BlockState, p: Node): void {
  const text = s.text;
  // The paragraph's content, made once: the content of the lines left after some
  // definitions is its tail from the first of them (a paragraph of many definitions would
  // otherwise be joined again for each).
  let c: Content | undefined;
  let first = 0; // the line of `c` that p.lines[0] is now
  while (p.lines.length && text.charCodeAt(p.lines[0].from) === 91) {
    c ??= contentOf(text, p.lines);
    const base = c.at[first];
    const d = parseDefinition(base ? c.s.slice(base) : c.s);
    if (!d) return;
    if (d.label.includes('\n')) s.fail('multi-line definition label');
    if (ENTITY.test(d.dest.raw) || ENTITY.test(d.label)) s.fail('entity in a definition');
    // The definition ends at the end of its last line; that line is consumed.
    let last = first;
    while (last + 1 < c.at.length && c.at[last + 1] - base <= d.end) last++;
    const s0 = p.lines[0].from;
    const count = last - first + 1;
    // remark decodes backslash escapes in both the destination and the label it reports.
    s.links.push({ key: s0, link: { target: d.dest.url, text: unescapeMd(d.label), range: s.lines.range(s0, p.lines[count - 1].to) } });
    s.definitionLabels.push(d.label);
    s.definitionLines.push(p.lines[0].line);
    s.defined.add(normalizeLabel(d.label));
    p.lines.splice(0, count);
    first = last + 1;
    if (p.lines.length) {
      const f = p.lines[0];
      let st = f.from;
      while (st < f.to && isSpaceOrTab(text.charCodeAt(st))) st++;
      p.lines[0] = { ...f, from: st };
      p.start = st;
      p.startLine = f.line;
    }
  }
}

function canContain(parent: BlockType, child: BlockType): boolean {
  if (parent === 'list') return child === 'item';
  if (parent === 'document' || parent === 'blockquote' || parent === 'item') return child !== 'item';
  return false;
}
