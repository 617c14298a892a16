/**
 * What the server keeps of a closed document: everything cross-document rules, the
 * ownership model and workspace symbols read (kind, title, sections, decisions, owners,
 * references, the roster), without its text or markdown model. Ten thousand documents fit
 * in tens of megabytes this way; a closed document is re-read from disk when it must be
 * checked again. The same shape is what the server persists between sessions.
 */
import type { AnalyzedDocument } from './document';
import type { Config } from './config';
import type { MarkdownModel } from './types';
import { LineIndex } from './text';

const NO_TEXT = new LineIndex('');

/**
 * The document without its text and model. Its strings are copied: V8 keeps a whole file's
 * text alive for as long as any slice of it lives, and a title or an owner sliced from the
 * text would otherwise hold the entire document in memory.
 */
export function compact(doc: AnalyzedDocument, copyStrings = true): AnalyzedDocument {
  const model: MarkdownModel = { headings: [], fields: [], tables: [], links: [], blocks: [], comments: [], lineCount: doc.model.lineCount };
  // A short-lived process (the checker) can let the texts go with the process instead.
  if (!copyStrings) return { ...doc, lines: NO_TEXT, model };
  const { kind, lines: _lines, model: _model, sections, missingSections, ...rest } = doc;
  void _lines;
  void _model;
  const own = JSON.parse(JSON.stringify({ rest, sections: sections.map((s) => ({ ...s, spec: undefined })) })) as {
    rest: typeof rest;
    sections: AnalyzedDocument['sections'];
  };
  return { ...own.rest, kind, lines: NO_TEXT, model, missingSections, sections: own.sections.map((s, i) => ({ ...s, spec: sections[i].spec })) };
}

/** Whether a document is held compact (its text is on disk only). */
export function isCompact(doc: AnalyzedDocument): boolean {
  return doc.lines === NO_TEXT;
}

/** A compact document as plain JSON: kinds and section specs by name. */
export interface StoredDocument {
  d: Omit<AnalyzedDocument, 'kind' | 'lines' | 'model' | 'sections' | 'missingSections'> & {
    kind: string;
    lineCount: number;
    sections: (Omit<AnalyzedDocument['sections'][number], 'spec'> & { spec: string })[];
    missingSections: string[];
  };
}

export function store(doc: AnalyzedDocument): StoredDocument {
  const { kind, lines: _lines, model, sections, missingSections, ...rest } = doc;
  void _lines;
  return {
    d: {
      ...rest,
      kind: kind.name,
      lineCount: model.lineCount,
      sections: sections.map((s) => ({ ...s, spec: s.spec.name })),
      missingSections: missingSections.map((s) => s.name),
    },
  };
}

/** Rebuilds a compact document under a config; undefined when the config no longer fits it. */
export function restore(stored: StoredDocument, config: Config): AnalyzedDocument | undefined {
  const { kind: kindName, lineCount, sections, missingSections, ...rest } = stored.d;
  const kind = config.kinds.find((k) => k.name === kindName);
  if (!kind) return undefined;
  const spec = (name: string) => kind.sections.find((s) => s.name === name);
  if (sections.some((s) => !spec(s.spec)) || missingSections.some((n) => !spec(n))) return undefined;
  return {
    ...rest,
    kind,
    lines: NO_TEXT,
    model: { headings: [], fields: [], tables: [], links: [], blocks: [], comments: [], lineCount },
    sections: sections.map((s) => ({ ...s, spec: spec(s.spec)! })),
    missingSections: missingSections.map((n) => spec(n)!),
  };
}
