/**
 * A branch switch on disk, for the benchmark and the server tests: `switchBranch` changes
 * many files of a workspace at once — edits, deletes, creates and renames, like
 * `git checkout` of another branch — and returns the file events a watcher reports for
 * them, in the order it would, for ONE `workspace/didChangeWatchedFiles`.
 *
 * What it does, with `changes` events in all (seeded, deterministic for a given tree):
 *
 * - about 55% edits of existing markdown files, in turn: prose appended (findings unchanged),
 *   a required section's heading renamed away (a missing section), a broken link added, the
 *   front-matter owner replaced by someone the charter does not know;
 * - about 15% deletes (documents that others link to break their links);
 * - about 10% renames (two events: the old path deleted, the new one created);
 * - the rest creates: copies of existing documents under new names in a new folder
 *   `docs/branch/…`, some linking to files deleted above;
 * - with `charter` (the default), one edit of docs/CHARTER.md that adds a person: every
 *   document's owners are read against the charter again;
 * - about 2% of the paths are reported twice (created, then changed), as watchers do.
 *
 * When there are fewer files than the edits, deletes and renames want, the rest are creates.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Rng } from './generate';

/** The event types of LSP's FileChangeType. */
export const CREATED = 1;
export const CHANGED = 2;
export const DELETED = 3;

export interface FileEvent {
  /** Root-relative, `/`-separated. */
  rel: string;
  type: typeof CREATED | typeof CHANGED | typeof DELETED;
}

export interface SwitchOptions {
  /** How many file events (default 1,000). */
  changes?: number;
  seed?: number;
  /** Whether the charter changes too (default true). */
  charter?: boolean;
}

export interface SwitchStats {
  edited: number;
  deleted: number;
  renamed: number;
  created: number;
  duplicates: number;
  charter: boolean;
}

function markdownFiles(root: string): string[] {
  const out: string[] = [];
  for (const ent of fs.readdirSync(root, { withFileTypes: true, recursive: true })) {
    if (!ent.isFile() || !ent.name.endsWith('.md')) continue;
    const dir = ent.parentPath ?? (ent as unknown as { path: string }).path;
    out.push(path.relative(root, path.join(dir, ent.name)).split(path.sep).join('/'));
  }
  return out.sort();
}

/** Changes the workspace on disk like a branch switch; returns the events and what was done. */
export function switchBranch(root: string, options: SwitchOptions = {}): { events: FileEvent[]; stats: SwitchStats } {
  const total = options.changes ?? 1000;
  const r = new Rng(options.seed ?? 7);
  const charterRel = 'docs/CHARTER.md';
  const withCharter = options.charter !== false && fs.existsSync(path.join(root, charterRel));
  const pool = markdownFiles(root).filter((f) => f !== charterRel);
  // A random order of the existing files: each is touched at most once.
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  const stats: SwitchStats = { edited: 0, deleted: 0, renamed: 0, created: 0, duplicates: 0, charter: withCharter };
  const events: FileEvent[] = [];
  const abs = (rel: string) => path.join(root, ...rel.split('/'));
  const deleted: string[] = [];
  let budget = total - (withCharter ? 1 : 0);
  const want = { edit: Math.round(budget * 0.55), del: Math.round(budget * 0.15), ren: Math.round(budget * 0.05) };

  const edit = (rel: string, i: number) => {
    let text = fs.readFileSync(abs(rel), 'utf8');
    switch (i % 4) {
      case 0:
        text += `\nOn this branch the ${r.pick(['basket', 'invoice', 'queue', 'cache'])} is reworked (${i}).\n`;
        break;
      case 1: {
        // The first level-2 heading renamed away: a required section goes missing (or nothing, if it was not one).
        const next = text.replace(/^## .*$/m, `## Branch notes ${i}`);
        text = next === text ? `${text}\n## Branch notes ${i}\n\nMore.\n` : next;
        break;
      }
      case 2:
        text += `\nSee [the branch plan](../branch-plan-${i}.md).\n`;
        break;
      default: {
        const next = text.replace(/^owner: .*$/m, `owner: Branch Person ${i % 7}`);
        text = next === text ? `${text}\n[the spec](./spec-${i}.md)\n` : next;
      }
    }
    fs.writeFileSync(abs(rel), text);
    events.push({ rel, type: CHANGED });
    stats.edited++;
  };

  let taken = 0;
  const next = () => (taken < pool.length ? pool[taken++] : undefined);
  const created = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(abs(rel)), { recursive: true });
    fs.writeFileSync(abs(rel), text);
    events.push({ rel, type: CREATED });
    if (r.chance(0.02)) {
      events.push({ rel, type: CHANGED });
      stats.duplicates++;
    }
  };

  // Interleaved, as git writes in path order rather than by kind of change.
  let i = 0;
  while (budget > 0) {
    const roll = r.next();
    const kind = roll < 0.55 ? 'edit' : roll < 0.7 ? 'del' : roll < 0.75 && budget >= 2 ? 'ren' : 'new';
    if (kind === 'edit' && want.edit > 0) {
      const rel = next();
      if (rel) {
        want.edit--;
        edit(rel, i++);
        budget--;
        continue;
      }
    }
    if (kind === 'del' && want.del > 0) {
      const rel = next();
      if (rel) {
        want.del--;
        fs.rmSync(abs(rel));
        deleted.push(rel);
        events.push({ rel, type: DELETED });
        stats.deleted++;
        budget--;
        continue;
      }
    }
    if (kind === 'ren' && want.ren > 0 && budget >= 2) {
      const rel = next();
      if (rel) {
        want.ren--;
        const to = rel.replace(/([^/]+)\.md$/, 'moved-$1.md');
        fs.renameSync(abs(rel), abs(to));
        events.push({ rel, type: DELETED }, { rel: to, type: CREATED });
        stats.renamed++;
        budget -= 2;
        continue;
      }
    }
    // A new document: a copy of an existing one (or of the charter's first PRD) in a new folder.
    const n = stats.created++;
    const source = pool.length ? pool[n % pool.length] : undefined;
    const base =
      source && fs.existsSync(abs(source))
        ? fs.readFileSync(abs(source), 'utf8')
        : `---\ntype: prd\nowner: Priya Raman\n---\n# New ${n}\n\n## Why\n\nBecause.\n\n## What\n\nThis.\n`;
    const kindDir = source?.match(/^docs\/(prd|sdd|adr)\//)?.[1] ?? 'notes';
    const name = kindDir === 'adr' ? `${String(9000 + n).padStart(4, '0')}-branch-${n}.md` : kindDir === 'sdd' ? `branch-${n}.sdd.md` : `branch-${n}.md`;
    const rel = kindDir === 'adr' ? `docs/adr/${name}` : `docs/branch/${kindDir}/g${Math.floor(n / 100)}/${name}`;
    const gone = deleted.length && r.chance(0.3) ? `\nSee [what it replaces](/${deleted[n % deleted.length]}).\n` : '';
    created(rel, base + gone);
    budget--;
  }

  if (withCharter) {
    // In the middle of the list, as git would write it among the others.
    const text = fs.readFileSync(abs(charterRel), 'utf8').replace(/^people:\n/m, 'people:\n  - name: Branch Person 3\n    role: Software Engineer\n');
    fs.writeFileSync(abs(charterRel), text);
    events.splice(events.length >> 1, 0, { rel: charterRel, type: CHANGED });
  }
  return { events, stats };
}
