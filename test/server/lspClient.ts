/**
 * A real LSP client for the tests and the benchmark: spawns the bundled server
 * (`dist/server.js --stdio`) and talks to it over a JSON-RPC protocol connection. Waits
 * poll, never sleep blindly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  DidOpenTextDocumentNotification,
  DidChangeTextDocumentNotification,
  DidCloseTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  ShutdownRequest,
  ExitNotification,
  RegistrationRequest,
  WorkDoneProgressCreateRequest,
  WorkDoneProgress,
  ConfigurationRequest,
  type ProtocolConnection,
  type Diagnostic,
  type PublishDiagnosticsParams,
  type FileEvent,
  type TextDocumentContentChangeEvent,
  type RequestType,
  type RequestType0,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import { SERVER_NODE_ARGS } from '../../server/src/lsp/protocol';
import { SERVER } from '../cli/helpers';

export { SERVER };

/** A server on `root`, initialized as an editor would and done indexing. */
export async function indexedServer(root: string): Promise<TestClient> {
  const client = new TestClient(root);
  await client.initialize();
  await client.ready();
  return client;
}

/** Stops a test's server and removes its workspace. */
export async function stopAndRemove(client: LspClient | undefined, root: string | undefined): Promise<void> {
  await client?.stop();
  if (root) fs.rmSync(root, { recursive: true, force: true });
}

/** A diagnostic's message as text: LSP 3.18 lets it be markup. */
export const messageOf = (d: Diagnostic): string => (typeof d.message === 'string' ? d.message : d.message.value);

/**
 * The one LSP client of the tests and the benchmark (bench/lsp.ts extends it): spawns a
 * server, initializes it as an editor would, answers its requests, and sends document
 * notifications with their versions. It keeps no message log (the benchmark sends
 * thousands of edits): subclasses add what they record by overriding the hooks.
 */
