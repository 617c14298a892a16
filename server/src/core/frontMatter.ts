/**
 * YAML front matter: found at the very top of a document between `---` lines, parsed with
 * `yaml`, with every top-level key's position kept so that findings point at the key.
 */
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode } from 'yaml';
import type { FrontMatter, FrontMatterKey, Range } from './types';
import { parseSimpleYaml } from './simpleYaml';
import type { LineIndex } from './text';

/** Where the front matter block is in the text, before it is parsed. */
export interface FrontMatterSpan {
  /** Offset of the first character of the YAML body. */
  bodyStart: number;
  /** Offset just past the YAML body (the start of the closing delimiter line). */
  bodyEnd: number;
  /** Offset just past the closing delimiter line (including its line end). */
  end: number;
  /** Zero-based line of the closing delimiter. */
  closeLine: number;
}

/**
 * Finds the front matter block: the first line is `---`, and a later line is `---` or
 * `...`. Without a closing line there is no front matter (the `---` is a thematic break).
 */
export function findFrontMatter(lines: LineIndex): FrontMatterSpan | undefined {
  if (!/^---[ \t]*$/.test(lines.line(0))) return undefined;
  for (let n = 1; n < lines.lineCount; n++) {
    if (/^(---|\.\.\.)[ \t]*$/.test(lines.line(n))) {
      const end = n + 1 < lines.lineCount ? lines.starts[n + 1] : lines.text.length;
      return { bodyStart: lines.starts[1] ?? lines.text.length, bodyEnd: lines.starts[n], end, closeLine: n };
    }
  }
  return undefined;
}

/** Most aliases a front matter may expand: enough for real documents, too few for a YAML bomb. */
const MAX_ALIASES = 100;

/** Parses the front matter block found by {@link findFrontMatter}. */
export function parseFrontMatter(lines: LineIndex, span: FrontMatterSpan, fast = true): FrontMatter {
  // yaml does not take a lone CR as a line end; a LF in its place keeps every offset.
  const source = lines.text.slice(span.bodyStart, span.bodyEnd).replace(/\r(?!\n)/g, '\n');
  const at = (offset: number) => lines.positionAt(span.bodyStart + offset);
  const toRange = (r: readonly number[] | undefined | null): Range => (r ? { start: at(r[0]), end: at(r[1]) } : { start: at(0), end: at(0) });
  const fm: FrontMatter = {
    data: {},
    range: { start: { line: 0, character: 0 }, end: { line: span.closeLine, character: lines.line(span.closeLine).length } },
    keys: new Map(),
    errors: [],
  };
  const simple = fast ? parseSimpleYaml(source) : undefined;
  if (simple) {
    fm.data = simple.data;
    for (const e of simple.entries) {
      const keyRange = toRange(e.keySpan);
      const valueRange = toRange(e.valueSpan);
      const entry: FrontMatterKey = { keyRange, valueRange: trimRange(valueRange, lines), items: e.items?.map(toRange) };
      if (e.items) {
        entry.source = source.slice(e.valueSpan[0], e.valueSpan[1]).trim();
        entry.itemSources = e.items.map((r) => source.slice(r[0], r[1]).trim());
      }
      fm.keys.set(e.key, entry);
    }
    return fm;
  }
  const doc = parseDocument(source, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: false, strict: false });
  for (const e of yamlErrors(doc)) {
    fm.errors.push({ message: firstLine(e.message), range: toRange(e.pos) });
  }
  if (fm.errors.length > 0) return fm;
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    fm.errors.push({ message: firstLine((e as Error).message), range: toRange([0, Math.min(source.length, 3)]) });
    return fm;
  }
  if (value === null || value === undefined) return fm;
  if (typeof value !== 'object' || Array.isArray(value) || !isMap(doc.contents)) {
    fm.notAMapping = true;
    fm.errors.push({ message: 'front matter is not a mapping of keys to values', range: toRange(doc.contents?.range) });
    return fm;
  }
  fm.data = value as Record<string, unknown>;
  for (const pair of doc.contents.items) {
    const keyNode = pair.key as YamlNode | null;
    const valueNode = pair.value as YamlNode | null;
    if (!keyNode || !isScalar(keyNode)) continue;
    const name = String(keyNode.value);
    const keyRange = toRange(keyNode.range);
    const valueRange = valueNode?.range ? toRange(valueNode.range) : { start: keyRange.end, end: keyRange.end };
    const items = isSeq(valueNode) ? valueNode.items.map((i) => toRange((i as YamlNode).range)) : undefined;
    const sourceOf = (n: YamlNode | null | undefined) => (n?.range ? source.slice(n.range[0], n.range[1]).trim() : '');
    // The text as written matters only where a mapping or a list stands in for a value.
    const entry: FrontMatterKey = { keyRange, valueRange: trimRange(valueRange, lines), items };
    if (isMap(valueNode) || isSeq(valueNode)) entry.source = sourceOf(valueNode);
    if (isSeq(valueNode)) entry.itemSources = valueNode.items.map((i) => sourceOf(i as YamlNode));
    fm.keys.set(name, entry);
  }
  return fm;
}

