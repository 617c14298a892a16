/**
 * Charter's own requests (lsp/protocol.ts): the ownership model, new documents and decision
 * entries, the owners reports, the documents of a kind, a proposed .charter.yaml, and the
 * server's own figures.
 */
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import type { ServerContext } from './context';
import { stringFields } from './params';
import { decisionsToProtocol, toProtocol } from './ownership';
import { buildDecisionLife } from '../core/records/byStatus';
import { localDate } from '../core/dates';
import { CONFIG_FILE, defaultConfig } from '../core/config';
import { proposeConfig } from '../core/init';
import { indexUnder } from '../core/init/indexUnder';
import { buildOwnership, type OwnershipModel } from '../core/ownership';
import { decisionEntryInsertion, documentSkeleton, newDocumentPath } from '../core/templates';
import { formatOwnersMarkdown } from '../report/owners';
import { formatOwnersHtml } from '../report/ownersHtml';
import {
  OwnershipRequest,
  NewDocumentRequest,
  DecisionEntryRequest,
  OwnersReportRequest,
  OwnersHtmlRequest,
  DocumentsRequest,
  InitRequest,
  StatsRequest,
  type OwnershipResult,
} from './protocol';

export function listenToCharterRequests(ctx: ServerContext): void {
  const { connection, documents, folders, host, open } = ctx;

  connection.onRequest(OwnershipRequest.type, async (params: OwnershipRequest.Params): Promise<OwnershipResult> => {
    stringFields(params, [], ['folder']);
    await ctx.ready;
    const result: OwnershipResult = { folders: [], unownedCount: 0 };
    for (const f of folders.list) {
      const uri = URI.file(f.root).toString();
      if (params?.folder && params.folder !== uri) continue;
      const model = buildOwnership(f.index);
      const folder = toProtocol((rel) => folders.uriOf(f, rel), { uri, name: f.name }, model);
      const life = buildDecisionLife(f.index, (p) => f.index.findings(p));
      if (life.statuses.length || life.attention.length) folder.decisions = decisionsToProtocol((rel) => folders.uriOf(f, rel), life);
      result.folders.push(folder);
      result.unownedCount += model.unowned.length;
    }
    return result;
  });

  connection.onRequest(NewDocumentRequest.type, async (p: NewDocumentRequest.Params): Promise<NewDocumentRequest.Result> => {
    stringFields(p, ['kind', 'title'], ['owner', 'prd', 'folder']);
    await ctx.ready;
    const f = folders.byUri(p.folder) ?? folders.list[0];
    if (!f) throw new Error('Open a folder first: new documents are written inside a workspace folder.');
    const rel = newDocumentPath(f.index, p.kind, p.title, (q) => host.exists(f.absolute(q)) || f.index.documents.has(q));
    const prdRel = p.prd ? f.relative(URI.parse(p.prd).fsPath) : undefined;
    const prdLink = prdRel ? path.posix.relative(path.posix.dirname(rel), prdRel) : undefined;
    const kind = f.config.kinds.find((k) => k.name === p.kind);
    return { uri: folders.uriOf(f, rel), content: documentSkeleton({ kind: p.kind, title: p.title, owner: p.owner, today: localDate() }, kind, prdLink) };
  });

  connection.onRequest(DecisionEntryRequest.type, async (p: DecisionEntryRequest.Params): Promise<DecisionEntryRequest.Result> => {
    stringFields(p, ['uri', 'title'], ['owner']);
    await ctx.ready;
    const loc = open.current(p.uri);
    const text = documents.get(p.uri)?.getText() ?? (loc ? (host.readText(loc.folder.root, loc.rel, loc.folder.index.classifier).text ?? '') : '');
    return decisionEntryInsertion(text, { title: p.title, owner: p.owner, today: localDate() });
  });

  connection.onRequest(OwnersReportRequest.type, async (p: OwnersReportRequest.Params): Promise<OwnersReportRequest.Result> => {
    stringFields(p, [], ['folder']);
    await ctx.ready;
    const list = p?.folder ? folders.list.filter((f) => URI.file(f.root).toString() === p.folder) : folders.list;
    const parts = list.map((f) => (list.length > 1 ? `<!-- ${f.name} -->\n` : '') + formatOwnersMarkdown(buildOwnership(f.index)));
    return { markdown: parts.join('\n') || '# Who owns what\n\nNo workspace folder is open.\n' };
  });

  connection.onRequest(OwnersHtmlRequest.type, async (p: OwnersHtmlRequest.Params): Promise<OwnersHtmlRequest.Result> => {
    stringFields(p, [], ['folder', 'csp', 'nonce']);
    await ctx.ready;
    const f = folders.byUri(p?.folder) ?? folders.list[0];
    const model: OwnershipModel = f ? buildOwnership(f.index) : { people: [], unowned: [], teams: [] };
    // In the webview a link opens the item through the extension's command (no script needed).
    const href = (rel: string, line: number) => {
      const range = { start: { line: line - 1, character: 0 }, end: { line: line - 1, character: 0 } };
      return `command:charter.openItem?${encodeURIComponent(JSON.stringify([f ? folders.uriOf(f, rel) : rel, range]))}`;
    };
    return {
      html: formatOwnersHtml(model, {
        decisions: f ? buildDecisionLife(f.index, (x) => f.index.findings(x)) : undefined,
        href,
        csp: p.csp,
        nonce: p.nonce,
        title: f && folders.list.length > 1 ? `Who owns what — ${f.name}` : 'Who owns what',
      }),
    };
  });

  connection.onRequest(DocumentsRequest.type, async (p: DocumentsRequest.Params): Promise<DocumentsRequest.Result> => {
    stringFields(p, [], ['kind']);
    await ctx.ready;
    const out: DocumentsRequest.Result = [];
    for (const f of folders.list)
      for (const d of f.index.documents.values()) if (!p?.kind || d.kind.name === p.kind) out.push({ uri: folders.uriOf(f, d.path), title: d.title, kind: d.kind.name });
    return out.sort((a, b) => (a.uri < b.uri ? -1 : 1));
  });

  connection.onRequest(InitRequest.type, async (p: InitRequest.Params): Promise<InitRequest.Result> => {
    stringFields(p, [], ['folder']);
    await ctx.ready;
    const f = folders.byUri(p?.folder) ?? folders.list[0];
    if (!f) throw new Error('Open a folder first: the configuration is proposed for a workspace folder.');
    // Read again with the built-in defaults (the editor's text for open files): what the
    // documents imply, not what the folder's configuration or settings say.
    const read = (rel: string) => ({ text: f.index.text(rel) });
    const base = indexUnder(defaultConfig(), f.index.fileList(), read);
    const proposal = proposeConfig(base, read, { rootName: path.basename(f.root) });
    const config = path.join(f.root, CONFIG_FILE);
    return { folder: URI.file(f.root).toString(), name: f.name, uri: URI.file(config).toString(), exists: host.exists(config), yaml: proposal.yaml, summary: proposal.summary };
  });

  connection.onRequest(StatsRequest.type, async (): Promise<StatsRequest.Result> => {
    await ctx.ready;
    (globalThis as { gc?: () => void }).gc?.();
    const mem = process.memoryUsage();
    return {
      folders: folders.list.length,
      documents: folders.all().reduce((n, f) => n + f.index.documents.size, 0),
      openDocuments: documents.all().length,
      filesRead: folders.all().reduce((n, f) => n + f.filesRead, 0),
      heapUsed: mem.heapUsed,
      heapTotal: mem.heapTotal,
      external: mem.external,
      arrayBuffers: mem.arrayBuffers,
      rss: mem.rss,
      pid: process.pid,
      execArgv: process.execArgv,
    };
  });
}
