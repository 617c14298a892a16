/**
 * A deterministic generator of a product team's documentation workspace, for `npm run bench`.
 *
 *   npx tsx bench/generate.ts <folder> [--count 10000] [--seed 1]
 *
 * Writes `count` Charter documents (plus about 5% plain notes and a few READMEs that are
 * not documents) into <folder>:
 *
 * - docs/CHARTER.md                      the team: 12 people (PM, EM, Tech Lead, designer, engineers)
 * - docs/<area>/DECISIONS.md             one decision log per area (≈1% of the documents), 20–2,000
 *                                        entries each, in every shape: key–value lines, bold fields,
 *                                        list fields, and tables with an owner column
 * - docs/prd/<area>/<slug>.md            PRDs (≈40% of the rest)
 * - docs/sdd/<area>/<slug>.sdd.md        SDDs with `prd:` links to generated PRDs (≈35%)
 * - docs/adr/NNNN-<slug>.md              MADR records with decision-makers (≈25%)
 * - docs/notes/<area>/<slug>.md, docs/prd/<area>/README.md   plain markdown, never documents
 *
 * Sizes: every document draws a target size from a Pareto distribution (α = 1.5) starting at
 * 2 KB and capped at 200 KB: the median is about 3.2 KB, ~3% are above 20 KB, ~0.3% above
 * 100 KB and ~0.1% sit at the 200 KB cap; the mean is about 5.5 KB. Decision logs take their
 * entry count from their size (at least 20); the first log always has 2,000 entries (mostly
 * table rows, ≈200 KB). Bodies are prose paragraphs, lists, code fences, tables and links.
 *
 * Problems: about 10% of the documents carry one planted problem (a missing or empty
 * section, a TBD, joint or unknown owner, an impossible date, a broken link); in a decision
 * log chosen for problems a few entries carry them. Everything else is meant to be clean.
 *
 * The only source of randomness is a seeded PRNG (mulberry32) and files are written in a fixed
 * order with fixed content: the same seed and count give byte-identical output.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

// ---------------------------------------------------------------------------------------------
// Randomness

/** The largest target size: the last block written may pass it by a few hundred bytes. */
const MAX_SIZE = 198 * 1024;

export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 0x9e3779b9;
  }
  /** A float in [0, 1). */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** A document size in bytes: Pareto(α = 1.5) from 2 KB, capped at 200 KB. */
  size(): number {
    const u = 1 - this.next(); // (0, 1]
    return Math.min(MAX_SIZE, Math.round(2048 * Math.pow(u, -1 / 1.5)));
  }
}

// ---------------------------------------------------------------------------------------------
// Words

const NOUNS = [
  'basket',
  'checkout',
  'order',
  'invoice',
  'shopper',
  'catalogue',
  'price',
  'discount',
  'voucher',
  'warehouse',
  'shipment',
  'return',
  'refund',
  'account',
  'session',
  'search index',
  'recommendation',
  'review',
  'wishlist',
  'payment',
  'subscription',
  'notification',
  'e-mail',
  'report',
  'dashboard',
  'export',
  'import',
  'feed',
  'partner',
  'merchant',
  'supplier',
  'stock level',
  'delivery slot',
  'courier',
  'label',
  'tax rule',
  'currency',
  'locale',
  'consent',
  'audit log',
  'API',
  'webhook',
  'queue',
  'cache',
  'schema',
  'migration',
  'service',
  'cluster',
  'job',
  'pipeline',
];
const VERBS = [
  'ships',
  'stores',
  'validates',
  'retries',
  'reconciles',
  'publishes',
  'caches',
  'expires',
  'merges',
  'splits',
  'indexes',
  'exports',
  'notifies',
  'rejects',
  'batches',
  'throttles',
  'audits',
  'archives',
  'renders',
  'syncs',
];
const VERB_BASE = [
  'ship',
  'store',
  'validate',
  'retry',
  'reconcile',
  'publish',
  'cache',
  'expire',
  'merge',
  'split',
  'index',
  'export',
  'notify',
  'reject',
  'batch',
  'throttle',
  'audit',
  'archive',
  'render',
  'sync',
];
const ADJS = [
  'guest',
  'signed-in',
  'mobile',
  'desktop',
  'international',
  'wholesale',
  'recurring',
  'partial',
  'delayed',
  'duplicate',
  'stale',
  'large',
  'small',
  'first-time',
  'returning',
  'seasonal',
  'regional',
  'premium',
  'legacy',
  'new',
];
const CONNECT = ['because', 'so that', 'while', 'although', 'unless', 'after', 'before', 'whenever', 'since', 'until'];
const PLACES = [
  'in the storefront',
  'in the basket service',
  'at checkout',
  'in the nightly job',
  'on the order page',
  'in the partner API',
  'behind the feature flag',
  'in the data warehouse',
  'on mobile',
  'in the admin tool',
  'for the EU region',
  'during peak weeks',
];
const OPENERS = [
  'Today',
  'In the last quarter',
  'Since the migration',
  'According to support',
  'In user interviews',
  'In the load tests',
  'For most shoppers',
  'During the spring launch',
  'In practice',
  'Historically',
];
const NUMBERS = ['3%', '12%', '38%', 'half', 'two thirds', 'one in five', '200 ms', '1.2 s', '15 GB', '4.3 items', '210 tickets a month', '2 million rows', 'p95', '99.9%'];
const LANGS = ['ts', 'sql', 'yaml', 'json', 'text', 'sh', 'go', 'python'];

