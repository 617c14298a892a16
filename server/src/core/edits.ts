/**
 * The edits quick fixes are made of, as plain text edits: insert a missing section at its
 * place, set a decision's owner, add a decision's missing fields. Each edit is minimal and
 * touches only the text it fixes. Which fix answers which finding is the rule's own
 * (`fixes` in rules/<rule-id>.ts); analyze.ts `fixesFor` asks the finding's rule.
 */
import type { AnalyzedDocument } from './document';
import type { Decision } from './decisions';
import type { Fix, Range, TextEdit } from './types';
import { rosterFor, type IndexView } from './workspace';
import type { SectionSpec } from './kinds';
import { areaRoleKey, type Person } from './roster';
import { roleKey } from './kinds';
import { checkDate } from './dates';
import { AREA } from './areas';
import { ownerRoleMismatch, roleMismatch } from './rules/owner-role-mismatch';

export type { Fix, TextEdit } from './types';

export function isFix(f: Fix | undefined): f is Fix {
  return f !== undefined;
}

export function label(p: Person): string {
  return p.role ? `${p.name} (${p.role})` : p.name;
}

function contains(r: Range, p: Range['start']): boolean {
  const after = p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character);
  const before = p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character);
  return after && before;
}

/** The decision a finding is about: the innermost decision whose extent holds the finding's start. */
export function decisionAt(doc: AnalyzedDocument, r: Range): Decision | undefined {
  let best: Decision | undefined;
  for (const d of doc.decisions) {
    if (!contains(d.fullRange, r.start) && !(d.owner && contains(d.owner.range, r.start))) continue;
    if (!best || d.fullRange.start.line >= best.fullRange.start.line) best = d;
  }
  return best;
}

/** People to offer as owner: those whose role owns the decision's area first. */
export function ownerChoices(doc: AnalyzedDocument, d: Decision, index: IndexView): Person[] {
  // The people of the document's own team (the nearest charter above it)…
  const roster = rosterFor(index, doc.path) ?? index.roster;
  const people = roster?.people ?? [];
  if (!d.area) return [...people];
  const owning = areaRoleKey(roster, d.area);
  // …but not one whose role does not own the decision's area: the fix would trade an
  // unowned decision for an owner-role-mismatch.
  return [...people].filter((p) => mayOwn(doc, d, p.name, index)).sort((a, b) => Number(roleKey(b.role) === owning) - Number(roleKey(a.role) === owning));
}

/** Whether naming `name` the one owner of a decision brings no owner-role-mismatch (or that rule is off). */
export function mayOwn(doc: AnalyzedDocument, d: Decision, name: string, index: IndexView): boolean {
  if (!d.area || (index.config.rules[ownerRoleMismatch.id] ?? ownerRoleMismatch.defaultSeverity) === 'off') return true;
  return !roleMismatch(index, doc.path, name, [d.area]);
}

