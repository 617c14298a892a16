/** Small facts about files shared by the checker and the server. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Classifier } from '../core/classify';
import { decode, formatBytes, MAX_FILE_BYTES } from '../core/text';

export { MARKDOWN_RE } from '../core/workspaceIndex';

/** Why a file could not be read, in words. */
export function readError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'deleted while being read';
  if (code === 'EISDIR') return 'became a folder while being read';
  if (code === 'ELOOP') return 'symbolic link loop';
  return (e as Error).message;
}

/** What bounded reading gave: the bytes, or why there are none. */
export type Bounded =
  | { bytes: Buffer; stamp: { m: number; s: number } }
  | { error: 'missing' | 'outside' | 'not-regular' | 'too-large' | 'unreadable'; message: string; stamp?: { m: number; s: number } };

/**
 * Reads a file the way every reader does (the threads, the server, the checker, the
 * configuration): a regular file only — a device, FIFO or socket is refused without blocking
 * (opened non-blocking, then fstat'd) — and at most `limit` bytes actually read, whatever its
 * size says (/dev/zero says 0). With `root`, a file whose real path leaves the root (a link,
 * or a link above it) is not opened at all.
 */
export function readBounded(abs: string, limit: number, root?: Containment): Bounded {
  if (root && !root.contains(abs)) return { error: 'outside', message: 'skipped: a symbolic link that leads outside the workspace root' };
  let fd: number;
  try {
    fd = fs.openSync(abs, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { error: 'missing', message: 'deleted while being read' };
    return { error: 'unreadable', message: `skipped: ${readError(e)}` };
  }
  try {
    const st = fs.fstatSync(fd);
    const stamp = { m: st.mtimeMs, s: st.size };
    // A path listed as a file that is a folder now became one between listing and reading.
    if (st.isDirectory()) return { error: 'not-regular', message: 'skipped: became a folder while being read', stamp };
    if (!st.isFile()) return { error: 'not-regular', message: `skipped: not a regular file (${kindOfFile(st)})`, stamp };
    if (st.size > limit) return { error: 'too-large', message: tooLarge(st.size, limit), stamp };
    // Read up to one byte past the limit: a file that gives more is too large, whatever its size said.
    const buf = Buffer.allocUnsafe(Math.min(limit + 1, Math.max(st.size + 1, 64 * 1024)));
    let chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const n = fs.readSync(fd, buf, 0, Math.min(buf.length, limit + 1 - total), null);
      if (n === 0) break;
      chunks.push(Buffer.from(buf.subarray(0, n)));
      total += n;
      if (total > limit) return { error: 'too-large', message: tooLarge(undefined, limit), stamp };
    }
    const bytes = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, total);
    chunks = [];
    return { bytes, stamp };
  } catch (e) {
    return { error: 'unreadable', message: `skipped: ${readError(e)}` };
  } finally {
    fs.closeSync(fd);
  }
}

function tooLarge(size: number | undefined, limit: number): string {
  return `skipped: ${size !== undefined ? `${formatBytes(size)} is larger than` : 'it holds more than'} the ${formatBytes(limit)} limit`;
}

function kindOfFile(st: fs.Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isSocket()) return 'a socket';
  return 'not a file';
}

/**
 * Whether paths lie inside a root once links are followed: the root's real path against the
 * real path of each file's folder (remembered per folder) and of the file itself when it is
 * a link. Nothing outside the root is ever opened.
 */
export class Containment {
  private readonly real: string;
  private readonly folders = new Map<string, boolean>();

  constructor(readonly root: string) {
    let real = root;
    try {
      real = fs.realpathSync.native(root);
    } catch {
      // A root that cannot be resolved contains nothing that can.
    }
    this.real = real;
  }

  /** Whether a real path lies in the root. */
  private inside(real: string): boolean {
    return real === this.real || real.startsWith(this.real.endsWith(path.sep) ? this.real : this.real + path.sep);
  }

  /** Whether the file (or folder) at `abs` is inside the root once every link is followed. */
  contains(abs: string): boolean {
    const dir = path.dirname(abs);
    let ok = this.folders.get(dir);
    if (ok === undefined) {
      try {
        ok = this.inside(fs.realpathSync.native(dir));
      } catch {
        ok = true; // a folder that is gone: the open fails on its own
      }
      if (this.folders.size > 100_000) this.folders.clear();
      this.folders.set(dir, ok);
    }
    if (!ok) return false;
    let st: fs.Stats;
    try {
      st = fs.lstatSync(abs);
    } catch {
      return true; // gone: the open says so
    }
    if (!st.isSymbolicLink()) return true;
    try {
      return this.inside(fs.realpathSync.native(abs));
    } catch {
      return true; // dangling or a loop: the open says so
    }
  }

  /** Forgets what it knows of folders (a folder may have become a link). */
  forget(): void {
    this.folders.clear();
  }
}

const containments = new Map<string, Containment>();

/** The containment of a root, shared by every read under it in this thread. */
export function containmentOf(root: string): Containment {
  let c = containments.get(root);
  if (!c) {
    if (containments.size > 64) containments.clear();
    containments.set(root, (c = new Containment(root)));
  }
  return c;
}

/**
 * Reads and decodes one file, as every reader does (the threads, the server, the checker):
 * its text, or a note saying why there is none — only where the file could be a document,
 * or is too large, not a regular file, or leads outside the root. A file that is gone gives
 * neither. `lossy`: invalid UTF-8 was read as U+FFFD.
 */
export function readText(root: string, rel: string, classifier: Classifier): { text?: string; note?: string; lossy?: boolean; stamp?: { m: number; s: number } } {
  const abs = path.join(root, ...rel.split('/'));
  const r = readBounded(abs, MAX_FILE_BYTES, containmentOf(root));
  if ('error' in r) return r.error === 'missing' ? {} : { stamp: r.stamp, note: r.message };
  const decoded = decode(r.bytes);
  if (!decoded.ok)
    return {
      stamp: r.stamp,
      note: classifier.couldBeDocument(rel) || classifier.indexKindByPath(rel) !== undefined || decoded.reason === 'too-large' ? decoded.message : undefined,
    };
  return { text: decoded.text, stamp: r.stamp, ...(decoded.invalidBytes ? { lossy: true } : {}) };
}
