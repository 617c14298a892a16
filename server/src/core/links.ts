/**
 * Where a link points: outside (a URL), an anchor in the same document, or a
 * root-relative path inside the workspace.
 */
import { posix } from 'node:path';

/** A link target, resolved. */
export type ResolvedLink =
  | { kind: 'external' }
  | { kind: 'anchor'; anchor: string }
  | { kind: 'outside' }
  | { kind: 'path'; path: string; anchor?: string };

/** Resolves a link written in the document at `from` (root-relative). */
export function resolveLink(from: string, target: string): ResolvedLink {
  const t = target.trim().replace(/^<|>$/g, '');
  if (/^[a-z][a-z0-9+.-]*:/i.test(t) || t.startsWith('//')) return { kind: 'external' };
  if (t.startsWith('#')) return { kind: 'anchor', anchor: t.slice(1) };
  const hash = t.indexOf('#');
  let p = hash >= 0 ? t.slice(0, hash) : t;
  const anchor = hash >= 0 ? t.slice(hash + 1) : undefined;
  p = p.replace(/\?.*$/, '');
  try {
    p = decodeURIComponent(p);
  } catch {
    // A stray % is kept as written.
  }
  const joined = p.startsWith('/') ? posix.normalize(p.slice(1)) : posix.normalize(posix.join(posix.dirname(from), p));
  if (joined === '..' || joined.startsWith('../')) return { kind: 'outside' };
  const path = joined.replace(/\/$/, '') === '.' ? '' : joined.replace(/\/$/, '');
  return { kind: 'path', path, anchor };
}
