/** The server's host on the real file system (see host.ts). */
import * as fs from 'node:fs';
import type { ServerHost } from './host';
import { loadConfig, walk } from './fsWorkspace';
import { containmentOf, readText } from './files';
import { readAll } from './parallel';
import { fileStore } from './store';
import { readBaselineInRoot } from './baselineFile';

export function nodeHost(): ServerHost {
  return {
    walk,
    // One file on its own (a change on disk): its folders are looked at afresh.
    readText: (root, rel, classifier) => {
      containmentOf(root).forget();
      return readText(root, rel, classifier);
    },
    // The server keeps what it reads for long: strings are copied off the files' texts.
    readMany: (root, config, files, onProgress) => readAll(root, config, files, onProgress, true),
    loadConfig: (root, text) => loadConfig(root, undefined, text),
    readBaseline: readBaselineInRoot,
    stat: (abs) => {
      try {
        const st = fs.statSync(abs);
        return { m: st.mtimeMs, s: st.size };
      } catch {
        return undefined;
      }
    },
    exists: (abs) => fs.existsSync(abs),
    isDirectory: (abs) => {
      try {
        return fs.statSync(abs).isDirectory();
      } catch {
        return false;
      }
    },
    store: fileStore,
  };
}
