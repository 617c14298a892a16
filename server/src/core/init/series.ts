/**
 * `charter init`'s kinds of the team's own: folders of numbered or dated markdown files that
 * no built-in kind recognises but that are alike (a template's headings, or the headings most
 * of them share), and folders of decision records the built-in ADR globs miss.
 */
import { defaultConfig } from '../config';
import type { TemplateInfo } from '../contract/template';
import { isTemplatePath } from '../templatePath';
import { Classifier } from '../classify';
import { builtinKinds, DEFAULT_EXCLUDE, DECISION_FIELDS, PROPOSAL_GLOBS, SECTION_NAMES, type KindSpec } from '../kinds';
import { globListMatcher } from '../glob';
import { scanMarkdown } from '../scan';
import { distinctTerms, stripInline, termKey } from '../syntax';
import { LineIndex } from '../text';
import { MARKDOWN_RE, type WorkspaceIndex } from '../workspaceIndex';
import { lexiconFor } from '../lexicon';
import { ownerKeysOf } from '../fieldNames';
import type { Area } from '../areas';
import { indexUnder, warnings, type ReadText } from './indexUnder';
import { quote, sectionLine, type Choice } from './render';
import { baseName, cleanHeading, dirOf, escapeGlob, list } from './words';

/** Whether the built-in sdd kind finds a path only as a proposal or design in general (core/kinds.ts PROPOSAL_GLOBS). */
export const proposalPath = globListMatcher([...PROPOSAL_GLOBS]);

/** Numbered or dated names: `0001-x.md`, `rfc-100-x.md`, `22080-x.md`, `2025-01-02_x.md`, `20240508-S-x.md`. */
const SERIES_NAME = /^(?:([a-z]{1,6})([-_]?))?(\d{2,})(?:[-_. ]|$)/i;
/** Folder names that say nothing of what they hold: a kind is named after the folder above. */
const GENERIC_FOLDERS = new Set(['', '.', 'text', 'docs', 'doc', 'src', 'content', 'contents', 'pages', 'md', 'markdown', 'files', 'documentation', 'source']);
/** Names that say a series holds proposals, designs or decisions (a kind's name, its folder, its template). */
const DESIGN_NAMES =
  /^(?:rfcs?|(?!(?:steps?|deps?|reps?|preps?|peps?)$)[a-z]{1,3}eps?|proposals?|designs?|design-docs?|designdocs?|specs?|decisions?|decision-records?|records?|adrs?|one-?pagers?|enhancements?|enhancement-proposals?|[a-z]+-proposals?|[a-z]+-enhancement-proposals?)$/i;
/** Headings that hold the decision itself: a series of these holds one decision a file. */
const DECISION_HEADINGS = new Set(
  ['decision', 'decision outcome', 'outcome', 'resolution', 'chosen option', 'the decision', 'our decision', 'decision made', 'decided approach'].map(termKey),
);

/** A run of alike files: its folder, how its files are named, and the files. */
interface Series {
  /** The folder the series is in ('' for the root). */
  dir: string;
  /** `file`: `dir/0001-x.md`; `folder`: `dir/0001-x/<main>.md`. */
  shape: 'file' | 'folder';
  /** The letters before the number, as written ('rfc-'), or ''. */
  prefix: string;
  /** For a folder series: the main file's name when it is the same in every folder (README.md). */
  main?: string;
  /** Whether files in folders below `dir` belong too (`dir/**\/0001-x.md`). */
  deep: boolean;
  files: string[];
}

/**
 * Folders of numbered or dated markdown files that no built-in kind recognises, alike enough
 * to be a kind of their own: its name, globs, sections, decisions and owner.
 */
