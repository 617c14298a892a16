/**
 * A document's outline (its sections and decisions) and the workspace's symbols by fuzzy query.
 */
import type { AnalyzedDocument } from '../document';
import type { IndexView } from '../workspace';
import type { Range } from '../types';

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
    if (doc.kind.decisions !== 'per-file' && matches(doc.title, docOwner))
      out.push({ name: doc.title, kind: 'document', path: doc.path, range: doc.titleRange, container: `${doc.kind.label}${docOwner ? ` · ${docOwner}` : ''}` });
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
