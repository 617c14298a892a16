import { before, type Rule } from '../rule';
import { STATUSES } from '../status';
import { daysBetween, STALE_PROPOSAL_DAYS } from './stale-proposal';
import { folderOf, recordIndex, statusIn } from '../records/workspace';
import { statusKey } from '../status';

/** How many decisions of a folder must write a word before it is the team's own status. */
export const LEARNED_FROM = 3;

const NOT_ONE = ' is not a status of the decision lifecycle';

/** A status outside the lifecycle, and not the team's own word either. */
export const unknownStatus: Rule = {
  id: 'unknown-status',
  description:
    "A decision's status is none of the lifecycle's (proposed, accepted, rejected, deprecated, superseded, in the words teams write for them), nor a word its folder uses throughout.",
  help: "Write one of the lifecycle's statuses (the synonyms teams use count too: Draft, In review, Approved, Implemented, Withdrawn, Obsolete, Replaced, and their Portuguese, Spanish, French and German words). A word the same folder writes for three decisions or more is the team's own and is not reported; `statuses:` in .charter.yaml maps more words to the lifecycle (`accepted: [signed off]`).",
  defaultSeverity: 'warning',
  scope: 'workspace',
  // One fix per status of the lifecycle, written with the case the record used — but not
  // "proposed" for a decision whose date already makes it a stale proposal: that fix would
  // trade this finding for a stale-proposal one.
  fixes: (doc, finding, { index, today }) => {
    const life = doc.lifecycle?.lives.find(
      (l) => l.status && l.status.range.start.line === finding.range.start.line && l.status.range.start.character === finding.range.start.character,
    );
    const limit = index.config.staleProposalDays ?? STALE_PROPOSAL_DAYS;
    const stale = life?.date !== undefined && daysBetween(life.date, today) > limit;
    return STATUSES.filter((s) => !(s === 'proposed' && stale)).map((s) => {
      const word = /^\p{Lu}/u.test(finding.data?.status ?? '') ? s[0].toUpperCase() + s.slice(1) : s;
      return { title: `Set the status to "${word}"`, edits: [{ range: finding.range, newText: word }] };
    });
  },
  check(doc, index, report) {
    const lc = doc.lifecycle;
    if (!lc) return;
    let words: Map<string, number> | undefined;
    for (const life of lc.lives) {
      const st = life.status;
      if (!st || statusIn(index.config, st)) continue;
      words ??= recordIndex(index).words.get(folderOf(doc.path)) ?? new Map();
      if ((words.get(statusKey(st.text)) ?? 0) >= LEARNED_FROM) continue;
      const own = Object.keys(index.config.statuses ?? {});
      report(st.range, `Status "${st.text}"${NOT_ONE}: ${STATUSES.join(', ')}${own.length ? `, or the configuration's ${own.join(', ')}` : ''}`, { status: st.text });
    }
  },
  // The lifecycle and the configuration's words are not the finding's own text.
  baselineKey: (message) => before(message, NOT_ONE),
};
