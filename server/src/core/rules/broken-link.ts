import type { WorkspaceRule } from '../rule';
import type { IndexView } from '../workspace';
import { isPlaceholderValue, normalizeHeading } from '../syntax';
import { plainPathCandidates, resolveReference } from '../links';
import { isRecordFileName } from '../records/ids';

/** A link, an SDD's PRD, or a superseded decision that points nowhere. */
export const brokenLink: WorkspaceRule = {
  id: 'broken-link',
  description: "A local link, an SDD's prd:, or a reference to a superseded decision points to nothing in the workspace.",
  help: 'Fix the path (relative to the document, or to the workspace root when it starts with /; a path in front matter or a field value may also be relative to the workspace root), or the ADR number / decision title referred to.',
  defaultSeverity: 'warning',
  scope: 'workspace',
  check(doc, index, report) {
    // An index page's links to records are unknown-decision-reference's to report.
    const indexPage = doc.kind.indexesRecords === true;
    for (const ref of doc.references) {
      if (indexPage && ref.role === 'link' && isRecordFileName(ref.target.trim().replace(/[?#].*$/, ''))) continue;
      const target = ref.target.trim();
      if (!target || isPlaceholderValue(target)) continue;
      if (ref.role === 'supersedes' && !looksLikePath(target)) {
        if (!decisionExists(index, target, doc.path))
          report(ref.range, `The superseded decision "${target}" is not in the workspace (no ADR with that number, no decision with that title)`, { target });
        continue;
      }
      const r = resolveReference(doc.path, ref, (p) => index.paths.has(p));
      if (r.kind === 'external' || r.kind === 'outside' || r.kind === 'person') continue;
      if (r.kind === 'path') {
        if (!index.paths.has(r.path)) {
          const what = ref.role === 'prd' ? `The PRD this ${doc.kind.label} implements` : ref.role === 'supersedes' ? 'The superseded decision' : 'Link target';
          // A plain path was looked for beside the document and from the workspace root.
          const looked = ref.plain
            ? plainPathCandidates(doc.path, target)
                .map((c) => (c.kind === 'path' ? c.path || '.' : ''))
                .filter(Boolean)
            : [r.path || '.'];
          report(ref.range, `${what} "${target}" does not exist (looked for ${looked.join(' and ')})`, { target });
          continue;
        }
        const linked = index.documents.get(r.path);
        if (ref.role === 'prd' && linked && !linked.kind.isPrd) {
          report(ref.range, `"${target}" is not a PRD: it is recognised as ${linked.kind.label}`, { target });
        }
        continue;
      }
    }
  },
};

function looksLikePath(t: string): boolean {
  return /[/\\]|\.(?:md|markdown)(?:#|$)/i.test(t) || t.startsWith('#');
}

/**
 * Finds a decision by ADR number ("ADR-0005", "5") or by title; a proposal's number
 * ("TEP-0107", "KEP-12") finds the numbered document of the same folder.
 */
function decisionExists(index: IndexView, ref: string, from: string): boolean {
  const num = /^(?:[a-z]{1,5})?[\s#-]*0*(\d+)\b/i.exec(ref);
  const title = normalizeHeading(ref);
  const folder = (p: string) => p.slice(0, Math.max(0, p.lastIndexOf('/')));
  for (const d of index.documents.values()) {
    if (num && (d.kind.decisions === 'per-file' || folder(d.path) === folder(from))) {
      const file = d.path.split('/').pop() ?? '';
      const m = /^0*(\d+)/.exec(file);
      if (m && m[1] === num[1]) return true;
    }
    if (d.decisions.some((x) => normalizeHeading(x.title) === title)) return true;
  }
  return false;
}
