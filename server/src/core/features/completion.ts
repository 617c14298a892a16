/**
 * Completion at a position: people in owner fields, missing section headings, `type:` values, PRD paths. Editor-neutral: the server turns a Suggestion into a CompletionItem.
 */
import type { AnalyzedDocument } from '../document';
import { ownerKeysOf } from '../fieldNames';
import type { IndexView } from '../workspace';
import type { Position, Range } from '../types';
import { ownerFieldSet } from '../kinds';
import { normalizeKey } from '../syntax';
import { rosterFor } from '../workspace';
import { areaText } from './shared';
import { completeDecision } from './decisions';

/** A completion suggestion, editor-neutral. */
export interface Suggestion {
  label: string;
  kind: 'person' | 'handle' | 'role' | 'section' | 'type' | 'path' | 'decision';
  detail?: string;
  insertText?: string;
  /** Range the suggestion replaces. */
  range?: Range;
  sortText?: string;
}

/** Completion at a position: people in owner fields, missing section headings, `type:` values. */
export function complete(doc: AnalyzedDocument | undefined, lines: string[], pos: Position, index: IndexView): Suggestion[] {
  const line = lines[pos.line] ?? '';
  const before = line.slice(0, pos.character);
  // A decision id or a link to a record being typed (decisions.ts).
  const decisions = doc ? completeDecision(doc.path, line, pos, index) : undefined;
  if (decisions?.length)
    return decisions.map((s) => ({
      label: s.label,
      kind: s.what === 'path' ? ('path' as const) : ('decision' as const),
      detail: s.detail,
      insertText: s.insertText,
      range: s.range,
      sortText: s.sortText,
    }));
  const ownerKeys = doc ? ownerKeysOf(doc.kind, index.config) : ownerFieldSet(index.config.ownerFields);
  const fmEnd = frontMatterEnd(lines);
  const inFrontMatter = fmEnd > 0 && pos.line > 0 && pos.line < fmEnd;
  const wordStart = before.search(/[@\w][\w .'-]*$/);
  const replace: Range = { start: { line: pos.line, character: wordStart >= 0 ? wordStart : pos.character }, end: pos };

  if (inFrontMatter) {
    const kv = /^([\w-]+)\s*:\s*(.*)$/.exec(before);
    if (kv && kv[1] === 'type') {
      return index.config.kinds.map((k, i) => ({
        label: k.name,
        kind: 'type' as const,
        detail: k.builtin ? 'built-in kind' : 'configured kind',
        range: replace,
        sortText: String(i).padStart(3, '0'),
      }));
    }
    if (kv && kv[1] === 'prd') {
      return [...index.documents.values()]
        .filter((d) => d.kind.isPrd)
        .map((d) => ({ label: relativePath(doc?.path ?? '', d.path), kind: 'path' as const, detail: d.title, range: replace }));
    }
    let key = kv?.[1];
    if (!key && /^\s*-\s*[^:]*$/.test(before)) {
      for (let l = pos.line - 1; l > 0; l--) {
        const m = /^([\w-]+)\s*:/.exec(lines[l]);
        if (m) {
          key = m[1];
          break;
        }
      }
    }
    if (key && ownerKeys.has(normalizeKey(key))) return people(index, replace, doc?.path);
    return [];
  }
  const heading = /^(#{1,6})\s+(.*)$/.exec(before);
  if (heading && doc) {
    const missing = doc.kind.sections.filter((s) => !doc.sections.some((f) => f.spec === s));
    return missing.map((s, i) => ({
      label: s.name,
      kind: 'section' as const,
      detail: s.area ? areaText(s.area) : s.required ? 'required section' : 'recommended section',
      range: { start: { line: pos.line, character: heading[1].length + 1 }, end: pos },
      sortText: String(i).padStart(3, '0'),
    }));
  }
  const field = /^\s*(?:[-*+]\s+)?(?:\*\*|__)?([^:*_]+?)(?:\*\*|__)?\s*:(?:\*\*|__)?\s*(.*)$/.exec(before);
  if (field && ownerKeys.has(normalizeKey(field[1]))) return people(index, replace, doc?.path);
  // A table cell under an owner column.
  if (/^\s*\|/.test(line) && doc) {
    const table = doc.model.tables.find((t) => pos.line > t.range.start.line && pos.line <= t.range.end.line);
    if (table) {
      const col = before.split('|').length - 2;
      if (col >= 0 && table.header[col] && ownerKeys.has(normalizeKey(table.header[col].text))) return people(index, replace, doc?.path);
    }
  }
  return [];
}

function people(index: IndexView, range: Range, path?: string): Suggestion[] {
  // The people of the document's own team (the nearest charter above it).
  const roster = (path !== undefined ? rosterFor(index, path) : undefined) ?? index.roster;
  if (!roster) return [];
  const out: Suggestion[] = [];
  roster.people.forEach((p, i) => {
    const detail = [p.role, p.email].filter(Boolean).join(' · ');
    out.push({ label: p.name, kind: 'person', detail, range, sortText: `a${String(i).padStart(3, '0')}` });
    if (p.handle) out.push({ label: `@${p.handle}`, kind: 'handle', detail: `${p.name}${p.role ? ` (${p.role})` : ''}`, range, sortText: `b${String(i).padStart(3, '0')}` });
  });
  const roles = [...new Set(roster.people.map((p) => p.role).filter(Boolean))];
  roles.forEach((r, i) =>
    out.push({
      label: r,
      kind: 'role',
      detail: `the role: ${roster.people
        .filter((p) => p.role === r)
        .map((p) => p.name)
        .join(', ')}`,
      range,
      sortText: `c${String(i).padStart(3, '0')}`,
    }),
  );
  return out;
}

function frontMatterEnd(lines: string[]): number {
  if (!/^---\s*$/.test(lines[0] ?? '')) return 0;
  for (let i = 1; i < lines.length; i++) if (/^(---|\.\.\.)\s*$/.test(lines[i])) return i;
  return 0;
}

function relativePath(from: string, to: string): string {
  const a = from.split('/').slice(0, -1);
  const b = to.split('/');
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/') || to;
}
