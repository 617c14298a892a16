import type { DocumentRule } from '../rule';

/** A PRD or SDD that names no owner. */
export const missingDocumentOwner: DocumentRule = {
  id: 'missing-document-owner',
  description: 'A PRD or SDD (or a kind configured with documentOwner: true) has no owner in its front matter.',
  help: "Name the document's one accountable owner: owner: Dana in the front matter (the PM for a PRD, the EM for an SDD).",
  scope: 'document',
  defaultSeverity: 'info',
  check(doc, _index, report) {
    // Broken front matter is reported once, as invalid-front-matter; its owner cannot be read.
    if (!doc.kind.documentOwner || doc.model.frontMatter?.errors.length) return;
    const kind = doc.kind.label;
    if (!doc.owner && doc.language?.known === false) return;
    if (!doc.owner) report(doc.titleRange, `${kind} "${doc.title}" has no owner: add "owner: <name>" to its front matter`);
    else if (doc.owner.unowned) report(doc.owner.range, `${kind} "${doc.title}" has no owner: "${doc.owner.raw.trim() || 'owner'}" names nobody`);
  },
};
