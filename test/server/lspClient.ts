/**
 * A real LSP client for tests: spawns the bundled server (`dist/server.js --stdio`) and
 * talks to it over a JSON-RPC protocol connection. Waits poll, never sleep blindly.
 */
import { spawn, type ChildProcess } from 'node:child_process';
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
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';

export const SERVER = path.resolve(__dirname, '../../dist/server.js');

/** A running server and what it has said. */
export class TestClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  readonly diagnostics = new Map<string, PublishDiagnosticsParams>();
  readonly notifications: { method: string; params: unknown }[] = [];
  readonly progress: unknown[] = [];
  readonly logs: string[] = [];
  stderr = '';
  settings: unknown = {};
  private versions = new Map<string, number>();

  constructor(readonly root: string, nodeArgs: string[] = [], env?: NodeJS.ProcessEnv) {
    this.process = spawn(process.execPath, [...nodeArgs, SERVER, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'], ...(env ? { env: { ...process.env, ...env } } : {}) });
    this.process.stderr!.on('data', (d) => (this.stderr += String(d)));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p: PublishDiagnosticsParams) => {
      this.diagnostics.set(p.uri, p);
    });
    (this.connection as unknown as { onNotification(h: (method: string, params: unknown) => void): void }).onNotification((method, params) => {
      this.notifications.push({ method, params });
      if (method === 'window/logMessage') this.logs.push((params as { message: string }).message);
    });
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, (p) => {
      this.connection.onProgress(WorkDoneProgress.type, p.token, (value) => {
        this.progress.push(value);
      });
      return undefined;
    });
    this.connection.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => this.settings));
    this.connection.listen();
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

  /** Waits until a log line says indexing finished. */
  async ready(timeoutMs = 30000): Promise<void> {
    await this.waitFor(() => this.logs.some((l) => l.includes('Charter: indexed')), timeoutMs, 'the index to be ready');
  }

  async open(rel: string, text: string): Promise<void> {
    this.versions.set(rel, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: this.uri(rel), languageId: 'markdown', version: 1, text } });
  }

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

  diagnosticsOf(rel: string): Diagnostic[] {
    return this.diagnostics.get(this.uri(rel))?.diagnostics ?? [];
  }

  /** Polls until the predicate holds for a file's diagnostics. */
  async waitForDiagnostics(rel: string, predicate: (d: Diagnostic[]) => boolean, timeoutMs = 10000): Promise<Diagnostic[]> {
    await this.waitFor(() => predicate(this.diagnosticsOf(rel)), timeoutMs, `diagnostics of ${rel}: have ${JSON.stringify(this.diagnosticsOf(rel).map((d) => `${d.range.start.line + 1}:${d.code}`))}`);
    return this.diagnosticsOf(rel);
  }

  async waitFor(predicate: () => boolean, timeoutMs: number, what: string): Promise<void> {
    const start = Date.now();
    while (!predicate()) {
      if (this.process.exitCode !== null) throw new Error(`the server exited (${this.process.exitCode}) while waiting for ${what}\n${this.stderr}`);
      if (Date.now() - start > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // already gone
    }
    this.connection.dispose();
    setTimeout(() => this.process.kill('SIGKILL'), 500).unref();
  }
}
