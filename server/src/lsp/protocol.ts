/**
 * Charter's own LSP messages, declared once and used by both the server and the client:
 * each a `RequestType` or `NotificationType` that carries its parameters' and result's types,
 * so `connection.onRequest(X.type, …)` and `client.sendRequest(X.type, …)` are checked
 * against the same declaration. Both sides get these classes from the one
 * vscode-languageserver-protocol that vscode-languageserver and vscode-languageclient share.
 */
import { NotificationType, RequestType, RequestType0 } from 'vscode-languageserver-protocol';
import type { Range } from '../core/types';
import type { Area } from '../core/areas';

/**
 * The node flags the server is started with, by the extension and by the bench (and by any
 * editor that follows docs/editors.md). They cannot be set from inside the process (set with
 * `v8.setFlagsFromString`, `--single-threaded-gc` hung the server). Measured on 5,000
 * generated documents and 1,000 edits of a 168 KB document (bench/README.md):
 * - `--single-threaded-gc`: without it V8's GC helper threads keep native memory that a long
 *   session never gives back (RSS 143 → 275 MB over 1,400 edits, heap steady at 80 MB).
 * - `--heap-growing-percent=50`: each edit of a large document leaves its previous model in the
 *   old generation, and V8 let that grow to 3–4× the live heap before collecting it (RSS up to
 *   350–450 MB, 72 MB live). Growing by half bounds it (peak 269 MB, the indexing peak) at the
 *   same edit latency (p95 7.9 against 7.6 ms) and CPU.
 */
export const SERVER_NODE_ARGS: readonly string[] = ['--single-threaded-gc', '--heap-growing-percent=50'];

/** A place in the workspace, as a URI and a range. */
export interface OwnershipLocation {
  uri: string;
  range: Range;
}

/**
 * A document with something owned (or unowned) in it. The model names each document once,
 * here; everything in it is one of its `items`, and the rest of the model refers to an item
 * by its place (`OwnershipRef`). Documents come in the order of their paths.
 */
export interface OwnershipDocument {
  uri: string;
  /** The document's kind: prd, sdd, decision-log, adr, or a configured one. */
  kind: string;
  /** Its team: an index into the folder's `teams` (the nearest charter above it). */
  team: number;
  /** The document itself (when it has an owner), then its areas, then its decisions, each in the order of the text. */
  items: OwnershipEntry[];
}

/** Something in a document that someone owns, or a decision nobody owns. */
export interface OwnershipEntry {
  what: 'document' | 'area' | 'decision';
  title: string;
  range: Range;
  area?: Area;
  /** For decisions: the whole entry, where its findings and fixes are. */
  extent?: Range;
  /** Its owners, as indexes into the folder's `people`; none for an unowned decision. */
  owners: number[];
  /** Owned together with someone else (a single-owner problem). */
  joint?: boolean;
  /** For an unowned decision: the owner value as written ("TBD"), when there was one. */
  written?: string;
}

/** Where an item is: an index into the folder's `documents`, and one into that document's `items`. */
export interface OwnershipRef {
  document: number;
  item: number;
}

/** A person; what they own is found through the items whose `owners` name them. */
export interface OwnershipPerson {
  name: string;
  role?: string;
  handle?: string;
  inCharter: boolean;
  /** Not in the charter, but every finding saying so is silenced (charter-disable): not shown as a problem. */
  silenced?: boolean;
  /** The areas their role owns by their team's charter (the PM: Why and What, unless it says otherwise). */
  owns?: Area[];
  /** Their entry in the charter. */
  location?: OwnershipLocation;
  /** The responsibilities their role (or their name) is accountable for. */
  responsibilities: OwnershipResponsibility[];
}

/** A responsibility of a charter, with its line there and the people who hold it. */
export interface OwnershipResponsibility extends OwnershipLocation {
  name: string;
  /** The accountable role as written. */
  role: string;
  pm?: string;
  em?: string;
  stakeholders?: string;
  holders: string[];
}

/** How balanced a team's ownership is. */
export interface OwnershipSummary {
  owned: number;
  unowned: number;
  perPerson: { name: string; decisions: number }[];
  top?: { name: string; decisions: number; share: number };
  /** Decisions made outside their owner's areas (a How decided by the PM). */
  outsideAreas: (OwnershipRef & { owner: string; role: string; owningRole: string })[];
  withoutContext: number;
  withoutAlternatives: number;
  /** The summary as the CLI prints it, a line per figure. */
  lines: string[];
}

/** One team: its charter, people, responsibilities and balance (its documents name it as their `team`). */
export interface OwnershipTeam {
  name: string;
  /** The charter's URI (none for the documents no charter governs). */
  charter?: string;
  /** Indexes into the folder's `people`. */
  people: number[];
  responsibilities: OwnershipResponsibility[];
  summary: OwnershipSummary;
}

/** The whole ownership model of one workspace folder. */
export interface OwnershipFolder {
  /** The folder's URI. */
  uri: string;
  name: string;
  /** The charter's URI, when there is one. */
  charter?: string;
  /** Everyone of every team (a person in two teams appears once per team). */
  people: OwnershipPerson[];
  documents: OwnershipDocument[];
  /** One per charter (a monorepo keeps one per team); the nearest charter above a document governs it. */
  teams: OwnershipTeam[];
  /** The decision records by status, and the lifecycle findings that need attention (core/records/byStatus.ts). */
  decisions?: OwnershipDecisions;
}

