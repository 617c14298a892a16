/**
 * The ownership model: who owns what, team by team. Each team is a charter (the nearest one
 * above a document governs it): its people (with the role the charter gives them), the
 * responsibilities each is accountable for, the documents, areas and decisions they own,
 * the team's unowned decisions, and a summary of how balanced it is. The `charter owners`
 * report, its HTML page and the editor's sidebar are all drawn from it.
 */
import type { Finding, Range } from './types';
import { AREAS, DEFAULT_AREA_ROLES, type Area } from './areas';
import { allRosters, rosterFor, type IndexView } from './workspace';
import type { OwnerValue } from './owners';
import type { AnalyzedDocument } from './document';
import { areaRoleKey, resolveInTeams, resolveOwner, type Roster } from './roster';
import { roleKey } from './kinds';
import { checkDate } from './dates';
import { normalizeKey } from './syntax';

/** A place in the workspace: a document and a range in it. */
export interface Location {
  path: string;
  range: Range;
}

/** Something a person owns. */
export interface OwnedItem extends Location {
  title: string;
  /** The document's kind. */
  kind: string;
  /** Set on areas and on decisions that answer one. */
  area?: Area;
  /** Set when the owner shares it with others (breaking the single-owner rule). */
  joint?: boolean;
  /** For decisions: everything that belongs to the entry (where its findings are). */
  extent?: Range;
  /** For decisions: the date as YYYY-MM-DD, when it is a valid one. */
  date?: string;
}

/** A responsibility of the charter and the role (or person) accountable for it. */
export interface ResponsibilityItem extends Location {
  name: string;
  /** The accountable role as written. */
  role: string;
  /** What the PM and the EM are expected to do for it, and who else has a stake. */
  pm?: string;
  em?: string;
  stakeholders?: string;
  /** The people who hold the role; empty when nobody does (`unassigned-responsibility`). */
  holders: string[];
}

/** A person and everything they own. */
export interface PersonOwnership {
  name: string;
  role?: string;
  handle?: string;
  /** Whether the charter lists them. */
  inCharter: boolean;
  /** Not in the charter, but every `unknown-owner` finding about them is silenced: not a problem to show. */
  silenced?: boolean;
  /** The areas their role owns by their team's charter (the PM: Why and What, unless it says otherwise). */
  owns?: Area[];
  /** Where the charter lists them. */
  location?: Location;
  documents: OwnedItem[];
  areas: OwnedItem[];
  decisions: OwnedItem[];
  /** The responsibilities their role (or their name) is accountable for. */
  responsibilities: ResponsibilityItem[];
}

/** A decision made outside its owner's areas (a How decided by the PM). */
export interface OutsideDecision extends OwnedItem {
  owner: string;
  /** The owner's role, and the role that owns the decision's area. */
  role: string;
  owningRole: string;
}

/** How balanced a team's ownership is, at a glance. */
export interface TeamSummary {
  /** Decisions with an owner, and with none. */
  owned: number;
  unowned: number;
  /** Decisions per person, most first (people with none included). */
  perPerson: { name: string; decisions: number }[];
  /** The person who owns most decisions and their share of the owned ones (0–1). */
  top?: { name: string; decisions: number; share: number };
  outsideAreas: OutsideDecision[];
  withoutContext: OwnedItem[];
  withoutAlternatives: OwnedItem[];
}

/** One team: a charter, its people and what they own. */
export interface TeamOwnership {
  /** From the charter's `team:` or `name:`, else its title; "No team" for documents no charter governs. */
  name: string;
  charter?: string;
  people: PersonOwnership[];
  responsibilities: ResponsibilityItem[];
  unowned: UnownedDecision[];
  summary: TeamSummary;
}

/** A decision without an owner. */
export interface UnownedDecision extends OwnedItem {
  /** The owner value as written, when there was one ("TBD"). */
  written?: string;
}

/** Who owns what in the whole workspace. */
export interface OwnershipModel {
  /** The workspace's default charter (the configured one or the first by path). */
  charter?: string;
  /** Everyone of every team (a person in two teams appears in each). */
  people: PersonOwnership[];
  unowned: UnownedDecision[];
  /** One entry per charter (and "No team" for documents none governs), by charter path. */
  teams: TeamOwnership[];
}

/**
 * An index that can say each document's findings (the `WorkspaceIndex`). With it, the model
 * marks as problems only what a finding still says: a decision whose `unowned-decision` is
 * silenced by a `charter-disable` comment (or turned off) is not listed as unowned, nor an
 * owner outside the charter whose every `unknown-owner` finding is silenced.
 */
export interface FindingsView extends IndexView {
  findings(path: string): Finding[];
}

