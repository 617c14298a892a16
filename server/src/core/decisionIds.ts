/**
 * Decision records and the references to them, across the workspace: the records (number,
 * title, status, date, owner, successor), which record an id or a link names, and what a
 * change to a record means to the documents that read records. What one document cites and
 * says of its own life is read with it (recordRead.ts) and kept when it is compact: the
 * rules that read them (`unknown-decision-reference`, `superseded-reference`,
 * `missing-from-index`) are workspace rules.
 */
import { posix } from 'node:path';
import type { CompactDocument } from './document';
import type { IndexView } from './workspace';
import type { Range } from './types';
import type { Status } from './status';
import type { Config } from './config';
import { folderOf, statusIn } from './records';
import { findCitations, prefixesOf, idPrefixes, isRecordFileName } from './recordRead';
import { resolveLink } from './links';

export { findCitations, idPrefixes, isRecordFileName, prefixesOf, readDecisionLife, recordNumber, type Citation } from './recordRead';
export { statusOfLine } from './lifecycle';

/** A decision record as the index sees it: what its lifecycle says, in the configuration's words. */
export interface DecisionRecord {
  doc: CompactDocument;
  path: string;
  number?: number;
  title: string;
  /** Its status (the configuration's words included); superseded when it names a successor and no status. */
  status?: Status;
  /** The status as written. */
  statusText?: string;
  date?: string;
  owner?: string;
  /** What supersedes it, as written: link targets, ids or titles. */
  successors: string[];
}

