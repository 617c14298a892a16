/**
 * The team's contract and Charter's policy (docs/contract.md). What the team asks of its
 * documents — its template's sections and fields, its configuration, the convention most of
 * a folder's documents follow — stands at warning level on every document. What Charter
 * asks beyond that (a decider on every decision, one owner, Who and When in an SDD…) is said
 * once, on the template or on the folder's first document, and is an info on each document.
 *
 * Pure: it reads the index (documents and templates) and adjusts findings; the index calls it
 * when it checks a document or a template, and asks it which documents a change can reach.
 */
import type { AnalyzedDocument } from './document';
import type { Finding, MarkdownModel, Range } from './types';
import type { IndexView } from './workspace';
import type { KindSpec, SectionSpec } from './kinds';
import { lexiconFor } from './languages';
import { headSlots, namesHead } from './headPhrase';
import { normalizeKey, termKey } from './syntax';
import { ownerKeysOf } from './fieldNames';
import { byPlace } from './analyze';
import { isLinkList } from './linkList';

// ---------------------------------------------------------------- templates

/** A heading of a template: a section its documents are to have. */
export interface TemplateSection {
  name: string;
  line: number;
  /** Marked optional: "(optional)" in the heading, or an "optional" note right under it. */
  optional: boolean;
}

/** A field a template asks its documents to fill: a `Key:` line or a front matter key. */
export interface TemplateField {
  key: string;
  line: number;
  /** What the template writes as its value (its instruction: "list everyone involved"). */
  value: string;
}

/** A team's template, as far as it is the contract of the documents it governs. */
export interface TemplateInfo {
  path: string;
  /** The folder whose documents (and sub-folders') it governs ('' for the root). */
  scope: string;
  sections: TemplateSection[];
  fields: TemplateField[];
}

export { isTemplatePath } from './templatePath';

/** The folder a template governs: its own, or its parent's when it sits in a `template(s)/` folder. */
export function templateScope(path: string): string {
  const parts = path.split('/').slice(0, -1);
  const t = parts.findIndex((p) => /^templates?$/i.test(p));
  const dir = t >= 0 ? parts.slice(0, t) : parts;
  return dir.join('/');
}

/** An "optional" mark: in a heading, or in the note or comment right under it. */
const OPTIONAL_RE =
  /\boptional\b|\bif so\b|\bfeel free to (?:remove|omit|skip)\b|\bif (?:applicable|relevant|needed|any)\b|\bfacultati[fv]e?\b|\bopcional\b|\boptionnel(?:le)?\b|\boptional\b/i;

/** A heading a template writes where its documents write their title: "Your Proposal Title", "[Title]", "<title>". */
const TITLE_PLACEHOLDER = /^(?:[[<{][^\]>}]*[\]>}]|(?:your|replace|insert|add|enter)\b.*\btitle\b.*|title)$/i;

/** Whether the next line that is not blank is a heading. */
function nextHeading(lines: readonly string[], from: number): boolean {
  for (let n = from; n < lines.length; n++) if (lines[n].trim()) return /^\s{0,3}#/.test(lines[n]);
  return false;
}

