/**
 * The persisted index: what the server read of each file in a folder, kept in the
 * extension's storage folder for the next session's warm start. JSON lines, with every range
 * written as four numbers (ranges are most of a document's model: this makes the file about
 * a third smaller, and quicker to parse). Written to a temporary file and renamed, so a crash
 * never leaves half a file; a file from another version, root or configuration is not used.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import type { IndexStore, StoredFile, StoredFolder } from './host';

declare const CHARTER_VERSION: string | undefined;
const VERSION = typeof CHARTER_VERSION === 'string' ? CHARTER_VERSION : 'dev';
/** The format; a file in another one is not read. */
const FORMAT = 3;

/** The first line: what the file is good for. */
interface Header {
  format: number;
  version: string;
  root: string;
  config: string;
  listing: string[];
}

/** The key that marks a packed range: `{"~":[startLine,startChar,endLine,endChar]}`. */
const RANGE = '~';

/**
 * One file per folder, a line per markdown file after a header line (JSON lines): written a
 * few hundred lines at a time, so that persisting ten thousand documents never builds one
 * string of tens of megabytes, and read line by line.
 */
export function fileStore(storage: string): IndexStore {
  const fileOf = (root: string) => path.join(storage, `charter-index-${createHash('sha256').update(root).digest('hex').slice(0, 16)}.jsonl`);
  return {
    read(root, configKey): StoredFolder | undefined {
      try {
        const text = fs.readFileSync(fileOf(root), 'utf8');
        let nl = text.indexOf('\n');
        if (nl < 0) return undefined;
        const header = JSON.parse(text.slice(0, nl)) as Header;
        if (header.format !== FORMAT || header.version !== VERSION || header.root !== root || header.config !== configKey || !Array.isArray(header.listing)) return undefined;
        const files = new Map<string, StoredFile>();
        let at = nl + 1;
        while (at < text.length) {
          nl = text.indexOf('\n', at);
          if (nl < 0) return undefined; // cut short: the last line always ends with a newline
          const [rel, entry] = JSON.parse(text.slice(at, nl)) as [string, Json];
          files.set(rel, unpack(entry) as StoredFile);
          at = nl + 1;
        }
        return { listing: header.listing, files };
      } catch {
        return undefined;
      }
    },
    write(root, configKey, folder) {
      const file = fileOf(root);
      const tmp = `${file}.${process.pid}.tmp`;
      let fd: number | undefined;
      try {
        fs.mkdirSync(storage, { recursive: true });
        fd = fs.openSync(tmp, 'w');
        const header: Header = { format: FORMAT, version: VERSION, root, config: configKey, listing: folder.listing };
        fs.writeSync(fd, `${JSON.stringify(header)}\n`);
        let chunk: string[] = [];
        for (const [rel, entry] of folder.files) {
          chunk.push(JSON.stringify([rel, pack(entry)]));
          if (chunk.length === 500) {
            fs.writeSync(fd, `${chunk.join('\n')}\n`);
            chunk = [];
          }
        }
        if (chunk.length) fs.writeSync(fd, `${chunk.join('\n')}\n`);
        fs.closeSync(fd);
        fd = undefined;
        fs.renameSync(tmp, file);
      } catch {
        // A read-only or full disk: the next start is a cold one.
        if (fd !== undefined) fs.closeSync(fd);
        fs.rmSync(tmp, { force: true });
      }
    },
  };
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function isRange(v: Record<string, unknown>): boolean {
  const s = v.start as Record<string, unknown> | undefined;
  const e = v.end as Record<string, unknown> | undefined;
  const keys = Object.keys(v).length;
  return (
    keys === 2 &&
    typeof s === 'object' &&
    s !== null &&
    typeof e === 'object' &&
    e !== null &&
    typeof s.line === 'number' &&
    typeof s.character === 'number' &&
    typeof e.line === 'number' &&
    typeof e.character === 'number'
  );
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
