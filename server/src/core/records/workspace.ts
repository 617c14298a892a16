/**
 * Decision records across the workspace: the one model that the lifecycle rules, the
 * citation rules, the index pages and the decision views share. It is built from what each
 * document says of itself as a record (its lifecycle and the ids it cites, read with it and
 * kept when it is compact: read.ts), never from text:
 *
 * - a record as the others see it ({@link DecisionRecord}: number, title, status in the
 *   configuration's words, date, owner, successors), and the records an id or a link names;
 * - a folder's records, their numbers, the status words it writes, and who claims to
 *   supersede whom ({@link RecordIndex});
 * - what a change of a record means to the other documents ({@link recordKey},
 *   {@link recordReach}).
 */
import { posix } from 'node:path';
import type { AnalyzedDocument, CompactDocument } from '../document';
import type { Config } from '../config';
import type { IndexView } from '../workspace';
import type { Range } from '../types';
import { statusKey, type Status } from '../status';
import { plainPathCandidates, resolveLink } from '../links';
import { normalizeHeading, stripInline } from '../syntax';
import { findCitations, idPrefixes, isRecordFileName, prefixesOf } from './ids';
import type { Pointer } from './read';
import type { StatusValue } from './statusValue';

// ---- Status and folder ---------------------------------------------------------------------

/** The lifecycle status a status value means, the configuration's own words included. */
export function statusIn(config: Config, v: StatusValue | undefined): Status | undefined {
  if (!v) return undefined;
  return v.status ?? config.statuses?.[statusKey(v.text)];
}