/** Every decision record of the workspace (per-file documents), sorted by path. */
export function recordsOf(index: IndexView): DecisionRecord[] {
  const out: DecisionRecord[] = [];
  for (const doc of index.documents.values()) {
    if (doc.kind.decisions !== 'per-file') continue;
    out.push(recordOf(doc, index.config));
  }
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** A per-file document as a record. */
export function recordOf(doc: CompactDocument, config: Config): DecisionRecord {
  const d = doc.decisions[0];
  const owner = d?.owner && !d.owner.unowned ? d.owner.names.join(', ') : undefined;
  const life = doc.lifecycle?.lives[0];
  const successors = life?.supersededBy.map((p) => p.target) ?? [];
  return {
    doc,
    path: doc.path,
    number: doc.lifecycle?.number,
    title: doc.title,
    status: statusIn(config, life?.status) ?? (successors.length ? 'superseded' : undefined),
    statusText: life?.status?.text,
    date: d?.fields.date?.value,
    owner,
    successors,
  };
}

/** How many folders two paths share: the nearer record wins when several have one number. */
function nearness(from: string, to: string): number {
  const a = from.split('/');
  const b = to.split('/');
  let i = 0;
  while (i < a.length - 1 && i < b.length - 1 && a[i] === b[i]) i++;
  return i;
}

/** The records an id names (its prefix's kinds, its number), nearest to `from` first. */
export function recordsById(index: IndexView, prefix: string, number: number, from: string): DecisionRecord[] {
  const kinds = new Set((prefixesOf(index.config.kinds).get(prefix) ?? []).map((k) => k.name));
  const out: DecisionRecord[] = [];
  for (const doc of index.documents.values()) {
    if (!kinds.has(doc.kind.name) || doc.lifecycle?.number !== number) continue;
    out.push(recordOf(doc, index.config));
  }
  return out.sort((a, b) => nearness(from, b.path) - nearness(from, a.path) || (a.path < b.path ? -1 : 1));
}

/** Whether the workspace holds any numbered record of a prefix's kinds (else its ids may name another repository's). */
export function hasRecords(index: IndexView, prefix: string): boolean {
  const kinds = new Set((prefixesOf(index.config.kinds).get(prefix) ?? []).map((k) => k.name));
  for (const doc of index.documents.values()) if (kinds.has(doc.kind.name) && doc.lifecycle?.number !== undefined) return true;
  return false;
}

/** The record a link written in `from` points to, if it is one. */
export function recordByLink(index: IndexView, from: string, target: string): DecisionRecord | undefined {
  const r = resolveLink(from, target);
  if (r.kind !== 'path') return undefined;
  const doc = index.documents.get(r.path) ?? index.documents.get(`${r.path}/README.md`) ?? index.documents.get(`${r.path}/index.md`);
  return doc && doc.kind.decisions === 'per-file' ? recordOf(doc, index.config) : undefined;
}

/** The record a successor (as a superseded record writes it: a link or an id) names. */
export function successorRecord(index: IndexView, rec: DecisionRecord): DecisionRecord | undefined {
  for (const s of rec.successors) {
    const byLink = recordByLink(index, rec.path, s);
    if (byLink) return byLink;
    // A URL to the successor in the same repository ("…/blob/main/docs/adr/0016-x.md"): by its file name, beside the record.
    if (/^https?:\/\//i.test(s)) {
      const base =
        s
          .replace(/[?#].*$/, '')
          .split('/')
          .pop() ?? '';
      const dir = rec.path.slice(0, rec.path.lastIndexOf('/') + 1);
      const doc = base && index.documents.get(dir + decodeURIComponentSafe(base));
      if (doc && doc.kind.decisions === 'per-file') return recordOf(doc, index.config);
    }
    const prefixes = [...prefixesOf(index.config.kinds).keys()];
    const c = findCitations(s, prefixes, false)[0];
    if (c) {
      const found = recordsById(index, c.prefix, c.number, rec.path)[0];
      if (found) return found;
    }
  }
  return undefined;
}

/** How a record is named in messages: its id when it has one ("ADR-0012"), else its title. */
export function recordName(rec: DecisionRecord): string {
  const prefix = idPrefixes(rec.doc.kind)[0];
  if (prefix && rec.number !== undefined) return `${prefix}-${String(rec.number).padStart(4, '0')} "${bareTitle(rec.title)}"`;
  return `"${rec.title}"`;
}

/** A record's title without the number it starts with ("12. Use Kafka", "ADR-0012: Use Kafka"). */
export function bareTitle(title: string): string {
  return title.replace(/^(?:[A-Za-z]{2,8}[-_ ]?)?#?\d+\s*[.:)\-–—]?\s+/, '').trim() || title;
}

/** A path relative to a document's folder, as a link in it would be written. */
export function relativeLink(from: string, to: string): string {
  const rel = posix.relative(posix.dirname(from), to);
  return rel
    .split('/')
    .map((s) => encodeURI(s).replace(/[()]/g, (c) => (c === '(' ? '%28' : '%29')))
    .join('/');
}

/**
 * What other documents see of a document as a decision record, as a string that changes when
 * that does: its kind, title and number, each of its decisions' status and supersession, and
 * a record's date and owner (an index lists them). An index page that comes or goes changes
 * which records the index above it must list. Empty for a document that is none of these.
 */
export function recordKey(doc: CompactDocument | undefined): string {
  const lc = doc?.lifecycle;
  const record = doc?.kind.decisions === 'per-file';
  if (!doc || (!lc && !record)) return doc?.kind.indexesRecords ? 'index' : '';
  const d = record ? doc.decisions[0] : undefined;
  const owner = d?.owner && !d.owner.unowned ? d.owner.names.join(', ') : undefined;
  return JSON.stringify([
    doc.kind.name,
    doc.kind.decisions,
    doc.kind.indexesRecords === true,
    doc.title,
    lc?.number,
    lc?.lives.map((l) => [l.status?.text, l.status?.status, l.supersedes.map((p) => p.target), l.supersededBy.map((p) => p.target)]),
    d?.fields.date?.value,
    owner,
  ]);
}

/**
 * The documents that a change of records (their {@link recordKey}) can reach, in one pass
 * over the documents: the decisions of the records' folders, every decision with a pointer
 * to a record, and every document that reads records (an index, a citation, a link to one).
 */
export function recordReach(index: IndexView, paths: Set<string>): string[] {
  const folders = new Set([...paths].map(folderOf));
  const out: string[] = [];
  for (const d of index.documents.values()) {
    if (paths.has(d.path)) continue;
    const lives = d.lifecycle?.lives;
    if ((lives && (folders.has(folderOf(d.path)) || lives.some((l) => l.supersedes.length || l.supersededBy.length))) || readsRecords(d)) out.push(d.path);
  }
  return out;
}

/** Whether a document's findings depend on the workspace's records: an index, or a document citing ids or linking to records. */
export function readsRecords(doc: CompactDocument): boolean {
  if (doc.kind.indexesRecords || doc.cites?.length) return true;
  return doc.references.some((r) => r.role === 'link' && isRecordFileName(r.target.replace(/[?#].*$/, '')));
}

/** Whether a citation stands on a supersession line (`supersedes:`, "Replaces: ADR-3"): broken-link checks those, and citing a superseded record there is the point. */
export function onSupersessionLine(doc: CompactDocument, range: Range): boolean {
  return doc.references.some((r) => r.role === 'supersedes' && r.range.start.line <= range.start.line && range.start.line <= r.range.end.line);
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
