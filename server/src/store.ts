/**
 * The persisted index: what the server read of each file in a folder, kept in the
 * extension's storage folder for the next session's warm start. Written to a temporary file
 * and renamed, so a crash never leaves half a file; a file from another version, root or
 * configuration is not used.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import type { IndexStore, StoredFile } from './host';

declare const CHARTER_VERSION: string | undefined;
const VERSION = typeof CHARTER_VERSION === 'string' ? CHARTER_VERSION : 'dev';

interface StoredIndex {
  version: string;
  root: string;
  config: string;
  files: Record<string, StoredFile>;
}

export function fileStore(storage: string): IndexStore {
  const fileOf = (root: string) => path.join(storage, `charter-index-${createHash('sha256').update(root).digest('hex').slice(0, 16)}.json`);
  return {
    read(root, configKey) {
      try {
        const data = JSON.parse(fs.readFileSync(fileOf(root), 'utf8')) as StoredIndex;
        if (data.version !== VERSION || data.root !== root || data.config !== configKey) return undefined;
        return new Map(Object.entries(data.files));
      } catch {
        return undefined;
      }
    },
    write(root, configKey, files) {
      const data: StoredIndex = { version: VERSION, root, config: configKey, files: Object.fromEntries(files) };
      try {
        fs.mkdirSync(storage, { recursive: true });
        const file = fileOf(root);
        const tmp = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, JSON.stringify(data));
        fs.renameSync(tmp, file);
      } catch {
        // A read-only or full disk: the next start is a cold one.
      }
    },
  };
}
