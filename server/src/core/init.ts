/**
 * `charter init`: the `.charter.yaml` a repository's own documents and templates imply
 * (docs/contract.md). It reads the repository as a first run does — the built-in kinds, no
 * configuration — and writes down, with the reason beside each setting:
 *
 * - **its own kinds**: folders of numbered or dated markdown files that no built-in kind
 *   recognises but that are alike (a template's headings, or the headings most of them
 *   share), such as `teps/0001-*.md` or `text/0066-*.md` beside `0000-template.md`;
 * - **the sections of a built-in kind** when its documents answer only part of what Charter
 *   asks (design docs that never staff or schedule: an `sdd` of How only);
 * - **the owner rules** that fit what the decisions do: `unowned-decision: off` when no
 *   record names a decider and no template asks, `singleOwner: false` when deciders are
 *   listed by design, and the rule adopted where every folder already holds to it.
 *
 * A proposal never makes a document Charter already reads say more than it does with the
 * defaults: it is checked under the configuration it proposes, and a setting that would
 * add a warning there is left out (and said so in the file). The output is stable: the same
 * repository gives the same text.
 *
 * Pure: it reads texts only through the `read` function it is given; nothing is written.
 */
import { defaultConfig, parseConfig, type Config } from './config';
import { isTemplatePath, type GroupSummary, type TemplateInfo } from './contract';
import { Classifier } from './classify';
import { builtinKinds, DEFAULT_EXCLUDE, DECISION_FIELDS, PROPOSAL_GLOBS, SECTION_NAMES, type KindSpec, type SectionSpec } from './kinds';
import { globListMatcher } from './glob';
import { RULE_IDS } from './rules/index';
import { scanMarkdown } from './scan';
import { stripInline, termKey } from './syntax';
import { LineIndex } from './text';
import type { Finding } from './types';
import { MARKDOWN_RE, WorkspaceIndex, type IndexHost } from './workspaceIndex';
import { lexiconFor, type Lexicon } from './languages';
import type { AnalyzedDocument } from './document';
import { ownerKeysOf } from './fieldNames';
import type { Area } from './areas';

/** What a proposal is made from, besides the index. */
export interface InitOptions {
  /** The workspace folder's name: what a kind is named after when nothing else names it. */
  rootName?: string;
  /** Told what is being done, for a progress line (reading the repository again under a proposal). */
  progress?: (message: string) => void;
}

/** A proposed configuration. */
export interface InitProposal {
  /** The `.charter.yaml` text: comments say why each setting is there. */
  yaml: string;
  /** What the text configures (parsed back with the same parser as `.charter.yaml`). */
  config: Config;
  /** One line per setting written, and per choice left out: for a summary. */
  summary: string[];
}

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

/**
 * Proposes the configuration a repository's documents imply. `base` is the repository read
 * under the built-in defaults ({@link defaultConfig}); `read` gives any file's text.
 */
