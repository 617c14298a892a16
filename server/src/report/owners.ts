/**
 * `charter owners`: who owns what, team by team, as a plain table, as markdown (for the
 * editor's report preview and for pull requests) or as JSON. Each team opens with a summary
 * of how balanced its ownership is; each person lists the responsibilities their role is
 * accountable for. The HTML page is in ownersHtml.ts.
 */
import type { OwnershipModel, OwnedItem, PersonOwnership, ResponsibilityItem, TeamOwnership, TeamSummary } from '../core/ownership';
import { AREA_LABEL } from '../core/areas';
import { pathRef, visible, visibleLines } from './safeText';

/** The version of the JSON shape: 2 added `teams` and each person's `responsibilities`. */
export const OWNERS_JSON_VERSION = 2;

const at = (i: { path: string; range: { start: { line: number } } }) => `${i.path}:${i.range.start.line + 1}`;
const joint = (i: OwnedItem) => (i.joint ? ' (joint)' : '');
const who = (p: PersonOwnership) => `${p.name}${p.role ? ` (${p.role})` : ''}${p.handle ? ` @${p.handle}` : ''}${p.inCharter || p.silenced ? '' : ' — not in the charter'}`;
const pct = (share: number) => `${Math.round(share * 100)}%`;

/** The balance of a team in a few lines of plain text (shared by the table and the sidebar). */
export function summaryLines(s: TeamSummary): string[] {
  const total = s.owned + s.unowned;
  return [
    `decisions: ${total} (${s.owned} owned, ${s.unowned} unowned)`,
    `per person: ${s.perPerson.map((p) => `${p.name} ${p.decisions}`).join(', ') || 'nobody'}`,
    `most owned by: ${s.top ? `${s.top.name}, ${s.top.decisions} of ${s.owned} (${pct(s.top.share)})` : 'nobody'}`,
    `outside their owner's areas: ${s.outsideAreas.length}${s.outsideAreas.length ? ` (${s.outsideAreas.map((o) => `"${o.title}": ${AREA_LABEL[o.area!]} by ${o.owner} (${o.role})`).join('; ')})` : ''}`,
    `without context: ${s.withoutContext.length}, without alternatives: ${s.withoutAlternatives.length}`,
  ];
}

function teamTable(t: TeamOwnership, out: string[]): void {
  out.push('', 'Balance', ...summaryLines(t.summary).map((l) => `  ${l}`));
  for (const p of t.people) {
    out.push('', who(p));
    if (!p.documents.length && !p.areas.length && !p.decisions.length && !p.responsibilities.length) out.push('  owns nothing yet');
    for (const r of p.responsibilities) out.push(`  accountable ${r.name}  ${at(r)}`);
    for (const d of p.documents) out.push(`  document  ${d.kind.toUpperCase().padEnd(12)} ${d.title}${joint(d)}  ${at(d)}`);
    for (const a of p.areas) out.push(`  area      ${AREA_LABEL[a.area!].padEnd(12)} ${a.title}${joint(a)}  ${at(a)}`);
    for (const d of p.decisions) out.push(`  decision  ${(d.area ? AREA_LABEL[d.area] : '').padEnd(12)} ${d.title}${joint(d)}  ${at(d)}`);
  }
  const nobody = t.responsibilities.filter((r) => !r.holders.length);
  if (nobody.length) {
    out.push('', `Responsibilities nobody holds: ${nobody.length}`);
    for (const r of nobody) out.push(`  ${r.name} (accountable: ${r.role})  ${at(r)}`);
  }
  out.push('', `Unowned decisions: ${t.unowned.length}`);
  for (const u of t.unowned) out.push(`  ${u.title}${u.written ? ` (owner: "${u.written}")` : ''}  ${at(u)}`);
}

export function formatOwnersTable(m: OwnershipModel): string {
  const out: string[] = [];
  if (m.teams.length <= 1) {
    out.push(m.charter ? `Charter: ${m.charter}` : 'No charter found: owners are shown as written.');
    if (m.teams[0]) teamTable(m.teams[0], out);
    else out.push('', 'Unowned decisions: 0');
  } else {
    out.push(`Teams: ${m.teams.map((t) => `${t.name}${t.charter ? ` (${t.charter})` : ''}`).join(', ')}`);
    for (const t of m.teams) {
      out.push('', `== Team ${t.name}${t.charter ? ` — ${t.charter}` : ': documents no charter governs'} ==`);
      teamTable(t, out);
    }
  }
  return visibleLines(out);
}

