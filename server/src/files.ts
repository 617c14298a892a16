/** Small facts about files shared by the checker and the server. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Classifier } from './core/classify';
import { decode } from './core/text';

export { MARKDOWN_RE } from './core/workspaceIndex';

/** Why a file could not be read, in words. */
export function readError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'deleted while being read';
  if (code === 'EISDIR') return 'became a folder while being read';
  if (code === 'ELOOP') return 'symbolic link loop';
  return (e as Error).message;
}

/**
 * Reads and decodes one file, as every reader does (the threads, the server, the checker):
 * its text, or a note saying why there is none — only where the file could be a document,
 * or is too large. A file that is gone gives neither. `lossy`: invalid UTF-8 was read as U+FFFD.
 */
export function readText(root: string, rel: string, classifier: Classifier): { text?: string; note?: string; lossy?: boolean; stamp?: { m: number; s: number } } {
  const abs = path.join(root, ...rel.split('/'));
  let bytes: Buffer;
  let stamp: { m: number; s: number };
  try {
    const st = fs.statSync(abs);
    stamp = { m: st.mtimeMs, s: st.size };
    bytes = fs.readFileSync(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    return { note: `skipped: ${readError(e)}` };
  }
  const decoded = decode(bytes);
  if (!decoded.ok) return { stamp, note: classifier.couldBeDocument(rel) || decoded.reason === 'too-large' ? decoded.message : undefined };
  return { text: decoded.text, stamp, ...(decoded.invalidBytes ? { lossy: true } : {}) };
}

/** The note for a document read with invalid UTF-8 bytes. */
export const LOSSY_NOTE = 'invalid UTF-8 bytes were read as \uFFFD';
