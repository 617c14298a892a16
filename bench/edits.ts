/**
 * What the bench's edit series share (bench/run.ts scenarios 4–5, bench/flags.ts): the line a
 * typing series types into, the one-letter edit it sends, and the percentile it reports.
 */
import type { TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';

/** The first prose line past the top of a document (not front matter, a fence, a table or a setext underline's line). */
export function proseLine(lines: string[]): number {
  let fence = false;
  let inFm = lines[0] === '---';
  for (let i = inFm ? 1 : 0; i < lines.length; i++) {
    const l = lines[i];
    if (inFm) {
      if (l === '---') inFm = false;
      continue;
    }
    if (/^\s{0,3}(```|~~~)/.test(l)) fence = !fence;
    if (fence) continue;
    const next = lines[i + 1] ?? '';
    if (i > 8 && /^[A-Za-z]/.test(l) && l.length > 30 && !/[|<>`]/.test(l) && !/^[=-]+\s*$/.test(next) && !/^\s{0,3}(```|~~~)/.test(next)) return i;
  }
  throw new Error('no prose line to type into');
}

/** The i-th edit of a typing series at the end of a line (`end` its length): even edits add a letter, odd ones remove it. */
export function typingEdit(line: number, end: number, i: number): TextDocumentContentChangeEvent {
  return i % 2 === 0
    ? { range: { start: { line, character: end }, end: { line, character: end } }, text: 's' }
    : { range: { start: { line, character: end }, end: { line, character: end + 1 } }, text: '' };
}

/** Nearest-rank percentile. */
export function pct(xs: number[], p: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}
