/** Charter's policy, said once for a group of documents: on its template, or on the folder's first document. */
import type { Finding, Range } from '../types';
import type { Config } from '../config';
import { ruleOf, seriesFolder, type Group, type Requirement } from './group';

/** One warning per piece of policy a group's documents do not follow, with how many and how to settle it. */
export function folderFindings(config: Config, g: Group, policy: Set<Requirement>, range: Range): Finding[] {
  const out: Finding[] = [];
  const kind = g.kind;
  const noun = kind.create?.noun ?? kind.label;
  const a = /^[AEFHILMNORSX][A-Z]/.test(noun) || /^[aeiou]/i.test(noun) ? 'an' : 'a';
  const docs = (n: number) => `${n} ${noun}${n === 1 ? '' : 's'}`;
  const decisions = (n: number) => `${n} decision${n === 1 ? '' : 's'}`;
  const first = g.docs[0] ?? '';
  const where = g.template ? `governed by ${g.template.path}` : `in ${seriesFolder(first) ? `${seriesFolder(first)}/` : 'the root folder'}`;
  const field = g.template ? 'the template has no such field' : 'nothing of the team asks for one';
  for (const r of policy) {
    const c = g.counts.get(r);
    if (!c || c.total === c.have) continue;
    const rule = ruleOf(r);
    const configured = config.rules[rule];
    if (configured === 'off') continue;
    // A team that set owners: { singleOwner: false } has said what this would ask it to.
    if (r === 'single' && !config.singleOwner) continue;
    const n = c.total - c.have;
    let message: string;
    if (r.startsWith('section:')) {
      const name = r.slice('section:'.length);
      message = `Charter's policy: ${a} ${noun} has a "${name}" section. ${c.total === 1 ? `The ${noun} ${where} has` : `${n} of the ${docs(c.total)} ${where} ${n === 1 ? 'has' : 'have'}`} none, and ${g.template ? 'the template has no such section' : 'nothing of the team asks for one'}: add it${g.template ? ' to the template' : ''}, or say which sections this team asks for under kinds: { ${kind.name}: { sections: … } } in .charter.yaml (charter init writes them)`;
    } else if (r === 'owner') {
      message = `Charter's policy: every decision names the one person who decides. ${n} of the ${decisions(c.total)} of the ${noun}s ${where} name no decider, and ${field}: add a "Deciders:" field${g.template ? ' to the template' : ''}, or turn this off with rules: { unowned-decision: off }`;
    } else if (r === 'single') {
      message = `Charter's policy: a decision has exactly one owner. ${n} of the ${decisions(c.total)} of the ${noun}s ${where} name several, as ${g.template ? 'their template asks' : 'most of them do'}: name the one who decides, or set owners: { singleOwner: false } in .charter.yaml`;
    } else {
      message = `Charter's policy: ${a} ${noun} names its owner. ${c.total === 1 ? `The ${noun} ${where} names` : `${n} of the ${docs(c.total)} ${where} ${n === 1 ? 'names' : 'name'}`} none, and ${field}: add owner: to ${g.template ? "the template's" : 'their'} front matter, or turn this off with rules: { missing-document-owner: off }`;
    }
    // Said once, and at info level: on a repository seen for the first time, what stands at
    // warning level is the team's own contract and facts.
    out.push({
      rule,
      severity: 'info',
      message,
      range,
      data: { policy: true, ...(r.startsWith('section:') ? { section: r.slice('section:'.length).toLowerCase() } : {}), count: n, of: c.total },
    });
  }
  return out;
}
