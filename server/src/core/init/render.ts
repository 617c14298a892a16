/**
 * The text of `charter init`'s proposal: the settings chosen, each with the comment that says
 * why, as `.charter.yaml`; nothing of a document's text can end a comment early or hide in it.
 */
import type { WorkspaceIndex } from '../workspaceIndex';
import type { Area } from '../areas';
import { dirOf, folders, list } from './words';

/** One setting of the proposal, with the comment that says why. */
export interface Choice {
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

/** The header: what was read. */
export function headerLines(base: WorkspaceIndex, final: WorkspaceIndex, kept: Choice[]): string[] {
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
export function render(choices: Choice[], header: string[], notes: string[][]): string {
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

export function quote(s: string): string {
  return JSON.stringify(s).replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A section as a line of the `sections:` list. */
export function sectionLine(name: string, required: boolean, aliases: string[] = [], area?: Area): string {
  if (required && !aliases.length && !area) return scalar(name);
  const parts = [`name: ${scalar(name)}`];
  if (aliases.length) parts.push(`aliases: [${aliases.map(scalar).join(', ')}]`);
  if (!required) parts.push('required: false');
  if (area) parts.push(`area: ${area}`);
  return `{ ${parts.join(', ')} }`;
}
