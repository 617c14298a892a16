/**
 * `charter init`'s owner rules: those that fit what the decisions and documents do
 * (`unowned-decision`, `owners.singleOwner`, `missing-document-owner`).
 */
import type { GroupSummary } from '../contract';
import type { WorkspaceIndex } from '../workspaceIndex';
import type { Choice } from './render';
import { folders, groupPlace, list } from './words';

/** The owner rules that fit what the decisions and documents do. */
export function ownerChoices(groups: GroupSummary[], base: WorkspaceIndex, notes: string[][]): Choice[] {
  const out: Choice[] = [];
  const of = (req: string) =>
    groups.map((g) => ({ g, r: g.requirements.find((x) => x.requirement === req) })).filter((x) => x.r && x.r.total > 0) as {
      g: GroupSummary;
      r: GroupSummary['requirements'][number];
    }[];
  const sum = (xs: { r: { total: number; have: number } }[]) => xs.reduce((a, x) => ({ have: a.have + x.r.have, total: a.total + x.r.total }), { have: 0, total: 0 });
  const templates = (xs: { g: GroupSummary }[]) => [...new Set(xs.map((x) => x.g.template?.path).filter((p): p is string => Boolean(p)))];
  const places = (xs: { g: GroupSummary }[]) => folders(xs.map((x) => groupPlace(x.g)));
  const theTemplates = (ts: string[]) => `the template${ts.length === 1 ? '' : 's'} ${list(ts)}`;
  const counted = (xs: { g: GroupSummary; r: { total: number; have: number } }[]) => list(xs.map((x) => `${groupPlace(x.g)} (${x.r.have} of ${x.r.total})`));

  // A decider on every decision.
  const owner = of('owner');
  if (owner.length) {
    const s = sum(owner);
    const ts = templates(owner);
    if (owner.every((x) => x.r.contract)) {
      out.push(
        rule(
          'unowned-decision',
          'warning',
          'a decider on every decision',
          [
            `${s.have} of the ${count(s.total, 'decision')} in ${places(owner)} have a decider field${ts.length ? `, as ${theTemplates(ts)} ${ts.length === 1 ? 'asks' : 'ask'}` : ''}: the team's practice, held on every decision, in every folder, as records are added.`,
          ],
          `unowned-decision: warning (${s.have} of ${count(s.total, 'decision')} have a decider field)`,
        ),
      );
    } else if (owner.every((x) => !x.r.contract) && s.have === 0) {
      out.push(
        rule(
          'unowned-decision',
          'off',
          'no decider asked for',
          [
            `${s.total === 1 ? 'The one decision' : `None of the ${s.total} decisions`} in ${places(owner)} ${s.total === 1 ? 'names no' : 'name a'} decider, and ${ts.length ? `${theTemplates(ts)} ${ts.length === 1 ? 'has' : 'have'} no such field` : 'no template asks for one'}: this team does not write down who decides.`,
            'Remove this line to hear Charter\'s policy (every decision names the one person who decides) once a folder, as info; add a "Deciders:" field to the template to hold every record to it.',
          ],
          `unowned-decision: off (none of ${count(s.total, 'decision')} names a decider, and nothing asks for one)`,
        ),
      );
    } else {
      const yes = owner.filter((x) => x.r.contract);
      const no = owner.filter((x) => !x.r.contract);
      notes.push([
        `Who decides: ${yes.length ? `the decisions of ${counted(yes)} have a decider field` : ''}${yes.length && no.length ? ', ' : ''}${no.length ? `those of ${counted(no)} mostly do not` : ''}.`,
        'A rule applies to every folder alike, so none is set: Charter says it once, as info, where deciders are not named.',
      ]);
    }
  }

  // One owner per decision.
  const single = of('single');
  if (single.length) {
    const s = sum(single);
    const ts = templates(single);
    const documentOwners = [...base.documents.keys()].some((p) =>
      base.findings(p).some((d) => d.rule === 'multiple-owners' && d.severity !== 'info' && d.data?.scope === 'document'),
    );
    if (single.every((x) => x.r.contract)) {
      out.push({
        what: 'one owner per decision',
        where: 'owners',
        key: 'singleOwner',
        reason: [`${s.have} of the ${count(s.total, 'decision')} that name an owner in ${places(single)} name one: the team's practice, held on every decision.`],
        body: 'true',
        summary: () => `owners.singleOwner: true (${s.have} of ${count(s.total, 'decision')} name one owner)`,
      });
    } else if (single.every((x) => !x.r.contract) && s.have < s.total && !documentOwners) {
      out.push({
        what: 'decisions by several owners',
        where: 'owners',
        key: 'singleOwner',
        reason: [
          `${s.total - s.have} of the ${count(s.total, 'decision')} that name an owner in ${places(single)} name several, as ${ts.length ? `${theTemplates(ts)} ${ts.length === 1 ? 'asks: its' : 'ask: their'} deciders list everyone involved` : 'most of them do'}.`,
          "Set this to true to hold every decision to one owner (otherwise Charter's policy, said once a folder as info).",
        ],
        body: 'false',
        summary: () => `owners.singleOwner: false (${s.total - s.have} of ${count(s.total, 'decision')} name several owners${ts.length ? ', as the template asks' : ''})`,
      });
    } else {
      const yes = single.filter((x) => x.r.contract);
      const no = single.filter((x) => !x.r.contract);
      notes.push([
        `One owner per decision: ${yes.length ? `the practice in ${places(yes)}` : 'the practice nowhere'}${no.length ? `, not in ${places(no)}` : ''}${documentOwners ? ', and some documents name two owners' : ''}: owners.singleOwner is left as it is.`,
      ]);
    }
  }

  // An owner on every PRD and SDD.
  const doc = of('docowner');
  if (doc.length) {
    const s = sum(doc);
    const nouns = list([...new Set(doc.map((x) => x.g.kind.create?.noun ?? x.g.kind.label))].map((n) => `${n}${s.total === 1 ? '' : 's'}`));
    if (doc.every((x) => !x.r.contract) && s.have === 0) {
      out.push(
        rule(
          'missing-document-owner',
          'off',
          'no document owner asked for',
          [
            `${s.total === 1 ? `The ${nouns} in ${places(doc)} names no owner` : `None of the ${s.total} ${nouns} in ${places(doc)} names an owner`}, and no template asks for one.`,
            "Remove this line to hear Charter's policy (a PRD or an SDD names its owner) once a folder, as info.",
          ],
          `missing-document-owner: off (none of ${s.total} ${nouns} names an owner)`,
        ),
      );
    } else if (!doc.every((x) => x.r.contract)) {
      notes.push([`Document owners: ${counted(doc)} name one; missing-document-owner is left as it is (an info, said once a folder).`]);
    }
  }
  return out;
}

/** "1 decision", "3 decisions". */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function rule(id: string, severity: string, what: string, reason: string[], summary: string): Choice {
  return { what: `${id}: ${severity} (${what})`, where: 'rules', key: id, reason, body: severity, summary: () => summary };
}