/** Reads a template's sections and fields from its markdown model. */
export function readTemplate(path: string, model: MarkdownModel, text: string): TemplateInfo {
  const lines = text.split(/\r\n|\r|\n/);
  // Its title is not a section: the first heading when it is a level-1 one, and a heading
  // that stands for the document's title ("Your Proposal Title", "[Title]").
  const heads = model.headings.filter((h, i) => !(i === 0 && h.depth === 1) && h.depth >= 1 && !TITLE_PLACEHOLDER.test(h.text.replace(/[*_`]/g, '').trim()));
  const level = heads.length ? Math.min(...heads.map((h) => h.depth)) : 2;
  const sections: TemplateSection[] = [];
  for (const h of heads) {
    if (h.depth !== level) continue;
    const start = h.range.start.line + 1;
    // The first lines under the heading, or a comment right above it (MADR's "This is an
    // optional element"), may mark it optional.
    let note = '';
    for (let n = start; n < Math.min(lines.length, start + 4); n++) {
      if (/^\s{0,3}#/.test(lines[n])) break;
      // A comment right above the next heading is that heading's note (MADR's "This is an optional element").
      if (/-->\s*$/.test(lines[n]) && nextHeading(lines, n + 1)) break;
      note += ` ${lines[n]}`;
    }
    for (let n = h.range.start.line - 1; n >= Math.max(0, h.range.start.line - 3); n--) {
      if (!lines[n].trim()) continue;
      if (/-->\s*$/.test(lines[n])) note += ` ${lines[n]}`;
      break;
    }
    sections.push({
      name: h.text.replace(/\s*\((?:optional|facultatif|opcional)\)\s*$/i, '').trim(),
      line: h.range.start.line,
      optional: OPTIONAL_RE.test(h.text) || OPTIONAL_RE.test(note),
    });
  }
  const fields: TemplateField[] = model.fields.map((f) => ({ key: f.key, line: f.line, value: f.value }));
  const fm = model.frontMatter;
  if (fm)
    for (const [k, pos] of fm.keys)
      fields.push({ key: k, line: pos.keyRange.start.line, value: typeof fm.data[k] === 'string' ? (fm.data[k] as string) : JSON.stringify(fm.data[k] ?? '') });
  return { path, scope: templateScope(path), sections, fields };
}

// ---------------------------------------------------------------- requirements

/** Something Charter can ask of a document: a section of its kind, decision owners, one owner, a document owner. */
type Requirement = `section:${string}` | 'owner' | 'single' | 'docowner';

/** What the index offers the contract: its documents, its templates, and each document's headings and fields. */
export interface ContractView extends IndexView {
  templates: Map<string, TemplateInfo>;
}

/** What one document brings to its group's counts. */
interface Contribution {
  doc: AnalyzedDocument;
  /** Each requirement: how many of its things it applies to, how many meet it (before what the group learns). */
  reqs: [Requirement, number, number][];
  /** For each section found: the heading (termKey) or `field:<name>` it was found by. */
  chosen: Map<string, string>;
  /** For each section found: the headings and fields it writes beside it. */
  distinct: Map<string, string[]>;
}

interface Group {
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
function requirementOf(d: Finding, doc: AnalyzedDocument): Requirement | undefined {
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
const ruleOf = (r: Requirement) => (r.startsWith('section:') ? 'missing-section' : RULE_OF[r]);

/**
 * How many of a document's things a requirement applies to, and how many meet it: its one
 * section or owner, or each of its decisions (a log's twenty decisions count twenty times).
 */
function meets(doc: AnalyzedDocument, r: Requirement): { total: number; have: number } {
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
function requirementsOf(kind: KindSpec): Requirement[] {
  const out: Requirement[] = kind.sections.filter((s) => s.required && !s.configured).map((s) => `section:${s.name}` as Requirement);
  if (kind.decisions !== 'none') out.push('owner', 'single');
  if (kind.documentOwner) out.push('docowner');
  return out;
}

// ---------------------------------------------------------------- the contract of a group

/**
 * The contract of the index's documents: groups (the documents one template governs, or one
 * folder's documents of one kind), remembered until a document or a template of theirs changes.
 */
export class Contracts {
  private readonly groups = new Map<string, Group>();
  private readonly keyOf = new Map<string, string>();
  /** Each document's contribution to its group, by path (for the version of the document read). */
  private readonly contributions = new Map<string, Contribution>();
  /** Each group's documents, by key (complete once every document has been given a key). */
  private readonly membersOf = new Map<string, Set<string>>();
  private complete = false;
  /** What each document was last told by its group (`members` signature), and each group's home (its path and `counts`). */
  private readonly toldDoc = new Map<string, string>();
  private readonly toldHome = new Map<string, { path: string; counts: string }>();

  constructor(private readonly index: ContractView) {}

  /** Forgets everything (a new configuration, a new listing, or a template that changed). */
  reset(): void {
    this.groups.clear();
    this.keyOf.clear();
    this.membersOf.clear();
    this.contributions.clear();
    this.toldDoc.clear();
    this.toldHome.clear();
    this.complete = false;
  }

  /** The template that governs a document: the nearest one above it that fits its kind. */
  templateFor(doc: AnalyzedDocument): TemplateInfo | undefined {
    let best: TemplateInfo | undefined;
    let bestDepth = -1;
    let bestFit = -1;
    for (const t of this.index.templates.values()) {
      if (t.scope && doc.path !== t.scope && !doc.path.startsWith(`${t.scope}/`)) continue;
      const fit = this.fit(t, doc.kind);
      if (fit < 0) continue;
      const depth = t.scope ? t.scope.split('/').length : 0;
      if (depth > bestDepth || (depth === bestDepth && fit > bestFit) || (depth === bestDepth && fit === bestFit && best && t.path < best.path)) {
        best = t;
        bestDepth = depth;
        bestFit = fit;
      }
    }
    return best;
  }

  /**
   * How well a template fits a kind: how many of its sections stand for the kind's; -1 when
   * its sections stand only for another built-in kind's (an ADR template does not govern PRDs).
   */
  private fit(t: TemplateInfo, kind: KindSpec): number {
    const own = t.sections.filter((s) => this.kindSectionOf(s.name, kind)).length;
    if (own > 0) return own;
    for (const other of this.index.config.kinds) {
      if (other === kind || !other.builtin || !other.sections.length) continue;
      if (t.sections.some((s) => this.kindSectionOf(s.name, other))) return -1;
    }
    return 0;
  }

  /** The kind's section a template heading stands for, if any. */
  kindSectionOf(name: string, kind: KindSpec): SectionSpec | undefined {
    const lex = lexiconFor(this.index.config.languages ?? {}, []);
    const keys = ownerKeysOf(kind, this.index.config);
    return lex.sectionOf(termKey(name), kind, keys, name)?.spec;
  }

  /** The key of a document's group: its template's path, or its folder, and its kind. */
  groupKey(doc: AnalyzedDocument): string {
    const known = this.keyOf.get(doc.path);
    if (known !== undefined) return known;
    const t = this.templateFor(doc);
    const key = `${t ? `t:${t.path}` : `d:${seriesFolder(doc.path)}`}|${doc.kind.name}`;
    this.keyOf.set(doc.path, key);
    let set = this.membersOf.get(key);
    if (!set) this.membersOf.set(key, (set = new Set()));
    if (!set.has(doc.path)) {
      set.add(doc.path);
      this.groups.delete(key);
    }
    return key;
  }

  /** A group, counted now if it was not: the sum of its documents' contributions (each read once). */
  group(key: string): Group {
    let g = this.groups.get(key);
    if (g) return g;
    if (!this.complete) {
      for (const d of this.index.documents.values()) this.groupKey(d);
      this.complete = true;
    }
    const paths: string[] = [];
    const parts: Contribution[] = [];
    let kind: KindSpec | undefined;
    for (const p of this.membersOf.get(key) ?? []) {
      const d = this.index.documents.get(p);
      if (!d) continue;
      paths.push(p);
      parts.push(this.contribution(d));
      kind ??= d.kind;
    }
    // The first by path first: it is where the folder is told.
    let first = 0;
    for (let i = 1; i < paths.length; i++) if (paths[i] < paths[first]) first = i;
    if (first) {
      [paths[0], paths[first]] = [paths[first], paths[0]];
      [parts[0], parts[first]] = [parts[first], parts[0]];
    }
    // A heading is a section of its own in this group when its documents write it beside the
    // section at least as often as they write it as the section: one proposal with both a
    // "Design" and a "Design Details" does not take the How from the others' "Design Details".
    const beside = new Map<string, Map<string, number>>();
    const stands = new Map<string, Map<string, number>>();
    const bump = (m: Map<string, Map<string, number>>, section: string, k: string) => {
      let inner = m.get(section);
      if (!inner) m.set(section, (inner = new Map()));
      inner.set(k, (inner.get(k) ?? 0) + 1);
    };
    for (const c of parts) {
      for (const [section, keys] of c.distinct) for (const k of new Set(keys)) bump(beside, section, k);
      for (const [section, k] of c.chosen) bump(stands, section, k);
    }
    const distinct = new Map<string, Set<string>>();
    for (const [section, keys] of beside) {
      const set = new Set([...keys].filter(([k, n]) => n >= (stands.get(section)?.get(k) ?? 0)).map(([k]) => k));
      if (set.size) distinct.set(section, set);
    }
    // A heading the group's template writes for one of the kind's sections is that section
    // here, whatever other headings its documents write beside it (Go's "Implementation").
    const tPath = key.startsWith('t:') ? key.slice(2, key.lastIndexOf('|')) : undefined;
    const template = tPath ? this.index.templates.get(tPath) : undefined;
    if (template && kind) {
      for (const ts of template.sections) {
        const spec = this.kindSectionOf(ts.name, kind);
        if (spec) distinct.get(spec.name)?.delete(termKey(ts.name));
      }
    }
    const counts = new Map<Requirement, { total: number; have: number }>();
    for (const c of parts) {
      for (const [r, total, have] of c.reqs) {
        let n = counts.get(r);
        if (!n) counts.set(r, (n = { total: 0, have: 0 }));
        n.total += total;
        // A section found by what is a section of its own in this group is not there.
        const by = r.startsWith('section:') ? c.chosen.get(r.slice('section:'.length)) : undefined;
        n.have += have && !(by !== undefined && distinct.get(r.slice('section:'.length))?.has(by)) ? have : 0;
      }
    }
    g = { key, kind: kind!, template, docs: paths, counts, distinct };
    this.groups.set(key, g);
    return g;
  }

  /** What a document brings to its group's counts, read once per version of the document. */
  private contribution(d: AnalyzedDocument): Contribution {
    let c = this.contributions.get(d.path);
    if (c && c.doc === d) return c;
    const reqs: [Requirement, number, number][] = [];
    for (const r of requirementsOf(d.kind)) {
      const m = meets(d, r);
      reqs.push([r, m.total, m.have]);
    }
    const lex = lexiconFor(this.index.config.languages ?? {}, Object.keys(this.index.config.languages ?? {}));
    const keys = ownerKeysOf(d.kind, this.index.config);
    const chosen = new Map<string, string>();
    const distinct = new Map<string, string[]>();
    for (const spec of d.kind.sections) {
      const field = lex.fieldOfSection(spec, d.kind);
      const found = d.sections.find((s) => s.spec === spec);
      if (found) {
        const key = termKey(found.heading.text);
        chosen.set(spec.name, key);
        const beside: string[] = [];
        // A heading inside the section is part of it ("### Proposal" under "## Decision"), and
        // one with the section's own name is never a section beside it: where "Proposed
        // solution" came first, "Decision" does not make every other record's Decision missing.
        // Nor is a heading the section sits in ("## Design Details" around "### Architecture").
        const own = termKey(spec.name);
        const around = new Set(d.headingsAround?.[spec.name] ?? []);
        for (const h of d.headingTexts ?? []) {
          const k = termKey(h);
          if (k === key || k === own || d.headingWithin?.[h] === spec.name || around.has(h)) continue;
          if (lex.sectionOf(k, d.kind, keys, h)?.spec === spec) beside.push(k);
        }
        // A field line counts as beside the section when it is written outside it.
        if (field && (d.fieldKeys ?? []).some((f) => lex.fieldOfKey(termKey(f)) === field && d.fieldWithin?.[f] !== spec.name)) beside.push(`field:${field}`);
        if (beside.length) distinct.set(spec.name, beside);
      } else if (field && !d.missingSections.includes(spec)) chosen.set(spec.name, `field:${field}`);
    }
    c = { doc: d, reqs, chosen, distinct };
    this.contributions.set(d.path, c);
    return c;
  }

  /**
   * The heading (or field) a document's section was found by, when in its group that is a
   * section of its own: the section is then missing. Undefined when the section stands.
   */
  private standsIn(d: AnalyzedDocument, spec: SectionSpec, distinct: Map<string, Set<string>>): string | undefined {
    const set = distinct.get(spec.name);
    if (!set || d.missingSections.includes(spec)) return undefined;
    const by = this.contribution(d).chosen.get(spec.name);
    if (by === undefined || !set.has(by)) return undefined;
    return by.startsWith('field:') ? `a "${by.slice('field:'.length)}" field line` : (d.sections.find((s) => s.spec === spec)?.heading.text ?? by);
  }

  /** A document changed or went: it leaves its group (counted again when asked). Returns the group's key. */
  forget(path: string): string | undefined {
    const key = this.keyOf.get(path);
    if (key === undefined) return undefined;
    this.keyOf.delete(path);
    this.contributions.delete(path);
    this.membersOf.get(key)?.delete(path);
    this.groups.delete(key);
    return key;
  }

  /**
   * What a group tells its documents, as strings that change when it does: `members` for what
   * every document's findings depend on (its first document, its template, which requirements
   * are policy), `counts` for what only the group's own findings say (how many, of how many).
   */
  signature(key: string): { members: string; counts: string } {
    const g = this.group(key);
    const policy = [...g.counts.keys()].filter((r) => !this.isContract(g, r)).sort();
    // Since which record each template section is asked: a record that gains or loses one can move it.
    const since = (g.template?.sections ?? []).filter((s) => !s.optional).map((s) => [s.name, this.since(g, s.name) ?? null]);
    return {
      members: JSON.stringify([g.template?.path ?? '', policy, [...g.distinct].map(([s, set]) => [s, [...set].sort()]), since]),
      counts: JSON.stringify([g.docs[0] ?? '', [...g.counts].map(([r, c]) => [r, c.total, c.have])]),
    };
  }

  /**
   * After a change in a group: the paths whose findings were made under what the group no
   * longer says — members told another first document, template or policy, and the group's
   * home (its first document or its template) when its counts changed.
   */
  stale(key: string): string[] {
    const now = this.signature(key);
    const out: string[] = [];
    for (const p of this.members(key)) {
      // Never told (findings handed in from a persisted index): checked now, to be sure.
      if (this.toldDoc.get(p) !== now.members) out.push(p);
    }
    const home = this.toldHome.get(key);
    if (home !== undefined && home.counts !== now.counts) {
      // The group's own findings: on its home now, and no more on the one told before.
      for (const h of [this.home(key), home.path]) if (h && !out.includes(h)) out.push(h);
    }
    return out;
  }

  /**
   * A template under `scope` (a folder; '' for the root) appeared, changed or went: the groups
   * of the documents under it are formed again. Groups elsewhere, and what they were told, stay.
   */
  resetScope(scope: string): void {
    if (!scope) return this.reset();
    const prefix = `${scope}/`;
    for (const [p, key] of [...this.keyOf]) {
      if (!p.startsWith(prefix)) continue;
      this.forget(p);
      this.toldDoc.delete(p);
      this.toldHome.delete(key);
    }
    for (const [key, home] of [...this.toldHome]) if (home.path.startsWith(prefix)) this.toldHome.delete(key);
    this.complete = false;
  }

  /** A document is gone: what it was told no longer matters. */
  gone(path: string): void {
    this.toldDoc.delete(path);
  }

  /** The paths of a group: its documents and its template. */
  members(key: string): string[] {
    const g = this.group(key);
    return g.template ? [...g.docs, g.template.path] : g.docs;
  }

  /** Where a group's own findings are: its template, or its first document. */
  home(key: string): string | undefined {
    const g = this.group(key);
    return g.template?.path ?? g.docs[0];
  }

  /** What a document (`path`) or the group's home (no path) is told now. */
  private remember(key: string, path?: string): void {
    const sig = this.signature(key);
    if (path) this.toldDoc.set(path, sig.members);
    else this.toldHome.set(key, { path: this.home(key) ?? '', counts: sig.counts });
  }

  /**
   * Every group of documents, with what each requirement counts and whether it is the team's
   * contract there, and why: what `charter init` writes a configuration from. Sorted by key.
   */
  summary(): GroupSummary[] {
    for (const d of this.index.documents.values()) this.groupKey(d);
    const keys = [...this.membersOf.keys()].filter((k) => this.membersOf.get(k)!.size > 0).sort();
    return keys.map((key) => {
      const g = this.group(key);
      const requirements: RequirementSummary[] = [...g.counts].map(([r, c]) => ({
        requirement: r,
        rule: ruleOf(r),
        total: c.total,
        have: c.have,
        contract: this.isContract(g, r),
        by: this.contractBy(g, r),
      }));
      requirements.sort((a, b) => (a.requirement < b.requirement ? -1 : a.requirement > b.requirement ? 1 : 0));
      return { key, kind: g.kind, template: g.template, docs: [...g.docs].sort(), requirements };
    });
  }

  /** What makes a requirement the contract in a group: the configuration, the template, the folder's convention; or nothing (policy). */
  private contractBy(g: Group, r: Requirement): RequirementSummary['by'] {
    if (!this.isContract(g, r)) return 'policy';
    if (this.index.config.adopted?.has(ruleOf(r))) return 'config';
    return g.template ? 'template' : 'convention';
  }

  /** Whether a requirement is the team's contract in a group (else it is Charter's policy). */
  isContract(g: Group, r: Requirement): boolean {
    const config = this.index.config;
    if (config.adopted?.has(ruleOf(r))) return true;
    const t = g.template;
    if (t) {
      const required = t.sections.filter((s) => !s.optional);
      if (r.startsWith('section:')) return required.some((s) => this.kindSectionOf(s.name, g.kind)?.name === r.slice('section:'.length));
      const owner = t.fields.find((f) => this.isOwnerField(f.key, g.kind));
      if (r === 'owner') return Boolean(owner);
      if (r === 'single') return Boolean(owner) && !listByDesign(owner!);
      return Boolean(owner) || t.fields.some((f) => /^(?:owner|owners|author|authors|dri)$/.test(normalizeKey(f.key)));
    }
    // The folder's convention: at least half of what it applies to meets it.
    const c = g.counts.get(r);
    return Boolean(c && c.total > 0 && c.have * 2 >= c.total);
  }

  private isOwnerField(key: string, kind: KindSpec): boolean {
    const keys = ownerKeysOf(kind, this.index.config);
    const lex = lexiconFor(this.index.config.languages ?? {}, Object.keys(this.index.config.languages ?? {}));
    const k = termKey(key);
    return keys.has(k) || keys.has(normalizeKey(key)) || lex.ownerKeys.has(k) || lex.decisionOwnerKeys.has(k) || /^decision[- ]makers?$|^deciders?$/.test(normalizeKey(key));
  }

  /**
   * A document's findings under the contract: policy findings down to info (the folder is
   * told once), and, on the group's first document when no template governs it, the folder's
   * policy findings. The template's own sections it lacks are added.
   */
  adjust(doc: AnalyzedDocument, found: Finding[], told = true): Finding[] {
    const key = this.groupKey(doc);
    const g = this.group(key);
    if (told) this.remember(key, doc.path);
    const out: Finding[] = [];
    const repHere = !g.template && g.docs[0] === doc.path;
    let changed = false;
    const policy = new Set<Requirement>();
    for (const r of g.counts.keys()) if (!this.isContract(g, r)) policy.add(r);
    for (const f of found) {
      const r = requirementOf(f, doc);
      if (!r || !policy.has(r) || f.severity === 'info') {
        out.push(f);
        continue;
      }
      changed = true;
      // The first document carries the folder's finding instead of its own.
      if (repHere) continue;
      out.push({ ...f, severity: 'info', message: `${f.message} (Charter's policy, said once for ${this.where(g)})` });
    }
    // A section found by what is a section of its own in this folder is missing.
    if (!(doc.language && !doc.language.known)) {
      for (const spec of doc.kind.sections) {
        if (!spec.required) continue;
        const by = this.standsIn(doc, spec, g.distinct);
        if (!by) continue;
        // Found by a section of its own, a How is still held by the document's topics.
        if (spec.area === 'how' && !spec.configured && doc.topical) continue;
        const r: Requirement = `section:${spec.name}`;
        const policyHere = !spec.configured && policy.has(r);
        if (policyHere && repHere) continue;
        changed = true;
        const message = `${doc.kind.label} has no "${spec.name}" section: ${by.startsWith('a "') ? by : `"${by}"`} is a section of its own in this folder, beside it in other ${doc.kind.label}s`;
        out.push({
          rule: 'missing-section',
          severity: policyHere ? 'info' : this.severity('missing-section'),
          message: policyHere ? `${message} (Charter's policy, said once for ${this.where(g)})` : message,
          range: doc.titleRange,
          data: { section: spec.name.toLowerCase() },
        });
      }
    }
    if (g.template) {
      const lacking = this.templateSections(doc, g, g.template);
      if (lacking.length) changed = true;
      out.push(...lacking);
    }
    if (repHere) {
      if (told) this.remember(key);
      const once = this.folderFindings(g, policy, doc.titleRange);
      if (once.length) changed = true;
      out.push(...once);
    }
    if (!changed) return out;
    // What the contract adds obeys the configuration and the document's charter-disable comments, as every rule does.
    const off = new Set(doc.silence.file);
    const kept = out.filter(
      (f) =>
        found.includes(f) ||
        (this.index.config.rules[f.rule] !== 'off' && !off.has(f.rule) && !off.has('*') && !(doc.silence.lines[f.range.start.line] ?? []).some((r) => r === f.rule || r === '*')),
    );
    return kept.sort(byPlace);
  }

  /** The findings of a template: what Charter's policy says of the documents it governs. */
  templateFindings(path: string, told = true): Finding[] {
    const out: Finding[] = [];
    const keys = new Set<string>();
    for (const d of this.index.documents.values()) {
      const k = this.groupKey(d);
      if (k.startsWith(`t:${path}|`)) keys.add(k);
    }
    const at: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
    for (const k of [...keys].sort()) {
      const g = this.group(k);
      if (told) this.remember(k);
      const policy = new Set<Requirement>();
      for (const r of g.counts.keys()) if (!this.isContract(g, r)) policy.add(r);
      out.push(...this.folderFindings(g, policy, at));
    }
    return out;
  }

  /**
   * The sections a document's template asks for that the kind does not require, when the
   * document lacks them. A section is asked of the records from where the folder's records
   * start having it: a template grows, and the records before that predate the section.
   */
  private templateSections(doc: AnalyzedDocument, g: Group, t: TemplateInfo): Finding[] {
    if (doc.language && !doc.language.known) return [];
    const out: Finding[] = [];
    const order = recordOrder(doc.path);
    for (const s of t.sections) {
      if (s.optional) continue;
      const spec = this.kindSectionOf(s.name, doc.kind);
      if (spec) {
        // A design's How is found by a wide vocabulary, and by the document's topics; a
        // template asks for it by its name ("How"): a design without a heading of that name
        // lacks the template's section.
        const byName = (doc.headingTexts ?? []).some((h) => headingNames(h, termKey(s.name)));
        const asked = spec.area === 'how' && !spec.configured && doc.kind.decisions === 'none' && !doc.missingSections.includes(spec) && !byName;
        if (asked) {
          out.push({
            rule: 'missing-section',
            severity: this.severity('missing-section'),
            message: `${doc.kind.label} has no "${spec.name}" section, which its template ${t.path} has as "${s.name}"`,
            range: doc.titleRange,
            data: { section: spec.name.toLowerCase(), template: t.path },
          });
          continue;
        }
      }
      // A required section of the kind is the kind's own finding, and a configured kind says
      // itself which are required; an optional built-in one the template asks for is the template's.
      if (spec && (spec.required || spec.configured || doc.sections.some((x) => x.spec === spec))) continue;
      if (!spec && this.hasTemplateSection(doc, s.name)) continue;
      const since = this.since(g, s.name);
      if (order && since && compareOrder(order, since) < 0) continue;
      out.push({
        rule: 'missing-section',
        severity: this.severity('missing-section'),
        message: `${doc.kind.label} has no "${s.name}" section, which its template ${t.path} has`,
        range: doc.titleRange,
        data: { section: s.name.toLowerCase(), template: t.path },
      });
    }
    return out.filter((f) => f.severity !== ('off' as string));
  }

  /**
   * Whether a document has a section of its template that is no section of its kind: a
   * heading about it, a field line of that name, a heading for the same decision field
   * ("Alternatives considered" for "Alternative Approaches"), or, for a list of links, any
   * heading that is one ("Related documents/links" for "Related resources").
   */
  private hasTemplateSection(doc: AnalyzedDocument, name: string): boolean {
    const key = termKey(name);
    if (!key) return true;
    const heads = doc.headingTexts ?? [];
    const fieldKeys = (doc.fieldKeys ?? []).map((k) => termKey(k));
    if (fieldKeys.includes(key) || heads.some((h) => headingNames(h, key))) return true;
    const lex = lexiconFor(this.index.config.languages ?? {}, Object.keys(this.index.config.languages ?? {}));
    const field = lex.fieldOfKey(key);
    if (field && (heads.some((h) => lex.fieldOfKey(termKey(h)) === field) || fieldKeys.some((k) => lex.fieldOfKey(k) === field))) return true;
    return isLinkList(key) && heads.some((h) => isLinkList(termKey(h)));
  }

  /**
   * Since which record a template section is asked: where in the series (the number or date
   * of the records' files) the folder's records start having it — the place that best
   * divides the records before, which lack it, from those after, which have it (the earliest
   * among equals, and never after the last record that has it). Undefined when every record
   * is asked: none has it, none is numbered, or the records never went without it.
   */
  private since(g: Group, name: string): number[] | undefined {
    g.since ??= new Map();
    if (g.since.has(name)) return g.since.get(name);
    const spec = this.kindSectionOf(name, g.kind);
    const rows: { order: number[]; has: boolean }[] = [];
    for (const p of g.docs) {
      const d = this.index.documents.get(p);
      const order = recordOrder(p);
      if (d && order) rows.push({ order, has: spec ? d.sections.some((x) => x.spec === spec) : this.hasTemplateSection(d, name) });
    }
    rows.sort((a, b) => compareOrder(a.order, b.order));
    const last = rows.map((r) => r.has).lastIndexOf(true);
    let best = 0;
    let bestScore = rows.filter((r) => r.has).length;
    let score = bestScore;
    for (let i = 1; i <= last; i++) {
      // Records from i on are asked; the one before i now counts when it lacks the section.
      score += rows[i - 1].has ? -1 : 1;
      if (compareOrder(rows[i - 1].order, rows[i].order) === 0) continue;
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    }
    const since = best > 0 ? rows[best].order : undefined;
    g.since.set(name, since);
    return since;
  }

  private severity(rule: string): Finding['severity'] {
    const s = this.index.config.rules[rule];
    return (s && s !== 'off' ? s : 'warning') as Finding['severity'];
  }

  /** Where a group is told, in a message: "the template docs/adr/template.md", or "docs/adr/". */
  private where(g: Group): string {
    if (g.template) return `the template ${g.template.path}`;
    const first = g.docs[0] ?? '';
    return seriesFolder(first) ? `${seriesFolder(first)}/` : 'the root folder';
  }

  /** One warning per piece of policy a group's documents do not follow, with how many and how to settle it. */
  private folderFindings(g: Group, policy: Set<Requirement>, range: Range): Finding[] {
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
      const configured = this.index.config.rules[rule];
      if (configured === 'off') continue;
      // A team that set owners: { singleOwner: false } has said what this would ask it to.
      if (r === 'single' && !this.index.config.singleOwner) continue;
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
}

/** One requirement of a group, as {@link Contracts.summary} reports it. */
export interface RequirementSummary {
  /** `section:<name>`, `owner` (a decider on each decision), `single` (one owner each), `docowner` (a document owner). */
  requirement: string;
  /** The rule that reports it. */
  rule: string;
  /** What it applies to (documents, or decisions), and how many meet it. */
  total: number;
  have: number;
  contract: boolean;
  by: 'config' | 'template' | 'convention' | 'policy';
}

/** A group of documents (one template's, or one folder's of one kind), as {@link Contracts.summary} reports it. */
export interface GroupSummary {
  key: string;
  kind: KindSpec;
  template?: TemplateInfo;
  docs: string[];
  requirements: RequirementSummary[];
}

/** An owner field that lists everyone involved by design (MADR's `decision-makers`, "Deciders", "Authors"), unless it asks for one person. */
function listByDesign(f: TemplateField): boolean {
  if (/\b(?:single|one (?:person|owner|champion|decider)|exactly one)\b/i.test(f.value)) return false;
  const k = normalizeKey(f.key);
  return /s$/.test(k) || /\blist\b|\beveryone\b|\ball\b/i.test(f.value) || f.value.startsWith('[');
}

/** Whether a heading (its text) is about a template section (its termKey): the name, or the head of the heading. */
function headingNames(text: string, key: string): boolean {
  const k = termKey(text);
  // "Change log" for "Changelog"; "Design" for "Detailed Design", "Proposed Design" for "Design".
  if (k === key || k.replace(/ /g, '') === key.replace(/ /g, '') || plainOf(k) === plainOf(key)) return true;
  const words = k.split(' ');
  const want = key.split(' ');
  if (want.join('').length < 5) return false;
  const slots = headSlots(text, k);
  if (!slots || slots.question) return false;
  for (let i = 0; i + want.length <= words.length; i++) {
    if (want.every((w, j) => words[i + j] === w) && namesHead(slots, i, i + want.length - 1)) return true;
  }
  return false;
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

/**
 * Where a record stands in its folder's series: the number or date its file, or else its
 * folder, is named with (`0029-…` → [29], `adr-108-…` → [108], `2022-02-07-tracing/README.md`
 * → [2022, 2, 7]); undefined when neither is.
 */
export function recordOrder(path: string): number[] | undefined {
  const parts = path.split('/');
  for (const name of [parts[parts.length - 1], parts[parts.length - 2]]) {
    const m = name ? /\d+(?:-\d+)*/.exec(name) : null;
    if (m) return m[0].split('-').map((n) => Number(n));
  }
  return undefined;
}

function compareOrder(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** What a section name says without a modifier that does not change what the section is about ("Detailed Design" → "design"). */
function plainOf(key: string): string {
  return key.replace(/^(?:detailed|proposed|technical|overall|general|high level|full) /, '');
}

// ---------------------------------------------------------------- quick fixes on a template

/** A text edit (the shape core/fixes.ts uses). */
interface Edit {
  range: Range;
  newText: string;
}

/**
 * The fix for a piece of Charter's policy said on a template: the field or section added to
 * the template, so that the team adopts it (and its documents are held to it from then on).
 */
export function templateFixes(text: string, finding: Finding): { title: string; edits: Edit[] }[] {
  if (!finding.data?.policy) return [];
  const nl = /\r\n|\r|\n/.exec(text)?.[0] ?? '\n';
  const lines = text.split(/\r\n|\r|\n/);
  const at = (line: number, character = 0) => ({ line, character });
  const insert = (line: number, newText: string): Edit => ({ range: { start: at(line), end: at(line) }, newText });
  // The end of the template's head: after its field lines and title, before its first section.
  const firstSection = lines.findIndex((l, i) => i > 0 && /^#{2,6}\s/.test(l));
  const headEnd = firstSection < 0 ? lines.length : firstSection;
  let lastField = -1;
  for (let i = 0; i < headEnd; i++)
    if (
      /^\s*(?:[-*+]\s+)?(?:\*\*|__)?[\p{L}][^:]{0,40}?(?:\*\*|__)?:(?:\*\*|__)?\s/u.test(lines[i]) ||
      /^\s*(?:[-*+]\s+)?(?:\*\*|__)?[\p{L}][^:]{0,40}?(?:\*\*|__)?:\s*$/u.test(lines[i])
    )
      lastField = i;
  const fm = /^---[ \t]*$/.test(lines[0] ?? '') ? lines.findIndex((l, i) => i > 0 && /^(?:---|\.\.\.)[ \t]*$/.test(l)) : -1;
  switch (finding.rule) {
    case 'unowned-decision': {
      const style = lastField >= 0 ? /^(\s*(?:[-*+]\s+)?)((?:\*\*|__)?)/.exec(lines[lastField])! : undefined;
      const line = style ? `${style[1]}${style[2]}Deciders:${style[2]} {the one person who decides}` : 'Deciders: {the one person who decides}';
      const where = lastField >= 0 ? lastField + 1 : Math.min(headEnd, lines.findIndex((l) => /^#\s/.test(l)) + 1 || 0);
      return [{ title: 'Add a "Deciders:" field to the template', edits: [insert(where, lastField >= 0 ? `${line}${nl}` : `${nl}${line}${nl}`)] }];
    }
    case 'missing-document-owner': {
      if (fm > 0) return [{ title: "Add owner: to the template's front matter", edits: [insert(fm, `owner: {who owns this document}${nl}`)] }];
      return [{ title: "Add owner: to the template's front matter", edits: [insert(0, `---${nl}owner: {who owns this document}${nl}---${nl}`)] }];
    }
    case 'missing-section': {
      const name = typeof finding.data.section === 'string' ? finding.data.section : '';
      if (!name) return [];
      const title = name.replace(/^\p{Ll}/u, (c) => c.toUpperCase());
      const depth = firstSection >= 0 ? /^#+/.exec(lines[firstSection])![0] : '##';
      const last = lines.length - 1;
      const tail = lines[last] === '' ? '' : nl;
      return [
        {
          title: `Add a "${title}" section to the template`,
          edits: [
            {
              range: { start: at(last, lines[last].length), end: at(last, lines[last].length) },
              newText: `${tail}${nl}${depth} ${title}${nl}${nl}<!-- What goes under ${title}. -->${nl}`,
            },
          ],
        },
      ];
    }
    default:
      return [];
  }
}
