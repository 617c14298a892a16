/**
 * Recall measured by mutation (issue 19, point 7): take real documents that Charter reads
 * correctly today, break each of them in one known way, and require Charter to report
 * exactly that break.
 *
 *   delete-section  a required section Charter finds, heading and body removed
 *                   → `missing-section` naming that section, in that document
 *   blank-section   the same section's body removed, its heading kept
 *                   → `empty-section` naming that section, at its heading
 *   owner-tbd       an owner Charter reads, its value set to `TBD`
 *                   → `unowned-decision` at that decision (or at the field now TBD)
 *   absent-section  (not a mutation, configured kinds only) a section none of whose names
 *                   heads the document as written → `missing-section` naming it
 *
 * Which heading is "the section" is decided by an oracle of our own, not by Charter: the
 * heading must be one a careful reader calls that section — for an ADR the template's way of
 * writing Context and Decision (Nygard, MADR, and their French, German, Spanish and
 * Portuguese translations), for a PRD or an SDD the names the product description gives, for
 * a configured kind exactly its configured names and aliases. A document with two headings
 * the reader would call the section is not mutated (deleting one leaves the other): that is a
 * skip, counted. So is a section Charter already reports missing or empty unmutated, and an
 * owner field Charter does not read as the owner (`charter owners --format json` says which
 * decisions it reads an owner for).
 *
 * The corpora: the real-world test set (test/realworld/corpus.json, default settings, one
 * workspace with a folder per repository), the MADR records, the Rust RFCs as the custom kind
 * test/cli/corpora.test.ts configures, Tekton's TEPs as the KEP-style kind of issue 19, and
 * (`configured`) each real-world repository whose manifest entry carries the .charter.yaml its
 * team would write, under it: a workspace of its own per repository.
 *
 * The real checker runs (`dist/cli.js check --format json`), batched: a workspace is the
 * corpus unchanged plus every mutated copy beside its original, under a suffixed name that
 * classifies the same (or, where the name matters, in a subfolder), and — for built-in kinds,
 * whose requirements can follow the folder's convention — one unmutated control copy per
 * mutated one, so that the folder's majority stays what it was. A first run of the corpus
 * with one unmutated copy of each document says what Charter finds today and proves each
 * copy neutral (same kind, same findings as its original). Misses are then diagnosed: each
 * other heading and each field line of the mutated document is renamed in turn, and the one
 * whose renaming makes the finding appear is what Charter took for the section.
 *
 *   tsx scripts/mutation.ts [--corpus realworld|madr-decisions|rust-rfcs|tekton-teps|configured]… [--json] [--no-diagnose] [--quiet]
 *   npm run realworld -- mutate …    (the same)      npm run realworld -- measure   (also prints it)
 *   MUTATION_TIMING=1 …              (how long each run of the checker takes)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { loadManifest, materialize, repoDir, REPO_ROOT, SHARED_COPY, testSet, verdict, type Manifest } from './realworld';
import { parseConfig } from '../server/src/core/config';
import { RULE_IDS } from '../server/src/core/rules/index';

const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
/** Where the corpora are: $CHARTER_CORPORA, or ../shared/corpora beside the clone. */
export const CORPORA = process.env.CHARTER_CORPORA ? path.resolve(process.env.CHARTER_CORPORA) : path.resolve(REPO_ROOT, '..', 'shared', 'corpora');

export type MutationKind = 'delete-section' | 'blank-section' | 'owner-tbd';
export const MUTATION_KINDS: readonly MutationKind[] = ['delete-section', 'blank-section', 'owner-tbd'];
/**
 * Not a mutation: a section of a configured kind that none of its names heads, in the
 * document as written (a reader says it is missing) → `missing-section` naming it.
 */
export type Measure = MutationKind | 'absent-section';
export const MEASURES: readonly Measure[] = [...MUTATION_KINDS, 'absent-section'];

// ─── The oracle's own reading of a markdown text (independent of Charter's scanner) ─────────

/** A heading as a reader sees it, and the section it opens. Lines are 0-based. */
export interface OutlineHeading {
  line: number;
  /** 1 for an ATX heading, 2 for a setext one (text and underline). */
  height: 1 | 2;
  level: number;
  text: string;
  /** The line after the section: the next heading of the same or a higher level, or the end. */
  end: number;
}

export interface Outline {
  lines: string[];
  eol: string;
  headings: OutlineHeading[];
  /** Lines that are not prose: front matter, fenced code, HTML comments. */
  hidden: boolean[];
  /** The line after the front matter (0 when there is none). */
  bodyStart: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^ {0,3}(#{1,6})(?=[ \t]|$)(.*)$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;
const NOT_PARAGRAPH = /^(?: {4,}|\s*(?:[-*+]|\d+[.)])(?:\s|$)|\s*>|\s*\||\s*<)/;

/** The headings and hidden lines of a markdown text. */
export function outline(text: string): Outline {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const hidden = new Array<boolean>(lines.length).fill(false);
  let bodyStart = 0;
  if (/^---\s*$/.test(lines[0] ?? '')) {
    const close = lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l));
    if (close > 0) {
      for (let i = 0; i <= close; i++) hidden[i] = true;
      bodyStart = close + 1;
    }
  }
  let fence: { char: string; len: number } | undefined;
  let comment = false;
  for (let i = bodyStart; i < lines.length; i++) {
    const l = lines[i];
    if (fence) {
      hidden[i] = true;
      const m = FENCE.exec(l);
      if (m && m[1][0] === fence.char && m[1].length >= fence.len && l.trim() === m[1]) fence = undefined;
      continue;
    }
    if (comment) {
      hidden[i] = true;
      if (l.includes('-->')) comment = false;
      continue;
    }
    const f = FENCE.exec(l);
    if (f) {
      fence = { char: f[1][0], len: f[1].length };
      hidden[i] = true;
      continue;
    }
    if (/^\s*<!--/.test(l) && !l.includes('-->', l.indexOf('<!--') + 4)) {
      comment = true;
      hidden[i] = true;
    }
  }
  const raw: Omit<OutlineHeading, 'end'>[] = [];
  for (let i = bodyStart; i < lines.length; i++) {
    if (hidden[i]) continue;
    const l = lines[i];
    const atx = ATX.exec(l);
    if (atx) {
      const text = atx[2]
        .replace(/[ \t]+#+[ \t]*$/, '')
        .replace(/^[ \t]*#+[ \t]*$/, '')
        .trim();
      raw.push({ line: i, height: 1, level: atx[1].length, text });
      continue;
    }
    const next = lines[i + 1];
    if (next !== undefined && !hidden[i + 1] && l.trim() && SETEXT_UNDERLINE.test(next) && !NOT_PARAGRAPH.test(l) && !ATX.test(l)) {
      const prev = i === bodyStart ? '' : lines[i - 1];
      const prevIsBreak = !prev.trim() || hidden[i - 1] || ATX.test(prev) || SETEXT_UNDERLINE.test(prev);
      if (prevIsBreak) {
        raw.push({ line: i, height: 2, level: next.trim()[0] === '=' ? 1 : 2, text: l.trim() });
        i++;
      }
    }
  }
  const headings = raw.map((h, k) => {
    const after = raw.slice(k + 1).find((x) => x.level <= h.level);
    return { ...h, end: after ? after.line : lines.length };
  });
  return { lines, eol, headings, hidden, bodyStart };
}

/**
 * A heading or a field name as a reader compares it: case, accents, numbering ("2.1", "IV."),
 * links and inline markup, punctuation, emoji, a trailing "(optional)" and a plural ending do
 * not count.
 */
export function normalizeName(s: string): string {
  let t = s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  t = t.replace(/<[^>]*>/g, ' ').replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1');
  t = t.replace(/\(\s*optional\s*\)\s*$/, '');
  t = t.replace(/^[\s*_`]*(?:\d+(?:\.\d+)*\.?|\d+\)|[ivx]+[.)]|[a-z][.)])(?=[\s*_`])/, '');
  t = t.replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  return t.replace(/(?<=\p{L}{3})s$/u, '');
}

