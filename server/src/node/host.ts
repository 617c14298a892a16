/**
 * What the language server needs of the world, behind one interface: listing and reading
 * files, reading the configuration, and persisting the index between sessions. The server
 * (createServer.ts) and its folders (folder.ts) touch no file system themselves; `nodeHost`
 * (nodeHost.ts) is the real one.
 */
import type { Classifier } from '../core/classify';
import type { Config } from '../core/config';
import type { Finding } from '../core/types';
import type { LoadedConfig, Note } from './fsWorkspace';
import type { FileOutcome } from '../core/reading';
import type { StoredDocument } from '../core/compact';
import type { LoadedBaseline } from './baselineFile';

/** A file's modification time and size, as last read. */
export interface Stamp {
  m: number;
  s: number;
}

/** One file as the persisted index keeps it: its stamp, and what was read from it. */
export interface StoredFile extends Stamp {
  doc?: StoredDocument;
  /** Its own findings (document rules). */
  diags?: Finding[];
  /** All its findings as last published: good as long as no file of the folder changed. */
  found?: Finding[];
}

/** A folder's persisted index. */
export interface StoredFolder {
  /** Every file of the folder when it was persisted (links depend on them). */
  listing: string[];
  /** Markdown files by root-relative path. */
  files: Map<string, StoredFile>;
}

/** A folder's index as it is persisted: the entries are made one at a time as they are written, so persisting ten thousand documents never holds a copy of them all. */
export interface FolderToStore {
  listing: string[];
  files: Iterable<[string, StoredFile]>;
}

/** Where a folder's index is kept between sessions (the extension's storage folder). */
export interface IndexStore {
  /** What was persisted for this root under this configuration (`configKey`), if anything. */
  read(root: string, configKey: string): StoredFolder | undefined;
  /** Persists a folder; failures are ignored (the next start is cold, that is all). */
  write(root: string, configKey: string, folder: FolderToStore): void;
}

export interface ServerHost {
  /** Every file under a root (root-relative, sorted), and notes on what was skipped. */
  walk(root: string): { files: string[]; notes: Note[] };
  /** Reads and decodes one file: its text, or a note saying why there is none. */
  readText(root: string, rel: string, classifier: Classifier): { text?: string; note?: string; lossy?: boolean; stamp?: Stamp };
  /** Reads and analyzes many markdown files (on every core when there are many). */
  readMany(root: string, config: Config, files: string[], onProgress: (done: number) => void): Promise<FileOutcome[]>;
  /** Reads `.charter.yaml` of a root (or takes the editor's text of it). */
  loadConfig(root: string, text?: string): LoadedConfig;
  /** Reads a baseline file named relative to a root, never from outside the root. */
  readBaseline(root: string, rel: string): LoadedBaseline;
  /** The stamp of a file, or undefined when it is not there. */
  stat(abs: string): Stamp | undefined;
  exists(abs: string): boolean;
  isDirectory(abs: string): boolean;
  /** The persisted index in a storage folder. */
  store(storagePath: string): IndexStore;
}
