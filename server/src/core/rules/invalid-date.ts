import type { DocumentRule } from '../rule';
import { checkDate, dayMonthOrder } from '../dates';
import type { Range } from '../types';
import { frontMatterText } from '../frontMatter';

/** A date that is not a date of the calendar. */
export const invalidDate: DocumentRule = {
  id: 'invalid-date',
  description: "A decision's date, or a document's front matter date, is not a valid calendar date (or is ambiguous, like 03/04/2024).",
  help: 'Write dates as YYYY-MM-DD (ISO 8601). "5 March 2024", "March 5, 2024" and a note after the date ("2024-05-22 (back dated)") are read too; 03/04/2024 is read only when another date of the file settles the order (25/03/2024 is day first, 03/25/2024 month first).',
  scope: 'document',
  defaultSeverity: 'warning',
  check(doc, _index, report) {
    const dates: { value: string; range: Range; label: string }[] = [];
    for (const d of doc.decisions) if (d.fields.date) dates.push({ value: d.fields.date.value, range: d.fields.date.range, label: `Date of decision "${d.title}"` });
    const fm = doc.model.frontMatter;
    const pos = fm?.keys.get('date');
    const fmDate = frontMatterText(fm, 'date');
    if (pos && fmDate) dates.push({ value: fmDate, range: pos.valueRange, label: 'Front matter date' });
    // The file's other dates settle whether 03/04/2024 is day or month first.
    const order = dayMonthOrder(dates.map((d) => d.value));
    const seen = new Set<string>();
    for (const { value, range, label } of dates) {
      const key = `${range.start.line}:${range.start.character}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const r = checkDate(value, order);
      if (!r.ok && !r.placeholder) report(range, `${label}: ${r.reason}`);
    }
  },
};