const DOMAINS = [
  'checkout',
  'basket',
  'search',
  'payments',
  'returns',
  'shipping',
  'catalogue',
  'pricing',
  'accounts',
  'loyalty',
  'reviews',
  'inventory',
  'partners',
  'notifications',
  'analytics',
  'fraud',
  'tax',
  'onboarding',
  'support',
  'billing',
  'subscriptions',
  'marketplace',
  'fulfilment',
  'identity',
  'content',
];
const FACETS = [
  'core',
  'mobile',
  'web',
  'api',
  'platform',
  'growth',
  'ops',
  'data',
  'b2b',
  'eu',
  'us',
  'apac',
  'admin',
  'tools',
  'infra',
  'experience',
  'quality',
  'compliance',
  'partners',
  'labs',
];

const SECTION_FILLER = [
  'Background notes',
  'Details',
  'Examples',
  'Edge cases',
  'Data',
  'Notes',
  'Dependencies',
  'Risks',
  'Observability',
  'Rollout',
  'Security',
  'Privacy',
  'Accessibility',
  'Support',
  'Metrics',
  'FAQ',
];

// ---------------------------------------------------------------------------------------------
// The team

export interface Person {
  name: string;
  role: string;
  handle: string;
  email: string;
}

const TEAM: [string, string][] = [
  ['Priya Raman', 'PM'],
  ['Tomás Ortega', 'EM'],
  ['Mei Lin', 'Tech Lead'],
  ['Jonah Brandt', 'Product Designer'],
  ['Ada Okafor', 'Software Engineer'],
  ['Sam Whitfield', 'Software Engineer'],
  ['Lena Fischer', 'Software Engineer'],
  ['Ravi Menon', 'Senior Software Engineer'],
  ['Chloé Martin', 'Software Engineer'],
  ['Kofi Mensah', 'Software Engineer'],
  ['Hana Sato', 'QA Engineer'],
  ['Diego Alvarez', 'Data Engineer'],
];
/** Names nobody in the charter has: planted unknown owners. */
const STRANGERS = ['Dmitri Volkov', 'Grace Hopper', 'Olu Adeyemi', 'Ingrid Berg', 'Marco Rossi', 'Yuki Tanaka'];

function slugify(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const PEOPLE: Person[] = TEAM.map(([name, role]) => {
  const [first, last] = slugify(name).split('-');
  return { name, role, handle: `${first}-${last[0]}`, email: `${first}.${last}@larkspur.example` };
});
const PM = PEOPLE[0];
const EM = PEOPLE[1];

// ---------------------------------------------------------------------------------------------
// Text

function plural(s: string): string {
  if (/[^aeiou]y$/.test(s)) return `${s.slice(0, -1)}ies`;
  if (/(?:s|x|ch|sh)$/.test(s)) return `${s}es`;
  return `${s}s`;
}

function cap(s: string): string {
  return s[0].toUpperCase() + s.slice(1);
}

function sentence(r: Rng): string {
  const shape = r.int(0, 4);
  switch (shape) {
    case 0:
      return `${r.pick(OPENERS)}, the ${r.pick(ADJS)} ${r.pick(NOUNS)} ${r.pick(VERBS)} every ${r.pick(NOUNS)} ${r.pick(PLACES)}.`;
    case 1:
      return `${cap(r.pick(ADJS))} ${plural(r.pick(NOUNS))} make up ${r.pick(NUMBERS)} of the ${r.pick(NOUNS)} traffic ${r.pick(PLACES)}, ${r.pick(CONNECT)} the ${r.pick(NOUNS)} ${r.pick(VERBS)} them.`;
    case 2:
      return `The ${r.pick(NOUNS)} ${r.pick(VERBS)} the ${r.pick(ADJS)} ${r.pick(NOUNS)} ${r.pick(CONNECT)} the ${r.pick(NOUNS)} ${r.pick(VERBS)} it ${r.pick(PLACES)}.`;
    case 3:
      return `We measured ${r.pick(NUMBERS)} for the ${r.pick(NOUNS)} ${r.pick(PLACES)}; the target is ${r.pick(NUMBERS)}.`;
    default:
      return `Nobody expects the ${r.pick(NOUNS)} to change ${r.pick(CONNECT)} the ${r.pick(ADJS)} ${r.pick(NOUNS)} is ${r.pick(['gone', 'ready', 'migrated', 'stable', 'documented'])}.`;
  }
}

/** A paragraph wrapped at about 90 columns, like hand-written markdown. */
function paragraph(r: Rng, sentences = r.int(2, 6)): string {
  const words = Array.from({ length: sentences }, () => sentence(r))
    .join(' ')
    .split(' ');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > 90) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}

