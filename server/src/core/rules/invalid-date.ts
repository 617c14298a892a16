import type { Rule } from '../rule';
import { checkDate } from '../dates';
import type { Range } from '../types';

/** A date that is not a date of the calendar. */
export const invalidDate: Rule = {
  id: 'invalid-date',
  description: 'A decision\'s date, or a document\'s front matter date, is not a valid calendar date (or is ambiguous, like 03/04/2024).',
  help: 'Write dates as YYYY-MM-DD (ISO 8601). "5 March 2024" and "March 5, 2024" are read too; day/month orders that could be either are not.',
  defaultSeverity: 'warning',
  check(doc, _index, report) {
    const seen = new Set<string>();
    const checkOne = (value: string, range: Range, label: string) => {
      const key = `${range.start.line}:${range.start.character}`;
      if (seen.has(key)) return;
      seen.add(key);
      const r = checkDate(value);
      if (!r.ok && !r.placeholder) report(range, `${label}: ${r.reason}`);
    };
    for (const d of doc.decisions) if (d.fields.date) checkOne(d.fields.date.value, d.fields.date.range, `Date of decision "${d.title}"`);
    const fm = doc.model.frontMatter;
    const pos = fm?.keys.get('date');
    if (fm && pos && fm.data.date !== null && fm.data.date !== undefined) checkOne(String(fm.data.date), pos.valueRange, 'Front matter date');
  },
};
