/**
 * `charter index [folder…] [--write]`: the index of each decision folder (number, title,
 * status, date, owner of every record), between the markers `<!-- charter:index -->` and
 * `<!-- /charter:index -->`. Printed; with `--write`, written into the folder's index page
 * (its README or index page; a new README.md when it has none): the block between the
 * markers is refreshed, or appended to a page that has none. Nothing outside the root is
 * written, and nothing but those pages.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { openWorkspace, UsageError, EXIT, type ErrorStream } from './checkRun';
import { recordsOf, type DecisionRecord } from '../core/records/workspace';
import { INDEX_START } from '../core/records/ids';
import { indexFolder, renderIndex, withIndex } from '../core/records/indexPage';
import { containmentOf, readBounded } from '../node/files';
import { decode } from '../core/text';
import { visible } from '../report/safeText';

export interface IndexRequest {
  cwd: string;
  root?: string;
  config?: string;
  /** Folders (relative to cwd) whose index is wanted; none: every folder that holds records. */
  folders: string[];
  write: boolean;
}

const PAGE_NAMES = ['README.md', 'readme.md', 'index.md', '_index.md'];

/** Prints or writes the index of each decision folder asked for. */
export async function indexRun(req: IndexRequest, io: ErrorStream & { out: (s: string) => void }): Promise<number> {
  const { root, ws, inScope } = await openWorkspace({ cwd: req.cwd, root: req.root, config: req.config, paths: req.folders }, io);
  for (const f of req.folders) {
    const abs = path.resolve(req.cwd, f);
    if (!fs.statSync(abs).isDirectory()) throw new UsageError(`${f} is not a folder: charter index takes the folders that hold decision records`);
  }
  const records = recordsOf(ws.index).filter((r) => inScope(r.path));
  // Each folder asked for gathers the records under it; without folders, each folder that holds records directly.
  const groups = new Map<string, DecisionRecord[]>();
  const asked = req.folders.map((f) => path.relative(root, path.resolve(req.cwd, f)).split(path.sep).join('/'));
  for (const r of records) {
    const dir = asked.length ? (asked.filter((a) => !a || r.path.startsWith(`${a}/`)).sort((a, b) => b.length - a.length)[0] ?? indexFolder(r.path)) : indexFolder(r.path);
    groups.set(dir, [...(groups.get(dir) ?? []), r]);
  }
  for (const a of asked) if (!groups.has(a)) io.err(`${visible(`charter: no decision records under ${a || '.'}`)}\n`);
  if (!groups.size) return asked.length ? EXIT.usage : EXIT.ok;
  const many = groups.size > 1;
  for (const [dir, recs] of [...groups].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const page = pageOf(ws.index.documents, root, dir);
    const block = renderIndex(page, recs);
    if (!req.write) {
      // Titles come from the documents: each line is printed with control characters made visible.
      io.out(`${many ? `${visible(`# ${page}`)}\n\n` : ''}${block.split('\n').map(visible).join('\n')}\n${many ? '\n' : ''}`);
      continue;
    }
    const abs = path.join(root, ...page.split('/'));
    if (!containmentOf(root).contains(abs)) throw new UsageError(`${page} leads outside the workspace root: nothing was written`);
    let before: string | undefined;
    let st: fs.Stats | undefined;
    try {
      st = fs.lstatSync(abs);
    } catch {
      st = undefined;
    }
    if (st) {
      // A link (even a dangling one) is never written through.
      if (!st.isFile()) throw new UsageError(`${page} is ${st.isSymbolicLink() ? 'a symbolic link' : 'not a regular file'}: nothing was written`);
      const r = readBounded(abs, 8 * 1024 * 1024, containmentOf(root));
      if ('error' in r) throw new UsageError(`${page} could not be read: ${r.message}`);
      const d = decode(r.bytes);
      if (!d.ok) throw new UsageError(`${page} could not be read: ${d.message}`);
      before = d.text;
    }
    const after = withIndex(before, block);
    if (after === before) {
      io.err(`${visible(`charter: ${page} is up to date (${recs.length} records)`)}\n`);
      continue;
    }
    fs.writeFileSync(abs, after, { flag: before === undefined ? 'wx' : 'w' });
    io.err(
      `${visible(`charter: ${before === undefined ? 'wrote' : before.includes(INDEX_START) ? 'refreshed the index in' : 'added the index to'} ${page} (${recs.length} records)`)}\n`,
    );
  }
  return EXIT.ok;
}

/** The folder's index page: an index document, else an existing README or index page, else a new README.md. */
function pageOf(documents: Map<string, { kind: { indexesRecords?: boolean } }>, root: string, dir: string): string {
  const join = (name: string) => (dir ? `${dir}/${name}` : name);
  for (const name of PAGE_NAMES) if (documents.get(join(name))?.kind.indexesRecords) return join(name);
  for (const name of PAGE_NAMES) {
    try {
      if (fs.lstatSync(path.join(root, ...join(name).split('/'))).isFile()) return join(name);
    } catch {
      // not there
    }
  }
  return join('README.md');
}