function bulletList(r: Rng, n = r.int(3, 7)): string {
  const mark = r.pick(['-', '*', '1.']);
  return Array.from({ length: n }, (_, i) => `${mark === '1.' ? `${i + 1}.` : mark} ${sentence(r)}`).join('\n');
}

function codeFence(r: Rng): string {
  const lang = r.pick(LANGS);
  const lines: string[] = [];
  const n = r.int(4, 16);
  for (let i = 0; i < n; i++) {
    const a = slugify(r.pick(NOUNS)).replace(/-/g, '_');
    const b = slugify(r.pick(NOUNS)).replace(/-/g, '_');
    switch (lang) {
      case 'sql':
        lines.push(i === 0 ? `CREATE TABLE ${a}s (` : i === n - 1 ? ');' : `  ${b}_id bigint NOT NULL${i % 3 === 0 ? ' REFERENCES ' + a + 's(id)' : ''},`);
        break;
      case 'yaml':
        lines.push(`${'  '.repeat(i % 3)}${a}: ${r.int(1, 500)}`);
        break;
      case 'json':
        lines.push(i === 0 ? '{' : i === n - 1 ? '}' : `  "${a}": "${b}",`);
        break;
      case 'sh':
        lines.push(`kubectl -n ${a} rollout status deploy/${b} --timeout=${r.int(30, 300)}s`);
        break;
      default:
        lines.push(`${'  '.repeat(i % 2)}const ${a} = await ${b}.${r.pick(VERB_BASE)}(${r.int(0, 99)}); // # not a heading`);
    }
  }
  return `\`\`\`${lang}\n${lines.join('\n')}\n\`\`\``;
}

function table(r: Rng, header: string[], rows = r.int(3, 9)): string {
  const out = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (let i = 0; i < rows; i++)
    out.push(
      `| ${header.map((h, j) => (j === 0 ? `${cap(r.pick(ADJS))} ${r.pick(NOUNS)}` : h === 'Priority' ? r.pick(['Must', 'Should', 'Could']) : r.pick(NUMBERS))).join(' | ')} |`,
    );
  return out.join('\n');
}

/** A filler block: mostly prose, sometimes a list, a code fence or a table, sometimes with a link. */
function block(r: Rng, links: () => string | undefined): string {
  const k = r.next();
  if (k < 0.55) {
    const p = paragraph(r);
    const l = r.chance(0.25) ? links() : undefined;
    return l ? `${p} See ${l} for more.` : p;
  }
  if (k < 0.78) return bulletList(r);
  if (k < 0.9) return codeFence(r);
  return table(r, ['Case', 'Today', 'Target']);
}

/** Appends filler sections until the text reaches its target size. */
function fillTo(r: Rng, parts: string[], target: number, links: () => string | undefined, level = '##'): void {
  let size = parts.reduce((n, p) => n + p.length + 2, 0);
  while (size < target) {
    const heading = `${level} ${r.pick(SECTION_FILLER)}${r.chance(0.3) ? ` — ${r.pick(NOUNS)}` : ''}`;
    parts.push(heading);
    size += heading.length + 2;
    const n = r.int(2, 6);
    for (let i = 0; i < n && (i === 0 || size < target); i++) {
      const b = block(r, links);
      parts.push(b);
      size += b.length + 2;
    }
  }
}

