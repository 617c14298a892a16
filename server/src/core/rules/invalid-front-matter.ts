import type { DocumentRule } from '../rule';

/** Front matter that is not valid YAML, or not a mapping, or a charter roster that cannot be read. */
export const invalidFrontMatter: DocumentRule = {
  id: 'invalid-front-matter',
  description: "The front matter between the --- lines is not valid YAML or not a mapping of keys, or a charter's people cannot be read.",
  help: "Fix the YAML at the line shown. Until then Charter cannot read the document's type, owner, date or links from it.",
  scope: 'document',
  defaultSeverity: 'error',
  check(doc, _index, report) {
    for (const e of doc.model.frontMatter?.errors ?? []) report(e.range, `Front matter: ${e.message}`);
    for (const p of doc.roster?.problems ?? []) report(p.range, `Charter: ${p.message}`);
  },
};
