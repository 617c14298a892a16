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
import type { AnalyzedDocument } from '../document';
import type { Finding, Range } from '../types';
import type { KindSpec, SectionSpec } from '../kinds';
import { lexiconFor } from '../lexicon';
import { normalizeKey, termKey } from '../syntax';
import { ownerKeysOf } from '../fieldNames';
import { byPlace } from '../analyze';
import type { TemplateInfo } from './template';
import {
  kindSectionOf,
  listByDesign,
  meets,
  requirementOf,
  requirementsOf,
  ruleOf,
  ruleSeverity,
  seriesFolder,
  type Contribution,
  type ContractView,
  type Group,
  type Requirement,
} from './group';
import { askedSince, templateSections } from './templateSections';
import { folderFindings } from './policy';

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
    return kindSectionOf(this.index.config, name, kind);
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
    const since = (g.template?.sections ?? []).filter((s) => !s.optional).map((s) => [s.name, askedSince(this.index, g, s.name) ?? null]);
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
          severity: policyHere ? 'info' : ruleSeverity(this.index.config, 'missing-section'),
          message: policyHere ? `${message} (Charter's policy, said once for ${this.where(g)})` : message,
          range: doc.titleRange,
          data: { section: spec.name.toLowerCase() },
        });
      }
    }
    if (g.template) {
      const lacking = templateSections(this.index, doc, g, g.template);
      if (lacking.length) changed = true;
      out.push(...lacking);
    }
    if (repHere) {
      if (told) this.remember(key);
      const once = folderFindings(this.index.config, g, policy, doc.titleRange);
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
      out.push(...folderFindings(this.index.config, g, policy, at));
    }
    return out;
  }

  /** Where a group is told, in a message: "the template docs/adr/template.md", or "docs/adr/". */
  private where(g: Group): string {
    if (g.template) return `the template ${g.template.path}`;
    const first = g.docs[0] ?? '';
    return seriesFolder(first) ? `${seriesFolder(first)}/` : 'the root folder';
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