export function findSeries(base: WorkspaceIndex, files: readonly string[], read: ReadText, rootName: string, notes: string[][]): Choice[] {
  const excluded = new Classifier({ ...defaultConfig(), kinds: [{ ...builtinKinds()[0], include: DEFAULT_EXCLUDE, exclude: [] }] });
  const mdByDir = new Map<string, string[]>();
  for (const f of files) {
    if (!MARKDOWN_RE.test(f) || !base.isMarkdown(f)) continue;
    const dir = dirOf(f);
    let list = mdByDir.get(dir);
    if (!list) mdByDir.set(dir, (list = []));
    list.push(f);
  }
  const found = new Map<string, Series>();
  const add = (dir: string, shape: Series['shape'], prefix: string, f: string, main?: string) => {
    const key = `${shape}\u0000${dir}\u0000${prefix.toLowerCase()}`;
    let s = found.get(key);
    if (!s) found.set(key, (s = { dir, shape, prefix, deep: false, files: [], main }));
    if (s.main !== main) s.main = undefined;
    s.files.push(f);
  };
  // A series the sdd kind finds only as proposals or designs in general may still be a process of its own.
  const taken = (f: string) => {
    const d = base.documents.get(f);
    return Boolean(d) && !(d!.kind.builtin && d!.kind.name === 'sdd' && proposalPath(f));
  };
  for (const [dir, list] of mdByDir) {
    for (const f of list) {
      if (taken(f) || isTemplatePath(f)) continue;
      const name = baseName(f);
      const m = SERIES_NAME.exec(name);
      if (m && !excluded.kindByPath(f)) {
        add(dir, 'file', m[1] ? `${m[1]}${m[2]}` : '', f);
        continue;
      }
      // The one page of a numbered folder (`0001-x/README.md`, `08-notebook-diff/notebook-diff.md`).
      const folder = baseName(dir);
      const fm = SERIES_NAME.exec(folder);
      const pages = list.filter((x) => !isTemplatePath(x));
      const main = pages.length === 1 || /^(?:readme|index)\.(?:md|markdown)$/i.test(name);
      if (fm && !fm[1] && main && dir && !/^0+$/.test(fm[3])) add(dirOf(dir), 'folder', '', f, name);
    }
  }
  // A series in a folder below another one of the same naming is part of it (text/ and text/metrics/).
  const all = [...found.values()].sort((a, b) => a.dir.length - b.dir.length || (a.dir < b.dir ? -1 : a.dir > b.dir ? 1 : 0));
  const merged: Series[] = [];
  for (const s of all) {
    const into = merged.find(
      (m) => m.shape === 'file' && s.shape === 'file' && m.prefix.toLowerCase() === s.prefix.toLowerCase() && (m.dir === '' || s.dir.startsWith(`${m.dir}/`)),
    );
    if (into) {
      into.deep = true;
      into.files.push(...s.files);
    } else merged.push({ ...s, files: [...s.files] });
  }
  const names = new Set(builtinKinds().map((k) => k.name));
  const out: Choice[] = [];
  const records: AdrSeries[] = [];
  for (const s of merged) {
    if (s.files.length < 3) continue;
    s.files.sort();
    const c = seriesKind(s, base, read, rootName, names, notes);
    if (!c) continue;
    if ('glob' in c) records.push(c);
    else {
      names.add(c.key);
      out.push(c);
    }
  }
  if (records.length) out.push(adrChoice(records));
  return out.sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** Decision records the built-in ADR globs do not find: a glob to add to them. */
interface AdrSeries {
  glob: string;
  where: string;
  files: string[];
}

/** The built-in `adr` kind with the folders of records its globs miss: its own globs first, as they are. */
function adrChoice(records: AdrSeries[]): Choice {
  const adr = builtinKinds().find((k) => k.name === 'adr')!;
  const n = records.reduce((a, r) => a + r.files.length, 0);
  return {
    what: `ADRs in ${list(records.map((r) => r.where))}`,
    where: 'kinds',
    key: adr.name,
    reason: [
      `${n} numbered records in ${list(records.map((r) => `${r.where} (${examples(r.files)})`))} have an ADR's Context and Decision, but the built-in globs do not find them: their folder${records.length === 1 ? ' is' : 's are'} added to the built-in ones (the first ${adr.include.length}, kept as they are).`,
    ],
    body: ['include:', ...[...adr.include, ...records.map((r) => r.glob)].map((g) => `  - ${quote(g)}`)],
    summary: (final) =>
      `kind adr: also ${list(records.map((r) => r.glob))} (${final ? [...final.documents.values()].filter((d) => d.kind.name === adr.name && records.some((r) => r.files.includes(d.path))).length : n} records)`,
  };
}

/** The kind a series makes, if it is alike enough and holds proposals, designs or decisions. */
function seriesKind(s: Series, base: WorkspaceIndex, read: ReadText, rootName: string, taken: Set<string>, notes: string[][]): Choice | AdrSeries | undefined {
  const where = s.dir ? `${s.dir}/` : 'the root folder';
  // The sections to weigh: those of the templates above the folder (but those they mark
  // optional), and the headings at least half of the files have.
  const above = [...base.templates.values()].filter((t) => !t.scope || s.dir === t.scope || s.dir.startsWith(`${t.scope}/`));
  const fromTemplates = above.flatMap((t) => t.sections.filter((x) => !x.optional).map((x) => cleanHeading(x.name)));
  const candidates = distinctTerms([...fromTemplates, ...commonHeadings(s.files, read)]).filter((n) => termKey(n));
  if (!candidates.length) {
    notes.push([`${s.files.length} numbered files in ${where} (${examples(s.files)}) share no headings: no kind is proposed for them.`]);
    return undefined;
  }
  // The files read as documents of a kind that requires every candidate, beside the templates:
  // which sections each has, and which template governs them as Charter reads it (docs/contract.md).
  const probe: KindSpec = {
    name: 'init-probe',
    builtin: false,
    include: [includeGlob(s)],
    exclude: DEFAULT_EXCLUDE.filter((e) => !s.main || baseName(e).toLowerCase() !== s.main.toLowerCase()),
    sections: candidates.map((name) => ({ name, aliases: [], required: true, configured: true })),
    decisions: 'none',
    documentOwner: true,
    label: 'PROBE',
  };
  const mini = indexUnder({ ...defaultConfig(), kinds: [probe, ...builtinKinds()] }, [...s.files, ...above.map((t) => t.path)], read);
  const docs = [...mini.documents.values()].filter((d) => d.kind.name === probe.name).sort((a, b) => (a.path < b.path ? -1 : 1));
  const members = docs.map((d) => d.path);
  const readable = docs.filter((d) => !(d.language && !d.language.known));
  const known = readable.length;
  if (members.length < 3 || known === 0) return undefined;
  const have = new Map<string, number>(candidates.map((n) => [n, 0]));
  let oneOwner = 0;
  let severalOwners = 0;
  for (const d of readable) {
    for (const spec of d.kind.sections) if (!d.missingSections.some((m) => m.name === spec.name)) have.set(spec.name, have.get(spec.name)! + 1);
    if (d.owner && !d.owner.unowned) {
      if (d.owner.multiple) severalOwners++;
      else oneOwner++;
    }
  }
  // Every section of a template that governs them is listed: what is not, Charter would ask of them anyway.
  const governing = mini
    .contractGroups()
    .filter((g) => g.kind.name === probe.name && g.template)
    .sort((a, b) => b.docs.length - a.docs.length || (a.key < b.key ? -1 : 1));
  const template = governing[0]?.template;
  const templated = new Set(governing.flatMap((g) => g.template!.sections.filter((x) => !x.optional).map((x) => termKey(cleanHeading(x.name)))));
  const sections = candidates
    // With a template, the template is the contract: a heading it does not ask for (cometbft's
    // RFCs mostly have a "References" the template keeps as an optional sub-section) is
    // checked only when it is there and empty.
    .map((name) => ({
      name,
      n: have.get(name)!,
      required: have.get(name)! * 5 >= known * 4 && (!template || templated.has(termKey(name))),
      template: templated.has(termKey(name)),
    }))
    .filter((x) => x.required || x.template || (!template && x.n * 2 >= known));
  if (!sections.some((x) => x.required)) {
    notes.push([
      `${members.length} numbered files in ${where} (${examples(members)}) have no heading in common with ${template ? `their template ${template.path}` : 'each other'} in four of five: no kind is proposed for them.`,
    ]);
    return undefined;
  }
  // Records with an ADR's Context and Decision, one a file: ADRs in a folder the built-in globs miss.
  if (s.shape === 'file') {
    const adr = builtinKinds().find((k) => k.name === 'adr')!;
    const lex = lexiconFor(defaultConfig().languages, []);
    const owners = ownerKeysOf(adr, defaultConfig());
    const required = sections.filter((x) => x.required);
    const stands = new Set(required.map((x) => lex.sectionOf(termKey(x.name), adr, owners, x.name)?.spec.name));
    // A "Decision" of its own: a proposal's "Proposal" is a decision to be made, not a record of one.
    const decided = required.some((x) => DECISION_HEADINGS.has(termKey(x.name)));
    if (decided && adr.sections.filter((x) => x.required).every((x) => stands.has(x.name))) return { glob: includeGlob(s), where, files: members };
  }
  const name = kindName(s, template, read, rootName, taken);
  // Only what holds proposals, designs or decisions: named so, or answering why and what or how.
  const areas = new Set(sections.filter((x) => x.required).flatMap((x) => areasOf(x.name)));
  const designLike =
    DESIGN_NAMES.test(name) || DESIGN_NAMES.test(baseName(s.dir)) || (template !== undefined && DESIGN_NAMES.test(baseName(template.path).replace(/[-_.]?template.*$/i, '')));
  if (!designLike && !(areas.has('why') && (areas.has('what') || areas.has('how')))) {
    notes.push([
      `${members.length} numbered files in ${where} (${examples(members)}) are alike, but neither their names nor their headings say they are proposals, designs or decisions: no kind is proposed for them.`,
    ]);
    return undefined;
  }
  const decisions = sections.some((x) => x.required && DECISION_HEADINGS.has(termKey(x.name))) ? 'per-file' : 'none';
  const documentOwner = severalOwners === 0 && oneOwner * 2 >= known && oneOwner > 0;
  const include = includeGlob(s);
  const reason = [
    `${members.length} ${s.shape === 'folder' ? 'numbered folders' : 'numbered files'} in ${where} (${examples(members)}) that ${members.some((m) => base.documents.has(m)) ? 'the built-in kinds read only as design documents in general' : 'no built-in kind recognises'}, ${template ? `written from the template ${template.path}` : 'alike in their headings'}.`,
    template
      ? 'A section of the template is required when at least four in five of them have it; the others are checked only when they are there and empty.'
      : 'A section is required when at least four in five of them have it; the others are checked only when they are there and empty.',
  ];
  const body = [`include: [${quote(include)}]`, 'sections:'];
  const width = Math.max(...sections.map((x) => sectionLine(x.name, x.required).length));
  for (const x of sections) body.push(`  - ${sectionLine(x.name, x.required).padEnd(width)}  # ${x.n} of ${known}${x.template && !x.required ? ', in the template' : ''}`);
  body.push(
    `decisions: ${decisions}`.padEnd(width + 4) +
      `  # ${decisions === 'per-file' ? 'each one records a decision (a "Decision" section)' : 'proposals and designs, not decision records'}`,
  );
  body.push(
    `documentOwner: ${documentOwner}`.padEnd(width + 4) +
      `  # ${documentOwner ? `${oneOwner} of ${known} name their one owner` : severalOwners ? `${severalOwners} name several owners (authors), not one` : `${oneOwner} of ${known} name an owner`}`,
  );
  return {
    what: `the kind ${name} (${include})`,
    where: 'kinds',
    key: name,
    reason,
    body,
    summary: (final) => {
      const docs = final ? [...final.documents.values()].filter((d) => d.kind.name === name) : [];
      const warned = final ? docs.reduce((n, d) => n + warnings(final, d.path).length, 0) : 0;
      return `kind ${name}: ${final ? docs.length : members.length} documents in ${where} (${include})${final ? `, ${warned} warning${warned === 1 ? '' : 's'} on them` : ''}`;
    },
  };
}

/** The headings (at each file's section level) that at least half of the files have, as written most often. */
function commonHeadings(files: readonly string[], read: ReadText): string[] {
  const count = new Map<string, number>();
  const written = new Map<string, Map<string, number>>();
  const firstAt = new Map<string, number>();
  for (const f of files) {
    const text = read(f).text ?? '';
    const heads = sectionHeadings(text).map((h) => h.text);
    const seen = new Set<string>();
    heads.forEach((h, i) => {
      const k = termKey(h);
      if (!k || seen.has(k)) return;
      seen.add(k);
      count.set(k, (count.get(k) ?? 0) + 1);
      let w = written.get(k);
      if (!w) written.set(k, (w = new Map()));
      const clean = cleanHeading(h);
      w.set(clean, (w.get(clean) ?? 0) + 1);
      firstAt.set(k, (firstAt.get(k) ?? 0) + i);
    });
  }
  return (
    [...count]
      .filter(([, n]) => n * 2 >= files.length)
      // In the order the files write them (on average), then by name.
      .sort((a, b) => firstAt.get(a[0])! / a[1] - firstAt.get(b[0])! / b[1] || (a[0] < b[0] ? -1 : 1))
      .map(([k]) => [...written.get(k)!].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0])
  );
}