/** yaml's node ranges may run on to the next line; keep them on the value's own lines. */
function trimRange(r: Range, lines: LineIndex): Range {
  if (r.end.line > r.start.line && r.end.character === 0) {
    const line = r.end.line - 1;
    return { start: r.start, end: { line, character: lines.line(line).length } };
  }
  return r;
}

function firstLine(s: string): string {
  return s.split('\n')[0].trim();
}

/** A YAML error, or a duplicate key: its message and offsets. */
export interface YamlProblem {
  message: string;
  pos: readonly [number, number];
}

/**
 * The errors of a document parsed with `uniqueKeys: false`, and its duplicate keys reported
 * as yaml's `uniqueKeys: true` does ("Map keys must be unique", at the later key), in order.
 * yaml's own check compares each key with every earlier one (quadratic: a mapping of 100,000
 * keys takes a minute); this one keeps a set per mapping.
 */
export function yamlErrors(doc: Document.Parsed): YamlProblem[] {
  const errors: YamlProblem[] = doc.errors.map((e) => ({ message: e.message, pos: e.pos }));
  const duplicates = duplicateKeys(doc.contents as YamlNode | null);
  if (!duplicates.length) return errors;
  return [...errors, ...duplicates].sort((a, b) => a.pos[0] - b.pos[0]);
}

function duplicateKeys(root: YamlNode | null): YamlProblem[] {
  const out: YamlProblem[] = [];
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      // As yaml compares keys: scalars by value (strictly), other keys only to themselves.
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key as unknown;
        const id = isScalar(key) ? key.value : key;
        if (typeof id === 'number' && Number.isNaN(id)) continue;
        if (seen.has(id)) {
          const at = (key as YamlNode | null)?.range?.[0] ?? node.range?.[0] ?? 0;
          out.push({ message: 'Map keys must be unique', pos: [at, at + 1] });
        } else {
          seen.add(id);
        }
        stack.push(pair.value, key);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    } else if (isPair(node)) {
      stack.push(node.value, node.key);
    }
  }
  return out.sort((a, b) => a.pos[0] - b.pos[0]);
}

/**
 * A front matter value as text, for a key where a name, a date or a path is expected: a
 * string as it is, a number or a boolean as written, a date as YYYY-MM-DD, and a mapping or
 * a list as its source text (`{list everyone involved}` is a YAML mapping, and a
 * placeholder). Undefined when the key is absent or empty.
 */
export function frontMatterText(fm: FrontMatter | undefined, key: string): string | undefined {
  if (!fm || !Object.prototype.hasOwnProperty.call(fm.data, key)) return undefined;
  return valueText(fm.data[key], fm.keys.get(key)?.source);
}

/** A YAML value as text (see {@link frontMatterText}); `source` is its text as written, for mappings and lists. */
export function valueText(value: unknown, source?: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  if (typeof value === 'object') return source ?? (Array.isArray(value) ? value.map((v) => valueText(v) ?? '').join(', ') : '');
  return String(value);
}
