/**
 * Decision records and the life of each decision: the one model the lifecycle rules (and the
 * decision views) share. A record's number, status, date, supersession and review date are
 * read with the document (core/lifecycle.ts, kept when compact); here, the workspace side,
 * built from those and never from text: a folder's records, their numbers, the status words
 * a folder writes, and who claims to supersede whom.
 */
import type { AnalyzedDocument } from './document';
import type { Config } from './config';
import type { IndexView } from './workspace';
import { statusKey, type Status } from './status';
import { resolveLink, plainPathCandidates } from './links';
import { normalizeHeading, stripInline } from './syntax';
import type { Pointer, StatusValue } from './lifecycle';

export * from './lifecycle';

// ---- The workspace side --------------------------------------------------------------------

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

/** The record index of a workspace index, built once per change of its documents. */
const built = new WeakMap<object, { generation: number; records: RecordIndex }>();

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
  if (known && generation >= 0 && known.generation === generation) return known.records;
  const records = buildRecords(index);
  if (generation >= 0) built.set(docs, { generation, records });
  return records;
}

function buildRecords(index: IndexView): RecordIndex {
  const out: RecordIndex = { folders: new Map(), numbers: new Map(), words: new Map(), claims: new Map() };
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
          if (target && target !== d) push(out.claims, target.path, { from: d, pointer: p, says });
        }
      }
    }
  }
  return out;
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

/** Whether a pointer of `from` names the record `to`. */
export function pointsTo(index: IndexView, records: RecordIndex, from: AnalyzedDocument, p: Pointer, to: AnalyzedDocument): boolean {
  return findRecord(index, records, from.path, p) === to;
}