/**
 * A text's section headings: the ATX headings at the highest level under its title, outside
 * front matter and fenced code. A quick look (the candidates it gives are then read by the
 * real reader), so that a folder of long proposals is not parsed twice.
 */
function sectionHeadings(text: string): { depth: number; text: string }[] {
  const heads: { depth: number; text: string }[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  let i = 0;
  if (/^---\s*$/.test(lines[0] ?? '')) {
    for (i = 1; i < lines.length && !/^(?:---|\.\.\.)\s*$/.test(lines[i]); i++);
    i++;
  }
  let fence: string | undefined;
  for (; i < lines.length; i++) {
    const line = lines[i];
    const f = /^ {0,3}(`{3,}|~{3,})/.exec(line);
    if (f) {
      if (!fence) fence = f[1];
      else if (f[1][0] === fence[0] && f[1].length >= fence.length && !/\S/.test(line.slice(f[0].length))) fence = undefined;
      continue;
    }
    if (fence) continue;
    const h = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/.exec(line);
    if (h && h[2]) heads.push({ depth: h[1].length, text: stripInline(h[2]) });
  }
  const body = heads.filter((h, n) => !(n === 0 && h.depth === 1));
  const level = body.length ? Math.min(...body.map((h) => h.depth)) : 2;
  return body.filter((h) => h.depth === level);
}

/** The glob of a series. */
function includeGlob(s: Series): string {
  const dir = s.dir ? `${escapeGlob(s.dir)}/` : '';
  if (s.shape === 'folder') return `${dir}[0-9]*/${s.main ? escapeGlob(s.main) : '*.md'}`;
  return `${dir}${s.deep ? '**/' : ''}${escapeGlob(s.prefix)}[0-9]*.md`;
}

/** A kind's name: from its files' prefix, its template, its folder, the repository; never a built-in kind's. */
function kindName(s: Series, template: TemplateInfo | undefined, read: ReadText, rootName: string, taken: Set<string>): string {
  const tried: string[] = [];
  if (s.prefix) tried.push(s.prefix.replace(/[-_]$/, ''));
  if (template) {
    const m = /^([a-z]{2,6})[-_.]template$|^template[-_.]([a-z]{2,6})$/i.exec(baseName(template.path).replace(/\.(?:md|markdown)$/i, ''));
    if (m) tried.push(m[1] ?? m[2]);
    // templates/proposal.md, templates/rfc.md: the template of a proposal, of an RFC.
    const word = /(?:^|\/)templates?\/([a-z]{2,12})\.(?:md|markdown)$/i.exec(template.path);
    if (word && !/^(?:readme|index|template|default|base)$/i.test(word[1])) tried.push(word[1]);
    const title = scanMarkdown(read(template.path).text ?? '', new LineIndex(read(template.path).text ?? '')).headings[0]?.text ?? '';
    const acronym = /\b([A-Z]{2,5})\b/.exec(title.replace(/\b(?:TBD|TODO|URL|API|ID|NNNN|XXXX)\b/g, ''));
    if (acronym) tried.push(acronym[1]);
    else if (/^(?:proposal|design|rfc|spec)\b/i.test(title)) tried.push(/^(\w+)/.exec(title)![1]);
  }
  const dirs = s.dir.split('/').filter(Boolean).reverse();
  for (const d of dirs)
    if (!GENERIC_FOLDERS.has(d.toLowerCase())) {
      tried.push(d);
      break;
    }
  if (rootName && !GENERIC_FOLDERS.has(rootName.toLowerCase())) tried.push(rootName);
  tried.push('proposal');
  for (const t of tried) {
    const name = kindKey(t);
    if (name && !taken.has(name)) return name;
  }
  for (let i = 2; ; i++) if (!taken.has(`proposal-${i}`)) return `proposal-${i}`;
}

/** A word made a kind name: lower case letters, digits and dashes, singular. */
function kindKey(word: string): string {
  let k = word
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^[0-9-]+/, '');
  if (k.length > 3 && k.endsWith('s') && !k.endsWith('ss')) k = k.slice(0, -1);
  return k.slice(0, 40).replace(/-+$/, '');
}

/** The areas (why, what, how…) a heading answers by Charter's built-in names. */
function areasOf(name: string): Area[] {
  const k = termKey(name);
  const out: Area[] = [];
  for (const [area, names] of Object.entries(SECTION_NAMES) as [Area, readonly string[]][]) {
    if (k === termKey(area) || names.some((n) => termKey(n) === k)) out.push(area);
  }
  if (DECISION_FIELDS.context.some((n) => termKey(n) === k)) out.push('why');
  if (DECISION_HEADINGS.has(k)) out.push('how');
  return out;
}

function examples(files: readonly string[]): string {
  // A numbered folder's page is named by its folder (2022-02-03-integration-testing/README.md).
  const name = (f: string) => (SERIES_NAME.test(baseName(f)) ? baseName(f) : `${baseName(dirOf(f))}/${baseName(f)}`);
  const names = files.slice(0, 2).map(name);
  return files.length > 2 ? `${names.join(', ')} …` : names.join(', ');
}
