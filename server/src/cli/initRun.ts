/**
 * `charter init`: reads the repository with the built-in defaults (an existing `.charter.yaml`
 * is not read: the proposal is what the documents imply, not what was configured) and prints
 * the configuration `core/init/` proposes; with `--write`, writes it to `<root>/.charter.yaml`
 * and nothing else, never over an existing file unless `--force` says so.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE, defaultConfig } from '../core/config';
import { proposeConfig } from '../core/init';
import { loadWorkspace } from '../node/fsWorkspace';
import { readText } from '../node/files';
import { EXIT, isDir, UsageError, type ErrorStream } from './checkRun';
import { visible } from '../report/safeText';

export interface InitRequest {
  cwd: string;
  root?: string;
  /** Write `<root>/.charter.yaml` instead of printing. */
  write: boolean;
  /** Replace an existing `.charter.yaml`. */
  force: boolean;
}

/** Where the proposal is written, and the report of what happened. */
export async function initRun(req: InitRequest, io: ErrorStream & { out: (s: string) => void }, progress?: (done: number, total: number, step?: string) => void): Promise<number> {
  const root = path.resolve(req.cwd, req.root ?? '.');
  if (!isDir(root)) throw new UsageError(`the workspace root ${root} is not a folder`);
  const target = path.join(root, CONFIG_FILE);
  // Refused before anything is read: an existing configuration is never replaced by surprise.
  if (req.write) refuseToReplace(target, req.force);

  const ws = await loadWorkspace(root, defaultConfig(), progress);
  progress?.(-1, 0);
  for (const n of ws.notes) io.err(`${visible(`${n.path}: note: ${n.message}`)}\n`);
  const proposal = proposeConfig(ws.index, (rel) => readText(root, rel, ws.index.classifier), {
    rootName: path.basename(root),
    progress: (step) => progress?.(0, 0, `charter init: ${step}`),
  });
  progress?.(-1, 0);

  if (!req.write) {
    io.out(proposal.yaml);
    return EXIT.ok;
  }
  refuseToReplace(target, req.force);
  try {
    fs.writeFileSync(target, proposal.yaml, { flag: req.force ? 'w' : 'wx' });
  } catch (e) {
    throw new UsageError(`cannot write ${target}: ${(e as NodeJS.ErrnoException).code === 'EEXIST' ? 'it exists already' : (e as Error).message}; nothing was written`);
  }
  const shown = path.relative(req.cwd, target) || target;
  io.err(`${visible(`charter: wrote ${shown}`)}\n`);
  for (const line of proposal.summary) io.err(`${visible(`  ${line}`)}\n`);
  return EXIT.ok;
}

/** An existing `.charter.yaml` is replaced only with --force, and never when it is a link or not a file. */
function refuseToReplace(target: string, force: boolean): void {
  let st: fs.Stats;
  try {
    st = fs.lstatSync(target);
  } catch {
    return;
  }
  if (st.isSymbolicLink()) throw new UsageError(`${target} is a symbolic link: nothing was written (remove it first to write the proposal there)`);
  if (!st.isFile()) throw new UsageError(`${target} exists and is not a file: nothing was written`);
  if (!force) throw new UsageError(`${target} exists already: nothing was written (charter init prints the proposal to compare; --write --force replaces the file)`);
}
