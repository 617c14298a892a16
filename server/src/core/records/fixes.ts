/**
 * The edits the lifecycle rules' quick fixes are made of (each rule's `fixes` picks its own):
 * the missing side of a supersession written into the record that lacks it
 * (supersede-mismatch), and a record renumbered to the next free number, its file renamed,
 * its title and the links to it changed (duplicate-number). Edits in other files and the
 * rename travel with the fix (`others`, `rename`).
 */
import { posix } from 'node:path';
import type { AnalyzedDocument } from '../document';
import type { Finding, Fix, Range, TextEdit } from '../types';
import type { IndexView } from '../workspace';
import { recordId } from './ids';
import { folderOf, recordIndex } from './workspace';
import { resolveReference } from '../links';

const at = (line: number, character: number): Range => ({ start: { line, character }, end: { line, character } });

function eol(doc: AnalyzedDocument): string {
  const m = /\r\n|\r|\n/.exec(doc.lines.text);
  return m ? m[0] : '\n';
}

/** Writes "Superseded by [X](…)" or "Supersedes [X](…)" into the record that lacks it. */
export function writeSide(doc: AnalyzedDocument, diag: Finding, index: IndexView): Fix | undefined {
  const target = diag.data?.target;
  const side = diag.data?.side;
  const life = doc.lifecycle?.lives[0];
  if (!target || !side || !life) return undefined;
  const other = index.documents.get(posix.normalize(posix.join(posix.dirname(doc.path), target)));
  const link = `[${(other?.title ?? target).replace(/[[\]]/g, '')}](${target.includes(' ') ? `<${target}>` : target})`;
  const nl = eol(doc);
  const st = life.status;
  const titleLine = doc.titleRange.end.line;
  if (side === 'superseded-by') {
    if (st) {
      const lower = /^\p{Ll}/u.test(st.text);
      return {
        title: `Mark this record superseded by ${other?.title ?? target}`,
        edits: [{ range: st.range, newText: `${lower ? 'superseded' : 'Superseded'} by ${link}` }],
        preferred: true,
      };
    }
    return {
      title: `Mark this record superseded by ${other?.title ?? target}`,
      edits: [{ range: at(titleLine + 1, 0), newText: `${nl}Status: Superseded by ${link}${nl}` }],
      preferred: true,
    };
  }
  const title = `Say that this record supersedes ${other?.title ?? target}`;
  if (!st) return { title, edits: [{ range: at(titleLine + 1, 0), newText: `${nl}Supersedes ${link}${nl}` }], preferred: true };
  const line = st.range.start.line;
  const text = doc.lines.line(line);
  const end = at(line, text.length);
  switch (st.place) {
    case 'front matter':
      return { title, edits: [{ range: end, newText: `${nl}supersedes: ${JSON.stringify(target)}` }], preferred: true };
    case 'cell':
      return { title, edits: [{ range: end, newText: `${nl}| Supersedes | ${link} |` }], preferred: true };
    case 'field': {
      // The status line's own shape: "- **Status**: Accepted" gives "- **Supersedes**: [X](…)".
      const before = text.slice(0, st.range.start.character).replace(/\p{L}[\p{L}\p{M}]*/u, 'Supersedes');
      return { title, edits: [{ range: end, newText: `${nl}${before.trimEnd()} ${link}` }], preferred: true };
    }
    default:
      return { title, edits: [{ range: end, newText: `${nl}${nl}Supersedes ${link}` }], preferred: true };
  }
}

/** Renames a record to the next free number of its folder and series (the base revision's numbers included). */
export function renumber(doc: AnalyzedDocument, index: IndexView): Fix | undefined {
  const lc = doc.lifecycle;
  const file = doc.path.slice(doc.path.lastIndexOf('/') + 1);
  const id = recordId(doc.path);
  if (!lc || lc.number === undefined || !id) return undefined;
  const folder = folderOf(doc.path);
  const series = lc.series ?? '';
  let max = 0;
  for (const [n, docs] of recordIndex(index).numbers.get(folder) ?? []) if (docs.some((d) => (d.lifecycle?.series ?? '') === series)) max = Math.max(max, n);
  for (const b of index.baseRecords?.get(folder) ?? []) if (b.series === series) max = Math.max(max, b.number);
  const next = max + 1;
  // The number as the file name writes it (its zero padding kept): "0007" → "0016".
  const m = new RegExp(`^(\\D*?)(0*${lc.number})(?=\\D|$)`).exec(file);
  if (!m) return undefined;
  const written = m[2];
  const padded = String(next).padStart(written.length, '0');
  const newFile = `${m[1]}${padded}${file.slice(m[1].length + written.length)}`;
  const newPath = folder ? `${folder}/${newFile}` : newFile;
  if (index.paths.has(newPath)) return undefined;
  const edits: TextEdit[] = [];
  // The title's number ("# 7. Cache prices", "# ADR-0007: …").
  const tl = doc.titleRange.start.line;
  const titleText = doc.lines.line(tl);
  const tm = new RegExp(`^(\\s*#*\\s*(?:[A-Za-z]{1,10}[-_ #:]*)?)(0*${lc.number})(?=\\D|$)`).exec(titleText);
  if (tm)
    edits.push({
      range: { start: { line: tl, character: tm[1].length }, end: { line: tl, character: tm[1].length + tm[2].length } },
      newText: String(next).padStart(tm[2].length, '0'),
    });
  // Links to the record from other documents: the file name in their target.
  const others: { path: string; edits: TextEdit[] }[] = [];
  for (const d of index.documents.values()) {
    if (d.path === doc.path) continue;
    const text = index.text?.(d.path);
    if (text === undefined) continue;
    const lines = text.split(/\r\n|\r|\n/);
    const e: TextEdit[] = [];
    for (const ref of d.references) {
      const r = resolveReference(d.path, ref, (p) => index.paths.has(p));
      if (r.kind !== 'path' || r.path !== doc.path || ref.range.start.line !== ref.range.end.line) continue;
      const lineText = lines[ref.range.start.line] ?? '';
      const slice = lineText.slice(ref.range.start.character, ref.range.end.character);
      const i = slice.lastIndexOf(file);
      if (i < 0) continue;
      const c = ref.range.start.character + i;
      e.push({ range: { start: { line: ref.range.start.line, character: c }, end: { line: ref.range.start.line, character: c + file.length } }, newText: newFile });
    }
    if (e.length) others.push({ path: d.path, edits: e });
  }
  return { title: `Renumber to ${padded} (${newFile})`, edits, others, rename: { to: newPath } };
}
