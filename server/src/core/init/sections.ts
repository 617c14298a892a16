/**
 * `charter init` on the built-in kinds' sections: when a section a kind requires is asked by
 * no template and most documents lack it, the kind's sections as this team writes them.
 */
import { defaultConfig } from '../config';
import type { GroupSummary } from '../contract';
import type { SectionSpec } from '../kinds';
import { termKey } from '../syntax';
import type { WorkspaceIndex } from '../workspaceIndex';
import { lexiconFor, type Lexicon } from '../lexicon';
import type { AnalyzedDocument } from '../document';
import { ownerKeysOf } from '../fieldNames';
import { sectionLine, type Choice } from './render';
import { cleanHeading, folders, groupPlace, list } from './words';

/**
 * For each built-in kind with sections: when a section it requires is Charter's policy in
 * every folder (no template asks for it and most documents lack it), the kind's sections as
 * this team writes them — those that are its contract, with the headings its documents use.
 */
export function sectionChoices(groups: GroupSummary[], view: WorkspaceIndex, notes: string[][]): Choice[] {
  const out: Choice[] = [];
  for (const kind of view.config.kinds) {
    if (!kind.builtin || !kind.sections.length) continue;
    const mine = groups.filter((g) => g.kind.name === kind.name);
    if (!mine.length) continue;
    const docs = mine
      .flatMap((g) => g.docs)
      .map((p) => view.documents.get(p)!)
      .filter(Boolean);
    const noun = kind.create?.noun ?? kind.label;
    const state = new Map<string, { contract: string[]; policy: string[]; have: number; total: number }>();
    for (const spec of kind.sections.filter((x) => x.required)) {
      const st = { contract: [] as string[], policy: [] as string[], have: 0, total: 0 };
      for (const g of mine) {
        const r = g.requirements.find((x) => x.requirement === `section:${spec.name}`);
        if (!r || r.total === 0) continue;
        (r.contract ? st.contract : st.policy).push(groupPlace(g));
        st.have += r.have;
        st.total += r.total;
      }
      state.set(spec.name, st);
    }
    const policy = [...state].filter(([, st]) => st.policy.length && !st.contract.length);
    const mixed = [...state].filter(([, st]) => st.policy.length && st.contract.length);
    if (!policy.length) continue;
    if (mixed.length) {
      for (const [name, st] of mixed) {
        notes.push([
          `The ${noun}s' "${name}" section: ${list(st.contract)} ${st.contract.length === 1 ? 'asks' : 'ask'} for it, ${list(st.policy)} ${st.policy.length === 1 ? 'does' : 'do'} not.`,
          `Charter says so once, as info, where it is not asked; the sections of ${kind.name} are left as they are.`,
        ]);
      }
      continue;
    }
    const lines: string[] = [];
    const reason: string[] = [];
    const kept: string[] = [];
    const left: string[] = [];
    const lex = lexiconFor(view.config.languages, []);
    for (const spec of kind.sections) {
      const st = state.get(spec.name);
      const used = headingsUsed(docs, spec, mine, lex);
      const isPolicy = st !== undefined && st.policy.length > 0;
      if (spec.required && !isPolicy) {
        kept.push(st && st.total ? `${spec.name} (${st.have} of ${st.total})` : spec.name);
        lines.push(sectionLine(spec.name, true, used.aliases, spec.area));
        continue;
      }
      if (isPolicy) left.push(`${spec.name} (${st!.have} of ${st!.total})`);
      // Not required: listed when a document has it, so that it is still checked when empty.
      if (used.n > 0) lines.push(sectionLine(spec.name, false, used.aliases, spec.area));
    }
    reason.push(
      `The ${noun}s in ${folders(mine.map(groupPlace))} have ${list(kept) || 'none of its sections'}, but not ${list(left)}, and no template asks for ${left.length === 1 ? 'it' : 'them'}: this team's ${noun}s are held to what they answer.`,
      'Only these headings count: add aliases as new documents need them. A section that is not required is checked only when it is there and empty.',
    );
    out.push({
      what: `the sections of ${kind.name}`,
      where: 'kinds',
      key: kind.name,
      reason,
      body: ['sections:', ...lines.map((l) => `  - ${l}`)],
      summary: () => `kind ${kind.name}: sections ${kept.map((k) => k.replace(/ \(.*$/, '')).join(', ')} required; ${left.map((k) => k.replace(/ \(.*$/, '')).join(', ')} not`,
    });
  }
  return out;
}

/**
 * The headings a kind's documents found a section by, but its name, most used first (and the
 * template's heading for it: what new documents are written with), and how many have it.
 */
function headingsUsed(docs: readonly AnalyzedDocument[], spec: SectionSpec, groups: GroupSummary[], lex: Lexicon): { aliases: string[]; n: number } {
  const count = new Map<string, { text: string; n: number }>();
  const add = (text: string) => {
    const clean = cleanHeading(text);
    const k = termKey(clean);
    if (!k || k === termKey(spec.name)) return;
    const c = count.get(k);
    if (c) c.n++;
    else count.set(k, { text: clean, n: 1 });
  };
  let n = 0;
  for (const d of docs) {
    const found = d.sections.filter((s) => s.spec.name === spec.name);
    if (found.length) n++;
    for (const s of found) add(s.heading.text);
  }
  for (const g of groups) {
    if (!g.template) continue;
    for (const t of g.template.sections) if (lex.sectionOf(termKey(t.name), g.kind, ownerKeysOf(g.kind, defaultConfig()), t.name)?.spec.name === spec.name) add(t.name);
  }
  return { aliases: [...count.values()].sort((a, b) => b.n - a.n || (a.text < b.text ? -1 : 1)).map((c) => c.text), n };
}