// ─── What a reader calls each required section ──────────────────────────────────────────────

/** A required section: the name Charter's JSON gives it, and the headings a reader calls it, per language. */
export interface SectionOracle {
  section: string;
  names: Record<string, string[]>;
}

/**
 * An ADR's Context and Decision written the template's way: Nygard ("Context", "Decision"),
 * MADR ("Context and Problem Statement", "Decision Outcome"), and the translations of both.
 */
export const ADR_SECTIONS: SectionOracle[] = [
  {
    section: 'context',
    names: {
      en: ['Context', 'Context and Problem Statement'],
      fr: ['Contexte', 'Contexte et énoncé du problème'],
      de: ['Kontext', 'Kontext und Problemstellung'],
      es: ['Contexto', 'Contexto y planteamiento del problema', 'Contexto y enunciado del problema'],
      pt: ['Contexto', 'Contexto e declaração do problema', 'Contexto e enunciado do problema'],
    },
  },
  {
    section: 'decision',
    names: {
      en: ['Decision', 'Decision Outcome'],
      fr: ['Décision', 'Résultat de la décision'],
      de: ['Entscheidung', 'Entscheidungsergebnis'],
      es: ['Decisión', 'Resultado de la decisión'],
      pt: ['Decisão', 'Resultado da decisão'],
    },
  },
];

/** A PRD's and an SDD's sections as the product description names them (PRODUCT.md). */
export const PRD_SECTIONS: SectionOracle[] = [
  { section: 'why', names: { en: ['Why', 'Problem', 'Problem statement', 'Motivation', 'Background', 'Opportunity'] } },
  { section: 'what', names: { en: ['What', 'Requirements', 'Product requirements', 'Scope', 'Features', 'Proposal'] } },
];
export const SDD_SECTIONS: SectionOracle[] = [
  { section: 'how', names: { en: ['How', 'Technical design', 'Design', 'Detailed design', 'Solution', 'Architecture', 'Approach'] } },
  { section: 'who', names: { en: ['Who', 'Team', 'Staffing', 'People', 'Resourcing'] } },
  { section: 'when', names: { en: ['When', 'Timeline', 'Schedule', 'Milestones', 'Delivery'] } },
];

/** A configured section (`{ name, aliases }`): exactly its name and aliases. */
export function configuredSection(name: string, aliases: string[] = []): SectionOracle {
  return { section: name.toLowerCase(), names: { en: [name, ...aliases] } };
}

/** The Rust RFCs as test/cli/corpora.test.ts configures them. */
export const RFC_KIND = {
  name: 'rfc',
  include: 'text/*.md',
  sections: [configuredSection('Summary'), configuredSection('Motivation'), configuredSection('Detailed design', ['Reference-level explanation'])],
};
/** The KEP-style kind of issue 19, over Tekton's TEPs. */
export const TEP_KIND = {
  name: 'tep',
  include: 'teps/[0-9]*.md',
  sections: [configuredSection('Summary'), configuredSection('Why', ['Motivation']), configuredSection('What', ['Proposal']), configuredSection('How', ['Design Details'])],
};

/** The `.charter.yaml` of a configured kind. */
export function kindConfig(kind: { name: string; include: string; sections: SectionOracle[] }): string {
  const section = (s: SectionOracle) => {
    const [name, ...aliases] = s.names.en;
    return aliases.length ? `{ name: ${JSON.stringify(name)}, aliases: [${aliases.map((a) => JSON.stringify(a)).join(', ')}] }` : JSON.stringify(name);
  };
  return ['kinds:', `  ${kind.name}:`, `    include: [${JSON.stringify(kind.include)}]`, '    sections:', ...kind.sections.map((s) => `      - ${section(s)}`), ''].join('\n');
}

/** Owner field names a reader takes for "who decides" (PRODUCT.md, MADR, and the translations). */
export const OWNER_FIELDS: string[] = [
  'decision maker',
  'decision-makers',
  'decider',
  'decided by',
  'made by',
  'owner',
  'decision owner',
  'DRI',
  'accountable',
  'décideur',
  'décidé par',
  'décisionnaire',
  'entscheider',
  'entschieden von',
  'verantwortlich',
  'decisor',
  'decidido por',
  'responsable de la decisión',
];
const OWNER_KEYS = new Set(OWNER_FIELDS.map(normalizeName));
/** A value that already means "nobody": empty or a placeholder. */
const PLACEHOLDER = /^(?:|tbd|tbc|todo|\?+|n\/?a|none|-+|_+|\[[^\]]*\]|\{[^}]*\}|<[^>]*>)$/i;

// ─── Mutations ───────────────────────────────────────────────────────────────────────────────

/** One mutated document and the finding it must produce. */
export interface Mutation {
  kind: Measure;
  /** The original document's path in its workspace. */
  path: string;
  /** missing-section / empty-section: the section's name as the JSON names it. */
  section?: string;
  /** The heading as the document writes it, or the owner field's line. */
  heading: string;
  /** 1-based: the heading's line, or the owner field's. */
  line: number;
  /** owner-tbd: the 1-based line of the decision. */
  decisionLine?: number;
  text: string;
}

/** A mutation that is not made, and why. */
export interface Skip {
  kind: MutationKind;
  path: string;
  section?: string;
  line?: number;
  reason: string;
}

export const SKIP = {
  noHeading: 'no heading written the way a reader names the section',
  twoHeadings: 'two headings a reader calls the section (deleting one leaves the other)',
  subsection: "a subsection of a design's section: the section a reader calls it is the one it is part of",
  topics: 'a design document organised by topics: its How stays in them once the heading named How is gone (issue 19, point 6)',
  missingBefore: 'Charter reports the section missing before the change',
  emptyBefore: 'Charter reports the section empty before the change',
  ownerNotRead: 'Charter reads no owner for the decision of this field',
  twoOwnerFields: 'another owner field for the same decision',
  placeholder: 'the owner is already a placeholder',
  noNeutralCopy: 'no copy of the document classifies and reads as the original does',
} as const;

/** The findings of one document that the mutations are scored on. */
export interface DocFindings {
  kind?: string;
  diagnostics: Diagnostic[];
}
export interface Diagnostic {
  rule: string;
  severity: string;
  message: string;
  section?: string;
  line: number;
}

/**
 * Sections a reader does not call a design's topic: the areas' names of every kind (the
 * oracle's own lists above) and the frame around a design (summary, motivation, references…).
 */