export function proposeConfig(base: WorkspaceIndex, read: ReadText, options: InitOptions = {}): InitProposal {
  const files = base.fileList();
  const say = options.progress ?? (() => undefined);
  const notes: string[][] = [];
  say('looking for folders of documents no built-in kind recognises');
  const series = findSeries(base, files, read, options.rootName ?? '', notes);
  // The groups of documents, with the kinds proposed: their decisions count too.
  let view = base;
  if (series.length) {
    say('reading the repository again with its own kinds');
    view = indexUnder(parse(render(series, [], [])).config, files, read);
  }
  const groups = view.contractGroups();
  const choices: Choice[] = [...series, ...sectionChoices(groups, view, notes), ...ownerChoices(groups, base, notes)];

  // Checked under what it proposes: nothing Charter reads by default may say more.
  let kept = choices;
  const dropped: { choice: Choice; detail: string }[] = [];
  let final: WorkspaceIndex | undefined;
  if (choices.length) {
    say('checking the proposal');
    // What only adds kinds of the team's own was read already.
    final = choices.length === series.length && view !== base ? view : indexUnder(parse(render(choices, [], [])).config, files, read);
    const added = addedWarnings(base, final);
    if (added.length) {
      // One at a time, keeping each that adds nothing.
      kept = [];
      final = undefined;
      for (const c of choices) {
        say(`checking ${c.what}`);
        const trial = indexUnder(parse(render([...kept, c], [], [])).config, files, read);
        const more = addedWarnings(base, trial);
        if (more.length) dropped.push({ choice: c, detail: `${more.length} finding${more.length === 1 ? '' : 's'} the defaults do not give (${more[0]})` });
        else {
          kept.push(c);
          final = trial;
        }
      }
    }
  }
  for (const d of dropped) notes.push([`Left out: ${d.choice.what}. Under it, Charter would report ${d.detail}.`]);
  const header = headerLines(base, final ?? base, kept);
  const yaml = render(kept, header, notes);
  const { config } = parse(yaml);
  const summary = [...kept.map((c) => c.summary(final)), ...dropped.map((d) => `left out: ${d.choice.what} (${d.detail})`)];
  if (!summary.length) summary.push('nothing to configure: the built-in kinds fit this repository as it is');
  return { yaml, config, summary };
}

// ---------------------------------------------------------------- choices

/** One setting of the proposal, with the comment that says why. */
interface Choice {
  /** How the summary and the notes name it ("the sections of sdd"). */
  what: string;
  where: 'kinds' | 'owners' | 'rules';
  /** The key under `where`: a kind's name, `singleOwner`, a rule id. */
  key: string;
  /** Why it is there: paragraphs of the comment above it. */
  reason: string[];
  /** Its YAML lines below the key (kinds), or its value (owners, rules). */
  body: string[] | string;
  /** One line for a summary, given the index under the whole proposal (when it was checked). */
  summary: (final?: WorkspaceIndex) => string;
}

/** Parses a proposal's text with `.charter.yaml`'s own parser: what is written is what was checked. */
function parse(yaml: string): { config: Config } {
  const r = parseConfig(yaml, RULE_IDS);
  if (!r.config) throw new Error(`charter init proposed an invalid configuration: ${r.problems.map((p) => `line ${p.range.start.line + 1}: ${p.message}`).join('; ')}`);
  return { config: r.config };
}

/** The findings at warning level or above of a document or template, as keys that ignore the wording. */
function warnings(index: WorkspaceIndex, path: string): string[] {
  return index
    .findings(path)
    .filter((d) => d.severity !== 'info')
    .map(findingKey);
}

function findingKey(d: Finding): string {
  const section = typeof d.data?.section === 'string' ? `#${d.data.section}` : '';
  return `${d.rule}@${d.range.start.line + 1}${section}`;
}

/**
 * What a proposal adds to what the defaults say: on every document (and template) read by
 * default, a warning the defaults do not give, or another kind. Described as `path:line rule`.
 */
function addedWarnings(base: WorkspaceIndex, trial: WorkspaceIndex): string[] {
  const out: string[] = [];
  const paths = [...base.documents.keys(), ...base.templates.keys()].sort();
  for (const p of paths) {
    const before = base.documents.get(p);
    const after = trial.documents.get(p);
    // A proposal the sdd kind reads as a design in general, read as its process's own kind, is that kind's.
    const own = before && after && !after.kind.builtin && before.kind.builtin && before.kind.name === 'sdd' && proposalPath(p);
    if (before && after?.kind.name !== before.kind.name && !own) {
      out.push(`${p} read as ${after ? after.kind.name : 'no document'}, not ${before.kind.name}`);
      continue;
    }
    const had = new Set(warnings(base, p));
    for (const k of warnings(trial, p)) if (!had.has(k)) out.push(`${p}:${k.replace(/^([^@]+)@(\d+).*$/, '$2 $1')}`);
  }
  return out;
}

// ---------------------------------------------------------------- kinds of the team's own

