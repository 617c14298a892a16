/**
 * The tests' oracle: a workspace built the plain way — every document read alone, put in a
 * map, every rule run over each document against that map — with none of the
 * WorkspaceIndex's machinery (no incremental update, no compact documents, no batches, no
 * threads). It shares the reading (core/workspace.ts readDocument) and the rules
 * (core/analyze.ts) with the product, and nothing else: the index's answers after any
 * sequence of changes must equal what this gives on the final texts.
 */
import type { Classifier } from '../../server/src/core/classify';
import type { Config } from '../../server/src/core/config';
import type { AnalyzedDocument } from '../../server/src/core/document';
import type { Finding } from '../../server/src/core/types';
import { findRoster, type IndexView } from '../../server/src/core/workspace';
import { checkLocal, checkWorkspace, mergeFindings } from '../../server/src/core/analyze';

/** An index of documents already read, and the set of all paths. */
export function buildIndex(config: Config, classifier: Classifier, documents: Iterable<AnalyzedDocument>, paths: Iterable<string>): IndexView {
  const index: IndexView = { config, classifier, documents: new Map(), paths: new Set(paths) };
  for (const d of documents) index.documents.set(d.path, d);
  index.roster = findRoster(index);
  return index;
}

/** One document's findings against the workspace it belongs to: every rule. */
export function checkDocument(doc: AnalyzedDocument, index: IndexView): Finding[] {
  return mergeFindings(checkLocal(doc, index), checkWorkspace(doc, index));
}
