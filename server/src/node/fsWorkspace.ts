/**
 * Reads a workspace from disk for the command-line checker (and the server's first
 * index): walks the tree once — never into node_modules or .git, never round a symbolic
 * link loop — decodes every markdown file, and builds the index. Unreadable or odd files
 * are skipped with a note; nothing is ever written.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CONFIG_FILE, loadConfig as coreLoadConfig, MAX_CONFIG_BYTES, tooLargeMessage, type Config, type ConfigProblem } from '../core/config';
import { WorkspaceIndex } from '../core/workspaceIndex';
import { readAll } from './parallel';
import { containmentOf, readBounded, readText } from './files';
import { RULE_IDS } from '../core/rules/index';

/** A file that was not analyzed, and why. */
export interface Note {
  path: string;
  message: string;
}

/** A workspace read from disk. */
export interface LoadedWorkspace {
  root: string;
  /** The same index the language server keeps, documents held compact. */
  index: WorkspaceIndex;
  /** Every markdown file seen (root-relative). */
  markdownFiles: string[];
  notes: Note[];
}

/** The outcome of reading the configuration. */
export interface LoadedConfig {
  /** Root-relative (or absolute, when outside the root) path of the file read, if any. */
  file?: string;
  config?: Config;
  problems: ConfigProblem[];
  /** Set when there is no file to point at: a `--config` that does not exist or is a folder. */
  error?: string;
}

const NEVER_READ = new Set(['node_modules', '.git']);

/**
 * Reads `.charter.yaml` at the root, or the file given with `--config`, and loads it with the
 * core's {@link coreLoadConfig}: the checker and the server both call this, so a
 * configuration is valid or invalid for both alike. `text`, when given, is the editor's text
 * of the file (open and perhaps unsaved), used instead of the disk. Problems in the file
 * (broken YAML, unknown keys, binary content, too large, unreadable) come with a location;
 * `error` is only for a file that cannot be pointed at: a `--config` that does not exist
 * or is a folder.
 */
export function loadConfig(root: string, explicit?: string, text?: string): LoadedConfig {
  const file = explicit ? path.resolve(explicit) : path.join(root, CONFIG_FILE);
  const shown = toRelative(root, file);
  const at0 = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  if (text !== undefined) return { file: shown, ...coreLoadConfig(text, RULE_IDS, shown) };
  // The repository's own .charter.yaml is read only inside the root; a --config the user
  // names is theirs. Either way: a regular file, and no more than the limit actually read.
  const r = readBounded(file, MAX_CONFIG_BYTES, explicit ? undefined : containmentOf(root));
  if ('error' in r) {
    if (r.error === 'missing') return explicit ? { file: shown, problems: [], error: `${shown} does not exist` } : { ...coreLoadConfig(undefined, RULE_IDS), problems: [] };
    if (r.error === 'too-large') {
      const message =
        r.stamp && r.stamp.s > MAX_CONFIG_BYTES
          ? tooLargeMessage(shown, r.stamp.s)
          : `${shown} holds more than 1 MB; a configuration file is at most 1 MB, and one larger is not read`;
      return explicit ? { file: shown, problems: [], error: message } : { file: shown, problems: [{ message, range: at0 }] };
    }
    const what = /\((.*)\)$/.exec(r.message)?.[1] ?? 'a folder';
    const why =
      r.error === 'outside'
        ? `${shown} is a symbolic link that leads outside the workspace root: it is not read`
        : r.error === 'not-regular'
          ? `${shown} is ${what}, not a configuration file`
          : `cannot read ${shown}: ${r.message.replace(/^skipped: /, '')}`;
    // A --config that cannot be read is a usage error (exit 2); the repository's own file is a problem in it.
    return explicit ? { file: shown, problems: [], error: why } : { file: shown, problems: [{ message: why, range: at0 }] };
  }
  return { file: shown, ...coreLoadConfig(r.bytes, RULE_IDS, shown) };
}

/**
 * Walks the root and returns every file path (root-relative) and notes about what was
 * skipped. Ignored paths are listed too (links to them are not broken); they are only
 * never read.
 */
export function walk(root: string): { files: string[]; notes: Note[] } {
  const files: string[] = [];
  const notes: Note[] = [];
  const containment = containmentOf(root);
  containment.forget();
  const seen = new Set<string>();
  const stack: { abs: string; rel: string }[] = [{ abs: root, rel: '' }];
  while (stack.length) {
    const { abs, rel } = stack.pop()!;
    let real: string;
    try {
      real = fs.realpathSync(abs);
    } catch (e) {
      notes.push({ path: rel || '.', message: `skipped: ${(e as NodeJS.ErrnoException).code === 'ELOOP' ? 'symbolic link loop' : (e as Error).message}` });
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(abs, { withFileTypes: true });
    } catch (e) {
      notes.push({ path: rel || '.', message: `skipped folder: ${(e as Error).message}` });
      continue;
    }
    entries.sort((a, b) => (a.name < b.name ? 1 : -1));
    for (const ent of entries) {
      if (NEVER_READ.has(ent.name)) continue;
      const childRel = rel ? `${rel}/${ent.name}` : ent.name;
      const childAbs = path.join(abs, ent.name);
      let isDir = ent.isDirectory();
      let isFile = ent.isFile();
      if (ent.isSymbolicLink()) {
        try {
          const st = fs.statSync(childAbs);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch (e) {
          const code = (e as NodeJS.ErrnoException).code;
          notes.push({ path: childRel, message: `skipped: ${code === 'ELOOP' ? 'symbolic link loop' : 'broken symbolic link'}` });
          continue;
        }
        // A link that leaves the root is never followed: not a file of this workspace.
        if ((isDir || isFile) && !containment.contains(childAbs)) {
          notes.push({ path: childRel, message: 'skipped: a symbolic link that leads outside the workspace root' });
          continue;
        }
      }
      if (isDir) stack.push({ abs: childAbs, rel: childRel });
      else if (isFile) files.push(childRel);
    }
  }
  files.sort();
  return { files, notes };
}

/** Reads and analyzes every markdown file under the root, on every core when there are many. */
export async function loadWorkspace(root: string, config: Config, onProgress?: (done: number, total: number) => void): Promise<LoadedWorkspace> {
  const { files, notes } = walk(root);
  // The index's host on disk, for a process with no editor: every file is closed.
  const index: WorkspaceIndex = new WorkspaceIndex(config, { read: (rel) => readText(root, rel, index.classifier), isOpen: () => false });
  const markdownFiles = files.filter((f) => index.isMarkdown(f));
  onProgress?.(0, markdownFiles.length);
  const outcomes = await readAll(root, config, markdownFiles, (done) => onProgress?.(done, markdownFiles.length));
  for (const o of outcomes) if (o.note) notes.push({ path: o.path, message: o.note });
  onProgress?.(markdownFiles.length, markdownFiles.length);
  index.load(files, outcomes);
  return { root, index, markdownFiles, notes };
}

/** A path relative to the root with `/`, or absolute when outside it. */
export function toRelative(root: string, abs: string): string {
  const rel = path.relative(root, abs);
  if (!rel) return '.';
  if (rel.startsWith('..') || path.isAbsolute(rel)) return abs.split(path.sep).join('/');
  return rel.split(path.sep).join('/');
}