/** Builds the ownership model from the index; `include` limits it to some documents. */
export function buildOwnership(index: IndexView | FindingsView, include: (path: string) => boolean = () => true): OwnershipModel {
  const rosters = allRosters(index);
  const findings = 'findings' in index ? (path: string) => index.findings(path) : undefined;
  const builders = new Map<Roster | undefined, TeamBuilder>();
  const teamOf = (roster: Roster | undefined) => {
    let b = builders.get(roster);
    if (!b) builders.set(roster, (b = new TeamBuilder(roster, rosters)));
    return b;
  };
  for (const r of rosters) teamOf(r);
  const docs = [...index.documents.values()].filter((d) => include(d.path)).sort((a, b) => (a.path < b.path ? -1 : 1));
  for (const doc of docs) teamOf(rosterFor(index, doc.path)).add(doc, findings && new Problems(findings(doc.path)));
  // With no charter at all, everything is one team that has no name.
  const teams = [...builders.values()].map((b) => b.finish()).filter((t, _i, all) => t.charter || all.length === 1 || t.people.length || t.unowned.length);
  teams.sort((a, b) => Number(!a.charter) - Number(!b.charter) || ((a.charter ?? '') < (b.charter ?? '') ? -1 : 1));
  const people = teams.flatMap((t) => t.people);
  const unowned = teams.flatMap((t) => t.unowned).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.range.start.line - b.range.start.line));
  return { charter: index.roster?.path, people: teams.length === 1 ? teams[0].people : people, unowned, teams };
}

/** What the findings of one document still say (after silencing and severities), by rule. */
class Problems {
  private readonly byRule = new Map<string, Finding[]>();
  constructor(findings: Finding[]) {
    for (const f of findings) {
      const list = this.byRule.get(f.rule);
      if (list) list.push(f);
      else this.byRule.set(f.rule, [f]);
    }
  }

  /** Whether a finding of `rule` starts within the lines of `range`. */
  within(rule: string, range: Range): boolean {
    return (this.byRule.get(rule) ?? []).some((f) => f.range.start.line >= range.start.line && f.range.start.line <= range.end.line);
  }

  /** The owners that an `unknown-owner` finding names. */
  unknownOwners(): string[] {
    return (this.byRule.get('unknown-owner') ?? []).map((f) => String(f.data?.owner ?? ''));
  }
}

/** Collects one team's people and what they own, document by document. */
class TeamBuilder {
  private readonly people = new Map<string, PersonOwnership>();
  /** The same few names recur across thousands of entries: resolve each once. */
  private readonly resolved = new Map<string, PersonOwnership>();
  private readonly unowned: UnownedDecision[] = [];
  private readonly outside: OutsideDecision[] = [];
  private readonly withoutContext: OwnedItem[] = [];
  private readonly withoutAlternatives: OwnedItem[] = [];
  private readonly roles = new Map<PersonOwnership, string>();
  /** With findings: the people outside the charter that a finding still says are unknown. */
  private readonly flaggedUnknown = new Set<PersonOwnership>();
  private sawFindings = false;
  /** Decisions with at least one owner. */
  private owned = 0;
  /** The same dates recur: check each written date once. */
  private readonly dates = new Map<string, ReturnType<typeof checkDate>>();

  private dateOf(raw: string): ReturnType<typeof checkDate> {
    let r = this.dates.get(raw);
    if (!r) this.dates.set(raw, (r = checkDate(raw)));
    return r;
  }

  constructor(
    private readonly roster: Roster | undefined,
    private readonly rosters: readonly Roster[],
  ) {
    for (const p of roster?.people ?? []) {
      const owns = p.role ? AREAS.filter((a) => areaRoleKey(roster, a) === roleKey(p.role)) : [];
      this.people.set(`person:${normalizeKey(p.name)}`, {
        name: p.name,
        role: p.role || undefined,
        handle: p.handle,
        inCharter: true,
        ...(owns.length ? { owns } : {}),
        location: { path: roster!.path, range: p.range },
        documents: [],
        areas: [],
        decisions: [],
        responsibilities: [],
      });
    }
  }

  private ownersOf(value: OwnerValue): PersonOwnership[] {
    return value.names.map((name) => this.personFor(name));
  }

  /** The person an owner name stands for in this team (a new entry for a name nobody has). */
  private personFor(name: string): PersonOwnership {
    const known = this.resolved.get(name);
    if (known) return known;
    const found = this.rosters.length ? resolveInTeams(this.rosters, this.roster, name) : undefined;
    const r = found && found.roster === this.roster ? found.resolution : this.roster ? { kind: 'unknown' as const } : (found?.resolution ?? { kind: 'unknown' as const });
    const key =
      r.kind === 'person'
        ? `person:${normalizeKey(r.person.name)}`
        : r.kind === 'role' && r.people.length === 1
          ? `person:${normalizeKey(r.people[0].name)}`
          : `name:${normalizeKey(name)}`;
    let entry = this.people.get(key);
    if (!entry) {
      entry = {
        name: r.kind === 'role' ? r.role : r.kind === 'person' ? r.person.name : name.trim(),
        inCharter: false,
        documents: [],
        areas: [],
        decisions: [],
        responsibilities: [],
      };
      if (r.kind === 'person' && r.person.role) entry.role = r.person.role;
      this.people.set(key, entry);
    }
    const role = r.kind === 'person' ? r.person.role : r.kind === 'role' ? r.role : '';
    if (role) this.roles.set(entry, role);
    this.resolved.set(name, entry);
    return entry;
  }

