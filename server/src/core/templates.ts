/**
 * Skeletons of new documents and decision entries, and where a new document goes so that
 * the configuration recognises it. Used by the editor's "New …" commands through the
 * server; pure functions of their inputs.
 */
import { builtinKinds, type KindSpec, type SectionSpec } from './kinds';
import type { IndexView } from './workspace';
import { AREA, ROLE_SPLIT_SENTENCE } from './areas';

/**
 * The responsibilities a product team's charter usually lists, each with the role accountable
 * for it and what the PM and the EM are expected to do (read back by roster.ts).
 */
export const RESPONSIBILITIES_TABLE = `## Responsibilities

| Responsibility | Accountable | PM expectations | EM expectations | Stakeholders |
|---|---|---|---|---|
| Product research | PM | Talks to customers; brings the evidence | Joins interviews; sizes what is learnt | Customers, Support |
| Team goals | PM | Drafts the goals and why they matter | Checks they can be staffed and delivered | Leadership |
| Iteration planning | PM | Orders the work by value | Says what fits and what it costs | Team |
| Hiring | EM | Interviews for product sense | Runs the loop and makes the call | People team |
| Iteration execution | EM | Keeps the scope stable | Runs the iteration; removes blockers | Team |
| Reporting | EM | Gives the product story | Reports progress, risks and dates | Leadership |
| Career development | EM | Gives feedback | Holds one-to-ones and growth plans | Team |
`;

/** What a new document needs. */
export interface NewDocumentInput {
  kind: string;
  title: string;
  owner?: string;
  /** For an SDD: the PRD it implements (root-relative). */
  prd?: string;
  /** YYYY-MM-DD. */
  today: string;
}

/** Lower-case words joined by dashes, safe as a file name. */
export function slug(title: string): string {
  const s = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s || 'untitled';
}