/** Sets a decision's owner, replacing the value or adding an owner field. */
export function setOwner(doc: AnalyzedDocument, d: Decision, name: string, title: string): Fix | undefined {
  const lines = doc.lines;
  // An owner "field" that is a heading ("### Decision makers" over its own section): a name
  // written after the heading's text would make it another heading, not an owner. No fix.
  if (d.owner && d.shape !== 'table' && doc.model.headings.some((h) => h.range.start.line <= d.owner!.range.start.line && d.owner!.range.start.line <= h.range.end.line))
    return undefined;
  if (d.shape === 'table' && d.missingCells !== undefined) {
    // A short row: add the cells up to the owner column.
    const line = d.range.end.line;
    const text = lines.line(line);
    const end = { line, character: text.replace(/\s+$/, '').length };
    const lead = /\|\s*$/.test(text) ? '' : ' |';
    return { title, edits: [{ range: { start: end, end }, newText: `${lead}${' |'.repeat(d.missingCells)} ${name} |` }] };
  }
  // A value on one line is replaced; so is a list of people nested under an empty field.
  const nested = d.owner && d.owner.range.start.line !== d.owner.range.end.line && (d.shape === 'list' || d.shape === 'fields');
  if (d.owner && (d.owner.range.start.line === d.owner.range.end.line || nested) && !isListValue(doc, d)) {
    const r = d.owner.range;
    const before = r.start.character > 0 ? lines.line(r.start.line)[r.start.character - 1] : '';
    // In front matter the value is YAML: quoted where a bare one would not read back (`@evan`).
    const fm = doc.model.frontMatter;
    const inYaml = fm && r.start.line >= fm.range.start.line && r.end.line <= fm.range.end.line;
    const value = inYaml ? yamlString(name) : name;
    const text = d.shape === 'table' || before === ' ' || before === '' ? value : ` ${value}`;
    if (d.shape === 'table' && r.start.character === r.end.character) return { title, edits: [{ range: r, newText: ` ${name} ` }] };
    return { title, edits: [{ range: r, newText: text }] };
  }
  if (d.shape === 'file') {
    const fm = doc.model.frontMatter;
    const key = d.ownerKey ?? 'decision-makers';
    if (fm && !fm.errors.length) {
      const pos = d.ownerKey ? fm.keys.get(d.ownerKey) : undefined;
      if (pos) {
        // A multi-line YAML value: replace it whole with a one-item list on the key's line.
        const end = pos.valueRange.end;
        return { title, edits: [{ range: { start: pos.keyRange.end, end }, newText: `: [${yamlString(name)}]` }] };
      }
      const line = fm.range.end.line;
      return { title, edits: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${key}: [${yamlString(name)}]${eol(doc)}` }] };
    }
    if (fm) return undefined;
    return {
      title,
      edits: [
        { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `---${eol(doc)}decision-makers: [${yamlString(name)}]${eol(doc)}---${eol(doc)}` },
      ],
    };
  }
  if (d.shape === 'table') return undefined;
  return { title, edits: [insertFieldLines(doc, d, [`${d.ownerKey ?? 'Decision maker'}: ${name}`])] };
}

function isListValue(doc: AnalyzedDocument, d: Decision): boolean {
  if (d.shape !== 'file' || !d.ownerKey) return false;
  const v = doc.model.frontMatter?.data[d.ownerKey];
  return Array.isArray(v) || v === null;
}

function yamlString(s: string): string {
  return /^[\w .'-]+$/.test(s) && !/^(?:yes|no|true|false|null|on|off)$/i.test(s) ? s : JSON.stringify(s);
}

function eol(doc: AnalyzedDocument): string {
  const m = /\r\n|\r|\n/.exec(doc.lines.text);
  return m ? m[0] : '\n';
}

/** Adds the date, decision (and recommended) fields a decision entry lacks. */
export function addMissingFields(doc: AnalyzedDocument, d: Decision, today: string): Fix | undefined {
  const missing: [string, string][] = [];
  const date = d.fields.date;
  const dateMissing = !date || (checkDate(date.value) as { placeholder?: boolean }).placeholder === true;
  // A date field that is there but empty (or a placeholder) gets today's date in place.
  const dateInPlace = date && dateMissing && d.shape !== 'file' ? fillValue(doc, date.range, today) : undefined;
  if (dateMissing && !dateInPlace) missing.push(['Date', today]);
  if (!d.fields.decision) missing.push(['Decision', '']);
  if (!d.fields.context) missing.push(['Context', '']);
  if (!d.fields.alternatives) missing.push(['Alternatives', '']);
  if (!d.fields['trade-offs']) missing.push(['Trade-offs', '']);
  if ((missing.length === 0 && !dateInPlace) || d.shape === 'table') return undefined;
  if (d.shape === 'file') {
    const fm = doc.model.frontMatter;
    if (!missing.some(([k]) => k === 'Date')) return undefined;
    const existing = fm?.keys.get('date');
    if (fm && !fm.errors.length && existing) {
      // `date:` is there, empty or a placeholder: fill it rather than add a second key.
      const line = existing.keyRange.end.line;
      return {
        title: 'Set the date in the front matter',
        edits: [{ range: { start: existing.keyRange.end, end: { line, character: doc.lines.line(line).length } }, newText: `: ${today}` }],
        preferred: true,
      };
    }
    if (fm && !fm.errors.length) {
      const line = fm.range.end.line;
      return {
        title: 'Add the date to the front matter',
        edits: [{ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `date: ${today}${eol(doc)}` }],
        preferred: true,
      };
    }
    if (fm) return undefined;
    return {
      title: 'Add the date in front matter',
      edits: [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: `---${eol(doc)}date: ${today}${eol(doc)}---${eol(doc)}` }],
      preferred: true,
    };
  }
  const names = [...(dateInPlace ? ['date'] : []), ...missing.map(([k]) => k.toLowerCase())].join(', ');
  const edits = [
    ...(dateInPlace ? [dateInPlace] : []),
    ...(missing.length
      ? [
          insertFieldLines(
            doc,
            d,
            missing.map(([k, v]) => (v ? `${k}: ${v}` : `${k}:`)),
          ),
        ]
      : []),
  ];
  return { title: `Add the missing fields (${names})`, edits, preferred: true };
}

/** Replaces a field's empty or placeholder value with a new one, keeping one space after the colon. */
function fillValue(doc: AnalyzedDocument, r: Range, value: string): TextEdit | undefined {
  if (r.start.line !== r.end.line) return undefined;
  const line = doc.lines.line(r.start.line);
  const before = line[r.start.character - 1];
  return { range: r, newText: before === ' ' || before === '\t' ? value : ` ${value}` };
}

/** Inserts field lines after the entry's last field (or under its heading), in the entry's style. */
function insertFieldLines(doc: AnalyzedDocument, d: Decision, fields: string[]): TextEdit {
  const nl = eol(doc);
  const style = d.fieldStyle ?? { listItem: false, bold: false };
  const render = (f: string) => {
    const i = f.indexOf(':');
    const key = f.slice(0, i);
    const rest = f.slice(i + 1);
    const k = style.bold ? `**${key}:**` : `${key}:`;
    return `${style.listItem ? '- ' : ''}${k}${rest}`;
  };
  if (d.insertAfterLine !== undefined && d.insertAfterLine >= 0) {
    const line = d.insertAfterLine;
    const end = doc.lines.line(line).length;
    // Plain key-value lines in one paragraph need a hard line break ("  ") to stay on separate lines when rendered; keep what the entry does.
    const trailing = !style.listItem && /\s{2}$/.test(doc.lines.line(line)) ? '  ' : '';
    return { range: { start: { line, character: end }, end: { line, character: end } }, newText: fields.map((f) => `${trailing}${nl}${render(f)}`).join('') };
  }
  // No fields yet: a new paragraph right under the heading.
  const line = d.range.end.line;
  const end = doc.lines.line(line).length;
  const lb = style.listItem ? nl : `  ${nl}`;
  const body = fields.map(render).join(lb).replace(/ {2}$/, '');
  return { range: { start: { line, character: end }, end: { line, character: end } }, newText: `${nl}${nl}${body}` };
}

/**
 * Inserts a missing section with a skeleton: after the section that precedes it in the
 * kind's order, at the same heading level, or at the end of the document.
 */
export function insertSection(doc: AnalyzedDocument, spec: SectionSpec): Fix {
  const nl = eol(doc);
  const order = doc.kind.sections;
  const idx = order.indexOf(spec);
  const found = new Map(doc.sections.map((s) => [s.spec, s]));
  const depth = sectionDepth(doc);
  // The section is written as the snippets write it: the heading, then what it asks for as
  // text the writer types over (selected by the editor). Not a template comment: that would
  // trade the missing section for an empty one.
  const prompt = sectionPrompt(spec);
  const skeleton = `${'#'.repeat(depth)} ${spec.name}${nl}${nl}${prompt}${nl}`;
  // After the previous present section in the kind's order…
  for (let i = idx - 1; i >= 0; i--) {
    const prev = found.get(order[i]);
    if (prev) return insertBeforeLine(doc, prev.heading.sectionEndLine, skeleton, spec, nl, prompt);
  }
  // …or before the next present one…
  for (let i = idx + 1; i < order.length; i++) {
    const next = found.get(order[i]);
    if (next) return insertBeforeLine(doc, next.heading.range.start.line, skeleton, spec, nl, prompt);
  }
  // …or at the end.
  return insertBeforeLine(doc, doc.model.lineCount, skeleton, spec, nl, prompt);
}

/** What an inserted section asks its writer for, as a sentence to type over. */
export function sectionPrompt(spec: SectionSpec): string {
  if (spec.area) return AREA[spec.area].fixPrompt;
  switch (spec.field) {
    case 'context':
      return 'What forces this decision: the problem, the constraints, what is at stake.';
    case 'decision':
      return 'The option chosen, and why.';
    case 'trade-offs':
      return 'What gets better, and what gets worse.';
    case 'alternatives':
      return 'The options considered, one per line.';
    default:
      return `What this document says about ${spec.name.toLowerCase()}.`;
  }
}

/** The level of the document's sections: that of its required sections, else below its title. */
function sectionDepth(doc: AnalyzedDocument): number {
  if (doc.sections.length) return Math.min(...doc.sections.map((s) => s.heading.depth));
  const [first, ...rest] = doc.model.headings;
  const others = first?.depth === 1 ? rest : doc.model.headings;
  if (others.length) return Math.min(...others.map((h) => h.depth));
  return first ? Math.min(6, first.depth + 1) : 2;
}

/**
 * The line where an insertion is safe: not inside a code fence or an HTML comment that is
 * open at that point (a fence left unclosed at the end of a document, say), but before it.
 */
function outsideOpenBlocks(doc: AnalyzedDocument, line: number): number {
  const lines = doc.lines;
  let fence: { char: string; len: number; from: number } | undefined;
  let comment: number | undefined;
  const first = doc.model.frontMatter ? doc.model.frontMatter.range.end.line + 1 : 0;
  for (let n = first; n < Math.min(line, lines.lineCount); n++) {
    const text = lines.line(n);
    if (fence) {
      const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(text);
      if (close && close[1][0] === fence.char && close[1].length >= fence.len) fence = undefined;
      continue;
    }
    if (comment !== undefined) {
      if (text.includes('-->')) comment = undefined;
      continue;
    }
    const open = /^ {0,3}(`{3,}|~{3,})/.exec(text);
    if (open) {
      fence = { char: open[1][0], len: open[1].length, from: n };
      continue;
    }
    const c = text.lastIndexOf('<!--');
    if (c >= 0 && !text.slice(c).includes('-->')) comment = n;
  }
  const open = fence ? fence.from : comment;
  if (open === undefined) return line;
  // Before the open block would split its section (the block would move into the new one):
  // go before the heading of that section instead, so every section keeps what it holds.
  const heading = [...doc.model.headings].reverse().find((h) => h.range.start.line < open);
  return heading && heading.range.start.line >= first ? heading.range.start.line : open;
}

function insertBeforeLine(doc: AnalyzedDocument, wanted: number, skeleton: string, spec: SectionSpec, nl: string, prompt: string): Fix {
  const title = `Add a "${spec.name}" section`;
  const lines = doc.lines;
  const line = outsideOpenBlocks(doc, wanted);
  let edit: TextEdit;
  if (line >= lines.lineCount) {
    const last = lines.lineCount - 1;
    const text = lines.line(last);
    const end = { line: last, character: text.length };
    const lead = text.trim() === '' ? (last > 0 && lines.line(last - 1).trim() !== '' ? nl : '') : `${nl}${nl}`;
    edit = { range: { start: end, end }, newText: `${lead}${skeleton}` };
  } else {
    const prevBlank = line === 0 || lines.line(line - 1).trim() === '';
    const pos = { line, character: 0 };
    edit = { range: { start: pos, end: pos }, newText: `${prevBlank ? '' : nl}${skeleton}${nl}` };
  }
  return { title, edits: [edit], preferred: true, select: rangeAfterInsert(edit, edit.newText.lastIndexOf(prompt), prompt.length) };
}

/** Where `length` characters at `offset` of an insertion's text are once it is inserted. */
function rangeAfterInsert(edit: TextEdit, offset: number, length: number): Range {
  const before = edit.newText.slice(0, offset).split(/\r\n|\r|\n/);
  const line = edit.range.start.line + before.length - 1;
  const character = (before.length === 1 ? edit.range.start.character : 0) + before[before.length - 1].length;
  return { start: { line, character }, end: { line, character: character + length } };
}
