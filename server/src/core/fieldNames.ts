/**
 * The names a document's fields go by, as its reading compares them: which field names,
 * headings, columns and front matter keys name an owner (the kind's, the configuration's and
 * the language's), and which decision field a name stands for (the kind's own names first,
 * then English and the document's languages).
 */
import type { DecisionField, KindField, KindSpec } from './kinds';
import { ownerFieldSet } from './kinds';
import type { Lexicon } from './lexicon';
import type { Config } from './config';
import type { LineIndex } from './text';
import { normalizeKey, termKey } from './syntax';

/** Owner field names, as normalizeKey and termKey give them. */
export type OwnerKeys = Set<string>;

/** Whether a field name (or a heading, a column, a front matter key) is an owner field. */
export function isOwnerKey(keys: OwnerKeys, raw: string, normKey = normalizeKey(raw)): boolean {
  return keys.has(normKey) || keys.has(termKey(raw));
}

/** What a document's reading needs besides the config: its language's names, and the owner field names. */
export interface Reading {
  lex: Lexicon;
  /** The document's kind (its own field names come first). */
  kind: KindSpec;
  /** Owner fields anywhere. */
  owners: OwnerKeys;
  /** Owner fields inside a decision (these and `Who:`). */
  deciders: OwnerKeys;
  lines: LineIndex;
}

/** The owner field names of a kind, normalised: its own list (or the global one), and the names its `fields.owner` adds. */
export function ownerKeysOf(kind: KindSpec, config: Config): Set<string> {
  const names = kind.ownerFields ?? config.ownerFields;
  return ownerFieldSet(kind.fields?.owner ? [...names, ...kind.fields.owner] : names);
}

/** Each kind's own field names (`fields: { date: [Last updated] }`), as termKeys, once per kind. */
const kindFieldNames = new WeakMap<KindSpec, Map<string, DecisionField>>();

/** The decision field a name or heading (as a termKey) stands for: the kind's own names first, then English and the document's languages. */
export function fieldOf(r: Reading, key: string): DecisionField | undefined {
  const kind = r.kind;
  if (!kind.fields) return r.lex.fieldOfKey(key);
  let names = kindFieldNames.get(kind);
  if (!names) {
    names = new Map();
    for (const [field, list] of Object.entries(kind.fields) as [KindField, string[]][]) {
      if (field === 'owner') continue;
      for (const n of list) names.set(termKey(n), field);
    }
    kindFieldNames.set(kind, names);
  }
  return names.get(key) ?? r.lex.fieldOfKey(key);
}
