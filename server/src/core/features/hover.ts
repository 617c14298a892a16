/**
 * Hover text (markdown) at a position: a section's area and owner, an owner's role and what they own, a decision.
 */
import type { AnalyzedDocument } from '../document';
import type { Decision } from '../decisions';
import type { IndexView } from '../workspace';
import type { Position, Range } from '../types';
import { DEFAULT_AREA_ROLES } from '../areas';
import { normalizeKey } from '../syntax';
import { resolveOwner, type Person } from '../roster';
import { rosterFor } from '../workspace';
import { ownedThings } from '../ownerValues';
import { areaText, inRange } from './shared';
import { decisionHover } from './decisions';

/** Hover text (markdown) at a position: a section's area and owner, or an owner's role and counts. */
export function hover(doc: AnalyzedDocument, pos: Position, index: IndexView): { contents: string; range: Range } | undefined {
  const cited = decisionHover(doc, pos, index);
  if (cited) return cited;
  const roster = rosterFor(index, doc.path) ?? index.roster;
  for (const t of ownedThings(doc)) {
    for (let i = 0; i < t.owner.names.length; i++) {
      const r = t.owner.nameRanges[i] ?? t.owner.range;
      if (!inRange(r, pos)) continue;
      const name = t.owner.names[i];
      return { contents: describeOwner(name, index, doc.path), range: r };
    }
  }
  const h = doc.model.headings.find((x) => x.range.start.line === pos.line);
  if (!h) return undefined;
  const section = doc.sections.find((s) => s.heading === h);
  if (section?.spec.area) {
    const area = section.spec.area;
    const owner = section.owner && !section.owner.unowned ? section.owner : doc.owner && !doc.owner.unowned ? doc.owner : undefined;
    const role = roster?.areaRoles[area] ?? DEFAULT_AREA_ROLES[area];
    const ownerText = owner
      ? `Owned by **${owner.names.join(', ')}**${owner === section.owner ? ' (named in this section)' : ` (owner of this ${doc.kind.label})`}.`
      : 'No owner named: add `owner:` to the front matter.';
    return { contents: `**${areaText(area)}**\n\nThe ${role} owns this area. ${ownerText}`, range: h.range };
  }
  const decision = doc.decisions.find((d) => d.range.start.line === h.range.start.line);
  if (decision) return { contents: describeDecision(decision), range: h.range };
  if (section) return { contents: `**${section.spec.name}** — a ${section.spec.required ? 'required' : 'recommended'} section of a ${doc.kind.label}.`, range: h.range };
  return undefined;
}

function describeDecision(d: Decision): string {
  const owner = !d.owner || d.owner.unowned ? '_unowned_' : d.owner.names.join(', ');
  const rows = [`**Decision:** ${d.title}`, `Owner: ${owner}`];
  if (d.fields.date) rows.push(`Date: ${d.fields.date.value}`);
  if (d.fields.status) rows.push(`Status: ${d.fields.status.value}`);
  if (d.area) rows.push(`Area: ${areaText(d.area)}`);
  return rows.join('  \n');
}

/** What the charter says of an owner, and how much they own. */
export function describeOwner(name: string, index: IndexView, path?: string): string {
  const roster = (path !== undefined ? rosterFor(index, path) : undefined) ?? index.roster;
  const r = roster ? resolveOwner(roster, name) : { kind: 'unknown' as const };
  let person: Person | undefined;
  const lines: string[] = [];
  if (r.kind === 'person') {
    person = r.person;
    lines.push(`**${person.name}**${person.role ? ` — ${person.role}` : ''}`);
    const contact = [person.handle ? `@${person.handle}` : '', person.email ?? ''].filter(Boolean).join(' · ');
    if (contact) lines.push(contact);
  } else if (r.kind === 'role') {
    lines.push(`**${r.role}** (a role): ${r.people.map((p) => p.name).join(', ')}`);
  } else {
    lines.push(roster ? `**${name}** is not in the charter (${roster.path}).` : `**${name}** — no charter in this workspace to say who this is.`);
  }
  let decisions = 0;
  let documents = 0;
  const same = (n: string) => {
    if (!roster || r.kind === 'unknown') return normalizeKey(n) === normalizeKey(name);
    const x = resolveOwner(roster, n);
    if (r.kind === 'person') return x.kind === 'person' ? x.person === r.person : x.kind === 'role' && x.people.length === 1 && x.people[0] === r.person;
    return x.kind === 'role' && x.role === r.role;
  };
  for (const d of index.documents.values()) {
    if (d.owner && d.owner.names.some(same)) documents++;
    for (const x of d.decisions) if (x.owner && x.owner.names.some(same)) decisions++;
  }
  lines.push(`Owns ${decisions} decision${decisions === 1 ? '' : 's'} and ${documents} document${documents === 1 ? '' : 's'}.`);
  return lines.join('\n\n');
}
