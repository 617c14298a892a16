/**
 * `charter init`: the `.charter.yaml` a repository's own documents and templates imply
 * (docs/contract.md). It reads the repository as a first run does — the built-in kinds, no
 * configuration — and writes down, with the reason beside each setting:
 *
 * - **its own kinds**: folders of numbered or dated markdown files that no built-in kind
 *   recognises but that are alike (a template's headings, or the headings most of them
 *   share), such as `teps/0001-*.md` or `text/0066-*.md` beside `0000-template.md`;
 * - **the sections of a built-in kind** when its documents answer only part of what Charter
 *   asks (design docs that never staff or schedule: an `sdd` of How only);
 * - **the owner rules** that fit what the decisions do: `unowned-decision: off` when no
 *   record names a decider and no template asks, `singleOwner: false` when deciders are
 *   listed by design, and the rule adopted where every folder already holds to it.
 *
 * A proposal never makes a document Charter already reads say more than it does with the
 * defaults: it is checked under the configuration it proposes, and a setting that would
 * add a warning there is left out (and said so in the file). The output is stable: the same
 * repository gives the same text.
 *
 * Pure: it reads texts only through the `read` function it is given; nothing is written.
 */
import { parseConfig, type Config } from '../config';
import { RULE_IDS } from '../rules/index';
import type { WorkspaceIndex } from '../workspaceIndex';
import { indexUnder, warnings, type ReadText } from './indexUnder';
import { headerLines, render, type Choice } from './render';
import { findSeries, proposalPath } from './series';
import { sectionChoices } from './sections';
import { ownerChoices } from './owners';

/** What a proposal is made from, besides the index. */
export interface InitOptions {
  /** The workspace folder's name: what a kind is named after when nothing else names it. */
  rootName?: string;
  /** Told what is being done, for a progress line (reading the repository again under a proposal). */
  progress?: (message: string) => void;
}

/** A proposed configuration. */
export interface InitProposal {
  /** The `.charter.yaml` text: comments say why each setting is there. */
  yaml: string;
  /** What the text configures (parsed back with the same parser as `.charter.yaml`). */
  config: Config;
  /** One line per setting written, and per choice left out: for a summary. */
  summary: string[];
}

/**
 * Proposes the configuration a repository's documents imply. `base` is the repository read
 * under the built-in defaults ({@link defaultConfig}); `read` gives any file's text.
 */
export function proposeConfig(base: WorkspaceIndex, read: ReadText, options: InitOptions = {}): InitProposal {
  const files = base.fileList();
  const say = options.progress ?? (() => undefined);
  const notes: string[][] = [];
  say('looking for folders of documents no built-in kind recognises');
  const series = findSeries(base, files, read, options.rootName ?? '', notes);
  // The groups of documents, with the kinds proposed: their decisions count too.
  let view = base;
  if (series.length) {
    say('reading the repository again with its own kinds');
    view = indexUnder(parse(render(series, [], [])).config, files, read);
  }
  const groups = view.contractGroups();
  const choices: Choice[] = [...series, ...sectionChoices(groups, view, notes), ...ownerChoices(groups, base, notes)];

  // Checked under what it proposes: nothing Charter reads by default may say more.
  let kept = choices;
  const dropped: { choice: Choice; detail: string }[] = [];
  let final: WorkspaceIndex | undefined;
  if (choices.length) {
    say('checking the proposal');
    // What only adds kinds of the team's own was read already.
    final = choices.length === series.length && view !== base ? view : indexUnder(parse(render(choices, [], [])).config, files, read);
    const added = addedWarnings(base, final);
    if (added.length) {
      // One at a time, keeping each that adds nothing.
      kept = [];
      final = undefined;
      for (const c of choices) {
        say(`checking ${c.what}`);
        const trial = indexUnder(parse(render([...kept, c], [], [])).config, files, read);
        const more = addedWarnings(base, trial);
        if (more.length) dropped.push({ choice: c, detail: `${more.length} finding${more.length === 1 ? '' : 's'} the defaults do not give (${more[0]})` });
        else {
          kept.push(c);
          final = trial;
        }
      }
    }
  }
  for (const d of dropped) notes.push([`Left out: ${d.choice.what}. Under it, Charter would report ${d.detail}.`]);
  const header = headerLines(base, final ?? base, kept);
  const yaml = render(kept, header, notes);
  const { config } = parse(yaml);
  const summary = [...kept.map((c) => c.summary(final)), ...dropped.map((d) => `left out: ${d.choice.what} (${d.detail})`)];
  if (!summary.length) summary.push('nothing to configure: the built-in kinds fit this repository as it is');
  return { yaml, config, summary };
}

/** Parses a proposal's text with `.charter.yaml`'s own parser: what is written is what was checked. */
function parse(yaml: string): { config: Config } {
  const r = parseConfig(yaml, RULE_IDS);
  if (!r.config) throw new Error(`charter init proposed an invalid configuration: ${r.problems.map((p) => `line ${p.range.start.line + 1}: ${p.message}`).join('; ')}`);
  return { config: r.config };
}

/**
 * What a proposal adds to what the defaults say: on every document (and template) read by
 * default, a warning the defaults do not give, or another kind. Described as `path:line rule`.
 */
function addedWarnings(base: WorkspaceIndex, trial: WorkspaceIndex): string[] {
  const out: string[] = [];
  const paths = [...base.documents.keys(), ...base.templates.keys()].sort();
  for (const p of paths) {
    const before = base.documents.get(p);
    const after = trial.documents.get(p);
    // A proposal the sdd kind reads as a design in general, read as its process's own kind, is that kind's.
    const own = before && after && !after.kind.builtin && before.kind.builtin && before.kind.name === 'sdd' && proposalPath(p);
    if (before && after?.kind.name !== before.kind.name && !own) {
      out.push(`${p} read as ${after ? after.kind.name : 'no document'}, not ${before.kind.name}`);
      continue;
    }
    const had = new Set(warnings(base, p));
    for (const k of warnings(trial, p)) if (!had.has(k)) out.push(`${p}:${k.replace(/^([^@]+)@(\d+).*$/, '$2 $1')}`);
  }
  return out;
}
