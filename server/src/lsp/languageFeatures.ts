/**
 * The language features over LSP: quick fixes, completion, hover, symbols and definitions.
 * Each brings its document up to date first, asks the core (core/features/, each rule's
 * fixes) and turns the answer into the protocol's shape.
 */
import {
  CodeActionKind,
  CompletionItemKind,
  RenameFile,
  SymbolKind,
  TextDocumentEdit,
  type CodeAction,
  type CompletionItem,
  type DocumentSymbol,
  type SymbolInformation,
  type TextEdit,
  type WorkspaceEdit,
} from 'vscode-languageserver/node';
import type { Folder } from './folder';
import type { Fix } from '../core/types';
import type { ServerContext } from './context';
import { codeActionParams, positionParams, stringFields, textDocumentParams } from './params';
import { complete } from '../core/features/completion';
import { definition } from '../core/features/definition';
import { hover } from '../core/features/hover';
import { outline, workspaceSymbols, type OutlineSymbol } from '../core/features/symbols';
import { fixesFor } from '../core/analyze';
import { templateFixes } from '../core/contract/templateFixes';
import { localDate } from '../core/dates';

export function listenToLanguageFeatures(ctx: ServerContext): void {
  const { connection, documents, folders, host, open } = ctx;

  /** A fix as a workspace edit: its own edits, other documents' and a rename (then as document changes, in that order). */
  function workspaceEdit(f: Folder, uri: string, fix: Fix): WorkspaceEdit {
    if (!fix.rename) {
      const changes: Record<string, TextEdit[]> = { [uri]: fix.edits };
      for (const o of fix.others ?? []) changes[folders.uriOf(f, o.path)] = o.edits;
      return { changes };
    }
    const documentChanges: WorkspaceEdit['documentChanges'] = [];
    if (fix.edits.length) documentChanges.push(TextDocumentEdit.create({ uri, version: null }, fix.edits));
    for (const o of fix.others ?? []) documentChanges.push(TextDocumentEdit.create({ uri: folders.uriOf(f, o.path), version: null }, o.edits));
    documentChanges.push(RenameFile.create(uri, folders.uriOf(f, fix.rename.to), { overwrite: false, ignoreIfExists: false }));
    return { documentChanges };
  }

  connection.onCodeAction(async (params) => {
    codeActionParams(params);
    await ctx.ready;
    // A template carries Charter's policy said once: its fix adds the field or section to it.
    const loc = open.current(params.textDocument.uri);
    if (loc && loc.folder.index.templates.has(loc.rel)) {
      const text = documents.get(params.textDocument.uri)?.getText() ?? host.readText(loc.folder.root, loc.rel, loc.folder.index.classifier).text ?? '';
      const diags = loc.folder.index.findings(loc.rel);
      const actions: CodeAction[] = [];
      for (const asked of params.context.diagnostics) {
        const d = diags.find((x) => x.rule === asked.code && x.range.start.line === asked.range.start.line && asked.source === 'charter');
        if (!d) continue;
        for (const fix of templateFixes(text, d))
          actions.push({ title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [asked], edit: { changes: { [params.textDocument.uri]: fix.edits } } });
      }
      return actions;
    }
    return open.withDocument(params.textDocument.uri, [] as CodeAction[], (f, doc) => {
      const today = localDate();
      const diags = f.index.findings(doc.path);
      const actions: CodeAction[] = [];
      for (const asked of params.context.diagnostics) {
        if (asked.source !== 'charter') continue;
        const d = diags.find((x) => x.rule === asked.code && x.range.start.line === asked.range.start.line && x.range.start.character === asked.range.start.character);
        if (!d) continue;
        for (const fix of fixesFor(doc, d, f.index, today)) {
          if (fix.rename && !ctx.renames) continue;
          const action: CodeAction = {
            title: fix.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: [asked],
            isPreferred: fix.preferred,
            edit: workspaceEdit(f, params.textDocument.uri, fix),
          };
          if (fix.select && ctx.selectCommand) action.command = { title: 'Go to the new text', command: ctx.selectCommand, arguments: [params.textDocument.uri, fix.select] };
          actions.push(action);
        }
      }
      return actions;
    });
  });

  const COMPLETION_KIND = {
    person: CompletionItemKind.Reference,
    handle: CompletionItemKind.Reference,
    role: CompletionItemKind.Class,
    section: CompletionItemKind.Module,
    type: CompletionItemKind.Enum,
    path: CompletionItemKind.File,
    decision: CompletionItemKind.Reference,
  } as const;
  connection.onCompletion(async (params) => {
    positionParams(params);
    await ctx.ready;
    const loc = open.current(params.textDocument.uri);
    const text = documents.get(params.textDocument.uri)?.getText();
    if (!loc || text === undefined) return [];
    const doc = loc.folder.index.documents.get(loc.rel);
    return complete(doc, text.split(/\r\n|\r|\n/), params.position, loc.folder.index).map((s): CompletionItem => ({
      label: s.label,
      kind: COMPLETION_KIND[s.kind],
      detail: s.detail,
      sortText: s.sortText,
      textEdit: s.range ? { range: s.range, newText: s.insertText ?? s.label } : undefined,
    }));
  });

  connection.onHover((params) => {
    positionParams(params);
    return open.withDocument(params.textDocument.uri, null, (f, doc) => {
      const h = hover(doc, params.position, f.index);
      return h ? { contents: { kind: 'markdown' as const, value: h.contents }, range: h.range } : null;
    });
  });

  connection.onDocumentSymbol((params) => {
    textDocumentParams(params);
    return open.withDocument(params.textDocument.uri, [] as DocumentSymbol[], (_f, doc) => {
      const convert = (s: OutlineSymbol): DocumentSymbol => ({
        name: s.name,
        detail: s.detail,
        kind: s.kind === 'decision' ? SymbolKind.Event : SymbolKind.String,
        range: s.range,
        selectionRange: s.selectionRange,
        children: s.children.map(convert),
      });
      return outline(doc).map(convert);
    });
  });

  connection.onWorkspaceSymbol(async (params) => {
    stringFields(params, ['query']);
    await ctx.ready;
    const out: SymbolInformation[] = [];
    for (const f of folders.list) {
      for (const s of workspaceSymbols(f.index, params.query)) {
        out.push({
          name: s.name,
          kind: s.kind === 'document' ? SymbolKind.File : SymbolKind.Event,
          location: { uri: folders.uriOf(f, s.path), range: s.range },
          containerName: s.container,
        });
      }
    }
    return out;
  });

  connection.onDefinition((params) => {
    positionParams(params);
    return open.withDocument(params.textDocument.uri, null, (f, doc) => {
      const target = definition(doc, params.position, f.index);
      return target ? { uri: folders.uriOf(f, target.path), range: target.range } : null;
    });
  });
}
