/**
 * A decision folder's index page: which records it lists, which it leaves out, the row a
 * quick fix adds in the index's own shape, and the index `charter index` writes between
 * markers. Plain functions of the index (IndexView) and texts.
 */
import { posix } from 'node:path';
import type { AnalyzedDocument, CompactDocument } from '../document';
import type { IndexView } from '../workspace';
import type { Range } from '../types';
import { resolveLink } from '../links';
import { bareTitle, recordOf, relativeLink, type DecisionRecord } from './workspace';
import { INDEX_END, INDEX_START } from './ids';

/** A record the index lists, and the line that lists it. */
export interface ListedRecord {
  record: DecisionRecord;
  /** The link's range. */
  range: Range;
}

/** The folder an index page indexes. */
export function indexFolder(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '' : path.slice(0, i);
}

const under = (dir: string, p: string) => !dir || p.startsWith(`${dir}/`);

/**
 * The records an index page must list: every record under its folder, but those under a
 * deeper folder that has an index page of its own.
 */
export function recordsToList(index: IndexView, page: CompactDocument): DecisionRecord[] {
  const dir = indexFolder(page.path);
  const deeper: string[] = [];
  for (const d of index.documents.values()) {
    if (d.kind.indexesRecords && d.path !== page.path) {
      const other = indexFolder(d.path);
      if (other !== dir && under(dir, other)) deeper.push(other);
    }
  }
  const out: DecisionRecord[] = [];
  for (const d of index.documents.values()) {
    if (d.kind.decisions !== 'per-file' || !under(dir, d.path)) continue;
    if (deeper.some((x) => under(x, d.path))) continue;
    out.push(recordOf(d, index.config));
  }
  return out.sort(byNumber);
}

