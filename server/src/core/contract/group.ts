/**
 * What the contract counts in a group of documents (one template's, or one folder's of one
 * kind): the requirements Charter's policy may concern, what each document brings to them,
 * and the folder a document's series is in.
 */
import type { AnalyzedDocument } from '../document';
import type { Finding } from '../types';
import type { IndexView } from '../workspace';
import type { KindSpec, SectionSpec } from '../kinds';
import type { Config } from '../config';
import { lexiconFor } from '../lexicon';
import { normalizeKey, termKey } from '../syntax';
import { ownerKeysOf } from '../fieldNames';
import type { TemplateField, TemplateInfo } from './template';

/** Something Charter can ask of a document: a section of its kind, decision owners, one owner, a document owner. */
export type Requirement = `section:${string}` | 'owner' | 'single' | 'docowner';

/** What the index offers the contract: its documents, its templates, and each document's headings and fields. */
export interface ContractView extends IndexView {
  templates: Map<string, TemplateInfo>;
}

/** What one document brings to its group's counts. */
export interface Contribution {
  doc: AnalyzedDocument;
  /** Each requirement: how many of its things it applies to, how many meet it (before what the group learns). */
  reqs: [Requirement, number, number][];
  /** For each section found: the heading (termKey) or `field:<name>` it was found by. */
  chosen: Map<string, string>;
  /** For each section found: the headings and fields it writes beside it. */
  distinct: Map<string, string[]>;
}

export interface Group {
  key: string;
  kind: KindSpec;
  template?: TemplateInfo;
  /** Its documents, by path. */
  docs: string[];
  /** For each requirement: documents it applies to, and those that meet it. */
  counts: Map<Requirement, { total: number; have: number }>;
  /**
   * For each section of the kind, the headings (termKeys) and fields (`field:<name>`) that
   * are sections of their own in this group: a document of it wrote one beside the section
   * itself ("Context" and "Rationale", "## Decision" and a "Decision:" line). In this folder
   * they never stand for the section.
   */
  distinct: Map<string, Set<string>>;
  /** For each template section, the place in the series from which its records are asked for it (filled when asked; see `since`). */
  since?: Map<string, number[] | undefined>;
}

/** Which requirement a finding is about, when it is one Charter's policy may say instead of the team. */
export function requirementOf(d: Finding, doc: AnalyzedDocument): Requirement | undefined {
  switch (d.rule) {
    case 'missing-section': {
      const name = typeof d.data?.section === 'string' ? d.data.section : undefined;
      const spec = name ? doc.kind.sections.find((s) => s.name.toLowerCase() === name) : undefined;
      return spec && !spec.configured ? `section:${spec.name}` : undefined;
    }
    case 'unowned-decision':
      // An owner field left empty is the team's own field unfilled: never policy.
      return d.data?.field === false ? 'owner' : undefined;
    case 'multiple-owners':
      return d.data?.scope === 'document' ? undefined : 'single';
    case 'missing-document-owner':
      return 'docowner';
    default:
      return undefined;
  }
}

const RULE_OF: Record<string, string> = { owner: 'unowned-decision', single: 'multiple-owners', docowner: 'missing-document-owner' };
export const ruleOf = (r: Requirement) => (r.startsWith('section:') ? 'missing-section' : RULE_OF[r]);

/**
 * How many of a document's things a requirement applies to, and how many meet it: its one
 * section or owner, or each of its decisions (a log's twenty decisions count twenty times).
 */
export function meets(doc: AnalyzedDocument, r: Requirement): { total: number; have: number } {
  const one = (applies: boolean, ok: boolean) => (applies ? { total: 1, have: ok ? 1 : 0 } : { total: 0, have: 0 });
  if (r.startsWith('section:')) {
    const name = r.slice('section:'.length);
    const spec = doc.kind.sections.find((s) => s.name === name && s.required);
    const applies = Boolean(spec) && !(doc.language && !doc.language.known);
    return one(applies, !doc.missingSections.some((s) => s.name === name));
  }
  if (r === 'owner') return { total: doc.decisions.length, have: doc.decisions.filter((d) => d.owner !== undefined).length };
  if (r === 'single') {
    const owned = doc.decisions.filter((d) => d.owner && !d.owner.unowned);
    return { total: owned.length, have: owned.filter((d) => !d.owner!.multiple).length };
  }
  return one(doc.kind.documentOwner, Boolean(doc.owner && !doc.owner.unowned));
}

/** The requirements of a kind that policy may concern. */
export function requirementsOf(kind: KindSpec): Requirement[] {
  const out: Requirement[] = kind.sections.filter((s) => s.required && !s.configured).map((s) => `section:${s.name}` as Requirement);
  if (kind.decisions !== 'none') out.push('owner', 'single');
  if (kind.documentOwner) out.push('docowner');
  return out;
}

/** The kind's section a template heading stands for, if any. */
export function kindSectionOf(config: Config, name: string, kind: KindSpec): SectionSpec | undefined {
  const lex = lexiconFor(config.languages ?? {}, []);
  const keys = ownerKeysOf(kind, config);
  return lex.sectionOf(termKey(name), kind, keys, name)?.spec;
}

/** The severity a rule is configured at, or warning when it is off or not configured. */
export function ruleSeverity(config: Config, rule: string): Finding['severity'] {
  const s = config.rules[rule];
  return (s && s !== 'off' ? s : 'warning') as Finding['severity'];
}

/** An owner field that lists everyone involved by design (MADR's `decision-makers`, "Deciders", "Authors"), unless it asks for one person. */
export function listByDesign(f: TemplateField): boolean {
  if (/\b(?:single|one (?:person|owner|champion|decider)|exactly one)\b/i.test(f.value)) return false;
  const k = normalizeKey(f.key);
  return /s$/.test(k) || /\blist\b|\beveryone\b|\ball\b/i.test(f.value) || f.value.startsWith('[');
}

/**
 * The folder whose records a document is one of: its own, or, for a record kept as the
 * README.md (index.md) of its own dated or numbered folder, the folder above
 * (`decision-records/2022-02-07-tracing/README.md` is one of `decision-records/`).
 */
export function seriesFolder(path: string): string {
  const bundle = /^(?:(.*)\/)?[0-9][^/]*-[^/]*\/(?:readme|index)\.(?:md|markdown)$/i.exec(path);
  if (bundle) return bundle[1] ?? '';
  return path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
}