const FRAME_NAMES = [
  'Summary',
  'Overview',
  'Introduction',
  'Abstract',
  'TL;DR',
  'Background',
  'Motivation',
  'Goals',
  'Non-goals',
  'Goals and non-goals',
  'Scope',
  'Out of scope',
  'Requirements',
  'Use cases',
  'User stories',
  'Proposal',
  'References',
  'Appendix',
  'Glossary',
  'Terminology',
  'Definitions',
  'Open questions',
  'Open issues',
  'Unresolved questions',
  'Questions',
  'Alternatives',
  'Alternatives considered',
  'Prior art',
  'Prior art and alternatives',
  'Related work',
  'Future work',
  'Future possibilities',
  'Drawbacks',
  'Risks',
  'Risks and mitigations',
  'Trade-offs',
  'Trade-offs and mitigations',
  'Table of contents',
  'Acknowledgements',
  'Status',
  'Changelog',
  'History',
  'FAQ',
  'Test plan',
  'Testing',
  'Success metrics',
  'Metrics',
  'Conclusion',
  'Next steps',
  'Examples',
  'Discussion',
  'Notes',
  'Suggested reading',
  'Explanation',
  'Security',
  'Compatibility',
  'Rationale',
  'Context',
  'Decision',
  'Consequences',
  'Action plan',
  'Implementation plan',
];
let notTopics: Set<string> | undefined;

/**
 * Whether a design document still holds topics once heading `gone` is deleted: a section at
 * the top level (under the title) that is no area and no frame ("Wire format", "Data model
 * changes"). Such a document holds its How in them, as the product description has it.
 */
export function organisedByTopics(o: Outline, gone: OutlineHeading): boolean {
  notTopics ??= new Set([...FRAME_NAMES, ...[...ADR_SECTIONS, ...PRD_SECTIONS, ...SDD_SECTIONS].flatMap((x) => Object.values(x.names).flat())].map(normalizeName));
  const rest = o.headings.filter((x) => x.line < gone.line || x.line >= gone.end);
  const title = rest[0]?.level === 1 ? rest[0] : undefined;
  const body = rest.filter((x) => x !== title && !o.hidden[x.line]);
  if (!body.length) return false;
  const top = Math.min(...body.map((x) => x.level));
  return body.some((x) => x.level === top && !notTopics!.has(normalizeName(x.text)) && !/\?\s*$/.test(x.text));
}

/** A team's template by its name: `template.md`, `0000-template.md`, `adr-template.md`, `template-x.md`, or in a `templates/` folder. */
const TEMPLATE_NAME = /^(?:template|0+[-_.]?template|[a-z]+[-_.]template|template[-_.][\w.-]*)\.md$/i;

/** The headings (as normalizeName gives them) of the templates in a document's folder and the folders above it, within `root`. */
export function templateHeadingsAbove(root: string, docPath: string): Set<string> {
  const out = new Set<string>();
  const parts = docPath.split('/').slice(0, -1);
  for (let n = parts.length; n >= 0; n--) {
    const dir = path.join(root, ...parts.slice(0, n));
    const files: string[] = [];
    for (const f of fs.existsSync(dir) ? fs.readdirSync(dir) : []) if (TEMPLATE_NAME.test(f)) files.push(path.join(dir, f));
    for (const t of ['templates', 'template']) {
      const sub = path.join(dir, t);
      if (fs.existsSync(sub) && fs.statSync(sub).isDirectory()) for (const f of fs.readdirSync(sub)) if (f.endsWith('.md')) files.push(path.join(sub, f));
    }
    for (const f of files) for (const h of outline(fs.readFileSync(f, 'utf8')).headings) out.add(normalizeName(h.text));
  }
  return out;
}

/** The section mutations of one document: delete and blank each required section Charter finds. */
export function sectionMutations(
  docPath: string,
  text: string,
  sections: SectionOracle[],
  before: Diagnostic[],
  templateHeadings: ReadonlySet<string> = new Set(),
): { mutations: Mutation[]; skips: Skip[] } {
  const o = outline(text);
  const mutations: Mutation[] = [];
  const skips: Skip[] = [];
  for (const s of sections) {
    const names = new Set(Object.values(s.names).flat().map(normalizeName));
    const matches = o.headings.filter((h) => names.has(normalizeName(h.text)));
    const skip = (kind: MutationKind, reason: string, line?: number) => skips.push({ kind, path: docPath, section: s.section, reason, ...(line ? { line } : {}) });
    const missing = before.some((d) => d.rule === 'missing-section' && d.section === s.section);
    if (matches.length !== 1 || missing) {
      const reason = matches.length === 0 ? SKIP.noHeading : matches.length > 1 ? SKIP.twoHeadings : SKIP.missingBefore;
      for (const k of ['delete-section', 'blank-section'] as const) skip(k, reason, matches[0] ? matches[0].line + 1 : undefined);
      continue;
    }
    const h = matches[0];
    // A design's "### Milestones" inside its "## Rollout plan": deleting or blanking it leaves the section it is part of.
    const title = o.headings[0]?.level === 1 ? o.headings[0] : undefined;
    if (sections === SDD_SECTIONS && o.headings.some((x) => x !== title && x.level < h.level && x.line < h.line && x.end >= h.end)) {
      for (const k of ['delete-section', 'blank-section'] as const) skip(k, SKIP.subsection, h.line + 1);
      continue;
    }
    const del = [...o.lines.slice(0, h.line), ...o.lines.slice(h.end)];
    // Topics hold the How, unless the team's template asks for a section by that name.
    if (sections === SDD_SECTIONS && s.section === 'how' && ![...names].some((n) => templateHeadings.has(n)) && organisedByTopics(o, h))
      skip('delete-section', SKIP.topics, h.line + 1);
    else mutations.push({ kind: 'delete-section', path: docPath, section: s.section, heading: h.text, line: h.line + 1, text: del.join(o.eol) });
    if (before.some((d) => d.rule === 'empty-section' && d.section === s.section)) {
      skip('blank-section', SKIP.emptyBefore, h.line + 1);
      continue;
    }
    const blank = [...o.lines.slice(0, h.line + h.height), '', ...o.lines.slice(h.end)];
    mutations.push({ kind: 'blank-section', path: docPath, section: s.section, heading: h.text, line: h.line + 1, text: blank.join(o.eol) });
  }
  return { mutations, skips };
}

/** An owner value written in a document: where it is, and the text with `TBD` in its place. */
export interface OwnerField {
  /** 0-based line of the field (the key's line, or the table row). */
  line: number;
  field: string;
  value: string;
  /** The document's lines with the value set to TBD. */
  lines: string[];
}