export function formatOwnersMarkdown(m: OwnershipModel): string {
  const esc = (s: string) => s.replace(/[|\\`*_[\]<>]/g, (c) => `\\${c}`);
  const link = (i: { path: string; range: { start: { line: number } } }) => `[${esc(i.path)}:${i.range.start.line + 1}](${pathRef(i.path)}#L${i.range.start.line + 1})`;
  const out: string[] = ['# Who owns what', ''];
  const several = m.teams.length > 1;
  const h = several ? '###' : '##';
  if (!several) out.push(m.charter ? `People and roles from [${esc(m.charter)}](${pathRef(m.charter)}).` : 'No charter found: owners are shown as written.', '');
  else out.push(`${m.teams.length} teams, each resolved against its own charter.`, '');
  for (const t of m.teams) {
    if (several) out.push(`## Team ${esc(t.name)}`, '', t.charter ? `People and roles from [${esc(t.charter)}](${pathRef(t.charter)}).` : 'Documents that no charter governs.', '');
    out.push(`${h} Balance`, '', ...summaryLines(t.summary).map((l) => `- ${esc(l)}`), '');
    if (t.responsibilities.length) {
      out.push(`${h} Responsibilities`, '', '| Responsibility | Accountable | Held by | PM expectations | EM expectations | Stakeholders |', '|---|---|---|---|---|---|');
      for (const r of t.responsibilities)
        out.push(
          `| ${esc(r.name)} | ${esc(r.role)} | ${r.holders.length ? esc(r.holders.join(', ')) : '**nobody**'} | ${esc(r.pm ?? '')} | ${esc(r.em ?? '')} | ${esc(r.stakeholders ?? '')} |`,
        );
      out.push('');
    }
    out.push(`${h} Unowned decisions (${t.unowned.length})`, '');
    if (!t.unowned.length) out.push('Every decision has an owner.', '');
    else {
      out.push('| Decision | Owner as written | Where |', '|---|---|---|');
      for (const u of t.unowned) out.push(`| ${esc(u.title)} | ${u.written ? esc(u.written) : '—'} | ${link(u)} |`);
      out.push('');
    }
    for (const p of t.people) {
      out.push(`${h} ${esc(p.name)}${p.role ? ` — ${esc(p.role)}` : ''}${p.inCharter || p.silenced ? '' : ' (not in the charter)'}`, '');
      if (!p.documents.length && !p.areas.length && !p.decisions.length && !p.responsibilities.length) {
        out.push('Owns nothing yet.', '');
        continue;
      }
      out.push('| What | Kind / area | Title | Where |', '|---|---|---|---|');
      for (const r of p.responsibilities) out.push(`| Responsibility | ${esc(r.role)} | ${esc(r.name)} | ${link(r)} |`);
      for (const d of p.documents) out.push(`| Document | ${d.kind.toUpperCase()} | ${esc(d.title)}${joint(d)} | ${link(d)} |`);
      for (const a of p.areas) out.push(`| Area | ${AREA_LABEL[a.area!]} | ${esc(a.title)}${joint(a)} | ${link(a)} |`);
      for (const d of p.decisions) out.push(`| Decision | ${d.area ? AREA_LABEL[d.area] : '—'} | ${esc(d.title)}${joint(d)} | ${link(d)} |`);
      out.push('');
    }
  }
  return out.map(visible).join('\n');
}

export function formatOwnersJson(m: OwnershipModel): string {
  const item = (i: OwnedItem) => ({
    title: i.title,
    kind: i.kind,
    ...(i.area ? { area: i.area } : {}),
    ...(i.joint ? { joint: true } : {}),
    path: i.path,
    line: i.range.start.line + 1,
    column: i.range.start.character + 1,
  });
  const responsibility = (r: ResponsibilityItem) => ({
    name: r.name,
    role: r.role,
    path: r.path,
    line: r.range.start.line + 1,
    ...(r.pm ? { pm: r.pm } : {}),
    ...(r.em ? { em: r.em } : {}),
    ...(r.stakeholders ? { stakeholders: r.stakeholders } : {}),
  });
  const person = (p: PersonOwnership) => ({
    name: p.name,
    role: p.role ?? null,
    handle: p.handle ?? null,
    inCharter: p.inCharter,
    ...(p.silenced ? { silenced: true } : {}),
    documents: p.documents.map(item),
    areas: p.areas.map(item),
    decisions: p.decisions.map(item),
    responsibilities: p.responsibilities.map(responsibility),
  });
  const unowned = (u: OwnershipModel['unowned'][number]) => ({ ...item(u), written: u.written ?? null });
  return (
    JSON.stringify(
      {
        version: OWNERS_JSON_VERSION,
        charter: m.charter ?? null,
        people: m.people.map(person),
        unowned: m.unowned.map(unowned),
        teams: m.teams.map((t) => ({
          name: t.name,
          charter: t.charter ?? null,
          people: t.people.map(person),
          responsibilities: t.responsibilities.map((r) => ({ ...responsibility(r), holders: r.holders })),
          unowned: t.unowned.map(unowned),
          summary: {
            owned: t.summary.owned,
            unowned: t.summary.unowned,
            perPerson: t.summary.perPerson,
            top: t.summary.top ?? null,
            outsideAreas: t.summary.outsideAreas.map((o) => ({ ...item(o), owner: o.owner, role: o.role, owningRole: o.owningRole })),
            withoutContext: t.summary.withoutContext.map(item),
            withoutAlternatives: t.summary.withoutAlternatives.map(item),
          },
        })),
      },
      null,
      2,
    ) + '\n'
  );
}
