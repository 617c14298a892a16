/**
 * A repository read under a configuration, and the warnings it gives there: what `charter
 * init` weighs a proposal by.
 */
import type { Config } from '../config';
import type { Finding } from '../types';
import { WorkspaceIndex, type IndexHost } from '../workspaceIndex';

/** A file's text, as an {@link IndexHost} reads it. */
export type ReadText = IndexHost['read'];

/**
 * Reads every file of a listing into a new index under a configuration (every markdown
 * file is read through `read`): the repository as Charter sees it under that configuration.
 */
export function indexUnder(config: Config, files: readonly string[], read: ReadText): WorkspaceIndex {
  const index = new WorkspaceIndex(config, { read, isOpen: () => false });
  index.load(files, []);
  index.setConfig(config);
  return index;
}

/** The findings at warning level or above of a document or template, as keys that ignore the wording. */
export function warnings(index: WorkspaceIndex, path: string): string[] {
  return index
    .findings(path)
    .filter((d) => d.severity !== 'info')
    .map(findingKey);
}

function findingKey(d: Finding): string {
  const section = typeof d.data?.section === 'string' ? `#${d.data.section}` : '';
  return `${d.rule}@${d.range.start.line + 1}${section}`;
}
