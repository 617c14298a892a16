/**
 * The language features over an analysed document: completion, hover, symbols and
 * definitions. Plain functions of the document, its folder's index and a position.
 */
import { ownerKeysOf, type AnalyzedDocument, type Decision } from '../core/document';
import type { IndexView } from '../core/workspace';
import type { Position, Range } from '../core/types';
import { ownerFieldSet } from '../core/kinds';
import { AREA, DEFAULT_AREA_ROLES, type Area } from '../core/areas';
import { normalizeKey } from '../core/syntax';
import { resolveOwner, type Person } from '../core/roster';
import { rosterFor } from '../core/workspace';
import { resolveReference } from '../core/links';
import { ownedThings } from '../core/ownerValues';
import { completeDecision, decisionDefinition, decisionHover } from './decisionFeatures';

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

/** An area and its question: "Why — why this problem is worth solving now". */
const areaText = (a: Area) => `${AREA[a].label} — ${AREA[a].question}`;

const inRange = (r: Range, p: Position) =>
  (p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character)) &&
  (p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character));

/** Completion at a position: people in owner fields, missing section headings, `type:` values. */
export function complete(doc: AnalyzedDocument | undefined, lines: string[], pos: Position, index: IndexView): Suggestion[] {
  const line = lines[pos.line] ?? '';
  const before = line.slice(0, pos.character);
  // A decision id or a link to a record being typed (lsp/decisionFeatures.ts).
  const decisions = doc ? completeDecision(doc.path, line, pos, index) : undefined;
  if (decisions?.length) return decisions.map((s) => ({ label: s.label, kind: s.what === 'path' ? ('path' as const) : ('decision' as const), detail: s.detail, insertText: s.insertText, range: s.range, sortText: s.sortText }));
  const ownerKeys = doc ? ownerKeysOf(doc.kind, index.config) : ownerFieldSet(index.config.ownerFields);
  const fmEnd = frontMatterEnd(lines);
  const inFrontMatter = fmEnd > 0 && pos.line > 0 && pos.line < fmEnd;
  const wordStart = before.search(/[@\w][\w .'-]*$/);
  const replace: Range = { start: { line: pos.line, character: wordStart >= 0 ? wordStart : pos.character }, end: pos };

  if (inFrontMatter) {
    const kv = /^([\w-]+)\s*:\s*(.*)$/.exec(before);
    if (kv && kv[1] === 'type') {
      return index.config.kinds.map((k, i) => ({ label: k.name, kind: 'type' as const, detail: k.builtin ? 'built-in kind' : 'configured kind', range: replace, sortText: String(i).padStart(3, '0') }));
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
  roles.forEach((r, i) => out.push({ label: r, kind: 'role', detail: `the role: ${roster.people.filter((p) => p.role === r).map((p) => p.name).join(', ')}`, range, sortText: `c${String(i).padStart(3, '0')}` }));
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

/** Hover text (markdown) at a position: a section's area and owner, or an owner's role and counts. */
export function hover(doc: AnalyzedDocument, pos: Position, index: IndexView): { contents: string; range: Range } | undefined {
  const cited = decisionHover(doc, pos, index);
  if (cited) return cited;
  const roster = rosterFor(index, doc.path) ?? index.roster;
  for (const t of ownedThings(doc)) {
    for (let i = 0; i < t.owner.names.length; i++) {
      const r = t.owner.nameRanges[i] ?? t.owner.range;
      if (!inRange(r, pos)) continue;
      const name = t.owner.names[i];
      return { contents: describeOwner(name, index, doc.path), range: r };
    }
  }
  const h = doc.model.headings.find((x) => x.range.start.line === pos.line);
  if (!h) return undefined;
  const section = doc.sections.find((s) => s.heading === h);
  if (section?.spec.area) {
    const area = section.spec.area;
    const owner = section.owner && !section.owner.unowned ? section.owner : doc.owner && !doc.owner.unowned ? doc.owner : undefined;
    const role = roster?.areaRoles[area] ?? DEFAULT_AREA_ROLES[area];
    const ownerText = owner ? `Owned by **${owner.names.join(', ')}**${owner === section.owner ? ' (named in this section)' : ` (owner of this ${doc.kind.label})`}.` : 'No owner named: add `owner:` to the front matter.';
    return { contents: `**${areaText(area)}**\n\nThe ${role} owns this area. ${ownerText}`, range: h.range };
  }
  const decision = doc.decisions.find((d) => d.range.start.line === h.range.start.line);
  if (decision) return { contents: describeDecision(decision), range: h.range };
  if (section) return { contents: `**${section.spec.name}** — a ${section.spec.required ? 'required' : 'recommended'} section of a ${doc.kind.label}.`, range: h.range };
  return undefined;
}

function describeDecision(d: Decision): string {
  const owner = !d.owner || d.owner.unowned ? '_unowned_' : d.owner.names.join(', ');
  const rows = [`**Decision:** ${d.title}`, `Owner: ${owner}`];
  if (d.fields.date) rows.push(`Date: ${d.fields.date.value}`);
  if (d.fields.status) rows.push(`Status: ${d.fields.status.value}`);
  if (d.area) rows.push(`Area: ${areaText(d.area)}`);
  return rows.join('  \n');
}

/** What the charter says of an owner, and how much they own. */
export function describeOwner(name: string, index: IndexView, path?: string): string {
  const roster = (path !== undefined ? rosterFor(index, path) : undefined) ?? index.roster;
  const r = roster ? resolveOwner(roster, name) : { kind: 'unknown' as const };
  let person: Person | undefined;
  const lines: string[] = [];
  if (r.kind === 'person') {
    person = r.person;
    lines.push(`**${person.name}**${person.role ? ` — ${person.role}` : ''}`);
    const contact = [person.handle ? `@${person.handle}` : '', person.email ?? ''].filter(Boolean).join(' · ');
    if (contact) lines.push(contact);
  } else if (r.kind === 'role') {
    lines.push(`**${r.role}** (a role): ${r.people.map((p) => p.name).join(', ')}`);
  } else {
    lines.push(roster ? `**${name}** is not in the charter (${roster.path}).` : `**${name}** — no charter in this workspace to say who this is.`);
  }
  let decisions = 0;
  let documents = 0;
  const same = (n: string) => {
    if (!roster || r.kind === 'unknown') return normalizeKey(n) === normalizeKey(name);
    const x = resolveOwner(roster, n);
    if (r.kind === 'person') return x.kind === 'person' ? x.person === r.person : x.kind === 'role' && x.people.length === 1 && x.people[0] === r.person;
    return x.kind === 'role' && x.role === r.role;
  };
  for (const d of index.documents.values()) {
    if (d.owner && d.owner.names.some(same)) documents++;
    for (const x of d.decisions) if (x.owner && x.owner.names.some(same)) decisions++;
  }
  lines.push(`Owns ${decisions} decision${decisions === 1 ? '' : 's'} and ${documents} document${documents === 1 ? '' : 's'}.`);
  return lines.join('\n\n');
}

/** A symbol in a document's outline. */
export interface OutlineSymbol {
  name: string;
  detail?: string;
  kind: 'section' | 'decision';
  range: Range;
  selectionRange: Range;
  children: OutlineSymbol[];
}

/** Sections (nested by level) with the decisions inside them. */
export function outline(doc: AnalyzedDocument): OutlineSymbol[] {
  const roots: OutlineSymbol[] = [];
  const stack: { depth: number; sym: OutlineSymbol }[] = [];
  const lastLine = Math.max(0, doc.model.lineCount - 1);
  const endOf = (line: number) => ({ line, character: doc.lines.line(line).length });
  const decisionAtLine = new Map(doc.decisions.filter((d) => d.shape !== 'table' && d.shape !== 'file').map((d) => [d.range.start.line, d]));
  for (const h of doc.model.headings) {
    const d = decisionAtLine.get(h.range.start.line);
    const sym: OutlineSymbol = {
      name: h.text || '(empty heading)',
      detail: d ? `decision · ${d.owner && !d.owner.unowned ? d.owner.names.join(', ') : 'unowned'}` : undefined,
      kind: d ? 'decision' : 'section',
      range: { start: h.range.start, end: endOf(Math.min(lastLine, Math.max(h.range.end.line, h.sectionEndLine - 1))) },
      selectionRange: h.range,
      children: [],
    };
    while (stack.length && stack[stack.length - 1].depth >= h.depth) stack.pop();
    (stack.length ? stack[stack.length - 1].sym.children : roots).push(sym);
    stack.push({ depth: h.depth, sym });
  }
  // Table rows go under the section that holds the table.
  const all = flatten(roots);
  for (const d of doc.decisions.filter((x) => x.shape === 'table')) {
    const holder = all.filter((s) => s.range.start.line <= d.range.start.line && d.range.start.line <= s.range.end.line).pop();
    const sym: OutlineSymbol = {
      name: d.title,
      detail: `decision · ${d.owner && !d.owner.unowned ? d.owner.names.join(', ') : 'unowned'}`,
      kind: 'decision',
      range: d.range,
      selectionRange: d.range,
      children: [],
    };
    (holder ? holder.children : roots).push(sym);
  }
  return roots;
}

function flatten(syms: OutlineSymbol[]): OutlineSymbol[] {
  return syms.flatMap((s) => [s, ...flatten(s.children)]);
}

/** A workspace symbol: a document or a decision. */
export interface WorkspaceSymbolInfo {
  name: string;
  kind: 'document' | 'decision';
  path: string;
  range: Range;
  container: string;
}

/** Every document and decision whose title or owner matches the query. */
export function workspaceSymbols(index: IndexView, query: string, limit = 500): WorkspaceSymbolInfo[] {
  const q = query.trim().toLowerCase();
  const matches = (...texts: string[]) => !q || texts.some((t) => fuzzy(t.toLowerCase(), q));
  const out: WorkspaceSymbolInfo[] = [];
  for (const doc of index.documents.values()) {
    const docOwner = doc.owner?.names.join(', ') ?? '';
    // An ADR is its decision: listed once, as the decision.
    if (doc.kind.decisions !== 'per-file' && matches(doc.title, docOwner)) out.push({ name: doc.title, kind: 'document', path: doc.path, range: doc.titleRange, container: `${doc.kind.label}${docOwner ? ` · ${docOwner}` : ''}` });
    for (const d of doc.decisions) {
      const owner = d.owner && !d.owner.unowned ? d.owner.names.join(', ') : 'unowned';
      if (matches(d.title, owner)) out.push({ name: d.title, kind: 'decision', path: doc.path, range: d.range, container: `${owner} · ${doc.title}` });
    }
    if (out.length >= limit) break;
  }
  return out.slice(0, limit);
}

function fuzzy(text: string, q: string): boolean {
  if (text.includes(q)) return true;
  let i = 0;
  for (const c of text) if (c === q[i]) i++;
  return i === q.length;
}

/** Where the thing at a position is defined: an SDD's PRD, or an owner's charter entry. */
export function definition(doc: AnalyzedDocument, pos: Position, index: IndexView): { path: string; range: Range } | undefined {
  const cited = decisionDefinition(doc, pos, index);
  if (cited) return cited;
  for (const ref of doc.references) {
    if (ref.role !== 'prd' || !inRange(ref.range, pos)) continue;
    const r = resolveReference(doc.path, ref, (p) => index.paths.has(p));
    if (r.kind !== 'path') return undefined;
    const target = index.documents.get(r.path);
    return { path: r.path, range: target?.titleRange ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
  }
  const roster = rosterFor(index, doc.path) ?? index.roster;
  if (!roster) return undefined;
  for (const t of ownedThings(doc)) {
    for (let i = 0; i < t.owner.names.length; i++) {
      const r = t.owner.nameRanges[i] ?? t.owner.range;
      if (!inRange(r, pos)) continue;
      const res = resolveOwner(roster, t.owner.names[i]);
      const person = res.kind === 'person' ? res.person : res.kind === 'role' ? res.people[0] : undefined;
      return person ? { path: roster.path, range: person.range } : undefined;
    }
  }
  return undefined;
}
