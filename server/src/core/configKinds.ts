/** `.charter.yaml`'s `kinds:`: a kind's settings read and checked, a built-in kind's changes laid over it. */
import { isMap, isScalar, isSeq, type Node as YamlNode, type Pair } from 'yaml';
import type { Area } from './types';
import { AREAS } from './types';
import { DEFAULT_EXCLUDE, type DecisionMode, type KindField, type KindFields, type KindSpec, type SectionSpec } from './kinds';
import { bool, checkGlob, describe, itemNode, keyName, stringList, unknownKey, type Report } from './configValues';

/**
 * A kind whose include globs name a file (such as README.md in a KEP folder) wants that file even though
 * such files are excluded by default.
 */
export function keepNamedFiles(kind: KindSpec): KindSpec {
  const base = (g: string) => g.slice(g.lastIndexOf('/') + 1).toLowerCase();
  const named = new Set(kind.include.map(base));
  const exclude = kind.exclude.filter((e) => !named.has(base(e)));
  return exclude.length === kind.exclude.length ? kind : { ...kind, exclude };
}

const KIND_KEYS = ['include', 'exclude', 'sections', 'decisions', 'owners', 'documentOwner', 'area', 'fields', 'ids'];

/** What `kinds.<name>.fields` may name: the decision fields, and the owner. */
const KIND_FIELD_KEYS: readonly KindField[] = ['date', 'decision', 'context', 'alternatives', 'trade-offs', 'status', 'supersedes', 'area', 'owner'];

export function readKind(name: string, node: YamlNode | null, base: KindSpec | undefined, problem: Report): KindSpec | undefined {
  const kind: KindSpec = base
    ? { ...base }
    : { name, builtin: false, include: [], exclude: DEFAULT_EXCLUDE, sections: [], decisions: 'none', documentOwner: false, label: name.toUpperCase() };
  if (node === null || (isScalar(node) && node.value === null)) return kind;
  if (!isMap(node)) {
    problem(node, `kinds.${name} must be a mapping (${KIND_KEYS.join(', ')})`);
    return undefined;
  }
  let count = 0;
  const counting: Report = (n, m) => {
    count++;
    problem(n, m);
  };
  for (const p of node.items as Pair<YamlNode, YamlNode>[]) {
    const k = keyName(p);
    const where = `kinds.${name}.${k}`;
    switch (k) {
      case 'include':
      case 'exclude': {
        const list = stringList(p.value, where, counting);
        if (list) kind[k] = list.filter((g, i) => checkGlob(g, itemNode(p.value, i), where, counting));
        break;
      }
      case 'sections': {
        const sections = readSections(p.value, where, counting);
        if (sections) kind.sections = sections;
        break;
      }
      case 'decisions': {
        const v = isScalar(p.value) ? String(p.value.value) : '';
        if (v === 'none' || v === 'entries' || v === 'per-file') kind.decisions = v as DecisionMode;
        else counting(p.value ?? p.key, `${where} must be none, entries or per-file, not ${describe(p.value)}`);
        break;
      }
      case 'owners': {
        if (!isMap(p.value)) {
          counting(p.value ?? p.key, `${where} must be a mapping with fields`);
          break;
        }
        for (const op of p.value.items as Pair<YamlNode, YamlNode>[]) {
          if (keyName(op) === 'fields') {
            const list = stringList(op.value, `${where}.fields`, counting);
            if (list) kind.ownerFields = list;
          } else unknownKey(op, where, ['fields'], counting);
        }
        break;
      }
      case 'documentOwner': {
        const b = bool(p.value, where, counting);
        if (b !== undefined) kind.documentOwner = b;
        break;
      }
      case 'area': {
        const v = isScalar(p.value) ? String(p.value.value).toLowerCase() : '';
        if ((AREAS as readonly string[]).includes(v)) kind.area = v as Area;
        else counting(p.value ?? p.key, `${where} must be one of ${AREAS.join(', ')}, not ${describe(p.value)}`);
        break;
      }
      case 'fields': {
        const fields = readKindFields(p.value, where, counting);
        if (fields) kind.fields = fields;
        break;
      }
      case 'ids': {
        // The prefixes its records are cited by: RFC-0042, KEP-12.
        const list = stringList(p.value, where, counting);
        if (!list) break;
        const bad = list.find((x) => !/^[A-Za-z][A-Za-z0-9]{0,9}$/.test(x));
        if (bad !== undefined) counting(p.value, `${where} must be id prefixes such as RFC or KEP (letters and digits, starting with a letter), not "${bad}"`);
        else kind.ids = list;
        break;
      }
      default:
        unknownKey(p, `kinds.${name}`, KIND_KEYS, counting);
    }
  }
  return count === 0 ? kind : undefined;
}

