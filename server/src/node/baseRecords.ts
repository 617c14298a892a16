/**
 * `charter check --base REV`: the decision records of another revision, read with git
 * (`ls-tree`, no checkout, nothing written), so that a new record whose number that revision
 * gave to another record is reported (`duplicate-number`). git is spawned with an argument
 * array, never through a shell; the revision is checked before it is used.
 */
import { spawnSync } from 'node:child_process';
import type { IndexView } from '../core/workspace';
import { recordId } from '../core/records/ids';
import { folderOf } from '../core/records/workspace';

/** What the base revision holds: its records by folder, or why it could not be read. */
export type BaseRecords = { records: Map<string, { path: string; number: number; series: string }[]>; commit: string } | { problem: string };

/**
 * Reads the records of `rev` in the folders where the workspace keeps records (the folders
 * of its documents that hold one decision a file), by the paths the classifier gives a
 * record. `root` is the workspace root (maybe a folder inside the repository).
 */
export function readBaseRecords(root: string, rev: string, index: Pick<IndexView, 'documents' | 'classifier'>): BaseRecords {
  if (!rev || rev.startsWith('-') || /[\0\n\r]/.test(rev) || rev.length > 256) return { problem: `"${rev}" is not a revision` };
  const folders = new Set<string>();
  for (const d of index.documents.values()) if (d.kind.decisions === 'per-file') folders.add(folderOf(d.path));
  const git = (args: string[]) =>
    spawnSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, shell: false, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } });
  const inRepo = git(['rev-parse', '--is-inside-work-tree']);
  if (inRepo.error) return { problem: `git could not be run (${inRepo.error.message})` };
  if (inRepo.status !== 0) return { problem: `${root} is not in a git repository` };
  const resolved = git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`]);
  const commit = resolved.stdout.trim();
  if (resolved.status !== 0 || !/^[0-9a-f]{40,64}$/.test(commit))
    return { problem: `"${rev}" is not a commit of the repository (fetch it first, e.g. git fetch origin ${rev.replace(/^origin\//, '')})` };
  const records = new Map<string, { path: string; number: number; series: string }[]>();
  if (!folders.size) return { records, commit };
  // Paths relative to the root (ls-tree shows them relative to its working folder), NUL-separated.
  const listed = git(['ls-tree', '-r', '-z', '--name-only', commit, '--', '.']);
  if (listed.status !== 0) return { problem: `git ls-tree ${rev} failed: ${listed.stderr.trim().split('\n')[0]}` };
  for (const p of listed.stdout.split('\0')) {
    if (!p || !/\.(?:md|markdown)$/i.test(p) || p.startsWith('../')) continue;
    const folder = folderOf(p);
    if (!folders.has(folder) || index.classifier.isIgnored(p)) continue;
    if (index.classifier.kindByPath(p)?.decisions !== 'per-file') continue;
    const id = recordId(p);
    if (!id) continue;
    const list = records.get(folder);
    const entry = { path: p, number: id.number, series: id.series };
    if (list) list.push(entry);
    else records.set(folder, [entry]);
  }
  return { records, commit };
}
