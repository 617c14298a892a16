/**
 * The language features on decision ids (`ADR-0012`) and links to records: where the record
 * is (definition), what it says of itself (hover: title, status, date, owner, successor), and
 * the records to cite or link to (completion). Plain functions of the document, its folder's
 * index and a position, like the other features here.
 */
import type { AnalyzedDocument } from '../document';
import type { IndexView } from '../workspace';
import type { Position, Range } from '../types';
import { prefixesOf } from '../records/ids';
import { bareTitle, recordByLink, recordName, recordsById, recordsOf, relativeLink, successorRecord, type DecisionRecord } from '../records/workspace';
import { inRange } from './shared';

/** The record cited or linked at a position, with the citation's range. */
export function decisionAt(doc: AnalyzedDocument, pos: Position, index: IndexView): { record: DecisionRecord; range: Range } | undefined {
  for (const c of doc.cites ?? []) {
    if (!inRange(c.range, pos)) continue;
    const rec = recordsById(index, c.prefix, c.number, doc.path)[0];
    return rec ? { record: rec, range: c.range } : undefined;
  }
  for (const ref of doc.references) {
    if (ref.plain || !inRange(ref.range, pos)) continue;
    const rec = recordByLink(index, doc.path, ref.target);
    if (rec) return { record: rec, range: ref.range };
  }
  return undefined;
}

/** Where the cited record is: its title. */
export function decisionDefinition(doc: AnalyzedDocument, pos: Position, index: IndexView): { path: string; range: Range } | undefined {
  const at = decisionAt(doc, pos, index);
  return at ? { path: at.record.path, range: at.record.doc.titleRange } : undefined;
}

/** Text from a document shown as markdown: its markup characters escaped, so that it reads as written. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!<>|~]/g, '\\$&').replace(/\s+/g, ' ');
}

/** What a cited record says of itself: title, status, date, owner, and its successor. */
export function describeRecord(rec: DecisionRecord, index: IndexView): string {
  const lines = [`**${escapeMarkdown(recordName(rec))}**`];
  const facts = [
    `Status: ${rec.status ? rec.status : rec.statusText ? escapeMarkdown(rec.statusText) : '_none written_'}`,
    `Date: ${rec.date ? escapeMarkdown(rec.date) : '_none_'}`,
    `Owner: ${rec.owner ? escapeMarkdown(rec.owner) : '_unowned_'}`,
  ];
  lines.push(facts.join(' · '));
  if (rec.status === 'superseded') {
    const next = successorRecord(index, rec);
    lines.push(
      next
        ? `Superseded by **${escapeMarkdown(recordName(next))}** (${escapeMarkdown(next.status ?? 'status unknown')})`
        : rec.successors.length
          ? `Superseded by ${escapeMarkdown(rec.successors[0])}`
          : 'Superseded (no successor named)',
    );
  }
  lines.push(`\`${escapeMarkdown(rec.path).replace(/`/g, '')}\``);
  return lines.join('\n\n');
}

/** Hover on a cited record. */
export function decisionHover(doc: AnalyzedDocument, pos: Position, index: IndexView): { contents: string; range: Range } | undefined {
  const at = decisionAt(doc, pos, index);
  return at ? { contents: describeRecord(at.record, index), range: at.range } : undefined;
}

/** A completion of a decision id or a record link. */
export interface DecisionSuggestion {
  label: string;
  detail: string;
  insertText: string;
  range: Range;
  sortText: string;
  /** `id` for an id typed in prose, `path` for a link's destination. */
  what: 'id' | 'path';
}

/**
 * Completion of an id being typed (`ADR-`, `ADR-00`, `RFC 4`) with the records of its prefix,
 * or of a link's destination (`](`) with the paths of the records, relative to the document.
 */
export function completeDecision(path: string, line: string, pos: Position, index: IndexView): DecisionSuggestion[] | undefined {
  const before = line.slice(0, pos.character);
  const link = /\]\(([^)\s]*)$/.exec(before);
  if (link) {
    const typed = link[1];
    const range = { start: { line: pos.line, character: pos.character - typed.length }, end: pos };
    const recs = recordsOf(index);
    if (!recs.length) return undefined;
    return recs.map((r, i) => ({
      label: relativeLink(path, r.path),
      detail: detailOf(r),
      insertText: relativeLink(path, r.path),
      range,
      sortText: String(i).padStart(5, '0'),
      what: 'path' as const,
    }));
  }
  const prefixes = [...prefixesOf(index.config.kinds).keys()];
  if (!prefixes.length) return undefined;
  const alternatives = prefixes.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const m = new RegExp(`(?<![\\w/.-])(${alternatives})([- ]?)(\\d*)$`).exec(before);
  if (!m || (!m[2] && !m[3])) return undefined;
  const prefix = m[1];
  const range = { start: { line: pos.line, character: pos.character - m[0].length }, end: pos };
  const kinds = new Set((prefixesOf(index.config.kinds).get(prefix) ?? []).map((k) => k.name));
  const recs = recordsOf(index).filter(
    (r) =>
      kinds.has(r.doc.kind.name) && r.number !== undefined && (!m[3] || String(r.number).padStart(4, '0').startsWith(m[3]) || String(r.number).startsWith(m[3].replace(/^0+/, ''))),
  );
  return recs.map((r) => {
    const id = `${prefix}-${String(r.number).padStart(4, '0')}`;
    return { label: id, detail: detailOf(r), insertText: id, range, sortText: String(r.number).padStart(6, '0'), what: 'id' as const };
  });
}

function detailOf(r: DecisionRecord): string {
  return [bareTitle(r.title), r.status ?? r.statusText, r.date].filter(Boolean).join(' · ');
}
