/**
 * A fast path for the front matter most documents have: `key: text` lines (plain or quoted
 * without escapes), lists of such items (indented, or in brackets on one line) or of small
 * `key: value` mappings (a charter's people). Anything else —
 * escapes, comments, numbers, booleans, nulls, other flow collections, anchors, block scalars,
 * nested mappings, tabs, duplicate keys — is declined, and the `yaml` library reads it. What
 * it returns is what `yaml` gives for the same text (the values and the offsets of every
 * node); a test holds the two to that on every front matter of the corpora and on mutations
 * of them. About a fifth of reading a document went into `yaml` before.
 */

/** A node's offsets in the source, as `yaml` gives them: [start, end of its value]. */
export type Span = [number, number];

export interface SimpleEntry {
  key: string;
  keySpan: Span;
  valueSpan: Span;
  /** For a list: each item's span. */
  items?: Span[];
}

export interface SimpleYaml {
  data: Record<string, unknown>;
  entries: SimpleEntry[];
}

const KEY = /^([A-Za-z_][A-Za-z0-9_-]*(?: [A-Za-z0-9_-]+)*):(?: +|$)/;
/** Plain scalars that `yaml`'s core schema reads as something other than a string. */
const TYPED =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/**
 * A scalar's string and the length of its node (quotes included), or undefined when the text
 * is not one that certainly reads as that string in YAML: plain text, or text in quotes
 * without escapes.
 */
function scalar(text: string): { value: string; length: number } | undefined {
  const t = text.replace(/ +$/, '');
  // More spaces after `- ` than one: yaml reads the item from its first character, not ours.
  if (t[0] === ' ') return undefined;
  const q = t[0];
  if (q === '"' || q === "'") {
    // "…" without backslashes, '…' without doubled quotes: the text between is the value.
    if (t.length < 2 || t[t.length - 1] !== q) return undefined;
    const inner = t.slice(1, -1);
    if (inner.includes(q) || (q === '"' && inner.includes('\\'))) return undefined;
    return { value: inner, length: t.length };
  }
  if (t === '' || /[\t#]/.test(t) || /^[-?:,[\]{}&*!|>'"%@`]/.test(t) || /:( |$)/.test(t) || TYPED.test(t)) return undefined;
  return { value: t, length: t.length };
}

/**
 * A flow sequence of scalars on one line (`[Tomás Ortega, Mei Lin]`, `[]`): its values, each
 * item's offsets in the text and the length of the node; undefined for anything else in
 * brackets (nested collections, empty or trailing items, colons, quotes around commas).
 */
function flowSequence(text: string): { values: string[]; items: Span[]; length: number } | undefined {
  const t = text.replace(/ +$/, '');
  if (t[t.length - 1] !== ']') return undefined;
  const inner = t.slice(1, -1);
  if (/[[\]{}:]/.test(inner)) return undefined;
  const values: string[] = [];
  const items: Span[] = [];
  if (inner === '') return { values, items, length: t.length };
  let at = 1;
  for (const part of inner.split(',')) {
    const lead = /^ */.exec(part)![0].length;
    const body = part.slice(lead).replace(/ +$/, '');
    const value = body === '' ? undefined : scalar(body);
    if (value === undefined || value.length !== body.length) return undefined;
    items.push([at + lead, at + lead + value.length]);
    values.push(value.value);
    at += part.length + 1;
  }
  return { values, items, length: t.length };
}

/** Reads the source, or returns undefined when it is not of the simple shape. */
export function parseSimpleYaml(source: string): SimpleYaml | undefined {
  if (source.includes('\r') || source.includes('\t')) return undefined;
  const lines: { text: string; start: number }[] = [];
  let at = 0;
  while (at < source.length) {
    const nl = source.indexOf('\n', at);
    const end = nl < 0 ? source.length : nl;
    lines.push({ text: source.slice(at, end), start: at });
    at = end + 1;
  }
  const data: Record<string, unknown> = {};
  const entries: SimpleEntry[] = [];
  let i = 0;
  /** The offset where the line after `n` starts (or the end of the source). */
  const after = (n: number) => (n + 1 < lines.length ? lines[n + 1].start : source.length);
  while (i < lines.length) {
    const { text, start } = lines[i];
    if (text.trim() === '') {
      i++;
      continue;
    }
    const m = KEY.exec(text);
    if (!m) return undefined;
    const key = m[1];
    if (Object.prototype.hasOwnProperty.call(data, key) || key === '__proto__') return undefined;
    const keySpan: Span = [start, start + key.length];
    const rest = text.slice(m[0].length);
    if (rest[0] === '[') {
      // `key: [a, b]` on one line.
      const seq = flowSequence(rest);
      if (seq === undefined) return undefined;
      const vStart = start + m[0].length;
      data[key] = seq.values;
      entries.push({ key, keySpan, valueSpan: [vStart, vStart + seq.length], items: seq.items.map(([a, b]) => [vStart + a, vStart + b]) });
      if (i + 1 < lines.length && /^ /.test(lines[i + 1].text)) return undefined;
      i++;
      continue;
    }
    if (rest !== '') {
      const value = scalar(rest);
      if (value === undefined) return undefined;
      const vStart = start + m[0].length;
      data[key] = value.value;
      entries.push({ key, keySpan, valueSpan: [vStart, vStart + value.length] });
      // A value continued on the next line would be folded into it.
      if (i + 1 < lines.length && /^ /.test(lines[i + 1].text)) return undefined;
      i++;
      continue;
    }
    // `key:` then a list, indented or at the key's own column (`authors:` then `- '@a'`).
    const first = lines[i + 1];
    const dash = first ? /^( *)- /.exec(first.text) : null;
    if (!dash) return undefined; // a null, a nested mapping: yaml reads those
    const indent = dash[1].length;
    const items: Span[] = [];
    const values: unknown[] = [];
    let n = i + 1;
    while (n < lines.length && lines[n].text.startsWith(`${dash[1]}- `)) {
      const line = lines[n];
      const body = line.text.slice(indent + 2);
      const bodyStart = line.start + indent + 2;
      const km = KEY.exec(body);
      if (!km) {
        const value = scalar(body);
        if (value === undefined) return undefined;
        items.push([bodyStart, bodyStart + value.length]);
        values.push(value.value);
        n++;
        continue;
      }
      // An item that is a small mapping: `- name: X` and `  role: Y` lines under it.
      const obj: Record<string, unknown> = {};
      const pad = ' '.repeat(indent + 2);
      let k = km;
      let kText = body;
      for (;;) {
        const name = k[1];
        if (Object.prototype.hasOwnProperty.call(obj, name) || name === '__proto__') return undefined;
        const value = scalar(kText.slice(k[0].length));
        if (value === undefined) return undefined;
        obj[name] = value.value;
        n++;
        if (n >= lines.length || !lines[n].text.startsWith(pad) || lines[n].text[pad.length] === ' ' || lines[n].text[pad.length] === '-') break;
        kText = lines[n].text.slice(pad.length);
        const next = KEY.exec(kText);
        if (!next) return undefined;
        k = next;
      }
      items.push([bodyStart, after(n - 1)]);
      values.push(obj);
    }
    // The list ends where a top-level key starts; anything else (blank lines, deeper text) is yaml's.
    if (n < lines.length && !KEY.test(lines[n].text)) return undefined;
    const end = after(n - 1);
    data[key] = values;
    entries.push({ key, keySpan, valueSpan: [first.start + indent, end], items });
    i = n;
  }
  return entries.length ? { data, entries } : undefined;
}
