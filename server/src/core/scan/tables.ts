/** GFM table rows as micromark-extension-gfm-table reads them: delimiter rows and cells. */
import { isSpaceOrTab } from './chars';

const DELIMITER_ROW = /^(?:\|[ \t]*)?:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*(?:\|[ \t]*)?$/;

/** The number of cells of a GFM delimiter row (`| :-- | --: |`), or 0 when the line is not one. */
export function delimiterRowCells(row: string): number {
  // micromark wants a pipe or a colon somewhere: `---` alone is a setext underline or a rule.
  if (!DELIMITER_ROW.test(row) || !/[|:]/.test(row)) return 0;
  return row.match(/-+/g)!.length;
}

/** A table cell within its row: its range, and its content (whitespace trimmed). */
export interface RowCell {
  from: number;
  to: number;
  contentFrom: number;
  contentTo: number;
}

/**
 * Splits a table row (from its first non-blank character to the line end) into cells as
 * micromark-extension-gfm-table and mdast-util-gfm-table do. Pipes split cells unless
 * escaped (`\|`; `\\` escapes a backslash) — code spans do not protect them. A leading pipe
 * belongs to the first cell; every other pipe starts a cell that runs to the next one; a
 * last cell with no content (after a trailing pipe) is merged into the cell before it.
 */
export function splitRow(row: string): RowCell[] {
  const n = row.length;
  const starts = [0];
  for (let i = row.charCodeAt(0) === 124 ? 1 : 0; i < n; i++) {
    const c = row.charCodeAt(i);
    if (c === 92) {
      const d = row.charCodeAt(i + 1);
      if (d === 92 || d === 124) i++;
    } else if (c === 124) {
      starts.push(i);
    }
  }
  const cells: RowCell[] = [];
  for (let k = 0; k < starts.length; k++) {
    const from = starts[k];
    const to = k + 1 < starts.length ? starts[k + 1] : n;
    let a = from + (row.charCodeAt(from) === 124 ? 1 : 0);
    let b = to;
    while (a < b && isSpaceOrTab(row.charCodeAt(a))) a++;
    while (b > a && isSpaceOrTab(row.charCodeAt(b - 1))) b--;
    if (k > 0 && k === starts.length - 1 && a === b) {
      cells[cells.length - 1].to = n;
      break;
    }
    cells.push({ from, to, contentFrom: a, contentTo: b });
  }
  return cells;
}
