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
import { normalizeKey, parseFieldLine, stripInline, isPlaceholderText } from './syntax';

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
  const tree = processor.parse(body) as Root;
  const rangeOf = (node: { position?: { start: { offset?: number }; end: { offset?: number } } }): Range =>
    lines.range(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);

  const walkInline = (node: Nodes): void => {
    if (node.type === 'link' || node.type === 'definition' || node.type === 'image') {
      const text = node.type === 'link' ? toText(node) : node.type === 'image' ? node.alt ?? '' : node.label ?? '';
      model.links.push({ target: node.url, text, range: rangeOf(node) });
    } else if (node.type === 'html') {
      collectComments(node.value, node.position?.start.offset ?? 0, lines, model.comments);
    }
    if ('children' in node) for (const c of node.children) walkInline(c as Nodes);
  };

  const fieldLines = new Set<number>();
  const collectFieldLines = (node: Nodes): void => {
    if (node.type === 'paragraph') {
      const s = node.position?.start.line ?? 1;
      const e = node.position?.end.line ?? s;
      for (let l = s; l <= e; l++) fieldLines.add(l - 1);
      return;
    }
    if (node.type === 'list' || node.type === 'listItem') {
      for (const c of node.children) collectFieldLines(c as Nodes);
    }
  };

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
    const block = toBlock(node, body, lines);
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

function toBlock(node: RootContent, body: string, lines: LineIndex): Block | undefined {
  if (node.type === 'definition' || node.type === 'thematicBreak') return undefined;
  const start = node.position?.start.offset ?? 0;
  const end = node.position?.end.offset ?? start;
  const startLine = lines.positionAt(start).line;
  const endLine = lines.positionAt(end).line;
  if (node.type === 'code' || node.type === 'table') return { kind: 'content', startLine, endLine };
  return { kind: isPlaceholderText(body.slice(start, end)) ? 'placeholder' : 'content', startLine, endLine };
}

function toTable(node: Extract<RootContent, { type: 'table' }>, rangeOf: (n: Nodes) => Range): Table {
  const rowCells = (row: (typeof node.children)[number]): Cell[] =>
    row.children.map((cell) => ({ text: stripInline(toText(cell)).trim(), range: rangeOf(cell) }));
  const [head, ...rest] = node.children;
  return { header: head ? rowCells(head) : [], rows: rest.map(rowCells), range: rangeOf(node) };
}

/** The plain text of a node: its text, code and image alternatives, markup removed. */
export function toText(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode') return node.value;
  if (node.type === 'image') return node.alt ?? '';
  if (node.type === 'html') return '';
  if ('children' in node) return (node.children as Nodes[]).map(toText).join('');
  return '';
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
