/**
 * The one read path: a file's text becomes a document and its own findings, a template, or
 * a note saying why it was skipped. The index uses it for every text it is handed, the
 * reading threads for every file they read (node/parallel.ts), so a file reads the same
 * whichever way it comes in.
 */
import type { Classifier } from './classify';
import type { AnalyzedDocument } from './document';
import type { Finding } from './types';
import { readDocument } from './workspace';
import { checkLocal } from './analyze';
import { readTemplate, type TemplateInfo } from './contract/template';
import { isTemplatePath } from './templatePath';
import { scanMarkdown } from './scan';
import { LineIndex } from './text';

/** The note on a file whose bytes were not all valid UTF-8. */
export const LOSSY_NOTE = 'invalid UTF-8 bytes were read as \uFFFD';

/**
 * What reading one file gave. `D` is the document's shape: whole or compact in the index,
 * stored (plain data) across a thread.
 */
export interface Reading<D = AnalyzedDocument> {
  /** The document, when the file is one. */
  doc?: D;
  /** Its own findings: the document rules, a function of the document and the config only. */
  local?: Finding[];
  /** The file is a template: what it asks of its folder's documents. */
  template?: TemplateInfo;
  /** Why the file was skipped, or what to know about how it was read. */
  note?: string;
}

/**
 * Reads a file's text. `previous`, the whole document read from an earlier text of the same
 * file (an editor's text before an edit), lets the scanner read only what changed.
 */
export function readFile(path: string, text: string, classifier: Classifier, lossy = false, previous?: AnalyzedDocument): Reading {
  let doc: AnalyzedDocument | undefined;
  let local: Finding[] | undefined;
  try {
    doc = readDocument(path, text, classifier, undefined, previous);
    local = doc && checkLocal(doc, classifier);
  } catch (e) {
    return { note: `skipped: internal error while analyzing (${(e as Error).message}); please report it` };
  }
  if (!doc) {
    if (!isTemplatePath(path)) return {};
    try {
      return { template: readTemplate(path, scanMarkdown(text, new LineIndex(text)), text) };
    } catch (e) {
      return { note: `skipped: internal error while reading the template (${(e as Error).message}); please report it` };
    }
  }
  return { doc, local, note: lossy ? LOSSY_NOTE : undefined };
}

/**
 * What reading one file of a folder gave, as the index takes it: the reading, the path, when
 * it was read, and — from a persisted index of a folder where nothing changed since — the
 * findings already known, given out without checking again. `D` as in `Reading`.
 */
export interface FileOutcome<D = AnalyzedDocument> extends Reading<D> {
  path: string;
  /** Modification time and size when read. */
  stamp?: { m: number; s: number };
  /** All its findings, when the host knows them already (a persisted index of an unchanged folder). */
  found?: Finding[];
}
