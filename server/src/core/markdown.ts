/**
 * Builds the {@link MarkdownModel} of a document with unified + remark-parse: real headings
 * only (ATX and setext, never inside code fences, HTML comments or front matter), field
 * lines, tables, links, comments and the blocks that decide whether a section is empty.
 */
import { unified, type Processor } from 'unified';
import remarkParse from 'remark-parse';
import { gfmTable } from 'micromark-extension-gfm-table';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import type { Nodes, Root, RootContent } from 'mdast';
import { findFrontMatter, parseFrontMatter } from './frontMatter';
import { LineIndex } from './text';
import type { Block, Cell, Comment, Field, Heading, Link, MarkdownModel, Range, Table } from './types';
import { normalizeKey, parseFieldLine, stripInline, isPlaceholderText, labelKey } from './syntax';

/** Adds GFM tables, and nothing else of GFM, to remark-parse. */
function tablesOnly(this: Processor): void {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push(gfmTable());
  (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown());
}

const processor = unified().use(remarkParse).use(tablesOnly);

/** Parses a document's text into the model the rules read. */
export function parseMarkdown(text: string, lines = new LineIndex(text)): MarkdownModel {
  const span = findFrontMatter(lines);
  let body = text;
  const model: MarkdownModel = { headings: [], fields: [], tables: [], links: [], blocks: [], comments: [], lineCount: lines.lineCount };
  if (span) {
    model.frontMatter = parseFrontMatter(lines, span);
    // Blank the block out, keeping every offset, so remark sees neither a setext heading
    // nor a thematic break in it.
    body = text.slice(0, span.end).replace(/[^\r\n]/g, ' ') + text.slice(span.end);
  }
  body = limitNesting(body, span ? span.end : 0);
  const tree = processor.parse(body) as Root;
  const rangeOf = (node: { position?: { start: { offset?: number }; end: { offset?: number } } }): Range =>
    lines.range(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);

  // Both walks are iterative (pre-order, as a recursion would go): nesting may be deep.
  const walkInline = (root: Nodes): void => {
    const stack: Nodes[] = [root];
    for (let node = stack.pop(); node; node = stack.pop()) {
      if (node.type === 'link' || node.type === 'definition' || node.type === 'image') {
        const text = node.type === 'link' ? toText(node) : node.type === 'image' ? (node.alt ?? '') : (node.label ?? '');
        model.links.push({ target: node.url, text, range: rangeOf(node) });
      } else if (node.type === 'html') {
        collectComments(node.value, node.position?.start.offset ?? 0, lines, model.comments);
      }
      if ('children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
    }
  };

  const fieldLines = new Set<number>();
  const collectFieldLines = (root: Nodes): void => {
    const stack: Nodes[] = [root];
    for (let node = stack.pop(); node; node = stack.pop()) {
      if (node.type === 'paragraph') {
        const s = node.position?.start.line ?? 1;
        const e = node.position?.end.line ?? s;
        for (let l = s; l <= e; l++) fieldLines.add(l - 1);
      } else if (node.type === 'list' || node.type === 'listItem') {
        for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
      }
    }
  };

  // Labels of the link definitions: `[x]` alone is a link when the document defines x.
  const defined = new Set<string>();
  if (body.includes(']:')) {
    const stack: Nodes[] = [tree];
    for (let node = stack.pop(); node; node = stack.pop()) {
      if (node.type === 'definition') defined.add(labelKey(node.identifier));
      else if ('children' in node && node.type !== 'paragraph' && node.type !== 'heading' && node.type !== 'table') for (const c of node.children) stack.push(c as Nodes);
    }
  }
  const isDefined = defined.size ? (label: string) => defined.has(labelKey(label)) : undefined;

  for (const node of tree.children) {
    walkInline(node);
    collectFieldLines(node);
    if (node.type === 'heading') {
      const r = rangeOf(node);
      model.headings.push({
        depth: node.depth,
        text: toText(node).trim(),
        range: r,
        bodyStartLine: r.end.line + 1,
        sectionEndLine: 0,
        ownEndLine: 0,
      });
      continue;
    }
    if (node.type === 'table') model.tables.push(toTable(node, rangeOf));
    const block = toBlock(node, body, lines, isDefined);
    if (block) model.blocks.push(block);
  }

  for (const line of [...fieldLines].sort((a, b) => a - b)) {
    const f = parseFieldLine(lines.line(line), line);
    if (f) model.fields.push(f);
  }
  finishSections(model.headings, lines.lineCount);
  return model;
}

/** Sets each heading's section end: the next heading of the same or a higher level. */
export function finishSections(headings: Heading[], lineCount: number): void {
  for (let i = 0; i < headings.length; i++) {
    const h = headings[i];
    h.ownEndLine = i + 1 < headings.length ? headings[i + 1].range.start.line : lineCount;
    h.sectionEndLine = lineCount;
    for (let j = i + 1; j < headings.length; j++) {
      if (headings[j].depth <= h.depth) {
        h.sectionEndLine = headings[j].range.start.line;
        break;
      }
    }
  }
}

function toBlock(node: RootContent, body: string, lines: LineIndex, isDefined?: (label: string) => boolean): Block | undefined {
  if (node.type === 'definition' || node.type === 'thematicBreak') return undefined;
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? start;
  const startLine = lines.positionAt(start).line;
  const endLine = lines.positionAt(end).line;
  if (node.type === 'code' || node.type === 'table') return { kind: 'content', startLine, endLine };
  return { kind: isPlaceholderText(body.slice(start, end), isDefined) ? 'placeholder' : 'content', startLine, endLine };
}

function toTable(node: Extract<RootContent, { type: 'table' }>, rangeOf: (n: Nodes) => Range): Table {
  const rowCells = (row: (typeof node.children)[number]): Cell[] => row.children.map((cell) => ({ text: stripInline(toText(cell)).trim(), range: rangeOf(cell) }));
  const [head, ...rest] = node.children;
  return { header: head ? rowCells(head) : [], rows: rest.map(rowCells), range: rangeOf(node) };
}

/** The plain text of a node: its text, code and image alternatives, markup removed. */
export function toText(root: Nodes): string {
  // Iterative: emphasis may nest deeply.
  let out = '';
  const stack: Nodes[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.type === 'text' || node.type === 'inlineCode') out += node.value;
    else if (node.type === 'image') out += node.alt ?? '';
    else if (node.type !== 'html' && 'children' in node) for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
  }
  return out;
}