/** `fields: { date: [Last updated], owner: [Authors] }`: a kind's own names for its fields, besides the built-in ones. */
function readKindFields(node: YamlNode | null, where: string, problem: Report): KindFields | undefined {
  if (!isMap(node)) {
    problem(node, `${where} must be a mapping of fields to the names this kind gives them, e.g. { date: [Last updated], owner: [Authors] }, not ${describe(node)}`);
    return undefined;
  }
  const out: KindFields = {};
  let ok = true;
  for (const fp of node.items as Pair<YamlNode, YamlNode>[]) {
    const k = keyName(fp);
    if (!(KIND_FIELD_KEYS as readonly string[]).includes(k)) {
      unknownKey(fp, where, KIND_FIELD_KEYS, problem, 'field');
      ok = false;
      continue;
    }
    const list = stringList(fp.value, `${where}.${k}`, problem);
    if (!list) {
      ok = false;
      continue;
    }
    const names = list.map((n) => n.trim()).filter(Boolean);
    if (names.length === 0) {
      problem(fp.value ?? fp.key, `${where}.${k} must name at least one field`);
      ok = false;
      continue;
    }
    out[k as KindField] = names;
  }
  return ok ? out : undefined;
}

function readSections(node: YamlNode | null, where: string, problem: Report): SectionSpec[] | undefined {
  if (!isSeq(node)) {
    problem(node, `${where} must be a list of sections, e.g. - { name: Summary, aliases: [Overview] }`);
    return undefined;
  }
  const out: SectionSpec[] = [];
  node.items.forEach((item, i) => {
    const it = item as YamlNode;
    if (isScalar(it) && typeof it.value === 'string' && it.value.trim()) {
      out.push({ name: it.value.trim(), aliases: [], required: true, configured: true });
      return;
    }
    if (!isMap(it)) {
      problem(it, `${where}[${i}] must be a section name or { name, aliases, required, area }`);
      return;
    }
    const spec: SectionSpec = { name: '', aliases: [], required: true, configured: true };
    for (const p of it.items as Pair<YamlNode, YamlNode>[]) {
      const k = keyName(p);
      if (k === 'name') {
        if (isScalar(p.value) && typeof p.value.value === 'string' && p.value.value.trim()) spec.name = p.value.value.trim();
        else problem(p.value ?? p.key, `${where}[${i}].name must be a non-empty string`);
      } else if (k === 'aliases') {
        const list = stringList(p.value, `${where}[${i}].aliases`, problem);
        if (list) spec.aliases = list;
      } else if (k === 'required') {
        const b = bool(p.value, `${where}[${i}].required`, problem);
        if (b !== undefined) spec.required = b;
      } else if (k === 'area') {
        const v = isScalar(p.value) ? String(p.value.value).toLowerCase() : '';
        if ((AREAS as readonly string[]).includes(v)) spec.area = v as Area;
        else problem(p.value ?? p.key, `${where}[${i}].area must be one of ${AREAS.join(', ')}`);
      } else unknownKey(p, `${where}[${i}]`, ['name', 'aliases', 'required', 'area'], problem);
    }
    if (!spec.name) {
      if (!it.items.some((p) => keyName(p as Pair<YamlNode, YamlNode>) === 'name')) problem(it, `${where}[${i}] has no name`);
      return;
    }
    out.push(spec);
  });
  return out;
}
