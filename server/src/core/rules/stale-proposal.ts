import { before, type Rule } from '../rule';
import { localDate } from '../dates';
import { statusIn } from '../records/workspace';

/** The days a decision may stay proposed when `staleProposalDays` does not say. */
export const STALE_PROPOSAL_DAYS = 90;

const SINCE = ' has been proposed since ';

/** A proposal that has waited longer than the team allows. */
export const staleProposal: Rule = {
  id: 'stale-proposal',
  description: 'A decision has been proposed for longer than `staleProposalDays` (default 90) since its date.',
  help: "A proposal that sits for months is a decision nobody is making: accept it, reject it, or withdraw it. The days allowed are `staleProposalDays:` in .charter.yaml; the date is the decision's own (its date field, or the date written with its status).",
  defaultSeverity: 'info',
  scope: 'workspace',
  check(doc, index, report) {
    const lc = doc.lifecycle;
    if (!lc) return;
    const limit = index.config.staleProposalDays ?? STALE_PROPOSAL_DAYS;
    const today = index.today ?? localDate();
    lc.lives.forEach((life, i) => {
      if (!life.date || statusIn(index.config, life.status) !== 'proposed') return;
      const days = daysBetween(life.date, today);
      if (days <= limit) return;
      const title = doc.decisions[i]?.title ?? doc.title;
      report(life.status!.range, `"${title}"${SINCE}${life.date} (${days} days; proposals are settled within ${limit})`);
    });
  },
  baselineKey: (message) => before(message, ' ('),
};

/** Whole days from one date (YYYY-MM-DD, or YYYY-MM: its first day) to another. */
export function daysBetween(from: string, to: string): number {
  const t = (s: string) => {
    const [y, m, d] = s.split('-').map(Number);
    return Date.UTC(y, (m ?? 1) - 1, d ?? 1);
  };
  return Math.round((t(to) - t(from)) / 86_400_000);
}