/** Every owner value of a document: front matter keys, field lines (plain, bold, list items), table columns. */
export function ownerFields(text: string): OwnerField[] {
  const o = outline(text);
  const out: OwnerField[] = [];
  const at = (line: number, replaced: string[], field: string, value: string, to = line + 1) =>
    out.push({ line, field, value: value.trim(), lines: [...o.lines.slice(0, line), ...replaced, ...o.lines.slice(to)] });
  // Front matter: `key: value`, `key: [a, b]`, or `key:` and a list under it.
  for (let i = 1; i < o.bodyStart - 1; i++) {
    const m = /^([A-Za-z\u00C0-\u024F][\w\u00C0-\u024F -]*?)\s*:\s*(.*)$/.exec(o.lines[i]);
    if (!m || !OWNER_KEYS.has(normalizeName(m[1]))) continue;
    let j = i + 1;
    while (j < o.bodyStart - 1 && /^\s+\S/.test(o.lines[j])) j++;
    const value = [m[2], ...o.lines.slice(i + 1, j).map((l) => l.replace(/^\s*-\s*/, ''))].filter((x) => x.trim()).join(', ');
    at(i, [`${m[1]}: TBD`], m[1], value.replace(/^["'[]|["'\]]$/g, ''), j);
  }
  for (let i = o.bodyStart; i < o.lines.length; i++) {
    if (o.hidden[i]) continue;
    const l = o.lines[i];
    if (/^\s*\|/.test(l)) {
      // A table whose header names an owner column: one value per row.
      if (!/^\s*\|?\s*:?-{2,}/.test(o.lines[i + 1] ?? '')) continue;
      const cells = splitRow(l);
      const col = cells.findIndex((c) => OWNER_KEYS.has(normalizeName(c)));
      let j = i + 2;
      for (; j < o.lines.length && /^\s*\|/.test(o.lines[j]); j++) {
        const row = splitRow(o.lines[j]);
        if (col < 0 || col >= row.length) continue;
        const value = row[col];
        row[col] = 'TBD';
        at(j, [`| ${row.join(' | ')} |`], cells[col], value);
      }
      i = j - 1;
      continue;
    }
    // `Key: value`, `**Key:** value`, `**Key**: value`, `- Key: value`, or `- Key:` with a list under it.
    const lead = /^(\s*(?:[-*+]|\d+[.)])?\s*)/.exec(l)![1];
    const rest = l.slice(lead.length);
    const colon = rest.indexOf(':');
    if (colon <= 0 || colon > 70) continue;
    const keyPart = rest.slice(0, colon);
    const key = keyPart.replace(/^[*_]+|[*_]+$/g, '').trim();
    if (!key || /[|`[\]()#<>]/.test(key) || !OWNER_KEYS.has(normalizeName(key))) continue;
    const closing = /^(\*\*|__|\*|_)?/.exec(rest.slice(colon + 1))![1] ?? '';
    const prefix = `${lead}${keyPart}:${closing}`;
    let value = rest.slice(colon + 1 + closing.length).trim();
    let j = i + 1;
    if (!value) {
      // An empty value with a list under it: the list is the value.
      const indent = lead.length - lead.trimStart().length;
      while (j < o.lines.length && /^\s*[-*+]\s/.test(o.lines[j]) && /^\s*/.exec(o.lines[j])![0].length > indent) j++;
      value = o.lines
        .slice(i + 1, j)
        .map((x) => x.replace(/^\s*[-*+]\s*/, ''))
        .join(', ');
    }
    at(i, [`${prefix} TBD`], key, value, j);
  }
  return out;
}

function splitRow(l: string): string[] {
  return l
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());
}

/**
 * The owner mutations of one document: each owner value that belongs to a decision Charter
 * reads an owner for (`owned`: its 1-based line) set to TBD. `decisions` are all of the
 * document's decisions (1-based lines), owned or not.
 */
export function ownerMutations(docPath: string, text: string, decisions: number[], owned: Set<number>): { mutations: Mutation[]; skips: Skip[] } {
  const fields = ownerFields(text);
  const sorted = [...new Set(decisions)].sort((a, b) => a - b);
  const bodyStart = outline(text).bodyStart;
  // A field in the front matter is the file's decision's; any other belongs to the decision above it.
  const decisionOf = (line: number) => (line < bodyStart ? sorted[0] : [...sorted].reverse().find((d) => d <= line + 1));
  const byDecision = new Map<number | undefined, OwnerField[]>();
  for (const f of fields) {
    const d = decisionOf(f.line);
    byDecision.set(d, [...(byDecision.get(d) ?? []), f]);
  }
  const mutations: Mutation[] = [];
  const skips: Skip[] = [];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  for (const [d, fs_] of byDecision) {
    for (const f of fs_) {
      const skip = (reason: string) => skips.push({ kind: 'owner-tbd', path: docPath, line: f.line + 1, reason });
      if (PLACEHOLDER.test(f.value.replace(/[*_`]/g, '').trim())) skip(SKIP.placeholder);
      else if (d === undefined || !owned.has(d)) skip(SKIP.ownerNotRead);
      else if (fs_.filter((x) => !PLACEHOLDER.test(x.value.replace(/[*_`]/g, '').trim())).length > 1) skip(SKIP.twoOwnerFields);
      else mutations.push({ kind: 'owner-tbd', path: docPath, heading: `${f.field}: ${f.value}`, line: f.line + 1, decisionLine: d, text: f.lines.join(eol) });
    }
  }
  return { mutations, skips };
}

/** Whether Charter reported exactly the change a mutation made, and what it said otherwise. */
export function judge(m: Mutation, after: Diagnostic[]): { caught: boolean; severity?: string; said: string } {
  const hit =
    m.kind === 'delete-section' || m.kind === 'absent-section'
      ? after.find((d) => d.rule === 'missing-section' && d.section === m.section)
      : m.kind === 'blank-section'
        ? after.find((d) => d.rule === 'empty-section' && d.section === m.section && d.line === m.line)
        : // At the decision, or at the owner field that now says TBD.
          after.find((d) => d.rule === 'unowned-decision' && (d.line === m.decisionLine || d.line === m.line));
  if (hit) return { caught: true, severity: hit.severity, said: hit.message };
  const near =
    m.kind === 'blank-section'
      ? after.filter((d) => (d.rule === 'empty-section' || d.rule === 'missing-section') && (d.line === m.line || d.section === m.section))
      : m.kind === 'owner-tbd'
        ? after.filter((d) => d.rule === 'unowned-decision' || d.rule === 'multiple-owners' || d.rule === 'unknown-owner')
        : after.filter((d) => (d.rule === 'missing-section' || d.rule === 'empty-section') && d.section === m.section);
  return { caught: false, said: near.length ? near.map((d) => `${d.rule}${d.section ? ` "${d.section}"` : ''} at ${d.line}`).join('; ') : 'nothing' };
}

// ─── Workspaces and runs ─────────────────────────────────────────────────────────────────────

/** A workspace of one corpus: what is copied into it and which documents are mutated. */
export interface WorkspaceSpec {
  corpus: string;
  copy: { from: string; to: string }[];
  config?: string;
  /** The documents to mutate, with the kind Charter must give each, its language and (real-world corpus) its repository. */
  documents: WorkspaceDoc[];
  /** The required sections of each kind, as a reader names them. */
  sections: Record<string, SectionOracle[]>;
  /** One unmutated control per mutated copy, so that a folder's convention stays what it was (built-in kinds). */
  controls: boolean;
  /** Whether its documents hold decisions (then owners are mutated too). */
  owners: boolean;
  /** A configured kind: held to exactly its sections' names, so a section none of them heads must be reported missing. */
  exact: boolean;
}

/** One mutation's outcome. */
export interface Outcome {
  corpus: string;
  repo?: string;
  path: string;
  language: string;
  kind: Measure;
  section?: string;
  heading?: string;
  line?: number;
  result: 'caught' | 'missed' | 'skipped';
  severity?: string;
  reason?: string;
  /** For a miss: what Charter said instead. */
  said?: string;
  /** For a miss: what the diagnosis found (the heading Charter took for the section…). */
  cause?: string;
}

export interface WorkspaceDoc {
  path: string;
  kind: string;
  language: string;
  repo?: string;
}

interface Miss {
  mutation: Mutation;
  doc: WorkspaceDoc;
  how: Placement;
  outcome: Outcome;
}

interface Placed {
  mutation: Mutation;
  doc: WorkspaceDoc;
  copyPath: string;
  controlPath?: string;
  how: Placement;
}

type Placement = 'suffix' | 'subfolder';

function placedPath(p: string, tag: string, how: Placement): string {
  const dir = path.posix.dirname(p);
  const base = path.posix.basename(p);
  const join = (x: string) => (dir === '.' ? x : `${dir}/${x}`);
  if (how === 'subfolder') return join(`${tag}/${base}`);
  const dot = base.indexOf('.', 1);
  return join(dot < 0 ? `${base}-${tag}` : `${base.slice(0, dot)}-${tag}${base.slice(dot)}`);
}

/** Runs the built checker on a workspace; the JSON findings by path. */
export function runCheck(ws: string, command: 'check' | 'owners' = 'check'): any {
  const args = command === 'check' ? ['check', '--format', 'json', '--root', ws] : ['owners', '--format', 'json', '--root', ws];
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ws,
    encoding: 'utf8',
    maxBuffer: 1024 * 1024 * 1024,
    timeout: 600_000,
    env: { ...process.env, NO_COLOR: '1' },
  });
  // MUTATION_TIMING=1: how long each run of the checker takes.
  if (process.env.MUTATION_TIMING) process.stderr.write(`  charter ${command} (${path.basename(ws)}): ${Date.now() - t0} ms\n`);
  if (r.error) throw r.error;
  if (r.status !== 0 && r.status !== 1) throw new Error(`charter ${command} in ${ws} exited ${r.status}: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

function findingsByPath(json: any): Map<string, DocFindings> {
  const map = new Map<string, DocFindings>();
  for (const f of json.files as { path: string; kind?: string; diagnostics: Diagnostic[] }[]) {
    map.set(f.path, {
      kind: f.kind,
      diagnostics: f.diagnostics.map((d) => ({ rule: d.rule, severity: d.severity, message: d.message, line: d.line, ...(d.section !== undefined ? { section: d.section } : {}) })),
    });
  }
  return map;
}

const SCORED = new Set(['missing-section', 'empty-section', 'unowned-decision']);
/** A document's scored findings, as a comparable string. */
function signature(f: DocFindings | undefined): string {
  if (!f) return 'absent';
  return `${f.kind} ${f.diagnostics
    .filter((d) => SCORED.has(d.rule))
    .map((d) => `${d.rule}#${d.section ?? ''}@${d.line}/${d.severity}`)
    .sort()
    .join(',')}`;
}

function copyInto(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
  const writable = (p: string) => {
    const st = fs.statSync(p);
    fs.chmodSync(p, st.isDirectory() ? 0o755 : 0o644);
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) writable(path.join(p, e));
  };
  writable(to);
}

function writeFile(ws: string, rel: string, data: string | Buffer): void {
  const file = path.join(ws, ...rel.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, data);
}

/** A fresh workspace with the corpus (and its config) in it. */
function makeWorkspace(spec: WorkspaceSpec, tmp: string, name: string): string {
  const ws = path.join(tmp, name);
  fs.mkdirSync(ws, { recursive: true });
  for (const c of spec.copy) {
    copyInto(c.from, path.join(ws, c.to));
    fs.rmSync(path.join(ws, c.to, '.realworld-commit'), { force: true });
  }
  if (spec.config !== undefined) fs.writeFileSync(path.join(ws, '.charter.yaml'), spec.config);
  return ws;
}

export interface RunOptions {
  /** Diagnose each miss (one more run for a workspace with misses). */
  diagnose?: boolean;
  /** Most mutated documents in one run. */
  batch?: number;
  /** Called with a line of progress. */
  log?: (line: string) => void;
}

/** Generates, runs and scores every mutation of one workspace. */
export function runWorkspace(spec: WorkspaceSpec, options: RunOptions = {}): { outcomes: Outcome[]; runs: number; left: { path: string; kind?: string }[]; drift: string[] } {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-mutation-'));
  let runs = 0;
  try {
    const base = makeWorkspace(spec, tmp, 'base');
    const texts = new Map(spec.documents.map((d) => [d.path, fs.readFileSync(path.join(base, ...d.path.split('/')), 'utf8')]));
    // 1. What Charter reads today, and which copy of each document reads the same: a suffixed
    // name, or — tried at once for a name without a digit (index.md, decision-log.md), whose
    // name a glob may require, and in a second run for any other that needs it — a subfolder.
    const placement = new Map<string, Placement>();
    let before: Map<string, DocFindings> | undefined;
    let pending = spec.documents.map((d) => ({ d, hows: /\d/.test(path.posix.basename(d.path)) ? (['suffix'] as Placement[]) : (['suffix', 'subfolder'] as Placement[]) }));
    for (let pass = 0; pass < 2 && pending.length; pass++) {
      const ws = makeWorkspace(spec, tmp, `pre-${pass}`);
      pending.forEach(({ d, hows }, i) => hows.forEach((how) => writeFile(ws, placedPath(d.path, `c${i}`, how), texts.get(d.path)!)));
      const got = findingsByPath(runCheck(ws));
      runs++;
      before ??= new Map([...got].filter(([p]) => texts.has(p)));
      const next: typeof pending = [];
      pending.forEach(({ d, hows }, i) => {
        if (got.get(d.path)?.kind !== d.kind) return;
        const how = hows.find((h) => signature(got.get(placedPath(d.path, `c${i}`, h))) === signature(got.get(d.path)));
        if (how) placement.set(d.path, how);
        else if (!hows.includes('subfolder')) next.push({ d, hows: ['subfolder'] });
      });
      pending = next;
      fs.rmSync(ws, { recursive: true, force: true });
    }
    before ??= new Map();
    const outcomes: Outcome[] = [];
    const left: { path: string; kind?: string }[] = [];
    const docs = spec.documents.filter((d) => {
      if (before.get(d.path)?.kind === d.kind) return true;
      left.push({ path: d.path, kind: before.get(d.path)?.kind });
      return false;
    });
    const record = (d: WorkspaceDoc, o: Omit<Outcome, 'corpus' | 'repo' | 'path' | 'language'>) =>
      outcomes.push({ corpus: spec.corpus, ...(d.repo ? { repo: d.repo, path: d.path.slice(d.path.indexOf('/') + 1) } : { path: d.path }), language: d.language, ...o });
    // 2. The owners Charter reads, where a document writes an owner field.
    let owners: { decisions: Map<string, number[]>; owned: Map<string, Set<number>> } | undefined;
    if (spec.owners && docs.some((d) => ownerFields(texts.get(d.path)!).length)) {
      const json = runCheck(base, 'owners');
      runs++;
      owners = { decisions: new Map(), owned: new Map() };
      const add = (m: Map<string, any>, p: string, line: number, make: () => any) => {
        if (!m.has(p)) m.set(p, make());
        const v = m.get(p);
        if (Array.isArray(v)) v.push(line);
        else v.add(line);
      };
      for (const d of json.unowned ?? []) add(owners.decisions, d.path, d.line, () => []);
      for (const p of json.people ?? []) {
        for (const d of p.decisions ?? []) {
          add(owners.decisions, d.path, d.line, () => []);
          add(owners.owned, d.path, d.line, () => new Set<number>());
        }
      }
    }
    // 3. The mutations.
    const placed: Placed[] = [];
    const missed: Miss[] = [];
    for (const d of docs) {
      const text = texts.get(d.path)!;
      const diags = before.get(d.path)?.diagnostics ?? [];
      const made = sectionMutations(d.path, text, spec.sections[d.kind] ?? [], diags, d.kind === 'sdd' ? templateHeadingsAbove(base, d.path) : undefined);
      const own = owners ? ownerMutations(d.path, text, owners.decisions.get(d.path) ?? [], owners.owned.get(d.path) ?? new Set()) : { mutations: [], skips: [] };
      for (const s of [...made.skips, ...own.skips]) record(d, { kind: s.kind, section: s.section, line: s.line, result: 'skipped', reason: s.reason });
      const where = placement.get(d.path);
      if (spec.exact) {
        for (const s of absentSections(text, spec.sections[d.kind] ?? [])) {
          const m: Mutation = { kind: 'absent-section', path: d.path, section: s.section, heading: '(none)', line: 0, text };
          const j = judge(m, diags);
          record(d, { kind: m.kind, section: s.section, heading: m.heading, result: j.caught ? 'caught' : 'missed', ...(j.caught ? { severity: j.severity } : { said: j.said }) });
          if (!j.caught) missed.push({ mutation: m, doc: d, how: where ?? 'suffix', outcome: outcomes[outcomes.length - 1] });
        }
      }
      for (const m of [...made.mutations, ...own.mutations]) {
        if (!where) {
          record(d, { kind: m.kind, section: m.section, heading: m.heading, line: m.line, result: 'skipped', reason: SKIP.noNeutralCopy });
          continue;
        }
        const n = placed.length;
        placed.push({ mutation: m, doc: d, copyPath: placedPath(d.path, `m${n}`, where), controlPath: spec.controls ? placedPath(d.path, `k${n}`, where) : undefined, how: where });
      }
    }
    // 4. The runs: the corpus, the mutated copies and their controls.
    const batch = options.batch ?? 5000;
    const after = new Map<string, DocFindings>();
    for (let from = 0; from < placed.length; from += batch) {
      const ws = makeWorkspace(spec, tmp, `run-${from}`);
      for (const p of placed.slice(from, from + batch)) {
        writeFile(ws, p.copyPath, p.mutation.text);
        if (p.controlPath) writeFile(ws, p.controlPath, texts.get(p.doc.path)!);
      }
      for (const [k, v] of findingsByPath(runCheck(ws))) after.set(k, v);
      runs++;
      fs.rmSync(ws, { recursive: true, force: true });
    }
    // Each control must read as its original did: otherwise the batch itself changed something.
    const drift = placed.filter((p) => p.controlPath && signature(after.get(p.controlPath)) !== signature(before.get(p.doc.path))).map((p) => p.doc.path);
    for (const p of placed) {
      const got = after.get(p.copyPath);
      const m = p.mutation;
      const common = { kind: m.kind, section: m.section, heading: m.heading, line: m.line };
      if (got?.kind !== p.doc.kind) {
        record(p.doc, {
          ...common,
          result: 'missed',
          said: `the mutated copy is ${got?.kind ? `read as ${got.kind}` : 'not a document'}`,
          cause: `the change makes it ${got?.kind ?? 'not a document'}`,
        });
        continue;
      }
      const j = judge(m, got.diagnostics);
      record(p.doc, { ...common, result: j.caught ? 'caught' : 'missed', ...(j.caught ? { severity: j.severity } : { said: j.said }) });
      if (!j.caught) missed.push({ ...p, outcome: outcomes[outcomes.length - 1] });
    }
    // 5. Why each miss was missed.
    if (options.diagnose !== false && missed.length) runs += diagnose(spec, tmp, missed);
    return { outcomes, runs, left, drift: [...new Set(drift)] };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const PROBE = 'Xyzzy probe';

/** What Charter may have taken for a section: a heading, or a field line (`**Problem**: …`). */
interface Candidate {
  label: string;
  line: number;
  /** The line renamed so that no name matches it. */
  renamed: (n: number) => string;
}

const FIELD_KEY = /^(\s*(?:[-*+]|\d+[.)])?\s*)(\*\*|__)?([^:*_|`[\]()#<>]{1,40}?)(\*\*|__)?\s*:(?!\/\/)/;

function candidates(o: Outline, except?: OutlineHeading): Candidate[] {
  const out: Candidate[] = o.headings
    .filter((h) => h !== except)
    .map((h) => ({ label: `"${h.text}"`, line: h.line, renamed: (n: number) => (h.height === 2 ? `${PROBE} ${n}` : `${'#'.repeat(h.level)} ${PROBE} ${n}`) }));
  const headingLines = new Set(o.headings.flatMap((h) => [h.line, h.line + h.height - 1]));
  o.lines.forEach((l, i) => {
    if (i < o.bodyStart || o.hidden[i] || headingLines.has(i)) return;
    const m = FIELD_KEY.exec(l);
    if (!m || !m[3].trim() || /^\s*\|/.test(l)) return;
    out.push({ label: `field line "${m[3].trim()}:"`, line: i, renamed: (n) => `${m[1]}${m[2] ?? ''}${PROBE} ${n}${m[4] ?? ''}:${l.slice(m[0].length)}` });
  });
  return out;
}

/**
 * For each missed section, renames what Charter may have taken for it — each other heading
 * and each field line of the document — alone, and all of them at once: the one whose
 * renaming alone makes the expected finding appear is what Charter took for the section.
 * Where none does but all at once do, a second run renames all but each: those each of which
 * alone keeps the finding away are taken for it together. For a missed owner, says what
 * Charter still reads. Returns the number of runs.
 */
function diagnose(spec: WorkspaceSpec, tmp: string, missed: Miss[]): number {
  let runs = 0;
  const sections = missed.filter((x) => x.mutation.kind !== 'owner-tbd');
  for (const x of missed) {
    if (x.mutation.kind === 'owner-tbd') x.outcome.cause = x.outcome.said === 'nothing' ? 'a TBD owner is still read as an owner' : `the TBD owner is read as: ${x.outcome.said}`;
  }
  type Probe = { miss: Miss; label?: string; path: string };
  const probe = (items: Miss[], stage: 'alone' | 'all-but'): Map<Miss, { labels: string[]; all: boolean }> => {
    const ws = makeWorkspace(spec, tmp, `diagnose-${stage}`);
    const probes: Probe[] = [];
    items.forEach((x, k) => {
      const { mutation: m, doc, how } = x;
      const o = outline(m.text);
      const cands = candidates(o, m.kind === 'blank-section' ? o.headings.find((h) => h.line === m.line - 1) : undefined);
      const write = (rename: Candidate[], tag: string, label?: string) => {
        const lines = [...o.lines];
        rename.forEach((c, n) => (lines[c.line] = c.renamed(n)));
        const rel = placedPath(doc.path, `d${k}${tag}`, how);
        writeFile(ws, rel, lines.join(o.eol));
        probes.push({ miss: x, label, path: rel });
      };
      if (stage === 'alone') {
        cands.forEach((c, i) => write([c], `a${i}`, c.label));
        write(cands, 'all');
      } else
        cands.forEach((c, i) =>
          write(
            cands.filter((y) => y !== c),
            `b${i}`,
            c.label,
          ),
        );
    });
    const found = new Map<Miss, { labels: string[]; all: boolean }>();
    if (probes.length) {
      const got = findingsByPath(runCheck(ws));
      runs++;
      for (const p of probes) {
        const caught = judge(p.miss.mutation, got.get(p.path)?.diagnostics ?? []).caught;
        const f = found.get(p.miss) ?? { labels: [], all: false };
        // Alone: renaming it makes the finding appear. All but it: keeping it keeps the finding away.
        if (p.label === undefined) f.all = caught;
        else if (caught === (stage === 'alone') && !f.labels.includes(p.label)) f.labels.push(p.label);
        found.set(p.miss, f);
      }
    }
    fs.rmSync(ws, { recursive: true, force: true });
    return found;
  };
  const single = probe(sections, 'alone');
  const rest = sections.filter((x) => !single.get(x)?.labels.length && single.get(x)?.all);
  const each = rest.length ? probe(rest, 'all-but') : new Map<Miss, { labels: string[]; all: boolean }>();
  for (const x of sections) {
    const { mutation: m, outcome } = x;
    const said = m.kind === 'blank-section' && outcome.said !== 'nothing' ? ` (said: ${outcome.said})` : '';
    const one = single.get(x)?.labels ?? [];
    const several = each.get(x)?.labels ?? [];
    outcome.cause = one.length
      ? `${one.join(' or ')} taken for ${m.section}${said}`
      : several.length
        ? `${several.join(' and ')} (each alone) taken for ${m.section}${said}`
        : single.get(x)?.all
          ? `the headings and field lines together taken for ${m.section}${said}`
          : `neither a heading nor a field line: ${m.section} read from something else (front matter, title?)${said}`;
  }
  return runs;
}

/** The sections none of whose names heads the document. */
export function absentSections(text: string, sections: SectionOracle[]): SectionOracle[] {
  const heads = outline(text).headings.map((h) => normalizeName(h.text));
  return sections.filter((s) => {
    const names = new Set(Object.values(s.names).flat().map(normalizeName));
    return !heads.some((h) => names.has(h));
  });
}

// ─── The corpora ─────────────────────────────────────────────────────────────────────────────

const DOC_KINDS = new Set(['adr', 'prd', 'sdd', 'decision-log']);
const BUILTIN_SECTIONS: Record<string, SectionOracle[]> = { adr: ADR_SECTIONS, prd: PRD_SECTIONS, sdd: SDD_SECTIONS, 'decision-log': [] };

/**
 * A document's language in a repository the manifest says is written in several (`de+en`):
 * the one whose names its headings use, else the first.
 */
export function documentLanguage(repoLanguage: string, text: string, sections: SectionOracle[]): string {
  const codes = repoLanguage
    .split('+')
    .map((c) => c.trim())
    .filter(Boolean);
  if (codes.length <= 1) return codes[0] ?? 'en';
  const names = (code: string) => new Set(sections.flatMap((s) => s.names[code] ?? []).map(normalizeName));
  const heads = outline(text).headings.map((h) => normalizeName(h.text));
  let best = codes[0];
  let bestScore = 0;
  for (const c of codes) {
    const mine = names(c);
    const others = new Set(codes.filter((x) => x !== c).flatMap((x) => [...names(x)]));
    const score = heads.filter((h) => mine.has(h) && !others.has(h)).length;
    if (score > bestScore) [best, bestScore] = [c, score];
  }
  return best;
}

export const CORPUS_NAMES = ['realworld', 'madr-decisions', 'rust-rfcs', 'tekton-teps', 'configured'] as const;
export type CorpusName = (typeof CORPUS_NAMES)[number];

/** Which corpora can be read here, and the workspaces of those that can. */
export function corpusWorkspaces(names: readonly CorpusName[] = CORPUS_NAMES, manifest: Manifest = loadManifest()): WorkspaceSpec[] {
  const out: WorkspaceSpec[] = [];
  const mdFiles = (dir: string, filter: (f: string) => boolean) =>
    fs.existsSync(dir)
      ? fs
          .readdirSync(dir)
          .filter((f) => f.endsWith('.md') && filter(f))
          .sort()
      : [];
  if (names.includes('realworld')) {
    // One workspace, each repository in a folder of its own: the findings scored here are
    // read per document and per folder, never from the workspace root.
    const repos = testSet(manifest);
    materialize(repos);
    const documents: WorkspaceDoc[] = [];
    for (const r of repos) {
      const dir = repoDir(r.repo);
      const prefix = path.basename(dir);
      for (const f of r.files) {
        if (!f.kind || !DOC_KINDS.has(f.kind)) continue;
        const language = documentLanguage(r.language, fs.readFileSync(path.join(dir, f.path), 'utf8'), BUILTIN_SECTIONS[f.kind] ?? []);
        documents.push({ path: `${prefix}/${f.path}`, kind: f.kind, language, repo: r.repo });
      }
    }
    out.push({
      corpus: 'realworld',
      copy: repos.map((r) => ({ from: repoDir(r.repo), to: path.basename(repoDir(r.repo)) })),
      documents,
      sections: BUILTIN_SECTIONS,
      controls: true,
      owners: true,
      exact: false,
    });
  }
  if (names.includes('madr-decisions')) {
    const dir = path.join(CORPORA, 'madr-decisions');
    const documents = mdFiles(dir, (f) => /^\d{4}-/.test(f)).map((f) => ({ path: `docs/decisions/${f}`, kind: 'adr', language: 'en' }));
    out.push({ corpus: 'madr-decisions', copy: [{ from: dir, to: 'docs/decisions' }], documents, sections: BUILTIN_SECTIONS, controls: true, owners: true, exact: false });
  }
  if (names.includes('rust-rfcs')) {
    const dir = path.join(CORPORA, 'rust-rfcs');
    const documents = mdFiles(dir, () => true).map((f) => ({ path: `text/${f}`, kind: RFC_KIND.name, language: 'en' }));
    out.push({
      corpus: 'rust-rfcs',
      copy: [{ from: dir, to: 'text' }],
      config: kindConfig(RFC_KIND),
      documents,
      sections: { [RFC_KIND.name]: RFC_KIND.sections },
      controls: false,
      owners: false,
      exact: true,
    });
  }
  if (names.includes('tekton-teps')) {
    const dir = path.join(SHARED_COPY, 'tektoncd+community', 'teps');
    const documents = mdFiles(dir, (f) => /^\d/.test(f)).map((f) => ({ path: `teps/${f}`, kind: TEP_KIND.name, language: 'en' }));
    out.push({
      corpus: 'tekton-teps',
      copy: [{ from: dir, to: 'teps' }],
      config: kindConfig(TEP_KIND),
      documents,
      sections: { [TEP_KIND.name]: TEP_KIND.sections },
      controls: false,
      owners: false,
      exact: true,
    });
  }
  if (names.includes('configured')) {
    // The real-world repositories under the .charter.yaml their team would write (the
    // manifest's `config`): each kind of their own held to exactly its required sections'
    // names and aliases, as the config writes them.
    const repos = testSet(manifest).filter((r) => r.config !== undefined);
    materialize(repos);
    for (const r of repos) {
      const parsed = parseConfig(r.config!, RULE_IDS).config;
      if (!parsed) throw new Error(`${r.repo}: its config does not parse`);
      const sections: Record<string, SectionOracle[]> = {};
      for (const k of parsed.kinds.filter((x) => !x.builtin)) sections[k.name] = k.sections.filter((x) => x.required).map((x) => configuredSection(x.name, x.aliases));
      const language = r.language.split('+')[0] || 'en';
      const documents = r.files.flatMap((f) => {
        const kind = verdict(f, 'configured').kind;
        return kind && sections[kind] ? [{ path: f.path, kind, language, repo: r.repo }] : [];
      });
      out.push({ corpus: 'configured', copy: [{ from: repoDir(r.repo), to: '' }], config: r.config, documents, sections, controls: false, owners: false, exact: true });
    }
  }
  return out;
}

/** The corpora whose folders are here (the real-world corpus: when every repository of its test set has its copy). */
export function available(manifest: Manifest = loadManifest()): CorpusName[] {
  const there = (dir: string) => fs.existsSync(dir) && fs.readdirSync(dir).length > 0;
  return CORPUS_NAMES.filter((n) =>
    n === 'realworld'
      ? testSet(manifest).every((r) => there(path.join(SHARED_COPY, r.repo.replace('/', '+'))))
      : n === 'tekton-teps'
        ? there(path.join(SHARED_COPY, 'tektoncd+community', 'teps'))
        : n === 'configured'
          ? testSet(manifest).some((r) => r.config !== undefined) &&
            testSet(manifest).every((r) => r.config === undefined || there(path.join(SHARED_COPY, r.repo.replace('/', '+'))))
          : there(path.join(CORPORA, n)),
  );
}

// ─── Figures ─────────────────────────────────────────────────────────────────────────────────

export interface Tally {
  attempted: number;
  caught: number;
  missed: number;
  skipped: number;
  /** Caught only at info level (Charter's policy said per document). */
  info: number;
}

export function tally(outcomes: Outcome[]): Tally {
  const t: Tally = { attempted: 0, caught: 0, missed: 0, skipped: 0, info: 0 };
  for (const o of outcomes) {
    if (o.result === 'skipped') t.skipped++;
    else {
      t.attempted++;
      if (o.result === 'caught') {
        t.caught++;
        if (o.severity === 'info') t.info++;
      } else t.missed++;
    }
  }
  return t;
}

export const recall = (t: Tally) => (t.attempted ? t.caught / t.attempted : 1);

/** Outcomes grouped by a key, in a stable order. */
export function groupBy<T>(items: T[], key: (x: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const x of items) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return new Map([...m].sort(([a], [b]) => a.localeCompare(b)));
}

const pct = (t: Tally) => (t.attempted ? `${((100 * t.caught) / t.attempted).toFixed(1)}%` : 'n/a');

/** The recall table: per mutation kind, then per kind × language and per kind × corpus. */
export function formatTable(outcomes: Outcome[]): string {
  const rows: string[][] = [['mutation', 'by', '', 'attempted', 'caught', 'missed', 'skipped', 'recall', 'caught as info']];
  const row = (kind: string, by: string, what: string, t: Tally) =>
    rows.push([kind, by, what, `${t.attempted}`, `${t.caught}`, `${t.missed}`, `${t.skipped}`, pct(t), `${t.info}`]);
  for (const kind of MEASURES) {
    const mine = outcomes.filter((o) => o.kind === kind);
    row(kind, 'all', '', tally(mine));
    for (const [lang, os_] of groupBy(mine, (o) => o.language)) row('', 'language', lang, tally(os_));
    for (const [corpus, os_] of groupBy(mine, (o) => o.corpus)) row('', 'corpus', corpus, tally(os_));
  }
  const width = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  return rows
    .map((r) =>
      r
        .map((c, i) => (i >= 3 ? c.padStart(width[i]) : c.padEnd(width[i])))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** The misses grouped by cause (most frequent first), each with its documents; then the skips by reason. */
export function formatMisses(outcomes: Outcome[], options: { skips?: boolean } = {}): string {
  const out: string[] = [];
  const misses = outcomes.filter((o) => o.result === 'missed');
  const where = (o: Outcome) => `${o.repo ? `${o.repo} ` : o.corpus === 'realworld' ? '' : `${o.corpus} `}${o.path}${o.line ? `:${o.line}` : ''}`;
  out.push(`${misses.length} missed mutations, by cause:`);
  const causes = [...groupBy(misses, (o) => `${o.kind}: ${o.cause ?? o.said ?? 'unknown'}`)].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
  for (const [cause, os_] of causes) {
    out.push(`  ${os_.length} × ${cause}`);
    for (const o of os_) out.push(`      ${where(o)} [${o.language}] ${o.section ? `${o.section} ` : ''}"${o.heading}" — Charter said: ${o.said}`);
  }
  if (options.skips) {
    const skips = outcomes.filter((o) => o.result === 'skipped');
    out.push(`${skips.length} mutations not made, by reason:`);
    for (const [reason, os_] of groupBy(skips, (o) => `${o.kind}: ${o.reason}`)) out.push(`  ${os_.length} × ${reason}`);
  }
  return out.join('\n');
}

/** Runs the corpora that can be read here; the outcomes and a note per corpus left out. */
export function measureMutations(names: readonly CorpusName[] = CORPUS_NAMES, options: RunOptions = {}): { outcomes: Outcome[]; notes: string[]; runs: number; ms: number } {
  const started = Date.now();
  if (!fs.existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build first`);
  const notes: string[] = [];
  const outcomes: Outcome[] = [];
  let runs = 0;
  for (const spec of corpusWorkspaces(names)) {
    if (spec.documents.length === 0) {
      notes.push(`${spec.corpus}: no documents (is it there?)`);
      continue;
    }
    const t0 = Date.now();
    const r = runWorkspace(spec, options);
    outcomes.push(...r.outcomes);
    runs += r.runs;
    if (r.drift.length)
      notes.push(
        `${spec.corpus}: the unmutated controls of ${r.drift.length} documents read differently in the batch than alone (${r.drift.slice(0, 3).join(', ')}${r.drift.length > 3 ? ', …' : ''}): the batch changed what Charter reads`,
      );
    if (r.left.length)
      notes.push(
        `${spec.corpus}: ${r.left.length} documents left out, not read with their kind today (${r.left
          .slice(0, 3)
          .map((l) => `${l.path}: ${l.kind ?? 'none'}`)
          .join(', ')}${r.left.length > 3 ? ', …' : ''})`,
      );
    options.log?.(`${spec.corpus}: ${r.outcomes.filter((o) => o.result !== 'skipped').length} mutations, ${r.runs} runs, ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }
  return { outcomes, notes, runs, ms: Date.now() - started };
}

export function main(argv = process.argv.slice(2)): void {
  const { values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { corpus: { type: 'string', multiple: true }, json: { type: 'boolean' }, 'no-diagnose': { type: 'boolean' }, skips: { type: 'boolean' }, quiet: { type: 'boolean' } },
  });
  const here = available();
  const names = (values.corpus ?? here) as CorpusName[];
  for (const n of names) {
    if (!CORPUS_NAMES.includes(n) || !here.includes(n)) {
      console.error(
        `mutation: ${CORPUS_NAMES.includes(n) ? `the corpus ${n} is not here (bash scripts/get-corpora.sh; see CONTRIBUTING.md)` : `unknown corpus ${n} (one of ${CORPUS_NAMES.join(', ')})`}`,
      );
      process.exitCode = 2;
      return;
    }
  }
  for (const n of CORPUS_NAMES.filter((x) => !here.includes(x))) console.error(`mutation: the corpus ${n} is not here; left out`);
  const r = measureMutations(names, { diagnose: !values['no-diagnose'], log: values.quiet || values.json ? undefined : (l) => console.error(l) });
  if (values.json) {
    console.log(JSON.stringify(r, null, 2));
    return;
  }
  console.log(formatMutationReport(r));
  if (!values.quiet) console.log(`\n${formatMisses(r.outcomes, { skips: values.skips ?? true })}`);
}

/** The table, the notes and the time. */
export function formatMutationReport(r: { outcomes: Outcome[]; notes: string[]; runs: number; ms: number }): string {
  return [
    'Mutation recall: a required section Charter finds deleted (→ missing-section), blanked (→ empty-section),',
    'an owner it reads set to TBD (→ unowned-decision); caught = exactly that finding, at any level.',
    '',
    formatTable(r.outcomes),
    ...r.notes.map((n) => `note: ${n}`),
    `(${r.runs} runs of the checker, ${(r.ms / 1000).toFixed(1)} s)`,
  ].join('\n');
}

if (require.main === module) main();
