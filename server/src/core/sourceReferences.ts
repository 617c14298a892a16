/**
 * Files named by `.charter.yaml` `references: { include: [globs] }` — source code whose
 * comments cite decisions — read for decision ids only: a bounded scan of the text (no
 * markdown parse), the ids checked against the records by the same rules as in documents
 * (`unknown-decision-reference`, `superseded-reference`), so both hosts report them alike.
 */
import type { CompactDocument } from './document';
import type { IndexView } from './workspace';
import type { KindSpec } from './kinds';
import type { Finding } from './types';
import { findCitations, prefixesOf, type Citation } from './records/ids';
import { RULES } from './rules/index';
import { globListMatcher } from './glob';

/** Files larger than this are read up to it only: ids in source are near the code they explain. */
export const MAX_SOURCE_BYTES = 1024 * 1024;

/** The rules a source file is checked by. */
const SOURCE_RULES = new Set(['unknown-decision-reference', 'superseded-reference']);

/** The kind a source file is read as: none of a document's duties. */
const SOURCE_KIND: KindSpec = { name: 'source', builtin: true, include: [], exclude: [], sections: [], decisions: 'none', documentOwner: false, label: 'SOURCE' };

const matchers = new WeakMap<object, (p: string) => boolean>();

/** Whether a root-relative path is read for decision ids (`references.include`); markdown documents never are. */
export function isReferenceSource(index: IndexView, path: string): boolean {
  const globs = index.config.references?.include;
  if (!globs?.length || /\.(?:md|markdown)$/i.test(path)) return false;
  let m = matchers.get(index.config);
  if (!m) matchers.set(index.config, (m = globListMatcher(globs)));
  return m(path) && !index.classifier.isIgnored(path);
}

/** The findings of a source file: its decision ids that name no record, or a superseded one. */
export function checkSource(path: string, text: string, index: IndexView): Finding[] {
  return checkSourceCitations(path, sourceCitations(text, index), index);
}

/** The ids a source file's text cites (its first MAX_SOURCE_BYTES), by the kinds' prefixes. */
export function sourceCitations(text: string, index: IndexView): Citation[] {
  const prefixes = [...prefixesOf(index.config.kinds).keys()];
  return findCitations(text.length > MAX_SOURCE_BYTES ? text.slice(0, MAX_SOURCE_BYTES) : text, prefixes, false);
}

/** The findings of a source file's citations against the records of the index now. */
export function checkSourceCitations(path: string, cites: Citation[], index: IndexView): Finding[] {
  if (!cites.length) return [];
  const doc: CompactDocument = {
    path,
    kind: SOURCE_KIND,
    title: path,
    titleRange: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    sections: [],
    missingSections: [],
    decisions: [],
    references: [],
    silence: { file: [], lines: {} },
    cites,
  };
  const out: Finding[] = [];
  for (const rule of RULES) {
    if (!SOURCE_RULES.has(rule.id) || rule.scope !== 'workspace') continue;
    const severity = index.config.rules[rule.id] ?? rule.defaultSeverity;
    if (severity === 'off') continue;
    rule.check(doc, index, (range, message, data) => out.push({ rule: rule.id, severity, message, range, ...(data ? { data } : {}) }));
  }
  return out.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
}