const yamlValue = (s: string) => (/^[\w .@'-]+$/.test(s) && !/^(?:yes|no|true|false|null|on|off)$/i.test(s) ? s : JSON.stringify(s));

/**
 * The text of a new document of a kind, by the shape its kind gives (`create.shape`). In a
 * built-in kind's skeleton a section of an area asks the area's question; a configured
 * kind's sections ask for themselves.
 */
export function documentSkeleton(input: NewDocumentInput, configured: KindSpec | undefined, prdRelative?: string): string {
  // Without the configured kind, a built-in kind of that name.
  const kind = configured ?? builtinKinds().find((k) => k.name === input.kind);
  const owner = input.owner ? yamlValue(input.owner) : '';
  const t = input.title;
  const sections = (prompt: (s: SectionSpec) => string) => (kind?.sections ?? []).map((s) => `## ${s.name}\n\n<!-- ${prompt(s)} -->\n`).join('\n');
  switch (kind?.create?.shape) {
    case 'sections':
      return `---\ntype: ${input.kind}\nowner: ${owner}\n${kind.implementsPrd && prdRelative ? `prd: ${prdRelative}\n` : ''}status: draft\ndate: ${input.today}\n---\n# ${t}\n\n${sections((s) => (s.area ? AREA[s.area].prompt : s.name))}`;
    case 'log':
      return `---\ntype: ${input.kind}\n---\n# ${t}\n\nOne entry per decision, newest last. Every decision has exactly one owner.\n\n${decisionEntry({ title: 'First decision', owner: input.owner, today: input.today })}`;
    case 'record':
      return `---\ntype: ${input.kind}\nstatus: proposed\ndate: ${input.today}\ndecision-makers: [${owner}]\n---\n# ${t}\n\n## Context and Problem Statement\n\n<!-- What forces this decision? -->\n\n## Considered Options\n\n<!-- The options, one per line. -->\n\n## Decision Outcome\n\n<!-- The option chosen, and why. -->\n\n### Consequences\n\n<!-- What gets better, what gets worse. -->\n`;
    case 'charter':
      return `---\ntype: ${input.kind}\npeople:\n  - { name: ${owner || '"Product Manager name"'}, role: PM, handle: "", email: "" }\n  - { name: "Engineering Manager name", role: EM, handle: "", email: "" }\n---\n# ${t}\n\nWho is who on this team, and who is accountable for what. ${ROLE_SPLIT_SENTENCE}\n\n${RESPONSIBILITIES_TABLE}`;
    default: {
      return `---\ntype: ${input.kind}\n${owner ? `owner: ${owner}\n` : ''}date: ${input.today}\n---\n# ${t}\n\n${sections((s) => s.name)}`;
    }
  }
}

/** The text of a decision entry for a decision log. */
export function decisionEntry(input: { title: string; owner?: string; today: string }): string {
  return `## ${input.title}\n\n- **Date**: ${input.today}\n- **Decision**: \n- **Context**: \n- **Alternatives**: \n- **Trade-offs**: \n- **Decision maker**: ${input.owner ?? ''}\n`;
}

/**
 * Where a new document of a kind goes: next to the existing documents of that kind when
 * there are some, otherwise a path the kind's globs match; always a path the classifier
 * recognises as that kind, and never one that exists.
 */
export function newDocumentPath(index: IndexView, kind: string, title: string, exists: (p: string) => boolean): string {
  const classifier = index.classifier;
  const spec = index.config.kinds.find((k) => k.name === kind);
  const existing = [...index.documents.values()]
    .filter((d) => d.kind.name === kind)
    .map((d) => d.path)
    .sort();
  const base = slug(title);
  const candidates: string[] = [];
  if (spec?.create?.shape === 'record') {
    const numbers = existing
      .map((p) => /(?:^|\/)0*(\d+)-[^/]*$/.exec(p))
      .filter(Boolean)
      .map((m) => Number(m![1]));
    const next = String((numbers.length ? Math.max(...numbers) : 0) + 1).padStart(4, '0');
    const dir = existing.length ? dirname(existing[existing.length - 1]) : 'docs/adr';
    candidates.push(`${dir}/${next}-${base}.md`, `docs/decisions/${next}-${base}.md`);
  } else if (spec?.create?.paths) {
    candidates.push(...spec.create.paths.map((p) => p.replace('{slug}', base)));
  } else {
    if (existing.length) {
      const last = existing[existing.length - 1];
      const suffix = new RegExp(`\\.${kind}\\.md$`, 'i').test(last) ? `.${kind}.md` : '.md';
      candidates.push(`${dirname(last)}/${base}${suffix}`);
    }
    for (const glob of spec?.include ?? []) candidates.push(pathFromGlob(glob, base));
    candidates.push(`docs/${kind}/${base}.md`, `docs/${base}.${kind}.md`);
  }
  const isKind = (p: string) => classifier.kindByPath(p)?.name === kind;
  const recognised = candidates.filter(isKind);
  const free = recognised.find((p) => !exists(p));
  if (free) return free;
  // Every recognised name is taken (a second DECISIONS.md): a numbered name the globs still match…
  for (const p of recognised) {
    const numbered = unique(p, exists);
    if (isKind(numbered)) return numbered;
  }
  // …or a folder of its own; the skeleton's `type:` front matter makes it a document anyway.
  if (recognised.length) {
    const name = recognised[0].slice(recognised[0].lastIndexOf('/') + 1);
    const inFolder = unique(`docs/${base}/${name}`, exists);
    if (isKind(inFolder)) return inFolder;
  }
  return unique(candidates[0], exists);
}

/** Turns a glob into a concrete path for a new file: `**` → docs, `*` → the slug. */
function pathFromGlob(glob: string, base: string): string {
  const p = glob
    .replace(/^\*\*\//, 'docs/')
    .replace(/\/\*\*\//g, '/')
    .replace(/\[0-9\]\*/g, '0001')
    .replace(/\{([^,}]*)[^}]*\}/g, '$1')
    .replace(/\*\*/g, '')
    .replace(/\*/g, base)
    .replace(/\/+/g, '/')
    .replace(/^\//, '');
  return p.endsWith('.md') ? p : `${p.replace(/\/$/, '')}/${base}.md`;
}

function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '.' : p.slice(0, i);
}

/** Adds -2, -3… before the extension until the path is free. */
function unique(p: string, exists: (p: string) => boolean): string {
  const clean = p.replace(/^\.\//, '');
  if (!exists(clean)) return clean;
  const m = /^(.*?)((?:\.[a-z]+)?\.md)$/i.exec(clean)!;
  for (let i = 2; ; i++) {
    const c = `${m[1]}-${i}${m[2]}`;
    if (!exists(c)) return c;
  }
}

/**
 * Where and what to insert to add a decision at the end of a decision log's text: the entry,
 * after exactly one blank line.
 */
export function decisionEntryInsertion(text: string, input: { title: string; owner?: string; today: string }): { position: { line: number; character: number }; text: string } {
  const lines = text.split(/\r\n|\r|\n/);
  const last = lines.length - 1;
  const endsBlank = lines[last] === '' && (last === 0 || lines[last - 1] === '');
  const lead = text === '' ? '' : lines[last] === '' ? (endsBlank ? '' : '\n') : '\n\n';
  return { position: { line: last, character: lines[last].length }, text: `${lead}${decisionEntry(input)}` };
}
