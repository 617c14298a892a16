/**
 * What the parts of one language server share: the connection, the host, the open texts,
 * the folders, the publisher and the open documents' scheduler, and the promise of the first
 * index. createServer makes one per server (no module state), so a process can run several.
 */
import type { Connection, TextDocuments } from 'vscode-languageserver/node';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ServerHost } from '../node/host';
import type { WorkspaceFolders } from './workspaceFolders';
import type { Publisher } from './publisher';
import type { Folder } from './folder';
import type { AnalyzedDocument } from '../core/document';

/** The parts made first; the open documents' scheduler is made from them. */
export interface ServerParts {
  readonly connection: Connection;
  readonly host: ServerHost;
  /** The texts the editor has open. */
  readonly documents: TextDocuments<TextDocument>;
  readonly folders: WorkspaceFolders;
  readonly publisher: Publisher;
  /** Settles when the folders known so far are indexed; requests and edits wait for it. */
  ready: Promise<void>;
  /** A client command that opens a document with a range selected (after a fix that inserts a section). */
  selectCommand: string | undefined;
}

/** What requests ask of the open documents (openDocuments.ts). */
export interface OpenDocumentsView {
  /** Brings a document's analysis up to date and says where it is. */
  current(uri: string): { folder: Folder; rel: string } | undefined;
  /** Answers about a recognised document, up to date; `none` when it is not one. */
  withDocument<T>(uri: string, none: T, answer: (f: Folder, doc: AnalyzedDocument) => T): Promise<T>;
}

export interface ServerContext extends ServerParts {
  readonly open: OpenDocumentsView;
}