export class LspClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  /** The first log lines the server wrote (window/logMessage), at most `maxLogs`. */
  readonly logs: string[] = [];
  stderr = '';
  /** What `workspace/configuration` answers for every item. */
  settings: unknown = {};
  protected versions = new Map<string, number>();

  constructor(
    readonly root: string,
    nodeArgs: string[] = [],
    server = SERVER,
    private readonly maxLogs = Infinity,
    env?: NodeJS.ProcessEnv,
  ) {
    this.process = spawn(process.execPath, [...nodeArgs, server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], ...(env ? { env: { ...process.env, ...env } } : {}) });
    this.process.stderr!.on('data', (d) => (this.stderr = (this.stderr + String(d)).slice(-1_000_000)));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p: PublishDiagnosticsParams) => this.onDiagnostics(p));
    (this.connection as unknown as { onNotification(h: (method: string, params: unknown) => void): void }).onNotification((method, params) => {
      if (method === 'window/logMessage' && this.logs.length < this.maxLogs) this.logs.push((params as { message: string }).message);
      this.onNotification(method, params);
    });
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, (p) => {
      this.onProgressCreated(p.token);
      return undefined;
    });
    this.connection.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => this.settings));
    this.connection.listen();
  }

  /** Called for each textDocument/publishDiagnostics. */
  protected onDiagnostics(_p: PublishDiagnosticsParams): void {}
  /** Called for every other notification (not publishDiagnostics). */
  protected onNotification(_method: string, _params: unknown): void {}
  /** Called when the server creates a work-done progress token. */
  protected onProgressCreated(_token: string | number): void {}

  get pid(): number | undefined {
    return this.process.pid;
  }

  uri(rel: string): string {
    return URI.file(path.join(this.root, rel)).toString();
  }

  async initialize(folders: string[] = [this.root], initializationOptions?: unknown): Promise<void> {
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      initializationOptions,
      rootUri: URI.file(folders[0]).toString(),
      workspaceFolders: folders.map((f) => ({ uri: URI.file(f).toString(), name: path.basename(f) })),
      capabilities: {
        window: { workDoneProgress: true },
        workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, configuration: true, workspaceFolders: true },
        textDocument: { publishDiagnostics: { versionSupport: true } },
      },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  /** Sends one of Charter's requests (server/src/lsp/protocol.ts), typed by its declaration. */
  request<R>(type: RequestType0<R, void>): Promise<R>;
  request<P, R>(type: RequestType<P, R, void>, params: P): Promise<R>;
  request(type: RequestType0<unknown, void> | RequestType<unknown, unknown, void>, params?: unknown): Promise<unknown> {
    return params === undefined
      ? this.connection.sendRequest(type as RequestType0<unknown, void>)
      : this.connection.sendRequest(type as RequestType<unknown, unknown, void>, params);
  }

  /** Waits until a log line says indexing finished. */
  async ready(timeoutMs = 30000): Promise<void> {
    await this.waitFor(() => this.logs.some((l) => l.includes('Charter: indexed')), timeoutMs, 'the index to be ready');
  }

  async open(rel: string, text: string): Promise<void> {
    this.versions.set(rel, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: this.uri(rel), languageId: 'markdown', version: 1, text } });
  }

  /** Sends one didChange with the document's next version; returns that version. */
  async change(rel: string, changes: TextDocumentContentChangeEvent[]): Promise<number> {
    const version = (this.versions.get(rel) ?? 1) + 1;
    this.versions.set(rel, version);
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri: this.uri(rel), version }, contentChanges: changes });
    return version;
  }

  async close(rel: string): Promise<void> {
    await this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri: this.uri(rel) } });
  }

  async watched(changes: FileEvent[]): Promise<void> {
    await this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  /** Polls until the predicate holds; throws on timeout or when the server exits. */
  async waitFor(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const start = Date.now();
    while (!predicate()) {
      if (this.process.exitCode !== null) throw new Error(`the server exited (${this.process.exitCode}) while waiting for ${what}\n${this.stderr}`);
      if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 5));
    }
  }

  /** Shutdown and exit, then waits for the process to end (killed if it does not). */
  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 3000))]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // already gone
    }
    const exited = new Promise((r) => (this.process.exitCode !== null || this.process.signalCode !== null ? r(undefined) : this.process.once('exit', r)));
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (this.process.exitCode === null && this.process.signalCode === null) this.process.kill('SIGKILL');
    this.connection.dispose();
  }
}

/** The tests' client: also keeps every notification, the progress reports and the last diagnostics of each URI. */
export class TestClient extends LspClient {
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly progress: unknown[] = [];

  /** `nodeArgs` come after the flags every editor starts the server with (`SERVER_NODE_ARGS`). */
  constructor(root: string, nodeArgs: string[] = [], env?: NodeJS.ProcessEnv) {
    super(root, [...SERVER_NODE_ARGS, ...nodeArgs], SERVER, Infinity, env);
  }

  protected override onDiagnostics(p: PublishDiagnosticsParams): void {
    this.diagnostics.set(p.uri, p);
  }

  protected override onNotification(method: string, params: unknown): void {
    this.notifications.push({ method, params });
  }

  protected override onProgressCreated(token: string | number): void {
    this.connection.onProgress(WorkDoneProgress.type, token, (value) => {
      this.progress.push(value);
    });
  }

  diagnosticsOf(rel: string): Diagnostic[] {
    return this.diagnostics.get(this.uri(rel))?.diagnostics ?? [];
  }

  /** Polls until the predicate holds for a file's diagnostics. */
  async waitForDiagnostics(rel: string, predicate: (d: Diagnostic[]) => boolean, timeoutMs = 10000): Promise<Diagnostic[]> {
    await this.waitFor(
      () => predicate(this.diagnosticsOf(rel)),
      timeoutMs,
      `diagnostics of ${rel}: have ${JSON.stringify(this.diagnosticsOf(rel).map((d) => `${d.range.start.line + 1}:${d.code}`))}`,
    );
    return this.diagnosticsOf(rel);
  }
}
