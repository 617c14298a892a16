/**
 * `charter-disable` comments: which rules a file silences, whole or on the next line.
 */
import type { Comment } from './types';

/** What `charter-disable` comments silence: rules for the whole file, and rules per line. */
export interface Silence {
  file: string[];
  lines: Record<number, string[]>;
}

/** Reads `<!-- charter-disable ids -->` and `<!-- charter-disable-next-line ids -->` (no ids: every rule). */
export function readSilence(comments: Comment[]): Silence {
  const file = new Set<string>();
  const lines: Record<number, string[]> = {};
  for (const c of comments) {
    const m = /^charter-disable(-next-line)?(?:\s+([\s\S]*))?$/.exec(c.text);
    if (!m) continue;
    const ids = (m[2] ?? '').split(/[\s,]+/).filter(Boolean);
    const set = ids.length ? ids : ['*'];
    if (m[1]) {
      const line = c.range.end.line + 1;
      lines[line] = [...new Set([...(lines[line] ?? []), ...set])];
    } else for (const id of set) file.add(id);
  }
  return { file: [...file], lines };
}
