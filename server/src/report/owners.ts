/**
 * `charter owners`: who owns what, as a plain table, as markdown (for the editor's report
 * preview and for pull requests) or as JSON.
 */
import type { OwnershipModel, OwnedItem, PersonOwnership } from '../core/ownership';

const AREA = { why: 'Why', what: 'What', how: 'How', who: 'Who', when: 'When' } as const;

const at = (i: OwnedItem) => `${i.path}:${i.range.start.line + 1}`;
const joint = (i: OwnedItem) => (i.joint ? ' (joint)' : '');
const who = (p: PersonOwnership) => `${p.name}${p.role ? ` (${p.role})` : ''}${p.handle ? ` @${p.handle}` : ''}${p.inCharter ? '' : ' — not in the charter'}`;

export function formatOwnersTable(m: OwnershipModel): string {
  const out: string[] = [];
  out.push(m.charter ? `Charter: ${m.charter}` : 'No charter found: owners are shown as written.');
  for (const p of m.people) {
    out.push('', who(p));
    if (!p.documents.length && !p.areas.length && !p.decisions.length) out.push('  owns nothing yet');
    for (const d of p.documents) out.push(`  document  ${d.kind.toUpperCase().padEnd(12)} ${d.title}${joint(d)}  ${at(d)}`);
    for (const a of p.areas) out.push(`  area      ${AREA[a.area!].padEnd(12)} ${a.title}${joint(a)}  ${at(a)}`);
    for (const d of p.decisions) out.push(`  decision  ${(d.area ? AREA[d.area] : '').padEnd(12)} ${d.title}${joint(d)}  ${at(d)}`);
  }
  out.push('', `Unowned decisions: ${m.unowned.length}`);
  for (const u of m.unowned) out.push(`  ${u.title}${u.written ? ` (owner: "${u.written}")` : ''}  ${at(u)}`);
  return out.join('\n') + '\n';
}

export function formatOwnersMarkdown(m: OwnershipModel): string {
  const esc = (s: string) => s.replace(/[|\\`*_[\]<>]/g, (c) => `\\${c}`);
  const link = (i: OwnedItem) => `[${esc(i.path)}:${i.range.start.line + 1}](${encodeURI(i.path)}#L${i.range.start.line + 1})`;
  const out: string[] = ['# Who owns what', ''];
  out.push(m.charter ? `People and roles from [${esc(m.charter)}](${encodeURI(m.charter)}).` : 'No charter found: owners are shown as written.', '');
  out.push(`## Unowned decisions (${m.unowned.length})`, '');
  if (!m.unowned.length) out.push('Every decision has an owner.', '');
  else {
    out.push('| Decision | Owner as written | Where |', '|---|---|---|');
    for (const u of m.unowned) out.push(`| ${esc(u.title)} | ${u.written ? esc(u.written) : '—'} | ${link(u)} |`);
    out.push('');
  }
  for (const p of m.people) {
    out.push(`## ${esc(p.name)}${p.role ? ` — ${esc(p.role)}` : ''}${p.inCharter ? '' : ' (not in the charter)'}`, '');
    if (!p.documents.length && !p.areas.length && !p.decisions.length) {
      out.push('Owns nothing yet.', '');
      continue;
    }
    out.push('| What | Kind / area | Title | Where |', '|---|---|---|---|');
    for (const d of p.documents) out.push(`| Document | ${d.kind.toUpperCase()} | ${esc(d.title)}${joint(d)} | ${link(d)} |`);
    for (const a of p.areas) out.push(`| Area | ${AREA[a.area!]} | ${esc(a.title)}${joint(a)} | ${link(a)} |`);
    for (const d of p.decisions) out.push(`| Decision | ${d.area ? AREA[d.area] : '—'} | ${esc(d.title)}${joint(d)} | ${link(d)} |`);
    out.push('');
  }
  return out.join('\n');
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
  return (
    JSON.stringify(
      {
        version: 1,
        charter: m.charter ?? null,
        people: m.people.map((p) => ({
          name: p.name,
          role: p.role ?? null,
          handle: p.handle ?? null,
          inCharter: p.inCharter,
          documents: p.documents.map(item),
          areas: p.areas.map(item),
          decisions: p.decisions.map(item),
        })),
        unowned: m.unowned.map((u) => ({ ...item(u), written: u.written ?? null })),
      },
      null,
      2,
    ) + '\n'
  );
}
