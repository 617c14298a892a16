/** When the scanner hands a document over to remark: the reason, the statistics, the budget. */

/** Thrown when the scanner meets something it does not reproduce exactly; the reason is counted. */
export class Fallback extends Error {}

/** How often the scanner fell back, and why; read by scripts/measure-scan.mjs and the tests. */
export const scanStats = {
  documents: 0,
  fallbacks: new Map<string, number>(),
  /** Paragraphs, headings and table cells handed to remark as pieces. */
  pieces: 0,
  /** The characters of text handed to remark for pieces (definitions included). */
  pieceBytes: 0,
  /** remark calls made for pieces (at most two a document: plain pieces, table cells). */
  remarkCalls: 0,
  /** Documents read again incrementally after an edit (scan/incremental.ts), counted in `documents` too. */
  incremental: 0,
  reset(): void {
    this.documents = 0;
    this.fallbacks.clear();
    this.pieces = 0;
    this.pieceBytes = 0;
    this.remarkCalls = 0;
    this.incremental = 0;
  },
};

/**
 * The most inline work handed to remark for one document, as the sum over its stretches of
 * inline content of the square of their markup characters (`*`, `_`, `[`, `]`, `<`): remark
 * pairs emphasis and brackets in time quadratic in them. Real documents stay far below; a
 * paragraph of 5,000 such characters costs remark about a second.
 */
export const REMARK_BUDGET = 30_000_000;

/** The quadratic cost of a text's inline content to remark, taking blank lines as the bounds of paragraphs. */
export function inlineCost(text: string): number {
  let total = 0;
  let d = 0;
  let content = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (!content) {
        total += d * d;
        d = 0;
      }
      content = false;
    } else if (c === 42 || c === 95 || c === 91 || c === 93 || c === 60) {
      d++;
      content = true;
    } else if (c !== 32 && c !== 9) {
      content = true;
    }
  }
  return total + d * d;
}
