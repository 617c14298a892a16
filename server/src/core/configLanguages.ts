/** `.charter.yaml`'s `languages:`: the names of sections and fields in other languages. */
import { isMap, isScalar, type Node as YamlNode, type Pair } from 'yaml';
import type { KindSpec } from './kinds';
import { LANGUAGE_FIELDS, type LanguageField, type Vocabulary } from './vocabularies';
import { keyName, stringList, unknownKey, type Report } from './configValues';

const LANGUAGE_KEYS = ['name', 'sections', 'fields', 'words'];

/**
 * `languages:` — per language code, the headings of sections and the names of fields in that
 * language, and optionally its frequent words (to recognise a text written in it). A built-in
 * language (pt, es, fr, de) gets the names added; another code becomes a known language.
 *
 *     languages:
 *       it:
 *         sections: { Why: [Problema, Contesto], What: [Requisiti] }
 *         fields: { decision: [Decisione], date: [Data], owner: [Responsabile] }
 *         words: [il, di, che, della]
 */
export function readLanguages(node: YamlNode | null, languages: Record<string, Vocabulary>, kinds: KindSpec[], problem: Report): void {
  if (!isMap(node)) {
    problem(node, 'languages must be a mapping of language codes (pt, it, ja…) to { sections, fields, words }');
    return;
  }
  const sectionNames = [...new Set(kinds.flatMap((k) => k.sections.map((s) => s.name)))];
  for (const lp of node.items as Pair<YamlNode, YamlNode>[]) {
    const raw = keyName(lp);
    const m = /^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{2,8})*$/.exec(raw);
    if (!m) {
      problem(lp.key, `language code "${raw}" must be an ISO 639 code such as it, ja or pt-BR`);
      continue;
    }
    const code = m[1].toLowerCase();
    const where = `languages.${raw}`;
    if (code === 'en') {
      problem(lp.key, `${where}: English names are set on the kinds (kinds.<kind>.sections aliases) and owners.fields`);
      continue;
    }
    const voc: Vocabulary = languages[code] ?? { code, name: code, names: [], sections: {}, fields: {}, words: [] };
    const v = lp.value;
    if (v === null || (isScalar(v) && v.value === null)) {
      languages[code] = voc;
      continue;
    }
    if (!isMap(v)) {
      problem(v, `${where} must be a mapping (${LANGUAGE_KEYS.join(', ')})`);
      continue;
    }
    for (const p of v.items as Pair<YamlNode, YamlNode>[]) {
      const k = keyName(p);
      if (k === 'name') {
        if (isScalar(p.value) && typeof p.value.value === 'string' && p.value.value.trim()) voc.name = p.value.value.trim();
        else problem(p.value ?? p.key, `${where}.name must be the language's name, e.g. Italian`);
      } else if (k === 'words') {
        const list = stringList(p.value, `${where}.words`, problem);
        if (list) voc.words = [...voc.words, ...list.map((w) => w.toLowerCase())];
      } else if (k === 'sections') {
        if (!isMap(p.value)) {
          problem(p.value ?? p.key, `${where}.sections must map section names to headings, e.g. { Why: [Problema] }`);
          continue;
        }
        for (const sp of p.value.items as Pair<YamlNode, YamlNode>[]) {
          const name = keyName(sp);
          const known = sectionNames.find((n) => n.toLowerCase() === name.toLowerCase());
          if (!known) {
            unknownKey(sp, `${where}.sections`, sectionNames, problem, 'section');
            continue;
          }
          const list = stringList(sp.value, `${where}.sections.${name}`, problem);
          if (list) voc.sections[known.toLowerCase()] = [...(voc.sections[known.toLowerCase()] ?? []), ...list];
        }
      } else if (k === 'fields') {
        if (!isMap(p.value)) {
          problem(p.value ?? p.key, `${where}.fields must map fields (${LANGUAGE_FIELDS.join(', ')}) to names`);
          continue;
        }
        for (const fp of p.value.items as Pair<YamlNode, YamlNode>[]) {
          const f = keyName(fp) as LanguageField;
          if (!LANGUAGE_FIELDS.includes(f)) {
            unknownKey(fp, `${where}.fields`, LANGUAGE_FIELDS, problem, 'field');
            continue;
          }
          const list = stringList(fp.value, `${where}.fields.${f}`, problem);
          if (list) voc.fields[f] = [...(voc.fields[f] ?? []), ...list];
        }
      } else unknownKey(p, where, LANGUAGE_KEYS, problem);
    }
    languages[code] = voc;
  }
}
