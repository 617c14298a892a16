/**
 * A fast, hand-written scanner that builds the same {@link MarkdownModel} as
 * {@link parseMarkdown}, an order of magnitude quicker.
 *
 * remark-parse tokenises every character of every paragraph (~1 MB/s); the model needs far
 * less: the CommonMark *block* structure (which lines are headings, paragraphs, code, HTML,
 * lists, quotes), the text of headings, and the links and comments inside inline content.
 * So this folder:
 *
 * 1. runs a line-by-line CommonMark block parser (the container-stack algorithm of the
 *    reference implementation, commonmark.js), which gives headings, field lines, blocks
 *    and HTML comments directly;
 * 2. looks at inline content only where it can matter: a paragraph or heading with no `[`,
 *    `<` or markup outside code spans has no links, comments or markup to strip. The rest is
 *    read by a small native link scanner when it is plainly simple, and otherwise parsed by
 *    remark on its own (a "piece": just that paragraph or heading, with the document's link
 *    definitions in front so that references resolve the same), positions mapped back;
 * 3. gives up on constructs that are rare and fiddly to get exactly right (GFM tables, HTML
 *    blocks other than comments and block-level tags, tabs inside container indentation,
 *    multi-line link definitions, …) by throwing {@link Fallback}: the whole document is
 *    then parsed by {@link parseMarkdown}. Correctness first; `scanStats` counts how often.
 *
 * The modules: `scanner` (one scan: front matter, blocks, assembly), the block parser in
 * `blocks` (a line at a time), `blockStarts` (what a line continues and starts),
 * `blockTree` (blocks added and closed, link definitions taken off paragraphs) and
 * `blockState` (its tree and state), `assemble` (the model from the tree), `pieces` (inline
 * content handed to remark), `inlines` (the native inline scanner), `links` (labels,
 * destinations and titles: inline resources and link reference definitions), `tables` (GFM
 * rows), `chars` and `fallback`.
 *
 * The equivalence tests (test/equivalence/scan.test.ts, test/equivalence/fastpath.test.ts) hold this to
 * exactly parseMarkdown's output on real corpora and on generated documents.
 */
import { parseMarkdown } from '../markdown';
import { LineIndex } from '../text';
import type { MarkdownModel } from '../types';
import { Scanner } from './scanner';
import { Fallback, REMARK_BUDGET, inlineCost, scanStats } from './fallback';
import { changeBetween, lineIndexAfter, recordScan, rescan, type TextChange } from './incremental';

export { scanStats } from './fallback';
export { scanInline } from './inlines';
export { normalizeLabel } from './links';

/** Scans a document's text into the model the rules read; same result as parseMarkdown. */
export function scanMarkdown(text: string, lines = new LineIndex(text)): MarkdownModel {
  scanStats.documents++;
  try {
    const scanner = new Scanner(text, lines);
    const model = scanner.run();
    recordScan(model, scanner);
    return model;
  } catch (e) {
    if (!(e instanceof Fallback)) throw e;
    scanStats.fallbacks.set(e.message, (scanStats.fallbacks.get(e.message) ?? 0) + 1);
    // remark is quadratic on long runs of inline markup: such a document is not handed to
    // it, but read by the scanner, leniently (its best reading of the rare constructs, and
    // no remark pieces).
    if (inlineCost(text) > REMARK_BUDGET) return new Scanner(text, lines, true).run();
    return parseMarkdown(text, lines);
  }
}

/**
 * The model of an edited text, from the model (and lines) of the text before: only the
 * lines the edit can change are scanned again (see scan/incremental.ts). The same result as
 * {@link scanMarkdown}; `lines`, when given, must be the new text's.
 */
export function rescanMarkdown(
  previous: { model: MarkdownModel; lines: LineIndex },
  text: string,
  lines?: LineIndex,
  change: TextChange | undefined = changeBetween(previous.lines.text, text),
): MarkdownModel {
  if (!change) return previous.model;
  const li = lines ?? lineIndexAfter(previous.lines, text, change);
  const model = rescan(previous.model, previous.lines, text, li, change);
  if (model) {
    scanStats.documents++;
    scanStats.incremental++;
    return model;
  }
  return scanMarkdown(text, li);
}
