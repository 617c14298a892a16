/**
 * The files of `.charter.yaml` `references: { include: [globs] }` read from disk for decision
 * ids (core/sourceReferences.ts): each read as every reader reads (inside the root, a regular
 * file, bounded), and checked against the records of the workspace.
 */
import * as path from 'node:path';
import type { WorkspaceIndex } from '../core/workspaceIndex';
import { checkSource, isReferenceSource, MAX_SOURCE_BYTES } from '../core/sourceReferences';
import type { Finding } from '../core/types';
import { containmentOf, readBounded } from '../node/files';
import { decode } from '../core/text';

/** The findings of each source file read for ids (only those with findings), by root-relative path. */
export function checkSourceFiles(root: string, index: WorkspaceIndex, inScope: (p: string) => boolean): { path: string; diagnostics: Finding[] }[] {
  if (!index.config.references?.include.length) return [];
  const out: { path: string; diagnostics: Finding[] }[] = [];
  for (const rel of index.fileList()) {
    if (!inScope(rel) || !isReferenceSource(index, rel)) continue;
    const text = readSourceText(root, rel);
    if (text === undefined) continue;
    const diagnostics = checkSource(rel, text, index);
    if (diagnostics.length) out.push({ path: rel, diagnostics });
  }
  return out;
}

/** A source file's text (its first MAX_SOURCE_BYTES: a larger file is read that far), or undefined when it cannot be read or is binary. */
export function readSourceText(root: string, rel: string): string | undefined {
  const r = readBounded(path.join(root, ...rel.split('/')), 64 * MAX_SOURCE_BYTES, containmentOf(root));
  if ('error' in r) return undefined;
  const decoded = decode(r.bytes.subarray(0, MAX_SOURCE_BYTES));
  return decoded.ok ? decoded.text : undefined;
}