/** A decision record in the sidebar's "Decisions by status". */
export interface OwnershipRecord extends OwnershipLocation {
  title: string;
  number?: number;
  /** The status as written, when it is none Charter knows. */
  written?: string;
  date?: string;
  owner?: string;
}

/** The decisions of a folder by status, and what needs attention, by rule. */
export interface OwnershipDecisions {
  /** `proposed`, `accepted`, `rejected`, `deprecated`, `superseded`, or `unknown`. */
  statuses: { status: string; records: OwnershipRecord[] }[];
  attention: { rule: string; label: string; items: (OwnershipLocation & { message: string })[] }[];
}

/** The result of `charter/ownership`. */
export interface OwnershipResult {
  folders: OwnershipFolder[];
  /** All unowned decisions of all folders, for the sidebar's top group and badge. */
  unownedCount: number;
}

/** `charter/ownership`: the client asks who owns what. */
export namespace OwnershipRequest {
  export const method = 'charter/ownership';
  /** No parameters; the optional folder URI limits the answer to one folder. */
  export type Params = { folder?: string } | null | undefined;
  export type Result = OwnershipResult;
  export const type = new RequestType<Params, Result, void>(method);
}

/** `charter/ownershipChanged`: the server says the model changed; the client asks again. */
export namespace OwnershipChangedNotification {
  export const method = 'charter/ownershipChanged';
  export type Params = { unownedCount: number };
  export const type = new NotificationType<Params>(method);
}

/** `charter/status`: index progress and totals, for a status bar item. */
export namespace StatusNotification {
  export const method = 'charter/status';
  export type Params = { state: 'indexing' | 'ready'; documents: number; problems: number };
  export const type = new NotificationType<Params>(method);
}

/** `charter/newDocument`: the path and text of a new document, where the config recognises it. */
export namespace NewDocumentRequest {
  export const method = 'charter/newDocument';
  export interface Params {
    /** prd, sdd, decision-log, adr, charter, or a configured kind. */
    kind: string;
    title: string;
    owner?: string;
    /** For an SDD: the URI of the PRD it implements. */
    prd?: string;
    /** The workspace folder's URI (default: the first). */
    folder?: string;
  }
  export interface Result {
    /** A URI where no file exists yet. */
    uri: string;
    content: string;
  }
  export const type = new RequestType<Params, Result, void>(method);
}

/** `charter/decisionEntry`: where and what to insert to add a decision to a decision log. */
export namespace DecisionEntryRequest {
  export const method = 'charter/decisionEntry';
  export interface Params {
    uri: string;
    title: string;
    owner?: string;
  }
  export interface Result {
    position: { line: number; character: number };
    text: string;
  }
  export const type = new RequestType<Params, Result, void>(method);
}

/** `charter/ownersReport`: the `charter owners --format markdown` report. */
export namespace OwnersReportRequest {
  export const method = 'charter/ownersReport';
  export type Params = { folder?: string } | null | undefined;
  export interface Result {
    markdown: string;
  }
  export const type = new RequestType<Params, Result, void>(method);
}

/**
 * `charter/ownersHtml`: the `charter owners --format html` page for a webview: links are
 * `command:charter.openItem` URIs, the style carries the nonce and the page the CSP given.
 */
export namespace OwnersHtmlRequest {
  export const method = 'charter/ownersHtml';
  export interface Params {
    folder?: string;
    /** The Content-Security-Policy for the page's meta tag. */
    csp: string;
    nonce: string;
  }
  export interface Result {
    html: string;
  }
  export const type = new RequestType<Params, Result, void>(method);
}

/**
 * `charter/init`: the `.charter.yaml` a workspace folder's documents and templates imply, as
 * `charter init` prints it (read with the built-in defaults, whatever the folder's
 * configuration). The server writes nothing: the client previews it and writes it when the
 * user confirms.
 */
export namespace InitRequest {
  export const method = 'charter/init';
  export interface Params {
    /** The workspace folder's URI (default: the first). */
    folder?: string;
  }
  export interface Result {
    /** The folder's URI and name. */
    folder: string;
    name: string;
    /** Where its `.charter.yaml` is, or would be. */
    uri: string;
    /** Whether a `.charter.yaml` is there now. */
    exists: boolean;
    /** The proposed file's text, comments and all. */
    yaml: string;
    /** One line per setting proposed (and per one left out). */
    summary: string[];
  }
  export const type = new RequestType<Params, Result, void>(method);
}

/** `charter/documents`: the recognised documents of a kind (for pick lists). */
export namespace DocumentsRequest {
  export const method = 'charter/documents';
  export interface Params {
    kind?: string;
  }
  export type Result = { uri: string; title: string; kind: string }[];
  export const type = new RequestType<Params, Result, void>(method);
}

/** `charter/stats`: what the server holds and its memory (after a GC when node runs with --expose-gc). */
export namespace StatsRequest {
  export const method = 'charter/stats';
  export interface Result {
    folders: number;
    documents: number;
    openDocuments: number;
    /** Files read from disk since the server started. */
    filesRead: number;
    heapUsed: number;
    /** The engine's heap as reserved, external memory (strings and buffers outside it), array buffers. */
    heapTotal?: number;
    external?: number;
    arrayBuffers?: number;
    rss: number;
    pid: number;
    /** The node flags the server process was started with (`SERVER_NODE_ARGS` when an editor follows them). */
    execArgv?: string[];
  }
  export const type = new RequestType0<Result, void>(method);
}
