/**
 * Where a link points: outside (a URL), an anchor in the same document, or a
 * root-relative path inside the workspace.
 */
import { posix } from 'node:path';

/** A link target, resolved. */
export type ResolvedLink = { kind: 'external' } | { kind: 'person' } | { kind: 'anchor'; anchor: string } | { kind: 'outside' } | { kind: 'path'; path: string; anchor?: string };

/** Links already resolved, by folder and target: the same links come back at every check. */
const resolved = new Map<string, ResolvedLink>();

/** Resolves a link written in the document at `from` (root-relative). */
export function resolveLink(from: string, target: string): ResolvedLink {
  const slash = from.lastIndexOf('/');
  const key = `${slash < 0 ? '' : from.slice(0, slash)}\0${target}`;
  let r = resolved.get(key);
  if (r === undefined) {
    r = resolve(from, target);
    if (resolved.size > 50_000) resolved.clear();
    resolved.set(key, r);
  }
  return r;
}

/** A link target that names a person: an `@handle` (or a bare `@`, a handle left to fill in) or an e-mail address without `mailto:`. */
const PERSON_RE = /^@[\w.-]*$|^[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$/i;

function resolve(from: string, target: string): ResolvedLink {
  const t = target.trim().replace(/^<|>$/g, '');
  if (/^[a-z][a-z0-9+.-]*:/i.test(t) || t.startsWith('//')) return { kind: 'external' };
  if (t.startsWith('#')) return { kind: 'anchor', anchor: t.slice(1) };
  // A person written as a link, as author tables do (`[Dana](@dana)`, `[Dana](dana@example.org)`):
  // no file of the workspace is meant, so none can be missing.
  if (PERSON_RE.test(t)) return { kind: 'person' };
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

/**
 * Where a path written as plain text (front matter `prd: docs/prd/checkout.md`, a field
 * value) may point: relative to the document, then relative to the workspace root, as
 * teams often write them. A path that starts with `/`, `./` or `../` says which it is.
 */
export function plainPathCandidates(from: string, target: string): ResolvedLink[] {
  const r = resolveLink(from, target);
  if (r.kind !== 'path' && r.kind !== 'outside') return [r];
  const t = target.trim().replace(/^<|>$/g, '');
  if (/^(?:\/|\.\.?\/)/.test(t) || !from.includes('/')) return [r];
  const root = resolveLink('', t);
  return root.kind === 'path' && !(r.kind === 'path' && r.path === root.path) ? [r, root] : [r];
}

/** Resolves a reference: a link as {@link resolveLink}; plain text to the first candidate that exists, or else relative to the document. */
export function resolveReference(from: string, ref: { target: string; plain?: boolean }, exists: (path: string) => boolean): ResolvedLink {
  if (!ref.plain) return resolveLink(from, ref.target);
  const candidates = plainPathCandidates(from, ref.target);
  return candidates.find((c) => c.kind === 'path' && exists(c.path)) ?? candidates[0];
}