/** Records by number, then by path. */
export function byNumber(a: DecisionRecord, b: DecisionRecord): number {
  const n = (a.number ?? Infinity) - (b.number ?? Infinity);
  return n !== 0 && !Number.isNaN(n) ? n : a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** The records a page lists by link (an id in its prose is a mention, not a row). */
export function listedRecords(index: IndexView, page: CompactDocument): ListedRecord[] {
  const out: ListedRecord[] = [];
  const seen = new Set<string>();
  for (const ref of page.references) {
    if (ref.role !== 'link') continue;
    const r = resolveLink(page.path, ref.target);
    if (r.kind !== 'path') continue;
    // A link to a record kept as its own folder's page names the folder.
    const doc = index.documents.get(r.path) ?? index.documents.get(`${r.path}/README.md`) ?? index.documents.get(`${r.path}/index.md`);
    if (!doc || doc.kind.decisions !== 'per-file' || seen.has(doc.path)) continue;
    seen.add(doc.path);
    out.push({ record: recordOf(doc, index.config), range: ref.range });
  }
  return out;
}

/** The records an index page leaves out, and where its list ends (the place of the findings). */
export function unlisted(index: IndexView, page: CompactDocument): { missing: DecisionRecord[]; at?: Range } {
  const all = recordsToList(index, page);
  const listed = listedRecords(index, page);
  const inFolder = new Set(all.map((r) => r.path));
  const count = listed.filter((l) => inFolder.has(l.record.path)).length;
  // A page that names a record or two is no index of them all.
  if (count < 3 && count * 2 < all.length) return { missing: [] };
  const have = new Set(listed.map((l) => l.record.path));
  const last = listed
    .filter((l) => inFolder.has(l.record.path))
    .sort((a, b) => a.range.start.line - b.range.start.line)
    .pop();
  // An index of numbered records leaves out, on purpose, a draft still waiting for its number.
  const numberedOnly = listed.every((l) => l.record.number !== undefined);
  return { missing: all.filter((r) => !have.has(r.path) && r.path !== page.path && (!numberedOnly || r.number !== undefined)), at: last?.range };
}

/**
 * The row that adds a record to an index, written in the index's own shape: a listed
 * record's row (the one before it by number) with that record's link, file name, title,
 * number, status, date and owner replaced by the new one's. Returns the line to insert
 * before (zero-based) and its text.
 */
export function indexRow(page: AnalyzedDocument, listed: ListedRecord[], rec: DecisionRecord): { line: number; text: string } | undefined {
  if (!listed.length) return undefined;
  const rows = listed.filter((l) => l.range.start.line < page.lines.lineCount);
  if (!rows.length) return undefined;
  const numbered = rows.filter((l) => l.record.number !== undefined && rec.number !== undefined);
  const before = numbered
    .filter((l) => l.record.number! < rec.number!)
    .sort((a, b) => a.record.number! - b.record.number!)
    .pop();
  const after = numbered.filter((l) => l.record.number! > rec.number!).sort((a, b) => a.record.number! - b.record.number!)[0];
  const last = rows
    .slice()
    .sort((a, b) => a.range.start.line - b.range.start.line)
    .pop()!;
  const model = before ?? (after && !before ? after : last);
  const line = model === after && !before ? model.range.start.line : model.range.start.line + 1;
  const text = rewriteRow(page.lines.line(model.range.start.line), page.path, model.record, rec);
  return { line, text };
}

/** A row of `old` rewritten for `rec`: link target, file name, title, number, status, date and owner. */
function rewriteRow(row: string, from: string, old: DecisionRecord, rec: DecisionRecord): string {
  const spans: { start: number; end: number; text: string }[] = [];
  const free = (s: number, e: number) => spans.every((x) => e <= x.start || s >= x.end);
  const replaceAll = (find: string | undefined, by: string) => {
    if (!find) return;
    for (let i = row.indexOf(find); i >= 0; i = row.indexOf(find, i + find.length)) if (free(i, i + find.length)) spans.push({ start: i, end: i + find.length, text: by });
  };
  const link = /\[([^\]]*)\]\(([^)\s]+)[^)]*\)/g;
  for (const m of row.matchAll(link)) {
    const r = resolveLink(from, m[2]);
    if (r.kind !== 'path' || r.path !== old.path) continue;
    const textAt = m.index! + 1;
    const at = textAt + m[1].length + 2;
    spans.push({ start: at, end: at + m[2].length, text: relativeLink(from, rec.path) });
    // The link's text: an id is renumbered below, a file name renamed; anything else is the title.
    const t = m[1].trim();
    if (t && !/^\W*(?:[A-Za-z]{2,8}[-_ ]?)?\d+\W*$/.test(t) && t !== posix.basename(old.path))
      spans.push({ start: textAt, end: textAt + m[1].length, text: escapeCell(bareTitle(rec.title)).replace(/[[\]]/g, '\\$&') });
  }
  replaceAll(posix.basename(old.path), posix.basename(rec.path));
  replaceAll(old.title, escapeCell(rec.title));
  replaceAll(bareTitle(old.title), escapeCell(bareTitle(rec.title)));
  replaceAll(old.date, rec.date ?? '');
  replaceAll(old.owner, rec.owner ?? '');
  if (old.statusText) {
    const word = /^[\p{L}][\p{L} -]*?(?=$|[\s*_.,;:([-]{1,}(?:\d|by|on|\[|$))/iu.exec(old.statusText.replace(/^[*_]+/, ''))?.[0]?.trim();
    if (word && word.length > 2) replaceAll(word, rec.statusText ? (/^[*_]*([\p{L}][\p{L} ]*)/u.exec(rec.statusText)?.[1]?.trim() ?? rec.status ?? '') : (rec.status ?? ''));
  }
  if (old.number !== undefined && rec.number !== undefined) {
    const re = new RegExp(`(?<!\\d)0*${old.number}(?!\\d)`, 'g');
    for (const m of row.matchAll(re)) {
      const s = m.index!;
      if (free(s, s + m[0].length)) spans.push({ start: s, end: s + m[0].length, text: String(rec.number).padStart(m[0].length, '0') });
    }
  }
  let out = row;
  for (const s of spans.sort((a, b) => b.start - a.start)) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

function escapeCell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

/** The index Charter writes: number, title (linked), status, date and owner of each record, between the markers. */
export function renderIndex(from: string, records: readonly DecisionRecord[]): string {
  const cell = (t: string | undefined) => escapeCell((t ?? '').replace(/\s+/g, ' ').replace(/[[\]]/g, '\\$&').replace(/</g, '&lt;').trim()) || '—';
  const rows = [...records].sort(byNumber).map((r) => {
    const num = r.number !== undefined ? String(r.number).padStart(4, '0') : '—';
    const title = `[${cell(bareTitle(r.title))}](${relativeLink(from, r.path)})`;
    return `| ${num} | ${title} | ${cell(r.status ?? r.statusText)} | ${cell(r.date)} | ${cell(r.owner)} |`;
  });
  return [INDEX_START, '| Number | Title | Status | Date | Owner |', '| --- | --- | --- | --- | --- |', ...rows, INDEX_END].join('\n');
}

/** A page's text with its index refreshed: the block between the markers replaced, else appended. */
export function withIndex(text: string | undefined, block: string, title = 'Decision records'): string {
  if (text === undefined) return `# ${title}\n\n${block}\n`;
  const start = text.indexOf(INDEX_START);
  const end = start < 0 ? -1 : text.indexOf(INDEX_END, start);
  if (start >= 0 && end >= 0) return text.slice(0, start) + block + text.slice(end + INDEX_END.length);
  const nl = text.includes('\r\n') ? '\r\n' : '\n';
  const body = text.replace(/\s*$/, '');
  return `${body}${body ? nl + nl : ''}${block.split('\n').join(nl)}${nl}`;
}

/** The quick fix of `missing-from-index`: the record's row, added in the index's own shape. */
export function indexRowFix(
  page: AnalyzedDocument,
  recordPath: string,
  index: IndexView,
): { title: string; edits: { range: Range; newText: string }[]; preferred: boolean } | undefined {
  const doc = index.documents.get(recordPath);
  if (!doc || page.lines.lineCount === 0) return undefined;
  const rec = recordOf(doc, index.config);
  const row = indexRow(page, listedRecords(index, page), rec);
  if (!row) return undefined;
  const at = { line: row.line, character: 0 };
  const nl = page.lines.text.includes('\r\n') ? '\r\n' : '\n';
  const atEnd = row.line >= page.lines.lineCount;
  const edit = atEnd
    ? {
        range: {
          start: { line: page.lines.lineCount - 1, character: page.lines.line(page.lines.lineCount - 1).length },
          end: { line: page.lines.lineCount - 1, character: page.lines.line(page.lines.lineCount - 1).length },
        },
        newText: nl + row.text,
      }
    : { range: { start: at, end: at }, newText: row.text + nl };
  return { title: `Add ${rec.title} to the index`, edits: [edit], preferred: true };
}