/** Whether the built-in sdd kind finds a path only as a proposal or design in general (core/kinds.ts PROPOSAL_GLOBS). */
const proposalPath = globListMatcher([...PROPOSAL_GLOBS]);

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
function findSeries(base: WorkspaceIndex, files: readonly string[], read: ReadText, rootName: string, notes: string[][]): Choice[] {
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
  const candidates = dedupe([...fromTemplates, ...commonHeadings(s.files, read)]).filter((n) => termKey(n));
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

/** A section as a line of the `sections:` list. */
function sectionLine(name: string, required: boolean, aliases: string[] = [], area?: Area): string {
  if (required && !aliases.length && !area) return scalar(name);
  const parts = [`name: ${scalar(name)}`];
  if (aliases.length) parts.push(`aliases: [${aliases.map(scalar).join(', ')}]`);
  if (!required) parts.push('required: false');
  if (area) parts.push(`area: ${area}`);
  return `{ ${parts.join(', ')} }`;
}

// ---------------------------------------------------------------- the built-in kinds' sections

/**
 * For each built-in kind with sections: when a section it requires is Charter's policy in
 * every folder (no template asks for it and most documents lack it), the kind's sections as
 * this team writes them — those that are its contract, with the headings its documents use.
 */
function sectionChoices(groups: GroupSummary[], view: WorkspaceIndex, notes: string[][]): Choice[] {
  const out: Choice[] = [];
  for (const kind of view.config.kinds) {
    if (!kind.builtin || !kind.sections.length) continue;
    const mine = groups.filter((g) => g.kind.name === kind.name);
    if (!mine.length) continue;
    const docs = mine
      .flatMap((g) => g.docs)
      .map((p) => view.documents.get(p)!)
      .filter(Boolean);
    const noun = kind.create?.noun ?? kind.label;
    const state = new Map<string, { contract: string[]; policy: string[]; have: number; total: number }>();
    for (const spec of kind.sections.filter((x) => x.required)) {
      const st = { contract: [] as string[], policy: [] as string[], have: 0, total: 0 };
      for (const g of mine) {
        const r = g.requirements.find((x) => x.requirement === `section:${spec.name}`);
        if (!r || r.total === 0) continue;
        (r.contract ? st.contract : st.policy).push(groupPlace(g));
        st.have += r.have;
        st.total += r.total;
      }
      state.set(spec.name, st);
    }
    const policy = [...state].filter(([, st]) => st.policy.length && !st.contract.length);
    const mixed = [...state].filter(([, st]) => st.policy.length && st.contract.length);
    if (!policy.length) continue;
    if (mixed.length) {
      for (const [name, st] of mixed) {
        notes.push([
          `The ${noun}s' "${name}" section: ${list(st.contract)} ${st.contract.length === 1 ? 'asks' : 'ask'} for it, ${list(st.policy)} ${st.policy.length === 1 ? 'does' : 'do'} not.`,
          `Charter says so once, as info, where it is not asked; the sections of ${kind.name} are left as they are.`,
        ]);
      }
      continue;
    }
    const lines: string[] = [];
    const reason: string[] = [];
    const kept: string[] = [];
    const left: string[] = [];
    const lex = lexiconFor(view.config.languages, []);
    for (const spec of kind.sections) {
      const st = state.get(spec.name);
      const used = headingsUsed(docs, spec, mine, lex);
      const isPolicy = st !== undefined && st.policy.length > 0;
      if (spec.required && !isPolicy) {
        kept.push(st && st.total ? `${spec.name} (${st.have} of ${st.total})` : spec.name);
        lines.push(sectionLine(spec.name, true, used.aliases, spec.area));
        continue;
      }
      if (isPolicy) left.push(`${spec.name} (${st!.have} of ${st!.total})`);
      // Not required: listed when a document has it, so that it is still checked when empty.
      if (used.n > 0) lines.push(sectionLine(spec.name, false, used.aliases, spec.area));
    }
    reason.push(
      `The ${noun}s in ${folders(mine.map(groupPlace))} have ${list(kept) || 'none of its sections'}, but not ${list(left)}, and no template asks for ${left.length === 1 ? 'it' : 'them'}: this team's ${noun}s are held to what they answer.`,
      'Only these headings count: add aliases as new documents need them. A section that is not required is checked only when it is there and empty.',
    );
    out.push({
      what: `the sections of ${kind.name}`,
      where: 'kinds',
      key: kind.name,
      reason,
      body: ['sections:', ...lines.map((l) => `  - ${l}`)],
      summary: () => `kind ${kind.name}: sections ${kept.map((k) => k.replace(/ \(.*$/, '')).join(', ')} required; ${left.map((k) => k.replace(/ \(.*$/, '')).join(', ')} not`,
    });
  }
  return out;
}

/**
 * The headings a kind's documents found a section by, but its name, most used first (and the
 * template's heading for it: what new documents are written with), and how many have it.
 */
function headingsUsed(docs: readonly AnalyzedDocument[], spec: SectionSpec, groups: GroupSummary[], lex: Lexicon): { aliases: string[]; n: number } {
  const count = new Map<string, { text: string; n: number }>();
  const add = (text: string) => {
    const clean = cleanHeading(text);
    const k = termKey(clean);
    if (!k || k === termKey(spec.name)) return;
    const c = count.get(k);
    if (c) c.n++;
    else count.set(k, { text: clean, n: 1 });
  };
  let n = 0;
  for (const d of docs) {
    const found = d.sections.filter((s) => s.spec.name === spec.name);
    if (found.length) n++;
    for (const s of found) add(s.heading.text);
  }
  for (const g of groups) {
    if (!g.template) continue;
    for (const t of g.template.sections) if (lex.sectionOf(termKey(t.name), g.kind, ownerKeysOf(g.kind, defaultConfig()), t.name)?.spec.name === spec.name) add(t.name);
  }
  return { aliases: [...count.values()].sort((a, b) => b.n - a.n || (a.text < b.text ? -1 : 1)).map((c) => c.text), n };
}

// ---------------------------------------------------------------- owners

/** The owner rules that fit what the decisions and documents do. */
function ownerChoices(groups: GroupSummary[], base: WorkspaceIndex, notes: string[][]): Choice[] {
  const out: Choice[] = [];
  const of = (req: string) =>
    groups.map((g) => ({ g, r: g.requirements.find((x) => x.requirement === req) })).filter((x) => x.r && x.r.total > 0) as {
      g: GroupSummary;
      r: GroupSummary['requirements'][number];
    }[];
  const sum = (xs: { r: { total: number; have: number } }[]) => xs.reduce((a, x) => ({ have: a.have + x.r.have, total: a.total + x.r.total }), { have: 0, total: 0 });
  const templates = (xs: { g: GroupSummary }[]) => [...new Set(xs.map((x) => x.g.template?.path).filter((p): p is string => Boolean(p)))];
  const places = (xs: { g: GroupSummary }[]) => folders(xs.map((x) => groupPlace(x.g)));
  const theTemplates = (ts: string[]) => `the template${ts.length === 1 ? '' : 's'} ${list(ts)}`;
  const counted = (xs: { g: GroupSummary; r: { total: number; have: number } }[]) => list(xs.map((x) => `${groupPlace(x.g)} (${x.r.have} of ${x.r.total})`));

  // A decider on every decision.
  const owner = of('owner');
  if (owner.length) {
    const s = sum(owner);
    const ts = templates(owner);
    if (owner.every((x) => x.r.contract)) {
      out.push(
        rule(
          'unowned-decision',
          'warning',
          'a decider on every decision',
          [
            `${s.have} of the ${count(s.total, 'decision')} in ${places(owner)} have a decider field${ts.length ? `, as ${theTemplates(ts)} ${ts.length === 1 ? 'asks' : 'ask'}` : ''}: the team's practice, held on every decision, in every folder, as records are added.`,
          ],
          `unowned-decision: warning (${s.have} of ${count(s.total, 'decision')} have a decider field)`,
        ),
      );
    } else if (owner.every((x) => !x.r.contract) && s.have === 0) {
      out.push(
        rule(
          'unowned-decision',
          'off',
          'no decider asked for',
          [
            `${s.total === 1 ? 'The one decision' : `None of the ${s.total} decisions`} in ${places(owner)} ${s.total === 1 ? 'names no' : 'name a'} decider, and ${ts.length ? `${theTemplates(ts)} ${ts.length === 1 ? 'has' : 'have'} no such field` : 'no template asks for one'}: this team does not write down who decides.`,
            'Remove this line to hear Charter\'s policy (every decision names the one person who decides) once a folder, as info; add a "Deciders:" field to the template to hold every record to it.',
          ],
          `unowned-decision: off (none of ${count(s.total, 'decision')} names a decider, and nothing asks for one)`,
        ),
      );
    } else {
      const yes = owner.filter((x) => x.r.contract);
      const no = owner.filter((x) => !x.r.contract);
      notes.push([
        `Who decides: ${yes.length ? `the decisions of ${counted(yes)} have a decider field` : ''}${yes.length && no.length ? ', ' : ''}${no.length ? `those of ${counted(no)} mostly do not` : ''}.`,
        'A rule applies to every folder alike, so none is set: Charter says it once, as info, where deciders are not named.',
      ]);
    }
  }

  // One owner per decision.
  const single = of('single');
  if (single.length) {
    const s = sum(single);
    const ts = templates(single);
    const documentOwners = [...base.documents.keys()].some((p) =>
      base.findings(p).some((d) => d.rule === 'multiple-owners' && d.severity !== 'info' && d.data?.scope === 'document'),
    );
    if (single.every((x) => x.r.contract)) {
      out.push({
        what: 'one owner per decision',
        where: 'owners',
        key: 'singleOwner',
        reason: [`${s.have} of the ${count(s.total, 'decision')} that name an owner in ${places(single)} name one: the team's practice, held on every decision.`],
        body: 'true',
        summary: () => `owners.singleOwner: true (${s.have} of ${count(s.total, 'decision')} name one owner)`,
      });
    } else if (single.every((x) => !x.r.contract) && s.have < s.total && !documentOwners) {
      out.push({
        what: 'decisions by several owners',
        where: 'owners',
        key: 'singleOwner',
        reason: [
          `${s.total - s.have} of the ${count(s.total, 'decision')} that name an owner in ${places(single)} name several, as ${ts.length ? `${theTemplates(ts)} ${ts.length === 1 ? 'asks: its' : 'ask: their'} deciders list everyone involved` : 'most of them do'}.`,
          "Set this to true to hold every decision to one owner (otherwise Charter's policy, said once a folder as info).",
        ],
        body: 'false',
        summary: () => `owners.singleOwner: false (${s.total - s.have} of ${count(s.total, 'decision')} name several owners${ts.length ? ', as the template asks' : ''})`,
      });
    } else {
      const yes = single.filter((x) => x.r.contract);
      const no = single.filter((x) => !x.r.contract);
      notes.push([
        `One owner per decision: ${yes.length ? `the practice in ${places(yes)}` : 'the practice nowhere'}${no.length ? `, not in ${places(no)}` : ''}${documentOwners ? ', and some documents name two owners' : ''}: owners.singleOwner is left as it is.`,
      ]);
    }
  }

  // An owner on every PRD and SDD.
  const doc = of('docowner');
  if (doc.length) {
    const s = sum(doc);
    const nouns = list([...new Set(doc.map((x) => x.g.kind.create?.noun ?? x.g.kind.label))].map((n) => `${n}${s.total === 1 ? '' : 's'}`));
    if (doc.every((x) => !x.r.contract) && s.have === 0) {
      out.push(
        rule(
          'missing-document-owner',
          'off',
          'no document owner asked for',
          [
            `${s.total === 1 ? `The ${nouns} in ${places(doc)} names no owner` : `None of the ${s.total} ${nouns} in ${places(doc)} names an owner`}, and no template asks for one.`,
            "Remove this line to hear Charter's policy (a PRD or an SDD names its owner) once a folder, as info.",
          ],
          `missing-document-owner: off (none of ${s.total} ${nouns} names an owner)`,
        ),
      );
    } else if (!doc.every((x) => x.r.contract)) {
      notes.push([`Document owners: ${counted(doc)} name one; missing-document-owner is left as it is (an info, said once a folder).`]);
    }
  }
  return out;
}

/** "1 decision", "3 decisions". */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function rule(id: string, severity: string, what: string, reason: string[], summary: string): Choice {
  return { what: `${id}: ${severity} (${what})`, where: 'rules', key: id, reason, body: severity, summary: () => summary };
}

// ---------------------------------------------------------------- the text

/** The header: what was read. */
function headerLines(base: WorkspaceIndex, final: WorkspaceIndex, kept: Choice[]): string[] {
  const lines = [
    "Charter's configuration for this repository, proposed by `charter init` from what its own",
    'documents and templates do. What they ask is checked at warning level on every document;',
    'what Charter asks beyond that is said once, as info. Each setting says why it is here.',
    '',
  ];
  const byKind = new Map<string, Map<string, number>>();
  for (const d of final.documents.values()) {
    let m = byKind.get(d.kind.name);
    if (!m) byKind.set(d.kind.name, (m = new Map()));
    const dir = dirOf(d.path);
    m.set(dir, (m.get(dir) ?? 0) + 1);
  }
  const kinds = final.config.kinds.filter((k) => byKind.has(k.name));
  if (!kinds.length) lines.push('Read: no document of any kind.');
  else {
    lines.push('Read:');
    for (const k of kinds) {
      const m = byKind.get(k.name)!;
      const n = [...m.values()].reduce((a, b) => a + b, 0);
      lines.push(`  ${k.name}: ${n} in ${folders([...m.keys()].map((d) => (d ? `${d}/` : 'the root folder')))}`);
    }
  }
  const ts = [...base.templates.keys()].sort();
  if (ts.length) lines.push(`Templates: ${ts.length > 3 ? `${ts.slice(0, 3).join(', ')} and ${ts.length - 3} more` : list(ts)}`);
  const unknown = new Map<string, number>();
  for (const d of base.documents.values())
    if (d.language && !d.language.known) unknown.set(d.language.name ?? d.language.code, (unknown.get(d.language.name ?? d.language.code) ?? 0) + 1);
  for (const [lang, n] of [...unknown].sort()) {
    lines.push(`${n} document${n === 1 ? ' is' : 's are'} in ${lang}, which Charter has no names for: ${n === 1 ? 'it gets' : 'they get'} one note instead of findings`);
    lines.push(`  until languages: names its headings and fields (README, Configuration).`);
  }
  if (!kept.length) {
    lines.push('');
    lines.push('The built-in kinds fit this repository as it is: nothing needs configuring.');
  }
  return lines;
}

/** The file: the header, then kinds, owners and rules with their reasons, then what was not configured. */
function render(choices: Choice[], header: string[], notes: string[][]): string {
  const out: string[] = [];
  for (const h of header) {
    // A line of the header keeps its indent, and wraps under it.
    const indent = /^\s*/.exec(h)![0];
    wrap(h, WIDTH - 2 - indent.length).forEach((l, i) => out.push(comment(`${indent}${i ? '  ' : ''}${l}`)));
  }
  const section = (where: Choice['where']) => choices.filter((c) => c.where === where);
  // One block a kind: what several choices say of it (its globs, its sections) together.
  const kinds = [...new Set(section('kinds').map((c) => c.key))];
  if (kinds.length) {
    if (out.length) out.push('');
    out.push('kinds:');
    kinds.forEach((key, i) => {
      if (i) out.push('');
      out.push(`  ${key}:`);
      for (const c of section('kinds').filter((x) => x.key === key)) {
        for (const w of c.reason) for (const l of wrap(w, WIDTH - 6)) out.push(`    ${comment(l)}`);
        for (const l of c.body as string[]) out.push(`    ${l}`);
      }
    });
  }
  for (const where of ['owners', 'rules'] as const) {
    const list = section(where);
    if (!list.length) continue;
    if (out.length) out.push('');
    out.push(`${where}:`);
    list.forEach((c, i) => {
      if (i) out.push('');
      for (const w of c.reason) for (const l of wrap(w, WIDTH - 4)) out.push(`  ${comment(l)}`);
      out.push(`  ${c.key}: ${c.body as string}`);
    });
  }
  if (notes.length) {
    out.push('');
    out.push(comment('Not configured:'));
    for (const n of notes) wrap(n.join(' '), WIDTH - 4).forEach((l, i) => out.push(comment(`${i ? '  ' : '- '}${l}`)));
  }
  return out.map((l) => l.replace(/\s+$/, '')).join('\n') + '\n';
}

/** How wide the file's comments are. */
const WIDTH = 96;

/** A paragraph as lines of at most `width` characters (a longer word stands alone). */
function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const w of text.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + w.length > width) {
      out.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line || !out.length) out.push(line);
  return out;
}