  /** Adds a document; `problems`, when known, are its findings, so silenced ones stay silent. */
  add(doc: AnalyzedDocument, problems?: Problems): void {
    const kind = doc.kind.name;
    // A joint owner (multiple-owners), an unowned decision or one outside its owner's areas is
    // marked only when its finding still stands.
    const says = (rule: string, range: Range) => !problems || problems.within(rule, range);
    if (problems) {
      this.sawFindings = true;
      for (const name of problems.unknownOwners()) this.flaggedUnknown.add(this.personFor(name));
    }
    if (doc.owner && !doc.owner.unowned) {
      const joint = doc.owner.multiple && says('multiple-owners', doc.owner.range);
      for (const p of this.ownersOf(doc.owner)) p.documents.push({ path: doc.path, range: doc.titleRange, title: doc.title, kind, joint: joint || undefined });
    }
    for (const s of doc.sections) {
      if (!s.spec.area) continue;
      const owner = s.owner && !s.owner.unowned ? s.owner : doc.owner && !doc.owner.unowned ? doc.owner : undefined;
      if (!owner) continue;
      for (const p of this.ownersOf(owner))
        p.areas.push({ path: doc.path, range: s.heading.range, title: `${s.spec.name} — ${doc.title}`, kind, area: s.spec.area, joint: owner.multiple || undefined });
    }
    for (const d of doc.decisions) {
      const when = d.fields.date ? this.dateOf(d.fields.date.value) : undefined;
      const item: OwnedItem = {
        path: doc.path,
        range: d.range,
        title: d.title,
        kind,
        area: d.area,
        extent: d.fullRange === d.range ? undefined : d.fullRange,
        ...(when?.ok ? { date: when.iso } : {}),
      };
      const extent = d.fullRange ?? d.range;
      if (!d.fields.context) this.withoutContext.push(item);
      if (!d.fields.alternatives) this.withoutAlternatives.push(item);
      if (!d.owner || d.owner.unowned) {
        if (says('unowned-decision', extent)) this.unowned.push({ ...item, written: d.owner?.raw.trim() || undefined });
        continue;
      }
      const owners = this.ownersOf(d.owner);
      if (owners.length) this.owned++;
      const joint = d.owner.multiple && says('multiple-owners', extent);
      for (const p of owners) p.decisions.push({ ...item, joint: joint || undefined });
      if (owners.length === 1 && d.area && says('owner-role-mismatch', extent)) {
        const role = this.roles.get(owners[0]);
        if (role && roleKey(role) !== areaRoleKey(this.roster, d.area)) {
          this.outside.push({ ...item, owner: owners[0].name, role, owningRole: this.roster?.areaRoles[d.area] ?? DEFAULT_AREA_ROLES[d.area] });
        }
      }
    }
  }

  finish(): TeamOwnership {
    const roster = this.roster;
    // Outside the charter, but every finding that would say so silenced: shown as a plain owner.
    if (this.sawFindings && this.rosters.length) for (const p of this.people.values()) if (!p.inCharter && !this.flaggedUnknown.has(p)) p.silenced = true;
    const people = [...this.people.values()].sort((a, b) => Number(b.inCharter) - Number(a.inCharter) || a.name.localeCompare(b.name));
    const responsibilities: ResponsibilityItem[] = [];
    for (const r of roster?.responsibilities ?? []) {
      const res = resolveOwner(roster!, r.role);
      const holders = res.kind === 'person' ? [res.person.name] : res.kind === 'role' ? res.people.map((p) => p.name) : [];
      const item: ResponsibilityItem = {
        path: roster!.path,
        range: r.range,
        name: r.name,
        role: r.role,
        ...(r.pm ? { pm: r.pm } : {}),
        ...(r.em ? { em: r.em } : {}),
        ...(r.stakeholders ? { stakeholders: r.stakeholders } : {}),
        holders,
      };
      responsibilities.push(item);
      for (const h of holders) this.people.get(`person:${normalizeKey(h)}`)?.responsibilities.push(item);
    }
    const perPerson = people.map((p) => ({ name: p.name, decisions: p.decisions.length })).sort((a, b) => b.decisions - a.decisions || a.name.localeCompare(b.name));
    const top = perPerson[0] && perPerson[0].decisions > 0 ? { ...perPerson[0], share: perPerson[0].decisions / this.owned } : undefined;
    return {
      name: roster ? roster.team || roster.path : 'No team',
      charter: roster?.path,
      people,
      responsibilities,
      unowned: this.unowned,
      summary: {
        owned: this.owned,
        unowned: this.unowned.length,
        perPerson,
        top,
        outsideAreas: this.outside,
        withoutContext: this.withoutContext,
        withoutAlternatives: this.withoutAlternatives,
      },
    };
  }
}
