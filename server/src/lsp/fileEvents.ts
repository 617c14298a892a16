/**
 * Files changed on disk: `didChangeWatchedFiles` → `Folder.queue` (one entry per path, the
 * later event wins) → `drain`, a slice of about 20 ms at a time with the event loop free in
 * between → `Folder.step` → `IndexBatch` (each file read once, then each document the batch
 * reaches checked once) → publish. A request about a file still queued applies that file's
 * event first (openDocuments.ts `current`), not the whole batch.
 */
import { URI } from 'vscode-uri';
import { FileChangeType } from 'vscode-languageserver/node';
import type { Folder } from './folder';
import type { ServerContext } from './context';
import { CONFIG_FILE } from '../core/config';
import type { IndexChange } from '../core/workspaceIndex';

/** How long the server works on a batch of file changes before it answers what waits (ms). */
const SLICE_MS = 20;
/** Batches of at least this many events are announced (status "indexing", a log line) even when quick. */
const ANNOUNCE_FROM = 100;

export function listenToFileEvents(ctx: ServerContext): void {
  const { connection, documents, folders, publisher } = ctx;
  /** Folders whose file events are being worked through. */
  const draining = new Set<Folder>();

  connection.onDidChangeWatchedFiles((params) => {
    const touched = new Set<Folder>();
    for (const change of params.changes) {
      const f = folders.folderOf(change.uri);
      const rel = f?.relative(URI.parse(change.uri).fsPath);
      if (!f || !rel) continue;
      if (rel === CONFIG_FILE) {
        void ctx.ready.then(() => {
          if (!documents.get(change.uri) && folders.list.includes(f)) publisher.configFileChanged(f);
        });
        continue;
      }
      // The baseline file changed on disk (written by charter check --update-baseline, say).
      if (rel === f.baselineRel) void ctx.ready.then(() => publisher.refreshBaseline(f));
      f.queue(rel, change.type === FileChangeType.Deleted ? 'deleted' : change.type === FileChangeType.Created ? 'created' : 'changed');
      touched.add(f);
    }
    for (const f of touched) drain(f);
  });

  /**
   * Works through a folder's file events as one batch (folder.ts `step`): a slice of about
   * SLICE_MS at a time, then back to the event loop so that requests and edits are served
   * meanwhile; each document's findings are published once, when the batch has checked it.
   * Events that come meanwhile join the batch. Waits for the first index (events that came
   * while it was read are applied after it).
   */
  function drain(f: Folder): void {
    if (draining.has(f)) return;
    draining.add(f);
    void ctx.ready
      .then(async () => {
        const started = performance.now();
        let announced = false;
        while (f.busy && folders.all().includes(f)) {
          const until = performance.now() + SLICE_MS;
          let change: IndexChange;
          try {
            change = f.step(() => performance.now() >= until);
          } catch (e) {
            connection.console.error(`Charter: applying file changes failed: ${(e as Error).stack ?? e}`);
            break;
          }
          publisher.publishChange(f, change);
          if (!f.busy) break;
          if (!announced && (f.eventsQueued >= ANNOUNCE_FROM || performance.now() - started > 200)) {
            announced = true;
            publisher.sendStatus('indexing');
          }
          await new Promise((r) => setImmediate(r));
        }
        const n = f.eventsQueued;
        f.eventsQueued = 0;
        draining.delete(f);
        if (announced || n >= ANNOUNCE_FROM) connection.console.info(`Charter: ${n} file change${n === 1 ? '' : 's'} applied in ${Math.round(performance.now() - started)} ms`);
        if (announced) publisher.sendStatus('ready');
      })
      .catch((e) => connection.console.error(`Charter: ${(e as Error).stack ?? e}`));
  }
}