/** How deep block quotes and list items may nest on one line before their markers are read as spaces. */
export const MAX_NESTING = 100;

/**
 * Caps the nesting of containers: on a line whose prefix opens more than {@link MAX_NESTING}
 * block quotes and list items (`> > - 1. …`), the markers beyond are replaced by spaces, so
 * that every offset stays valid. Real documents never nest so deep; a hostile one would
 * otherwise cost remark quadratic time and overflow recursive walks. Both parsers read the
 * same capped text. Lines before `from` (front matter) are left alone.
 */
export function limitNesting(text: string, from = 0): string {
  // Cheap test first: a line needs more than MAX_NESTING marker characters in a row.
  if (!/(?:[>*+-][ \t]*|\d{1,9}[.)][ \t]+){101}/.test(from ? text.slice(from) : text)) return text;
  let out = '';
  let copied = 0;
  const n = text.length;
  let i = from;
  while (i < n) {
    // A line starts at i.
    let k = i;
    let depth = 0;
    for (;;) {
      while (k < n && (text.charCodeAt(k) === 32 || text.charCodeAt(k) === 9)) k++;
      const c = text.charCodeAt(k);
      let len = 0;
      if (c === 62) len = 1;
      else if (c === 45 || c === 42 || c === 43) len = 1;
      else if (c >= 48 && c <= 57) {
        let d = k;
        while (d < n && d - k < 9 && text.charCodeAt(d) >= 48 && text.charCodeAt(d) <= 57) d++;
        const e = text.charCodeAt(d);
        len = e === 46 || e === 41 ? d + 1 - k : 0;
      }
      if (len === 0) break;
      if (c !== 62) {
        const after = text.charCodeAt(k + len);
        if (!(Number.isNaN(after) || after === 32 || after === 9 || after === 10 || after === 13)) break;
      }
      if (++depth > MAX_NESTING) {
        out += text.slice(copied, k) + ' '.repeat(len);
        copied = k + len;
      }
      k += len;
    }
    // On to the next line.
    while (k < n && text.charCodeAt(k) !== 10 && text.charCodeAt(k) !== 13) k++;
    if (text.charCodeAt(k) === 13 && text.charCodeAt(k + 1) === 10) k++;
    i = k + 1;
  }
  return copied ? out + text.slice(copied) : text;
}

/** Collects the HTML comments inside a piece of raw HTML that starts at `base`. */
export function collectComments(html: string, base: number, lines: LineIndex, out: Comment[]): void {
  const re = /<!--([\s\S]*?)-->/g;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    out.push({ text: m[1].trim(), range: lines.range(base + m.index, base + m.index + m[0].length) });
  }
}

export { normalizeKey };
export type { Field, Link };
