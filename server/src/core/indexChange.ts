/**
 * What a change of the workspace index is (the documents whose findings or ownership
 * changed), and the keys the index tells by whether a change happened: a document's
 * findings, its ownership as the sidebar shows it, a charter's people.
 */
import type { AnalyzedDocument } from './document';
import type { Finding } from './types';

/** The documents a change touched: whose findings changed, whose ownership changed. */
export interface IndexChange {
  findings: Set<string>;
  ownership: Set<string>;
}

/** Adds one change's documents to another's. */
export function merge(into: IndexChange, from: IndexChange): void {
  for (const p of from.findings) into.findings.add(p);
  for (const p of from.ownership) into.ownership.add(p);
}

/** The people of a charter, as a string that changes when they do. */
export function rosterKey(d: AnalyzedDocument | undefined): string {
  return JSON.stringify(
    d?.roster && {
      t: d.roster.team,
      p: d.roster.people.map((x) => [x.name, x.role, x.handle, x.email]),
      a: d.roster.areaRoles,
      r: d.roster.responsibilities.map((r) => [r.name, r.role]),
    },
  );
}

/** What the sidebar shows of a document, as a string that changes when that does. */
export function ownershipKeyOf(d: AnalyzedDocument | undefined): string {
  if (!d) return '';
  const owner = (o: { names: string[]; unowned: boolean } | undefined) => (o ? (o.unowned ? '!' : o.names.join('+')) : '-');
  return JSON.stringify([
    d.kind.name,
    d.title,
    d.titleRange.start.line,
    owner(d.owner),
    d.sections.map((s) => [s.spec.name, s.heading.range.start.line, owner(s.owner)]),
    d.decisions.map((x) => [x.title, x.range.start.line, x.range.start.character, x.area ?? '', owner(x.owner)]),
    d.roster
      ? [
          d.roster.team,
          d.roster.people.map((p) => [p.name, p.role, p.handle ?? '']),
          d.roster.responsibilities.map((r) => [r.name, r.role, r.range.start.line, r.pm ?? '', r.em ?? '', r.stakeholders ?? '']),
        ]
      : 0,
  ]);
}

/** Whether two finding lists say the same; `a` undefined (never given out) shows nothing. */
export function sameFindings(a: Finding[] | undefined, b: Finding[]): boolean {
  if (!a) return b.length === 0;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameFinding(a[i], b[i])) return false;
  return true;
}

function sameFinding(a: Finding, b: Finding): boolean {
  return (
    a.rule === b.rule &&
    a.severity === b.severity &&
    a.message === b.message &&
    a.range.start.line === b.range.start.line &&
    a.range.start.character === b.range.start.character &&
    a.range.end.line === b.range.end.line &&
    a.range.end.character === b.range.end.character &&
    (a.data === b.data || JSON.stringify(a.data) === JSON.stringify(b.data))
  );
}
