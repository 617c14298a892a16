/**
 * The persisted index: what the server read of each file in a folder, kept in the
 * extension's storage folder for the next session's warm start. One JSON file per folder,
 * with every range written as four numbers (ranges are most of a document's model: this
 * makes the file a third of the size, and a third of the time to parse). Written to a
 * temporary file and renamed, so a crash never leaves half a file; a file from another
 * version, root or configuration is not used.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import type { IndexStore, StoredFile, StoredFolder } from './host';

declare const CHARTER_VERSION: string | undefined;
const VERSION = typeof CHARTER_VERSION === 'string' ? CHARTER_VERSION : 'dev';
/** The format; a file in another one is not read. */
const FORMAT = 2;

interface StoredIndex {
  format: number;
  version: string;
  root: string;
  config: string;
  listing: string[];
  /** Markdown files by path, packed. */
  files: Json;
}

/** The key that marks a packed range: `{"~":[startLine,startChar,endLine,endChar]}`. */
const RANGE = '~';

export function fileStore(storage: string): IndexStore {
  const fileOf = (root: string) => path.join(storage, `charter-index-${createHash('sha256').update(root).digest('hex').slice(0, 16)}.json`);
  return {
    read(root, configKey): StoredFolder | undefined {
      try {
        const data = JSON.parse(fs.readFileSync(fileOf(root), 'utf8')) as StoredIndex;
        if (data.format !== FORMAT || data.version !== VERSION || data.root !== root || data.config !== configKey || !Array.isArray(data.listing)) return undefined;
        return { listing: data.listing, files: new Map(Object.entries(unpack(data.files) as Record<string, StoredFile>)) };
      } catch {
        return undefined;
      }
    },
    write(root, configKey, folder) {
      const data: StoredIndex = { format: FORMAT, version: VERSION, root, config: configKey, listing: folder.listing, files: pack(Object.fromEntries(folder.files)) };
      try {
        fs.mkdirSync(storage, { recursive: true });
        const file = fileOf(root);
        const tmp = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, JSON.stringify(data));
        fs.renameSync(tmp, file);
      } catch {
        // A read-only or full disk: the next start is a cold one.
      }
    },
  };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isRange(v: Record<string, unknown>): boolean {
  const s = v.start as Record<string, unknown> | undefined;
  const e = v.end as Record<string, unknown> | undefined;
  let keys = 0;
  for (const _k in v) keys++;
  return keys === 2 && typeof s === 'object' && s !== null && typeof e === 'object' && e !== null && typeof s.line === 'number' && typeof s.character === 'number' && typeof e.line === 'number' && typeof e.character === 'number';
}

/** A copy of plain data with every range as `{"~":[…]}`; undefined properties dropped, as JSON would. */
export function pack(v: unknown): Json {
  if (typeof v !== 'object' || v === null) return v as Json;
  if (Array.isArray(v)) return v.map(pack);
  const o = v as Record<string, unknown>;
  if (isRange(o)) {
    const r = o as { start: { line: number; character: number }; end: { line: number; character: number } };
    return { [RANGE]: [r.start.line, r.start.character, r.end.line, r.end.character] };
  }
  const out: { [k: string]: Json } = {};
  for (const k in o) if (o[k] !== undefined) out[k] = pack(o[k]);
  return out;
}

/** The inverse of {@link pack}, in place. */
export function unpack(v: Json): unknown {
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = unpack(v[i]) as Json;
    return v;
  }
  const r = v[RANGE];
  if (r !== undefined && Array.isArray(r)) return { start: { line: r[0], character: r[1] }, end: { line: r[2], character: r[3] } };
  for (const k in v) v[k] = unpack(v[k]) as Json;
  return v;
}
