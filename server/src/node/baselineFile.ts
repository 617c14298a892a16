/**
 * Reading the baseline file from disk, for the checker and the server alike (the format and
 * the matching are in core/baseline.ts). The file is untrusted input: its size is bounded,
 * its bytes must be UTF-8 JSON, and every problem comes back with its place, never thrown.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MAX_BASELINE_BYTES, parseBaseline, type Baseline, type BaselineProblem } from '../core/baseline';
import { escapesRoot } from '../core/configValues';

/** The outcome of reading a baseline file. */
export type LoadedBaseline = { status: 'ok'; baseline: Baseline } | { status: 'missing' } | { status: 'problem'; problem: BaselineProblem };

const AT0 = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** Reads the baseline at `abs`. Problems say what is wrong with the file, not which file it is. */
export function readBaselineFile(abs: string): LoadedBaseline {
  const problem = (message: string): LoadedBaseline => ({ status: 'problem', problem: { message, range: AT0 } });
  let bytes: Buffer;
  try {
    const st = fs.statSync(abs);
    if (st.isDirectory()) return problem('it is a folder, not a baseline file');
    if (st.size > MAX_BASELINE_BYTES)
      return problem(`it is ${Math.round(st.size / (1024 * 1024))} MB; a baseline is at most ${MAX_BASELINE_BYTES / (1024 * 1024)} MB, and a larger one is not read`);
    bytes = fs.readFileSync(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    return problem(`it cannot be read: ${(e as Error).message}`);
  }
  if (bytes.length > MAX_BASELINE_BYTES) return problem(`it is larger than ${MAX_BASELINE_BYTES / (1024 * 1024)} MB and is not read`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return problem('it is not UTF-8 text; regenerate it with charter check --update-baseline');
  }
  const parsed = parseBaseline(text);
  return parsed.problem ? { status: 'problem', problem: parsed.problem } : { status: 'ok', baseline: parsed.baseline };
}

/**
 * Reads a baseline named relative to a workspace root, and only from inside it: a path that
 * leaves the root, or a symbolic link that leads out of it, is refused.
 */
export function readBaselineInRoot(root: string, rel: string): LoadedBaseline {
  const problem = (message: string): LoadedBaseline => ({ status: 'problem', problem: { message, range: AT0 } });
  if (!rel.trim() || escapesRoot(rel) || path.isAbsolute(rel)) return problem(`"${rel}" is not a path inside the workspace folder; Charter reads a baseline only from inside it`);
  const abs = path.join(root, ...rel.split(/[\\/]/));
  let real: string;
  try {
    real = fs.realpathSync(abs);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    return problem(`it cannot be read: ${(e as Error).message}`);
  }
  let realRoot: string;
  try {
    realRoot = fs.realpathSync(root);
  } catch {
    realRoot = root;
  }
  const inside = path.relative(realRoot, real);
  if (!inside || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside))
    return problem('it leads outside the workspace folder (a symbolic link); Charter reads a baseline only from inside it');
  return readBaselineFile(real);
}
