/**
 * The findings a workspace index gives out: each document's own findings (found when it was
 * read) and its workspace findings, computed now from what the index holds, as its group's
 * contract adjusts them (core/contract/); and what it last gave out for each document, to
 * tell what a change changed. The WorkspaceIndex (core/workspaceIndex.ts) extends it with
 * the changes.
 */
import type { Finding } from './types';
import { checkWorkspace, mergeFindings } from './analyze';
import { Contracts, type GroupSummary } from './contract';
import type { ContractView } from './contract/group';
import type { TemplateInfo } from './contract/template';
import { merge, ownershipKeyOf, sameFindings, type IndexChange } from './indexChange';
import { IndexStore } from './indexStore';

/** A workspace index's findings: checked from what it holds, remembered as given out. */
export class IndexFindings extends IndexStore implements ContractView {
  /** The team's contract and Charter's policy, per group of documents. */
  protected readonly contracts = new Contracts(this);
  /** The findings last given out per document (by `check`), to tell what a change changed. */
  protected readonly given = new Map<string, Finding[]>();
  /** When true nothing is checked: the configuration was never valid (as `charter check` exits 2). */
  protected blocked = false;
  /** During {@link batched}: the contract groups that changed, settled once at the end. */
  protected batchGroups?: Set<string>;

  /**
   * One document's findings: its own, found when it was read, and the workspace findings,
   * computed now from the index. Remembered, to tell what a later change changed.
   */
  check(path: string): Finding[] {
    const found = this.compute(path, true);
    if (!this.blocked && (found.length || this.documents.has(path))) this.given.set(path, found);
    else this.given.delete(path);
    return found;
  }

  /**
   * A document's or a template's findings now. `told`: they are given out, and the contract
   * remembers what it told the document (to know when that no longer holds).
   */
  private compute(path: string, told: boolean): Finding[] {
    const doc = this.documents.get(path);
    if (this.blocked) return [];
    // A template carries what Charter's policy says of the documents it governs.
    if (!doc) return this.templates.has(path) ? this.contracts.templateFindings(path, told) : [];
    // Every document's own findings are found when it is read (or handed in with it).
    const local = this.local.get(path) ?? [];
    return this.contracts.adjust(doc, mergeFindings(local, checkWorkspace(doc, this)), told);
  }

  /**
   * Runs many changes as one (a folder created, a branch switched): the contract groups they
   * touch are settled once at the end, instead of after each file (a folder of a thousand new
   * documents would otherwise recheck its group a thousand times).
   */
  batched(fn: () => IndexChange): IndexChange {
    if (this.batchGroups) return fn();
    this.batchGroups = new Set();
    let change: IndexChange;
    let keys: Set<string>;
    try {
      change = fn();
    } finally {
      keys = this.batchGroups;
      this.batchGroups = undefined;
    }
    for (const key of keys) merge(change, this.recheck(this.contracts.stale(key)));
    return change;
  }

  /** The groups of documents the contract is counted in, with what each asks (for `charter init`). */
  contractGroups(): GroupSummary[] {
    return this.contracts.summary();
  }

  /**
   * A document's findings as last given out by `check`; when they never were, as they are
   * now, but not remembered as given out: a reader (the ownership model, a code action) must
   * not make the index believe a host showed what it did not. Hosts publish through `give`.
   */
  findings(path: string): Finding[] {
    return this.given.get(path) ?? this.compute(path, false);
  }

  /** A document's findings for a host to publish: as last given out, or checked now (and so given out). */
  give(path: string): Finding[] {
    return this.given.get(path) ?? this.check(path);
  }

  /** How many findings were last given out, over every document. */
  problemCount(): number {
    let n = 0;
    for (const d of this.given.values()) n += d.length;
    return n;
  }

  /**
   * After a change to a path: it leaves the group it was in and joins its new one, both are
   * counted again, and where what a group told its documents no longer holds, they are checked
   * again — every member when a majority, its first document or its template changed, else
   * only the group's own findings (on its first document or its template). A template that
   * changed regroups everything under its folder.
   */
  protected regroup(path: string, oldKey: string | undefined, template: TemplateInfo | undefined): IndexChange {
    const change: IndexChange = { findings: new Set(), ownership: new Set() };
    const after = this.templates.get(path);
    if (template || after) {
      if (JSON.stringify(template) === JSON.stringify(after)) return change;
      const scope = (after ?? template)!.scope;
      this.contracts.resetScope(scope);
      const reach = [...this.documents.keys()].filter((p) => !scope || p.startsWith(`${scope}/`));
      merge(change, this.recheck([...reach, ...this.templates.keys(), path]));
      return change;
    }
    const doc = this.documents.get(path);
    const keys = new Set<string>();
    if (oldKey) keys.add(oldKey);
    if (doc) keys.add(this.contracts.groupKey(doc));
    if (!doc) this.contracts.gone(path);
    if (this.batchGroups) for (const key of keys) this.batchGroups.add(key);
    else for (const key of keys) merge(change, this.recheck(this.contracts.stale(key)));
    if (doc && !change.findings.has(path)) merge(change, this.recheck([path]));
    return change;
  }

  /** What a document showed before a change: its findings and ownership. */
  protected snapshot(path: string): { findings?: Finding[]; owner: string } {
    return { findings: this.given.get(path), owner: this.owned.get(path) ?? ownershipKeyOf(this.documents.get(path)) };
  }

  /** Checks the documents that link to a path (or into a folder) again: a folder appeared. */
  linksTo(path: string): IndexChange {
    return this.recheck(this.referrers(path));
  }

  /** Checks documents again now (a request needs them current); returns those whose findings changed. */
  checkAgain(paths: Iterable<string>): IndexChange {
    return this.recheck(paths);
  }

  /** Checks documents again; returns those whose findings changed. */
  protected recheck(paths: Iterable<string>): IndexChange {
    const change: IndexChange = { findings: new Set(), ownership: new Set() };
    for (const p of paths) {
      if (!this.documents.has(p) && !this.templates.has(p)) continue;
      const before = this.given.get(p);
      if (!sameFindings(before, this.check(p))) change.findings.add(p);
    }
    return change;
  }
}