/** A comment line: nothing of a document's text can end it early or hide in it. */
function comment(text: string): string {
  return text ? `# ${visibleText(text)}` : '#';
}

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069\ufeff]/g;

function visibleText(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A YAML scalar: plain when that is safe (in a flow list too), else double-quoted with escapes. */
function scalar(s: string): string {
  if (/^[A-Za-z][A-Za-z0-9 _()'/.+-]*$/.test(s) && !/\s$/.test(s) && !/^(?:y|n|yes|no|true|false|on|off|null)$/i.test(s) && !/ #|: /.test(s)) return s;
  return quote(s);
}

function quote(s: string): string {
  return JSON.stringify(s).replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

// ---------------------------------------------------------------- small things

function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

/** A heading without its numbering, trailing colon or "(optional)". */
function cleanHeading(text: string): string {
  return text
    .replace(/^\s*(?:\d+(?:\.\d+)*\.?|[IVXivx]+[.)])\s+/, '')
    .replace(/\s*\((?:optional|facultatif|opcional)\)\s*$/i, '')
    .replace(/\s*:\s*$/, '')
    .trim();
}

function dedupe(names: string[]): string[] {
  const seen = new Set<string>();
  return names.filter((n) => {
    const k = termKey(n);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Globs read `*`, `?`, `[`, `{` and `\` as patterns: a folder named with them is written escaped. */
function escapeGlob(s: string): string {
  return s.replace(/[*?[\]{}\\!]/g, (c) => `\\${c}`);
}

function examples(files: readonly string[]): string {
  // A numbered folder's page is named by its folder (2022-02-03-integration-testing/README.md).
  const name = (f: string) => (SERIES_NAME.test(baseName(f)) ? baseName(f) : `${baseName(dirOf(f))}/${baseName(f)}`);
  const names = files.slice(0, 2).map(name);
  return files.length > 2 ? `${names.join(', ')} …` : names.join(', ');
}

/** Where a group is, in a comment: the folder its documents share. */
function groupPlace(g: GroupSummary): string {
  let common = dirOf(g.docs[0] ?? '');
  for (const p of g.docs) while (common && p !== common && !p.startsWith(`${common}/`)) common = dirOf(common);
  return common ? `${common}/` : 'the root folder';
}

/** Folders in a comment: a few by name, many by the folder they are in. */
function folders(places: readonly string[]): string {
  const unique = [...new Set(places)].sort();
  if (unique.length <= 3) return list(unique);
  let common = unique[0].replace(/\/$/, '');
  for (const p of unique) while (common && p !== `${common}/` && !p.startsWith(`${common}/`)) common = dirOf(common);
  return `${unique.length} folders${common ? ` under ${common}/` : ''}`;
}

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  const shown = items.length > 4 ? [...items.slice(0, 3), `${items.length - 3} more`] : [...items];
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
