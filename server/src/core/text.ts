/**
 * Turning bytes into text and offsets into positions. Odd encodings and binary files are
 * decided here, once, so that no rule ever sees them.
 */
import type { Position, Range } from './types';

/** Why a file's bytes were not read as a document. */
export type SkipReason = 'binary' | 'too-large';

/** The result of decoding a file's bytes. */
export type Decoded =
  { ok: true; text: string; encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be'; invalidBytes: boolean } | { ok: false; reason: SkipReason; message: string };

/** Files larger than this are skipped with a note rather than analyzed. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;

/**
 * Decodes a markdown file's bytes. UTF-8 (with or without BOM) and UTF-16 with a BOM are
 * read; a NUL byte in a file without a UTF-16 BOM marks it as binary.
 */
export function decode(bytes: Uint8Array, maxBytes = MAX_FILE_BYTES): Decoded {
  if (bytes.length > maxBytes) {
    return {
      ok: false,
      reason: 'too-large',
      message: `skipped: ${formatBytes(bytes.length)} is larger than the ${formatBytes(maxBytes)} limit`,
    };
  }
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le', invalidBytes: false };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be', invalidBytes: false };
  }
  const probe = bytes.subarray(0, Math.min(bytes.length, 8192));
  if (probe.includes(0)) {
    return { ok: false, reason: 'binary', message: 'skipped: binary content (NUL bytes) in a markdown file' };
  }
  let body = bytes;
  let encoding: 'utf-8' | 'utf-8-bom' = 'utf-8';
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    body = bytes.subarray(3);
    encoding = 'utf-8-bom';
  }
  const text = new TextDecoder('utf-8').decode(body);
  return { ok: true, text, encoding, invalidBytes: text.includes('\uFFFD') };
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${n} bytes`;
}

/**
 * Maps offsets to positions for one text. Line ends are `\n`, `\r\n` or a lone `\r`.
 */
export class LineIndex {
  /** Offset at which each line starts. */
  readonly starts: number[];

  /** `known`, when given, must be the text's line starts (scan/incremental.ts derives them from an earlier text's). */
  constructor(
    readonly text: string,
    known?: number[],
  ) {
    if (known) {
      this.starts = known;
      return;
    }
    const starts = [0];
    if (!text.includes('\r')) {
      // The usual case: `\n` alone, found by the engine's own search.
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
      this.starts = starts;
      return;
    }
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = lastAtOrBefore(this.starts, o);
    // An offset inside a line end (a CR before its LF) is the end of the line's content.
    return { line, character: Math.min(o, this.lineEnd(line)) - this.starts[line] };
  }

  /** The line of an offset: `positionAt(offset).line` without reading the line's end. */
  lineAt(offset: number): number {
    return lastAtOrBefore(this.starts, Math.max(0, Math.min(offset, this.text.length)));
  }

  offsetAt(pos: Position): number {
    if (pos.line >= this.starts.length) return this.text.length;
    const start = this.starts[Math.max(0, pos.line)];
    return Math.min(start + pos.character, this.lineEnd(pos.line));
  }

  /** The text of a line without its line end. */
  line(n: number): string {
    if (n < 0 || n >= this.starts.length) return '';
    return this.text.slice(this.starts[n], this.lineEnd(n));
  }

  /** Offset of the end of a line's content (before its line end). */
  lineEnd(n: number): number {
    if (n + 1 < this.starts.length) {
      let end = this.starts[n + 1] - 1;
      if (end > this.starts[n] && this.text.charCodeAt(end) === 10 && this.text.charCodeAt(end - 1) === 13) end--;
      return end;
    }
    return this.text.length;
  }

  /** The range of a whole line's content. */
  lineRange(n: number): Range {
    const len = this.lineEnd(n) - this.starts[Math.min(n, this.starts.length - 1)];
    return { start: { line: n, character: 0 }, end: { line: n, character: Math.max(0, len) } };
  }

  range(startOffset: number, endOffset: number): Range {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  /** The line's trimmed content range: from its first to its last non-blank character. */
  trimmedLineRange(n: number): Range {
    const text = this.line(n);
    const first = text.search(/\S/);
    if (first < 0) return this.lineRange(n);
    const last = text.replace(/\s+$/, '').length;
    return { start: { line: n, character: first }, end: { line: n, character: last } };
  }
}

/** A zero-width range at the start of a line. */
export function lineStart(line: number): Range {
  return { start: { line, character: 0 }, end: { line, character: 0 } };
}

/** The index of the last element `<= x` of a sorted array (0 when none: the arrays here start at 0). */
export function lastAtOrBefore(a: readonly number[], x: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (a[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