/** The folder of a path ('' at the root). */
export function folderOf(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

// ---- Records, and the records an id or a link names ------------------------------------------

/** A decision record as the index sees it: what its lifecycle says, in the configuration's words. */
export interface DecisionRecord {
  doc: CompactDocument;
  path: string;
  number?: number;
  title: string;
  /** Its status (the configuration's words included); superseded when it names a successor and its status words name none. */
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

// ---- A folder's records, and who claims to supersede whom ------------------------------------

/** What one record says of another. */
export interface Claim {
  from: AnalyzedDocument;
  pointer: Pointer;
  /** `supersedes`: `from` says it supersedes the record; `superseded-by`: `from` says the record supersedes it. */
  says: 'supersedes' | 'superseded-by';
}

/** The records of a workspace by folder, their numbers, their statuses' words, and their claims on each other. */
export interface RecordIndex {
  /** Records (one decision per file) by folder. */
  folders: Map<string, AnalyzedDocument[]>;
  /** Each folder's records by number (every series). */
  numbers: Map<string, Map<number, AnalyzedDocument[]>>;
  /** Per folder: how many decisions write each status word that names no status (statusKey). */
  words: Map<string, Map<string, number>>;
  /** By record path: what other records say of it. */
  claims: Map<string, Claim[]>;
}

/** The record index of a workspace index as last built: the documents it was built from, and the claims each makes. */
interface Built {
  generation: number;
  records: RecordIndex;
  docs: Map<string, AnalyzedDocument>;
  claimsFrom: Map<string, Claim[]>;
}

/** The record index of a workspace index, built once per change of its documents' records. */
const built = new WeakMap<object, Built>();

/** A document map that counts its changes: what {@link recordIndex} rebuilds on. */
export class CountingMap<K, V> extends Map<K, V> {
  generation = 0;
  override set(key: K, value: V): this {
    this.generation++;
    return super.set(key, value);
  }
  override delete(key: K): boolean {
    this.generation++;
    return super.delete(key);
  }
  override clear(): void {
    this.generation++;
    super.clear();
  }
}

/** The records of the workspace (rebuilt when its documents changed; every time for an index built by hand). */
export function recordIndex(index: IndexView): RecordIndex {
  const docs = index.documents;
  const generation = docs instanceof CountingMap ? docs.generation : -1;
  const known = built.get(docs);
  if (known && generation >= 0 && (known.generation === generation || sameRecords(known, docs))) {
    known.generation = generation;
    return known.records;
  }
  const fresh = buildRecords(index);
  // Only a counting map is kept, with the documents it was built from.
  if (generation >= 0) built.set(docs, { generation, docs: new Map(docs), ...fresh });
  return fresh.records;
}

/**
 * Whether the documents still make the records the index was built from: the same paths, and
 * where a document was read again (typed in), the same record facts. The index then holds the
 * new documents in the old ones' places, and is not built again: typing in one record of a
 * folder of thousands costs the one document, not the workspace.
 */
function sameRecords(known: Built, docs: Map<string, AnalyzedDocument>): boolean {
  if (docs.size !== known.docs.size) return false;
  const changed: [AnalyzedDocument, AnalyzedDocument][] = [];
  for (const [path, d] of docs) {
    const old = known.docs.get(path);
    if (!old) return false;
    if (old !== d) changed.push([old, d]);
  }
  for (const [old, d] of changed) if (recordFacts(old) !== recordFacts(d)) return false;
  for (const [old, d] of changed) {
    const folder = folderOf(d.path);
    replaceIn(known.records.folders.get(folder), old, d);
    if (old.lifecycle?.number !== undefined) replaceIn(known.records.numbers.get(folder)?.get(old.lifecycle.number), old, d);
    for (const c of known.claimsFrom.get(d.path) ?? []) {
      c.from = d;
      const lists = (d.lifecycle?.lives ?? []).flatMap((l) => (c.says === 'supersedes' ? l.supersedes : l.supersededBy));
      c.pointer = lists.find((p) => p.target === c.pointer.target) ?? c.pointer;
    }
    known.docs.set(d.path, d);
  }
  return true;
}

function replaceIn(list: AnalyzedDocument[] | undefined, old: AnalyzedDocument, d: AnalyzedDocument): void {
  const i = list ? list.indexOf(old) : -1;
  if (i >= 0) list![i] = d;
}

/** All a document gives the record index: its record key, its series, and how its pointers are written. */
function recordFacts(d: AnalyzedDocument): string {
  const lc = d.lifecycle;
  return JSON.stringify([recordKey(d), lc?.series, lc?.lives.map((l) => [l.supersedes.map((p) => p.link === true), l.supersededBy.map((p) => p.link === true)])]);
}

function buildRecords(index: IndexView): Pick<Built, 'records' | 'claimsFrom'> {
  const out: RecordIndex = { folders: new Map(), numbers: new Map(), words: new Map(), claims: new Map() };
  const claimsFrom = new Map<string, Claim[]>();
  const withPointers: AnalyzedDocument[] = [];
  for (const d of index.documents.values()) {
    const lc = d.lifecycle;
    if (!lc) continue;
    const folder = folderOf(d.path);
    for (const life of lc.lives) {
      if (life.status && !life.status.status) {
        const w = statusKey(life.status.text);
        let m = out.words.get(folder);
        if (!m) out.words.set(folder, (m = new Map()));
        m.set(w, (m.get(w) ?? 0) + 1);
      }
    }
    if (d.kind.decisions !== 'per-file') continue;
    push(out.folders, folder, d);
    if (lc.number !== undefined) {
      let m = out.numbers.get(folder);
      if (!m) out.numbers.set(folder, (m = new Map()));
      push(m, lc.number, d);
    }
    if (lc.lives.some((l) => l.supersedes.length || l.supersededBy.length)) withPointers.push(d);
  }
  for (const d of withPointers) {
    for (const life of d.lifecycle!.lives) {
      for (const [list, says] of [
        [life.supersedes, 'supersedes'],
        [life.supersededBy, 'superseded-by'],
      ] as const) {
        for (const p of list) {
          const target = findRecord(index, out, d.path, p);
          if (!target || target === d) continue;
          const claim: Claim = { from: d, pointer: p, says };
          push(out.claims, target.path, claim);
          push(claimsFrom, d.path, claim);
        }
      }
    }
  }
  return { records: out, claimsFrom };
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V): void {
  const list = m.get(k);
  if (list) list.push(v);
  else m.set(k, [v]);
}

/** The record a pointer names, from a document at `from`: a link or path, a number in the same folder, or a title there. */
export function findRecord(index: IndexView, records: RecordIndex, from: string, p: Pointer): AnalyzedDocument | undefined {
  const t = p.target.trim();
  if (p.link) {
    const candidates = plainPathCandidates(from, t);
    for (const c of [resolveLink(from, t), ...candidates]) {
      if (c.kind !== 'path') continue;
      const doc = index.documents.get(c.path);
      if (doc) return doc;
    }
    return undefined;
  }
  const folder = folderOf(from);
  const num = /^(?:(?:adr|rfc|tep|kep|dr|decision)[\s#:._-]*|#)?0*(\d{1,6})\b(?:[.:\s-]|$)/i.exec(t);
  if (num) {
    const same = records.numbers.get(folder)?.get(Number(num[1]));
    if (same?.length === 1) return same[0];
    if (same && same.length > 1) return undefined;
  }
  const title = normalizeHeading(stripInline(t));
  return records.folders.get(folder)?.find((d) => normalizeHeading(d.title) === title || normalizeHeading(d.title).replace(/^\d+\s+/, '') === title);
}

// ---- What a change of a record reaches --------------------------------------------------------

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
