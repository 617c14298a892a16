/**
 * A lean LSP client for the benchmark: spawns `node dist/server.js --stdio`, speaks JSON-RPC to it,
 * and lets the caller wait for a document's diagnostics of one exact version. Same approach as
 * test/server/lspClient.ts, without keeping every message (2,000 edits would pile them up).
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
  ShutdownRequest,
  ExitNotification,
  RegistrationRequest,
  WorkDoneProgressCreateRequest,
  ConfigurationRequest,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
} from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';

export const SERVER = path.resolve(__dirname, '../dist/server.js');

export interface ProcStatus {
  /** Peak resident set size, bytes (VmHWM). */
  hwm: number;
  /** Resident set size now, bytes (VmRSS). */
  rss: number;
  /** CPU time used so far (user + system), ms. */
  cpuMs: number;
}

/** Memory and CPU of a running process from /proc (zeros where /proc is not there). */
export function procStatus(pid: number | undefined): ProcStatus {
  if (!pid) return { hwm: 0, rss: 0, cpuMs: 0 };
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? 0) * 1024;
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
    return { hwm: kb('VmHWM'), rss: kb('VmRSS'), cpuMs: (ticks * 1000) / 100 };
  } catch {
    return { hwm: 0, rss: 0, cpuMs: 0 };
  }
}

type Waiter = { version: number; resolve: (p: PublishDiagnosticsParams) => void };

export class BenchClient {
  readonly connection: ProtocolConnection;
  readonly process: ChildProcess;
  readonly logs: string[] = [];
  stderr = '';
  statusReadyAt: number | undefined;
  indexedLogAt: number | undefined;
  publishes = 0;
  private waiters = new Map<string, Waiter[]>();
  private versions = new Map<string, number>();

  constructor(readonly root: string, nodeArgs: string[] = [], server = SERVER) {
    this.process = spawn(process.execPath, [...nodeArgs, server, '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.process.stderr!.on('data', (d) => (this.stderr = (this.stderr + String(d)).slice(-20_000)));
    this.connection = createProtocolConnection(new StreamMessageReader(this.process.stdout!), new StreamMessageWriter(this.process.stdin!));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (p: PublishDiagnosticsParams) => {
      this.publishes++;
      const ws = this.waiters.get(p.uri);
      if (!ws) return;
      for (const w of [...ws]) {
        if (p.version === w.version) {
          ws.splice(ws.indexOf(w), 1);
          w.resolve(p);
        }
      }
    });
    (this.connection as unknown as { onNotification(h: (method: string, params: unknown) => void): void }).onNotification((method, params) => {
      if (method === 'window/logMessage') {
        const m = (params as { message: string }).message;
        if (this.logs.length < 200) this.logs.push(m);
        if (m.includes('Charter: indexed') && this.indexedLogAt === undefined) this.indexedLogAt = performance.now();
      } else if (method === 'charter/status' && (params as { state?: string }).state === 'ready' && this.statusReadyAt === undefined) {
        this.statusReadyAt = performance.now();
      }
    });
    this.connection.onRequest(RegistrationRequest.type, () => undefined);
    this.connection.onRequest(WorkDoneProgressCreateRequest.type, () => undefined);
    this.connection.onRequest(ConfigurationRequest.type, (p) => p.items.map(() => ({})));
    this.connection.listen();
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  uri(rel: string): string {
    return URI.file(path.join(this.root, rel)).toString();
  }

  async initialize(initializationOptions?: unknown): Promise<void> {
    await this.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      initializationOptions,
      rootUri: URI.file(this.root).toString(),
      workspaceFolders: [{ uri: URI.file(this.root).toString(), name: path.basename(this.root) }],
      capabilities: {
        window: { workDoneProgress: true },
        workspace: { didChangeWatchedFiles: { dynamicRegistration: true }, configuration: true, workspaceFolders: true },
        textDocument: { publishDiagnostics: { versionSupport: true } },
      },
    });
    await this.connection.sendNotification(InitializedNotification.type, {});
  }

  request<R>(method: string, params?: unknown): Promise<R> {
    return this.connection.sendRequest(method, params) as Promise<R>;
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

  async open(rel: string, text: string): Promise<void> {
    this.versions.set(rel, 1);
    await this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: this.uri(rel), languageId: 'markdown', version: 1, text } });
  }

  /**
   * Sends one change and resolves with the milliseconds until the diagnostics of that version
   * arrive, or undefined after `timeoutMs`.
   */
  async changeAndWait(rel: string, changes: TextDocumentContentChangeEvent[], timeoutMs: number): Promise<number | undefined> {
    const version = (this.versions.get(rel) ?? 1) + 1;
    this.versions.set(rel, version);
    const uri = this.uri(rel);
    let timer: NodeJS.Timeout | undefined;
    const list = this.waiters.get(uri) ?? [];
    this.waiters.set(uri, list);
    let waiter: Waiter | undefined;
    const published = new Promise<PublishDiagnosticsParams>((resolve) => {
      waiter = { version, resolve };
      list.push(waiter);
    });
    const t0 = performance.now();
    await this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges: changes });
    const result = await Promise.race([published.then(() => performance.now() - t0), new Promise<undefined>((r) => (timer = setTimeout(() => r(undefined), timeoutMs)))]);
    clearTimeout(timer);
    const i = list.indexOf(waiter!);
    if (i >= 0) list.splice(i, 1);
    return result;
  }

  async stop(): Promise<void> {
    try {
      await Promise.race([this.connection.sendRequest(ShutdownRequest.type), new Promise((r) => setTimeout(r, 3000))]);
      await this.connection.sendNotification(ExitNotification.type);
    } catch {
      // already gone
    }
    const exited = new Promise((r) => (this.process.exitCode !== null ? r(undefined) : this.process.once('exit', r)));
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (this.process.exitCode === null) this.process.kill('SIGKILL');
    this.connection.dispose();
  }
}
