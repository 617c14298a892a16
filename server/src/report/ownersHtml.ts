/**
 * `charter owners --format html`: one self-contained page (no network, no script) that a PM
 * and an EM can put in front of their team. Per team: the balance summary, a matrix of
 * people × areas whose counts link to the items, the responsibilities with the accountable
 * people, the unowned decisions, and the decisions on a timeline by date.
 *
 * The editor's "Show Ownership Report" webview shows the same page: colours come from the
 * `--vscode-*` theme variables when they exist (with light fallbacks for a browser), links
 * are made by the host (`command:` URIs in the webview), and the content security policy
 * is the host's.
 */
import type { OwnershipModel, OwnedItem, PersonOwnership, TeamOwnership } from '../core/ownership';
import { createHash } from 'node:crypto';
import { AREAS, AREA_LABEL as AREA, type Area } from '../core/areas';
import { pathRef } from './safeText';
import type { DecisionsByStatus, LifeRecord } from '../core/records/byStatus';

/** How the page is hosted. */
export interface HtmlOptions {
  /** The link to an item (default: the path relative to the workspace root, with #L<line>). */
  href?: (path: string, line: number) => string;
  /** A Content-Security-Policy for a meta tag (the webview's). */
  csp?: string;
  /** A nonce for the style element, when the CSP asks for one. */
  nonce?: string;
  /** The page's title. */
  title?: string;
  /** The decision records by status (core/records/byStatus.ts): drawn as a timeline per status. */
  decisions?: DecisionsByStatus;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const pct = (x: number) => `${Math.round(x * 100)}%`;

const STYLE = `
:root {
  --fg: var(--vscode-foreground, #1f2328);
  --bg: var(--vscode-editor-background, #ffffff);
  --muted: var(--vscode-descriptionForeground, #59636e);
  --border: var(--vscode-panel-border, #d1d9e0);
  --link: var(--vscode-textLink-foreground, #0969da);
  --warn: var(--vscode-editorWarning-foreground, #9a6700);
  --cell: var(--vscode-editorWidget-background, #f6f8fa);
  --accent: var(--vscode-charts-blue, #0969da);
  --font: var(--vscode-font-family, -apple-system, "Segoe UI", Helvetica, Arial, sans-serif);
}
body { font-family: var(--font); color: var(--fg); background: var(--bg); margin: 0; padding: 24px 32px; line-height: 1.45; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.3em; margin: 32px 0 8px; padding-bottom: 4px; border-bottom: 1px solid var(--border); }
h3 { font-size: 1.05em; margin: 20px 0 8px; }
a { color: var(--link); text-decoration: none; }
a:hover { text-decoration: underline; }
.muted { color: var(--muted); }
.warn { color: var(--warn); font-weight: 600; }
table { border-collapse: collapse; margin: 4px 0 8px; }
th, td { border: 1px solid var(--border); padding: 4px 10px; text-align: left; vertical-align: top; }
th { background: var(--cell); font-weight: 600; }
td.n { text-align: center; min-width: 3.2em; }
td.n a { display: block; font-weight: 600; }
td.zero { color: var(--muted); }
.cards { display: flex; flex-wrap: wrap; gap: 10px; margin: 8px 0; }
.card { flex: 1 1 0; border: 1px solid var(--border); border-radius: 6px; padding: 6px 12px; min-width: 110px; background: var(--cell); }
.card b { display: block; font-size: 1.4em; }
.bar { display: inline-block; width: 0; height: 8px; background: var(--accent); border-radius: 4px; vertical-align: middle; margin-left: 6px; }
.w0 { width: 0px; }
.w1 { width: 16px; }
.w2 { width: 32px; }
.w3 { width: 48px; }
.w4 { width: 64px; }
.w5 { width: 80px; }
.w6 { width: 96px; }
.w7 { width: 112px; }
.w8 { width: 128px; }
.w9 { width: 144px; }
.w10 { width: 160px; }
ul.items { margin: 4px 0 8px; padding-left: 20px; }
ol.timeline { list-style: none; margin: 8px 0; padding: 0 0 0 18px; border-left: 2px solid var(--border); }
ol.timeline li { position: relative; margin: 0 0 8px; padding-left: 8px; }
ol.timeline li::before { content: ""; position: absolute; left: -25px; top: 6px; width: 10px; height: 10px; border-radius: 50%; background: var(--accent); }
ol.timeline li.unowned::before { background: var(--warn); }
.date { font-variant-numeric: tabular-nums; font-weight: 600; margin-right: 8px; }
.tag { border: 1px solid var(--border); border-radius: 10px; padding: 0 7px; font-size: 0.85em; margin-left: 6px; }
ol.timeline li.s-proposed::before { background: var(--vscode-charts-yellow, #bf8700); }
ol.timeline li.s-accepted::before { background: var(--vscode-charts-green, #1a7f37); }
ol.timeline li.s-rejected::before { background: var(--vscode-charts-red, #cf222e); }
ol.timeline li.s-deprecated::before, ol.timeline li.s-superseded::before, ol.timeline li.s-unknown::before { background: var(--muted); }
`;

/** The page's own policy: its style, by hash; nothing else at all. */
const PAGE_CSP = `default-src 'none'; style-src 'sha256-${createHash('sha256').update(STYLE).digest('base64')}'; base-uri 'none'; form-action 'none'`;

/** The ownership model as one HTML page. */
export function formatOwnersHtml(m: OwnershipModel, opts: HtmlOptions = {}): string {
  const href = opts.href ?? ((p: string, line: number) => `${pathRef(p)}#L${line}`);
  const link = (i: { path: string; range: { start: { line: number } } }, text: string) =>
    `<a href="${esc(href(i.path, i.range.start.line + 1))}" title="${esc(`${i.path}:${i.range.start.line + 1}`)}">${esc(text)}</a>`;
  const title = opts.title ?? 'Who owns what';
  const out: string[] = [];
  out.push('<!DOCTYPE html>', '<html lang="en">', '<head>', '<meta charset="utf-8">');
  // A page of its own (the CLI's) forbids everything but its one style element: no script,
  // no request anywhere. The webview brings its own policy.
  out.push(`<meta http-equiv="Content-Security-Policy" content="${esc(opts.csp ?? PAGE_CSP)}">`);
  out.push(
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(title)}</title>`,
    `<style${opts.nonce ? ` nonce="${esc(opts.nonce)}"` : ''}>${STYLE}</style>`,
    '</head>',
    '<body>',
  );
  out.push(`<h1>${esc(title)}</h1>`);
  if (!m.teams.length) out.push('<p class="muted">No PRDs, SDDs, decisions or charter found.</p>');
  else if (m.teams.length > 1)
    out.push(
      `<p class="muted">${m.teams.length} teams: ${m.teams.map((t, i) => `<a href="#team-${i}">${esc(t.name)}</a>`).join(', ')}. Each document is resolved against the nearest charter above it.</p>`,
    );
  m.teams.forEach((t, ti) => team(t, ti, out, link));
  if (opts.decisions?.statuses.length) statusTimeline(opts.decisions, out, link);
  out.push('</body>', '</html>');
  return out.join('\n') + '\n';
}

type Link = (i: { path: string; range: { start: { line: number } } }, text: string) => string;

function team(t: TeamOwnership, ti: number, out: string[], link: Link): void {
  const s = t.summary;
  out.push(`<section class="team" id="team-${ti}" data-team="${esc(t.name)}">`);
  out.push(`<h2>${esc(t.name)}</h2>`);
  out.push(
    `<p class="muted">${t.charter ? `People and roles from ${link({ path: t.charter, range: { start: { line: 0 } } }, t.charter)}.` : 'Documents that no charter governs: owners are shown as written.'}</p>`,
  );

  // Balance at a glance.
  const card = (label: string, value: string, warn = false) => `<div class="card"><b${warn ? ' class="warn"' : ''}>${esc(value)}</b>${esc(label)}</div>`;
  out.push('<div class="cards summary">');
  out.push(card('decisions owned', String(s.owned)));
  out.push(card('unowned decisions', String(s.unowned), s.unowned > 0));
  out.push(card(s.top ? `held by ${s.top.name}` : 'most held by one person', s.top ? pct(s.top.share) : '—', Boolean(s.top && s.top.share > 0.5 && s.owned > 2)));
  out.push(card("outside their owner's areas", String(s.outsideAreas.length), s.outsideAreas.length > 0));
  out.push(card('without context', String(s.withoutContext.length)));
  out.push(card('without alternatives', String(s.withoutAlternatives.length)));
  out.push('</div>');
  // People × areas.
  out.push('<h3>Who owns which areas</h3>', '<table class="matrix"><thead><tr><th>Person</th>');
  for (const a of AREAS) out.push(`<th>${AREA[a]}</th>`);
  out.push('<th>Responsibilities</th></tr></thead><tbody>');
  t.people.forEach((p, pi) => {
    out.push(
      `<tr data-person="${esc(p.name)}"><td>${esc(p.name)}${p.role ? ` <span class="muted">${esc(p.role)}</span>` : ''}${p.inCharter || p.silenced ? '' : ' <span class="warn">not in the charter</span>'}</td>`,
    );
    for (const a of AREAS) {
      const n = itemsIn(p, a).length;
      out.push(n ? `<td class="n" data-area="${a}"><a href="#t${ti}-p${pi}-${a}">${n}</a></td>` : `<td class="n zero" data-area="${a}">·</td>`);
    }
    out.push(`<td>${p.responsibilities.map((r) => esc(r.name)).join(', ') || '<span class="muted">—</span>'}</td></tr>`);
  });
  out.push('</tbody></table>');
  const cells: string[] = [];
  t.people.forEach((p, pi) => {
    for (const a of AREAS) {
      const items = itemsIn(p, a);
      if (!items.length) continue;
      cells.push(`<li id="t${ti}-p${pi}-${a}"><b>${esc(p.name)} · ${AREA[a]}</b><ul>${items.map((i) => `<li>${i.what}: ${link(i.item, i.item.title)}</li>`).join('')}</ul></li>`);
    }
  });
  if (cells.length) out.push('<details class="cells"><summary>The items behind each count</summary><ul class="items">', ...cells, '</ul></details>');

  // Responsibilities.
  if (t.responsibilities.length) {
    out.push(
      '<h3>Responsibilities</h3>',
      '<table class="responsibilities"><thead><tr><th>Responsibility</th><th>Accountable</th><th>Held by</th><th>PM expectations</th><th>EM expectations</th><th>Stakeholders</th></tr></thead><tbody>',
    );
    for (const r of t.responsibilities) {
      out.push(
        `<tr><td>${link(r, r.name)}</td><td>${esc(r.role)}</td><td>${r.holders.length ? esc(r.holders.join(', ')) : '<span class="warn">nobody</span>'}</td><td>${esc(r.pm ?? '')}</td><td>${esc(r.em ?? '')}</td><td>${esc(r.stakeholders ?? '')}</td></tr>`,
      );
    }
    out.push('</tbody></table>');
  }

  // Unowned.
  out.push(`<h3>Unowned decisions (${t.unowned.length})</h3>`);
  if (!t.unowned.length) out.push('<p class="muted">Every decision has an owner.</p>');
  else {
    out.push('<ul class="items unowned">');
    for (const u of t.unowned) out.push(`<li>${link(u, u.title)}${u.written ? ` <span class="muted">owner written as “${esc(u.written)}”</span>` : ''}</li>`);
    out.push('</ul>');
  }

  const max = Math.max(1, ...s.perPerson.map((p) => p.decisions));
  out.push('<h3>Decisions per person</h3>', '<table class="per-person"><tbody>');
  for (const p of s.perPerson)
    out.push(`<tr><td>${esc(p.name)}</td><td class="n">${p.decisions}</td><td><span class="bar w${Math.round((p.decisions / max) * 10)}"></span></td></tr>`);
  out.push('</tbody></table>');
  if (s.outsideAreas.length) {
    out.push("<h3>Decided outside their owner's areas</h3>", '<ul class="items outside">');
    for (const o of s.outsideAreas) out.push(`<li>${link(o, o.title)} — ${AREA[o.area!]}, which the ${esc(o.owningRole)} owns, decided by ${esc(o.owner)} (${esc(o.role)})</li>`);
    out.push('</ul>');
  }

  // Timeline.
  const dated: { item: OwnedItem; owner?: string }[] = [];
  for (const p of t.people) for (const d of p.decisions) if (d.date) dated.push({ item: d, owner: p.name });
  for (const u of t.unowned) if (u.date) dated.push({ item: u });
  const seen = new Set<string>();
  const timeline = dated
    .sort((a, b) => (a.item.date! < b.item.date! ? -1 : a.item.date! > b.item.date! ? 1 : a.item.title.localeCompare(b.item.title)))
    .filter((d) => {
      const k = `${d.item.path}:${d.item.range.start.line}:${d.owner ?? ''}`;
      return seen.has(k) ? false : (seen.add(k), true);
    });
  out.push('<h3>Decisions by date</h3>');
  if (!timeline.length) out.push('<p class="muted">No decision has a valid date.</p>');
  else {
    out.push('<ol class="timeline">');
    for (const d of timeline) {
      out.push(
        `<li${d.owner ? '' : ' class="unowned"'}><span class="date">${esc(d.item.date!)}</span>${link(d.item, d.item.title)}${d.item.area ? `<span class="tag">${AREA[d.item.area]}</span>` : ''} <span class="${d.owner ? 'muted' : 'warn'}">${d.owner ? esc(d.owner) : 'unowned'}</span></li>`,
      );
    }
    out.push('</ol>');
  }
  out.push('</section>');
}

/** What a person owns in an area: the sections they own and their decisions that answer it. */
function itemsIn(p: PersonOwnership, a: Area): { item: OwnedItem; what: string }[] {
  return [
    ...p.areas.filter((x) => x.area === a).map((item) => ({ item, what: 'Section' })),
    ...p.decisions.filter((x) => x.area === a).map((item) => ({ item, what: 'Decision' })),
  ];
}

const STATUS_TITLE: Record<string, string> = {
  proposed: 'Proposed',
  accepted: 'Accepted',
  rejected: 'Rejected',
  deprecated: 'Deprecated',
  superseded: 'Superseded',
  unknown: 'No known status',
};

/** The decision records by status: a count per status, then each status's records on a timeline by date (undated last). */
function statusTimeline(life: DecisionsByStatus, out: string[], link: Link): void {
  out.push('<section class="decisions" id="decisions">', '<h2>Decisions by status</h2>');
  out.push('<div class="cards statuses">');
  for (const g of life.statuses) out.push(`<div class="card"><b>${g.records.length}</b><a href="#status-${g.status}">${esc(STATUS_TITLE[g.status] ?? g.status)}</a></div>`);
  out.push('</div>');
  const byDate = (a: LifeRecord, b: LifeRecord) =>
    (a.date ?? '\uffff').localeCompare(b.date ?? '\uffff') || (a.number ?? Infinity) - (b.number ?? Infinity) || a.path.localeCompare(b.path);
  for (const g of life.statuses) {
    out.push(`<h3 id="status-${g.status}">${esc(STATUS_TITLE[g.status] ?? g.status)} (${g.records.length})</h3>`, `<ol class="timeline status" data-status="${esc(g.status)}">`);
    for (const r of [...g.records].sort(byDate)) {
      const name = `${r.number !== undefined ? `${String(r.number).padStart(4, '0')} ` : ''}${r.title}`;
      const extra = [r.written ? `status written as “${esc(r.written)}”` : '', r.owner ? esc(r.owner) : '<span class="warn">unowned</span>'].filter(Boolean).join(' · ');
      out.push(`<li class="s-${g.status}"><span class="date">${esc(r.date ?? 'undated')}</span>${link(r, name)} <span class="muted">${extra}</span></li>`);
    }
    out.push('</ol>');
  }
  out.push('</section>');
}
