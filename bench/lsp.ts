/**
 * The benchmark's LSP client: the tests' {@link LspClient} (test/server/lspClient.ts), which
 * keeps no message log — 2,000 edits would pile them up — plus what the benchmark measures:
 * /proc figures of the server, when it said it was ready, and the time until the diagnostics
 * of one exact version arrive.
 */
import * as fs from 'node:fs';
import { DidChangeTextDocumentNotification, type PublishDiagnosticsParams, type TextDocumentContentChangeEvent } from 'vscode-languageserver-protocol/node';
import { LspClient, SERVER } from '../test/server/lspClient';
import { OwnershipRequest, StatsRequest, StatusNotification } from '../server/src/lsp/protocol';

export { SERVER };

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

export class BenchClient extends LspClient {
  statusReadyAt: number | undefined;
  indexedLogAt: number | undefined;
  publishes = 0;
  /** When the last publishDiagnostics arrived (performance.now()). */
  lastPublishAt = 0;
  /** Log lines (window/logMessage) with when they arrived, past the first `maxLogs` too, when `keepLog` says so. */
  readonly logTimes: { at: number; message: string }[] = [];
  keepLog: (message: string) => boolean = () => false;
  private waiters = new Map<string, Waiter[]>();

  constructor(root: string, nodeArgs: string[] = [], server = SERVER) {
    super(root, nodeArgs, server, 200);
  }

  protected override onDiagnostics(p: PublishDiagnosticsParams): void {
    this.publishes++;
    this.lastPublishAt = performance.now();
    const ws = this.waiters.get(p.uri);
    if (!ws) return;
    for (const w of [...ws]) {
      if (p.version === w.version) {
        ws.splice(ws.indexOf(w), 1);
        w.resolve(p);
      }
    }
  }

  protected override onNotification(method: string, params: unknown): void {
    if (method === 'window/logMessage') {
      const message = (params as { message: string }).message;
      if (this.keepLog(message)) this.logTimes.push({ at: performance.now(), message });
      if ((params as { message: string }).message.includes('Charter: indexed') && this.indexedLogAt === undefined) this.indexedLogAt = performance.now();
    } else if (method === StatusNotification.method && (params as StatusNotification.Params).state === 'ready' && this.statusReadyAt === undefined) {
      this.statusReadyAt = performance.now();
    }
  }

  /** The whole ownership model (`charter/ownership`). */
  ownership(): Promise<OwnershipRequest.Result> {
    return this.request(OwnershipRequest.type, null);
  }

  /** What the server holds and its memory (`charter/stats`). */
  stats(): Promise<StatsRequest.Result> {
    return this.request(StatsRequest.type);
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
}
