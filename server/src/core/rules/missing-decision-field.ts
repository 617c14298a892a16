import { before, type DocumentRule } from '../rule';
import { RECOMMENDED_DECISION_FIELDS, REQUIRED_DECISION_FIELDS } from '../kinds';
import { checkDate } from '../dates';
import { isPlaceholderValue } from '../syntax';
import { addMissingFields, decisionAt } from '../edits';

/** Where the message lists the recommended fields the entry also lacks. */
const ALSO = '; also recommended: ';

/** A decision entry without its date or its decision. */
export const missingDecisionField: DocumentRule = {
  id: 'missing-decision-field',
  description: 'A decision entry has no date or no decision; context, alternatives and trade-offs are recommended.',
  help: 'A decision log answers "why did we do X?" months later: write when it was decided (Date: YYYY-MM-DD) and what was decided (Decision: …), and ideally the context, the alternatives considered and the trade-offs.',
  scope: 'document',
  defaultSeverity: 'info',
  fixes(doc, finding, { today }) {
    const d = decisionAt(doc, finding.range);
    const fix = d ? addMissingFields(doc, d, today) : undefined;
    return fix ? [fix] : [];
  },
  check(doc, _index, report) {
    // In a language Charter has no names for, the fields may be there under other names.
    if (doc.language?.known === false) return;
    for (const d of doc.decisions) {
      const has = (f: (typeof REQUIRED_DECISION_FIELDS)[number]) => {
        const v = d.fields[f];
        if (!v) return false;
        if (f === 'date') return !(checkDate(v.value) as { placeholder?: boolean }).placeholder;
        // A section heading stands for itself; a field value may be a placeholder.
        return v.value !== '' && !isPlaceholderValue(v.value);
      };
      const missing = REQUIRED_DECISION_FIELDS.filter((f) => !has(f));
      if (missing.length === 0) continue;
      const recommended = RECOMMENDED_DECISION_FIELDS.filter((f) => !d.fields[f]);
      const also = recommended.length ? `${ALSO}${recommended.join(', ')}` : '';
      // A kind with its own field names is told them: no date ("Last updated").
      const named = (f: (typeof REQUIRED_DECISION_FIELDS)[number]) => (doc.kind.fields?.[f]?.length ? `${f} ("${doc.kind.fields[f]![0]}")` : f);
      report(d.range, `Decision "${d.title}" has no ${missing.map(named).join(' and no ')}${also}`, { fields: [...missing, ...recommended] });
    }
  },
  // Writing the context of an entry that still lacks its date does not make it a new finding.
  baselineKey: (message) => before(message, ALSO),
};