function date(r: Rng, fromYear = 2019, toYear = 2025): string {
  const y = r.int(fromYear, toYear);
  const m = r.int(1, 12);
  const d = r.int(1, 28);
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const BAD_DATES = ['2024-02-30', '2023-13-01', '2025-04-31', '2022-00-10', '03/04/2024'];

function title(r: Rng): string {
  return `${cap(r.pick(ADJS))} ${plural(r.pick(NOUNS))} ${r.pick(['in', 'for', 'at', 'across'])} ${r.pick(['checkout', 'the storefront', 'the app', 'partner feeds', 'the warehouse', 'search', 'the EU', 'support tools'])}`;
}

// ---------------------------------------------------------------------------------------------
// The workspace plan

export type GenKind = 'charter' | 'prd' | 'sdd' | 'adr' | 'decision-log' | 'note';

interface Planned {
  kind: GenKind;
  path: string;
  area: string;
  title: string;
  size: number;
  problem: boolean;
  /** For SDDs: the PRD they implement. */
  prd?: string;
}

export interface GenerateOptions {
  count?: number;
  seed?: number;
}

export interface GenerateStats {
  documents: number;
  notes: number;
  files: number;
  bytes: number;
  byKind: Record<string, { files: number; bytes: number }>;
  /** Files per size bucket (all markdown files). */
  sizeBuckets: { bucket: string; files: number; bytes: number }[];
  largest: { path: string; bytes: number }[];
  withProblems: number;
  decisionEntries: number;
  maxEntries: number;
}

const BUCKETS: [string, number][] = [
  ['< 4 KB', 4 * 1024],
  ['4–10 KB', 10 * 1024],
  ['10–20 KB', 20 * 1024],
  ['20–50 KB', 50 * 1024],
  ['50–100 KB', 100 * 1024],
  ['100–200 KB', 200 * 1024 + 1],
  ['> 200 KB', Infinity],
];

function plan(r: Rng, count: number): Planned[] {
  const out: Planned[] = [];
  const areaCount = Math.max(2, Math.round(count / 100));
  const areas: string[] = [];
  const seen = new Set<string>();
  while (areas.length < areaCount) {
    const a = seen.size < DOMAINS.length ? DOMAINS[areas.length] : `${r.pick(DOMAINS)}-${r.pick(FACETS)}`;
    if (seen.has(a)) continue;
    seen.add(a);
    areas.push(a);
  }
  out.push({ kind: 'charter', path: 'docs/CHARTER.md', area: '', title: 'Larkspur commerce team charter', size: 6000, problem: false });
  for (let i = 0; i < areaCount && out.length < count; i++) {
    out.push({
      kind: 'decision-log',
      path: `docs/${areas[i]}/DECISIONS.md`,
      area: areas[i],
      title: `${cap(areas[i])} decision log`,
      size: i === 0 ? MAX_SIZE : Math.min(MAX_SIZE, r.size() * 4),
      problem: r.chance(0.1),
    });
  }
  const rest = count - out.length;
  const prds = Math.round(rest * 0.4);
  const sdds = Math.round(rest * 0.35);
  const adrs = rest - prds - sdds;
  const used = new Set<string>();
  const unique = (base: string) => {
    let s = base;
    for (let n = 2; used.has(s); n++) s = `${base}-${n}`;
    used.add(s);
    return s;
  };
  const prdPaths: string[] = [];
  for (let i = 0; i < prds; i++) {
    const area = r.pick(areas);
    const t = title(r);
    const p = unique(`docs/prd/${area}/${slugify(t)}`) + '.md';
    prdPaths.push(p);
    out.push({ kind: 'prd', path: p, area, title: t, size: r.size(), problem: r.chance(0.1) });
  }
  for (let i = 0; i < sdds; i++) {
    const prd = prdPaths.length ? r.pick(prdPaths) : undefined;
    const area = prd ? prd.split('/')[2] : r.pick(areas);
    const t = title(r);
    out.push({ kind: 'sdd', path: unique(`docs/sdd/${area}/${slugify(t)}`) + '.sdd.md', area, title: `${t} — solution design`, size: r.size(), problem: r.chance(0.1), prd });
  }
  for (let i = 0; i < adrs; i++) {
    const t = `${cap(r.pick(VERB_BASE))} ${plural(r.pick(NOUNS))} ${r.pick(PLACES)}`;
    out.push({ kind: 'adr', path: `docs/adr/${String(i + 1).padStart(4, '0')}-${slugify(t)}.md`, area: r.pick(areas), title: t, size: r.size(), problem: r.chance(0.1) });
  }
  const notes = Math.round(count * 0.05);
  for (let i = 0; i < notes; i++) {
    const area = r.pick(areas);
    const t = `${cap(r.pick(['meeting notes', 'retro', 'onboarding', 'runbook', 'glossary', 'ideas']))} ${r.pick(NOUNS)}`;
    out.push({ kind: 'note', path: unique(`docs/notes/${area}/${slugify(t)}`) + '.md', area, title: t, size: Math.min(r.size(), 30 * 1024), problem: false });
  }
  // A README in a few PRD folders: never a PRD by accident.
  for (const area of areas.slice(0, Math.min(areas.length, 10))) {
    out.push({ kind: 'note', path: `docs/prd/${area}/README.md`, area, title: `${cap(area)} PRDs`, size: 2500, problem: false });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Documents

function relLink(from: string, to: string): string {
  return path.posix.relative(path.posix.dirname(from), to);
}

function frontMatter(fields: [string, string | undefined][]): string {
  return ['---', ...fields.filter(([, v]) => v !== undefined).map(([k, v]) => `${k}: ${v}`), '---'].join('\n');
}

type LinkPool = { all: Planned[] };

function linker(r: Rng, doc: Planned, pool: LinkPool): () => string | undefined {
  return () => {
    const target = pool.all[Math.floor(r.next() * pool.all.length)];
    if (!target || target.path === doc.path) return undefined;
    return `[${target.title}](${relLink(doc.path, target.path)})`;
  };
}

function charter(): string {
  const fm = [
    '---',
    'type: charter',
    'title: Larkspur commerce team charter',
    'people:',
    ...PEOPLE.flatMap((p) => [`  - name: ${p.name}`, `    role: ${p.role}`, `    handle: ${p.handle}`, `    email: ${p.email}`]),
    'responsibilities:',
    ...[
      ['Product research and customer interviews', 'PM'],
      ['Team goals and quarterly objectives', 'PM'],
      ['Iteration planning and backlog order', 'PM'],
      ['Hiring', 'EM'],
      ['Iteration execution and on-call health', 'EM'],
      ['Reporting to the engineering leadership', 'EM'],
      ['Career development', 'EM'],
      ['Technical design review', 'Tech Lead'],
      ['Interaction and visual design', 'Product Designer'],
    ].flatMap(([n, role]) => [`  - name: ${n}`, `    role: ${role}`]),
    '---',
  ].join('\n');
  const body = [
    '# Larkspur commerce team charter',
    'The commerce team owns everything a Larkspur shopper does between "Add to basket" and the\nparcel at the door. We do not own the product catalogue or marketing e-mail.',
    '## How we decide',
    '| area | question | owner | written in |\n|------|----------|-------|------------|\n| Why | why this problem is worth solving now | PM | PRD |\n| What | what exactly ships | PM | PRD |\n| How | the technical solution | EM | SDD, ADRs |\n| Who | which engineers build it | EM | SDD |\n| When | the date it reaches customers | EM | SDD |',
    'Every decision has exactly one owner. Decisions go into the decision log of their area;\narchitecture decisions get an [ADR](adr/) each.',
    '## Working agreements',
    '- Planning every second Monday; a demo every second Friday.\n- A PRD is reviewed by the whole team before SDD work starts.\n- An SDD names its PRD in its front matter.\n- Anyone may append to a decision log, but the entry names its one decision maker.',
  ];
  return `${fm}\n\n${body.join('\n\n')}\n`;
}

type Problem = 'missing-section' | 'empty-section' | 'tbd-owner' | 'joint-owner' | 'unknown-owner' | 'bad-date' | 'broken-link' | 'no-owner';

function prd(r: Rng, doc: Planned, pool: LinkPool): string {
  const problem: Problem | undefined = doc.problem
    ? r.pick(['missing-section', 'empty-section', 'tbd-owner', 'joint-owner', 'unknown-owner', 'bad-date', 'broken-link', 'no-owner'] as const)
    : undefined;
  const owner =
    problem === 'tbd-owner'
      ? 'TBD'
      : problem === 'joint-owner'
        ? `${PM.name} and ${EM.name}`
        : problem === 'unknown-owner'
          ? r.pick(STRANGERS)
          : problem === 'no-owner'
            ? undefined
            : r.pick([PM.name, PM.name, `"@${PM.handle}"`]);
  const fm = frontMatter([
    ['title', doc.title],
    ['owner', owner],
    ['status', r.pick(['draft', 'in review', 'approved', 'shipped'])],
    ['date', problem === 'bad-date' ? r.pick(BAD_DATES) : date(r)],
    ['reviewers', `[${EM.name}, ${PEOPLE[2].name}]`],
  ]);
  const links = linker(r, doc, pool);
  const parts = [fm, `# ${doc.title}`, paragraph(r)];
  const drop = problem === 'missing-section' ? r.pick(['why', 'what']) : undefined;
  if (drop !== 'why') {
    parts.push(`## ${r.pick(['Problem', 'Why', 'Problem statement', 'Background', '1. Problem', 'Motivation'])}`, paragraph(r), bulletList(r), paragraph(r));
  }
  parts.push(`## Goals`, bulletList(r, r.int(2, 5)));
  if (problem === 'empty-section') parts.push('## Requirements', r.pick(['TBD', 'TODO: write the requirements', '{requirements}', '<!-- What ships: the requirements -->']));
  else if (drop !== 'what')
    parts.push(`## ${r.pick(['Requirements', 'What', 'Scope', 'Product requirements', '2. Requirements'])}`, paragraph(r), table(r, ['Requirement', 'Priority', 'Metric']));
  parts.push('## Success metrics', bulletList(r, r.int(2, 4)));
  if (problem === 'broken-link') parts.push(`The earlier analysis is in [the ${r.pick(NOUNS)} study](../../research/${slugify(r.pick(NOUNS))}-study.md).`);
  else if (r.chance(0.6)) parts.push(`Related: ${links() ?? 'none yet'}.`);
  fillTo(r, parts, doc.size, links);
  parts.push('## Open questions', bulletList(r, r.int(1, 3)));
  return parts.join('\n\n') + '\n';
}

function sdd(r: Rng, doc: Planned, pool: LinkPool, adrs: Planned[]): string {
  const problem: Problem | undefined = doc.problem ? r.pick(['missing-section', 'empty-section', 'unknown-owner', 'bad-date', 'broken-link', 'joint-owner'] as const) : undefined;
  const prdLink = problem === 'broken-link' ? `../../prd/${doc.area}/${slugify(r.pick(NOUNS))}-that-was-renamed.md` : doc.prd ? relLink(doc.path, doc.prd) : undefined;
  const owner = problem === 'unknown-owner' ? r.pick(STRANGERS) : problem === 'joint-owner' ? `${EM.name}, ${PEOPLE[2].name}` : EM.name;
  const fm = frontMatter([
    ['type', r.chance(0.1) ? 'sdd' : undefined],
    ['title', doc.title],
    ['prd', prdLink],
    ['owner', owner],
    ['author', r.pick(PEOPLE.slice(2)).name],
    ['status', r.pick(['draft', 'approved', 'implemented'])],
    ['date', problem === 'bad-date' ? r.pick(BAD_DATES) : date(r)],
  ]);
  const links = linker(r, doc, pool);
  const adr = adrs.length ? r.pick(adrs) : undefined;
  const parts = [
    fm,
    `# ${doc.title}`,
    `This design implements ${prdLink ? `[the PRD](${prdLink})` : 'the PRD'}.${adr ? ` The storage choice is [${adr.title}](${relLink(doc.path, adr.path)}).` : ''}`,
  ];
  parts.push(
    `## ${r.pick(['Design', 'Technical design', 'Architecture', 'Approach', 'Solution'])}`,
    paragraph(r),
    codeFence(r),
    paragraph(r),
    `### ${cap(r.pick(NOUNS))}`,
    bulletList(r),
  );
  const drop = problem === 'missing-section' ? r.pick(['who', 'when']) : undefined;
  if (drop !== 'who') {
    parts.push(`## ${r.pick(['Team', 'Who', 'Staffing', 'People'])}`);
    parts.push(
      problem === 'empty-section'
        ? 'TBD'
        : PEOPLE.slice(2, 2 + r.int(2, 5))
            .map((p) => `- ${p.name} (${p.role})`)
            .join('\n'),
    );
  }
  if (drop !== 'when') {
    parts.push(`## ${r.pick(['Timeline', 'Milestones', 'When', 'Schedule'])}`);
    const rows = Array.from({ length: r.int(3, 6) }, (_, i) => `| M${i + 1} | ${cap(r.pick(ADJS))} ${r.pick(NOUNS)} | ${date(r, 2025, 2026)} |`);
    parts.push(['| Milestone | What | Date |', '|---|---|---|', ...rows].join('\n'));
  }
  fillTo(r, parts, doc.size, links);
  parts.push('## Alternatives considered', bulletList(r, r.int(2, 4)));
  return parts.join('\n\n') + '\n';
}

function adr(r: Rng, doc: Planned, pool: LinkPool): string {
  const problem: Problem | undefined = doc.problem ? r.pick(['tbd-owner', 'joint-owner', 'unknown-owner', 'bad-date', 'missing-section', 'broken-link'] as const) : undefined;
  const makers =
    problem === 'tbd-owner'
      ? 'TBD'
      : problem === 'joint-owner'
        ? `[${EM.name}, ${PM.name}]`
        : problem === 'unknown-owner'
          ? r.pick(STRANGERS)
          : r.pick([EM.name, EM.name, `"@${EM.handle}"`]);
  const fm = frontMatter([
    ['status', r.pick(['accepted', 'accepted', 'proposed', 'superseded'])],
    ['date', problem === 'bad-date' ? r.pick(BAD_DATES) : date(r)],
    ['decision-makers', makers],
    ['consulted', `${PEOPLE[2].name}, ${r.pick(PEOPLE.slice(4)).name}`],
    ['informed', PM.name],
  ]);
  const links = linker(r, doc, pool);
  const options = Array.from({ length: r.int(2, 4) }, () => `${cap(r.pick(ADJS))} ${r.pick(NOUNS)}`);
  const parts = [fm, `# ${doc.title}`];
  if (problem !== 'missing-section')
    parts.push(
      '## Context and Problem Statement',
      paragraph(r),
      problem === 'broken-link' ? `The incident is written up in [the postmortem](../postmortems/${slugify(r.pick(NOUNS))}.md).` : (links() ?? paragraph(r, 1)),
    );
  parts.push('## Decision Drivers', bulletList(r, r.int(2, 5)));
  parts.push('## Considered Options', options.map((o) => `- ${o}`).join('\n'));
  parts.push(
    '## Decision Outcome',
    `Chosen option: "${options[0]}", because ${sentence(r).replace(/^./, (c) => c.toLowerCase())}`,
    '### Consequences',
    `- Good, because ${sentence(r).toLowerCase()}\n- Bad, because ${sentence(r).toLowerCase()}`,
  );
  parts.push('## Pros and Cons of the Options');
  for (const o of options) parts.push(`### ${o}`, `- Good, because ${sentence(r).toLowerCase()}\n- Bad, because ${sentence(r).toLowerCase()}`);
  fillTo(r, parts, doc.size, links, '###');
  return parts.join('\n\n') + '\n';
}

const AREA_OWNER: Record<string, Person> = { Why: PM, What: PM, How: EM, Who: EM, When: EM };

function ownerFor(r: Rng, area: string): string {
  const p = AREA_OWNER[area];
  const k = r.next();
  return k < 0.7 ? p.name : k < 0.85 ? `@${p.handle}` : k < 0.95 ? p.name.split(' ')[0] : p.role;
}

/** A decision log with entries in all shapes; returns the text and the number of entries. */
function decisionLog(r: Rng, doc: Planned, adrs: Planned[]): { text: string; entries: number } {
  const biggest = doc.size >= MAX_SIZE;
  const parts = [
    `# ${doc.title}`,
    `Decisions of the ${doc.area} area that are too small for an ADR. Newest at the bottom. Each entry says\nwhen, what, why, what else was considered, and the one person who decided.`,
  ];
  // Table rows are ~110 bytes, field entries ~600: aim for the size, at least 20 and at most 2,000 entries.
  const tableShare = biggest ? 0.9 : r.next() * 0.6;
  const avg = tableShare * 110 + (1 - tableShare) * 600;
  const target = biggest ? 2000 : Math.max(20, Math.min(2000, Math.round(doc.size / avg)));
  const problemEntries = new Set<number>();
  if (doc.problem) for (let i = 0; i < r.int(2, 5); i++) problemEntries.add(r.int(0, target - 1));
  const dominant = r.int(0, 2);
  let n = 0;
  let seq = 0;
  const plantedOwner = (i: number, area: string): string => {
    if (!problemEntries.has(i)) return ownerFor(r, area);
    return r.pick(['TBD', '?', `${PM.name.split(' ')[0]} and ${EM.name.split(' ')[0]}`, r.pick(STRANGERS), ownerFor(r, area)]);
  };
  const plantedDate = (i: number): string => (problemEntries.has(i) && r.chance(0.3) ? r.pick(BAD_DATES) : date(r));
  while (n < target) {
    if (r.chance(tableShare) && target - n >= 5) {
      // A group of decisions, one a row, with an owner column.
      const rows = Math.min(target - n, r.int(5, biggest ? 120 : 40));
      parts.push(
        `## ${r.pick(['Small decisions', 'Decisions made in Slack', 'Quick calls', 'Minor decisions'])} ${++seq}`,
        'One decision a row; the thread is linked where there was one.',
      );
      const lines = ['| Date | Decision | Area | Owner |', '|------|----------|------|-------|'];
      for (let i = 0; i < rows; i++, n++) {
        const area = r.pick(['What', 'How', 'How', 'When', 'Why', 'Who']);
        lines.push(`| ${plantedDate(n)} | ${cap(r.pick(ADJS))} ${plural(r.pick(NOUNS))} ${r.pick(VERB_BASE)} ${r.pick(PLACES)} | ${area} | ${plantedOwner(n, area)} |`);
      }
      parts.push(lines.join('\n'));
      continue;
    }
    const shape = r.chance(0.6) ? dominant : r.int(0, 2);
    const area = r.pick(['What', 'How', 'How', 'When', 'Why', 'Who']);
    const ownerKey = r.pick(['Decision maker', 'Owner', 'Decided by', 'DRI', 'Decision maker']);
    const fields: [string, string][] = [];
    if (!(problemEntries.has(n) && r.chance(0.2))) fields.push(['Date', plantedDate(n)]);
    fields.push(
      ['Decision', sentence(r)],
      ['Context', paragraph(r, r.int(1, 2)).replace(/\n/g, ' ')],
      ['Alternatives', `${cap(r.pick(ADJS))} ${r.pick(NOUNS)}; ${r.pick(ADJS)} ${r.pick(NOUNS)}.`],
      ['Trade-offs', sentence(r)],
      ['Area', area],
    );
    if (problemEntries.has(n) && r.chance(0.3) && adrs.length) fields.push(['Supersedes', `ADR-${String(adrs.length + r.int(100, 900)).padStart(4, '0')}`]);
    fields.push([ownerKey, plantedOwner(n, area)]);
    const heading = `## ${cap(r.pick(ADJS))} ${plural(r.pick(NOUNS))} ${r.pick(VERB_BASE)} ${r.pick(PLACES)} (${n + 1})`;
    const body = fields.map(([k, v]) => (shape === 0 ? `${k}: ${v}` : shape === 1 ? `**${k}:** ${v}` : `- **${k}**: ${v}`)).join('\n');
    parts.push(heading, body);
    n++;
  }
  return { text: parts.join('\n\n') + '\n', entries: n };
}

function note(r: Rng, doc: Planned, pool: LinkPool): string {
  const links = linker(r, doc, pool);
  const parts = [`# ${doc.title}`, paragraph(r), bulletList(r)];
  fillTo(r, parts, doc.size, links);
  return parts.join('\n\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Generates the workspace into `dir` (created; existing files there are overwritten, not removed). */
export function generateWorkspace(dir: string, options: GenerateOptions = {}): GenerateStats {
  const count = options.count ?? 10_000;
  const seed = options.seed ?? 1;
  const r = new Rng(seed);
  const docs = plan(r, count);
  const pool: LinkPool = { all: docs.filter((d) => d.kind !== 'note') };
  const adrs = docs.filter((d) => d.kind === 'adr');
  const stats: GenerateStats = {
    documents: 0,
    notes: 0,
    files: 0,
    bytes: 0,
    byKind: {},
    sizeBuckets: BUCKETS.map(([bucket]) => ({ bucket, files: 0, bytes: 0 })),
    largest: [],
    withProblems: 0,
    decisionEntries: 0,
    maxEntries: 0,
  };
  const made = new Set<string>();
  const all: { path: string; bytes: number }[] = [];
  for (const doc of docs) {
    // Each document has its own stream, so a change in one kind's text leaves the others alone.
    const dr = new Rng((seed * 2654435761) ^ hash(doc.path));
    let text: string;
    switch (doc.kind) {
      case 'charter':
        text = charter();
        break;
      case 'prd':
        text = prd(dr, doc, pool);
        break;
      case 'sdd':
        text = sdd(dr, doc, pool, adrs);
        break;
      case 'adr':
        text = adr(dr, doc, pool);
        break;
      case 'decision-log': {
        const d = decisionLog(dr, doc, adrs);
        text = d.text;
        stats.decisionEntries += d.entries;
        stats.maxEntries = Math.max(stats.maxEntries, d.entries);
        break;
      }
      default:
        text = note(dr, doc, pool);
    }
    const abs = path.join(dir, ...doc.path.split('/'));
    const parent = path.dirname(abs);
    if (!made.has(parent)) {
      fs.mkdirSync(parent, { recursive: true });
      made.add(parent);
    }
    const buf = Buffer.from(text, 'utf8');
    fs.writeFileSync(abs, buf);
    const bytes = buf.length;
    stats.files++;
    stats.bytes += bytes;
    if (doc.kind === 'note') stats.notes++;
    else stats.documents++;
    if (doc.problem) stats.withProblems++;
    const k = (stats.byKind[doc.kind] ??= { files: 0, bytes: 0 });
    k.files++;
    k.bytes += bytes;
    const b = stats.sizeBuckets[BUCKETS.findIndex(([, max]) => bytes < max)];
    b.files++;
    b.bytes += bytes;
    all.push({ path: doc.path, bytes });
  }
  stats.largest = all.sort((a, b) => b.bytes - a.bytes || (a.path < b.path ? -1 : 1)).slice(0, 5);
  return stats;
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The distribution as a markdown table. */
export function describeStats(s: GenerateStats): string {
  const mb = (n: number) => (n / 1024 / 1024).toFixed(1);
  const kb = (n: number) => (n / 1024).toFixed(1);
  const lines = [
    `${s.documents} documents + ${s.notes} plain notes = ${s.files} files, ${mb(s.bytes)} MB; ${s.withProblems} documents with planted problems; ${s.decisionEntries} decision-log entries (largest log: ${s.maxEntries})`,
    '',
    '| kind | files | MB | mean KB |',
    '|---|---:|---:|---:|',
    ...Object.entries(s.byKind).map(([k, v]) => `| ${k} | ${v.files} | ${mb(v.bytes)} | ${kb(v.bytes / v.files)} |`),
    '',
    '| size | files | share | MB |',
    '|---|---:|---:|---:|',
    ...s.sizeBuckets.filter((b) => b.files > 0 || b.bucket !== '> 200 KB').map((b) => `| ${b.bucket} | ${b.files} | ${((b.files / s.files) * 100).toFixed(1)}% | ${mb(b.bytes)} |`),
    '',
    `Largest: ${s.largest.map((l) => `${l.path} (${kb(l.bytes)} KB)`).join(', ')}`,
  ];
  return lines.join('\n');
}

if (require.main === module) {
  const args = process.argv.slice(2);
  const opt = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const count = Number(opt('--count') ?? 10_000);
  const seed = Number(opt('--seed') ?? 1);
  const dir = args[0];
  if (!dir || !Number.isInteger(count) || count < 3 || !Number.isInteger(seed)) {
    process.stderr.write('usage: npx tsx bench/generate.ts <folder> [--count N (≥3)] [--seed S]\n');
    process.exit(2);
  }
  const t0 = Date.now();
  const stats = generateWorkspace(path.resolve(dir), { count, seed });
  process.stdout.write(`${describeStats(stats)}\n\nWritten to ${path.resolve(dir)} in ${Date.now() - t0} ms\n`);
}
