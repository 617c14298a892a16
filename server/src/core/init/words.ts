/** The small things of `charter init`: paths, headings, and lists as a comment says them. */
import type { GroupSummary } from '../contract';

export function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

export function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** A heading without its numbering, trailing colon or "(optional)". */
export function cleanHeading(text: string): string {
  return text
    .replace(/^\s*(?:\d+(?:\.\d+)*\.?|[IVXivx]+[.)])\s+/, '')
    .replace(/\s*\((?:optional|facultatif|opcional)\)\s*$/i, '')
    .replace(/\s*:\s*$/, '')
    .trim();
}

/** Globs read `*`, `?`, `[`, `{` and `\` as patterns: a folder named with them is written escaped. */
export function escapeGlob(s: string): string {
  return s.replace(/[*?[\]{}\\!]/g, (c) => `\\${c}`);
}

/** Where a group is, in a comment: the folder its documents share. */
export function groupPlace(g: GroupSummary): string {
  let common = dirOf(g.docs[0] ?? '');
  for (const p of g.docs) while (common && p !== common && !p.startsWith(`${common}/`)) common = dirOf(common);
  return common ? `${common}/` : 'the root folder';
}

/** Folders in a comment: a few by name, many by the folder they are in. */
export function folders(places: readonly string[]): string {
  const unique = [...new Set(places)].sort();
  if (unique.length <= 3) return list(unique);
  let common = unique[0].replace(/\/$/, '');
  for (const p of unique) while (common && p !== `${common}/` && !p.startsWith(`${common}/`)) common = dirOf(common);
  return `${unique.length} folders${common ? ` under ${common}/` : ''}`;
}

export function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  const shown = items.length > 4 ? [...items.slice(0, 3), `${items.length - 3} more`] : [...items];
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
