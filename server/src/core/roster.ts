/**
 * The charter's roster: its people (name, role, handle, e-mail), the responsibilities each
 * role is accountable for, and which role owns each area. Owners elsewhere are resolved
 * against it.
 */
import type { MarkdownModel, Range } from './types';
import { DEFAULT_AREA_ROLES, isArea, type Area } from './areas';
import { roleKey } from './kinds';
import { normalizeKey, stripInline } from './syntax';
import { lineStart } from './text';

/** A person named in the charter. */
export interface Person {
  name: string;
  role: string;
  handle?: string;
  email?: string;
  /** Where the person is written in the charter. */
  range: Range;
}

/** A responsibility and the role accountable for it. */
export interface Responsibility {
  name: string;
  role: string;
  range: Range;
  /** What the PM is expected to do for it (a table's "PM expectations" column). */
  pm?: string;
  /** What the EM is expected to do for it. */
  em?: string;
  stakeholders?: string;
}

/** A problem in the charter's roster (an entry without a name, say). */
export interface RosterProblem {
  message: string;
  range: Range;
}

/** Everything the charter says about who is who. */
export interface Roster {
  path: string;
  /** The team's name: the charter's `team:` or `name:` when it is a string, else its title. */
  team: string;
  people: Person[];
  responsibilities: Responsibility[];
  /** The role that owns each area. */
  areaRoles: Record<Area, string>;
  problems: RosterProblem[];
}

/** What a roster is read from: a charter's path, title and markdown model (an analyzed document has them). */
export interface RosterSource {
  path: string;
  title: string;
  model: MarkdownModel;
}

const PEOPLE_KEYS = ['people', 'team', 'members', 'roster'];

/** Reads the roster from a charter document's front matter, or from a Name/Role table. */
export function readRoster(doc: RosterSource): Roster {
  const fm = doc.model.frontMatter;
  const data = fm?.data ?? {};
  const teamName = str(data.team) ?? str(data.name) ?? doc.title;
  const roster: Roster = { path: doc.path, team: teamName, people: [], responsibilities: [], areaRoles: { ...DEFAULT_AREA_ROLES }, problems: [] };
  // The people are under whichever known key holds a list: `team:` may be the team's name
  // while `members:` lists the people.
  const present = PEOPLE_KEYS.filter((k) => k in data);
  const peopleKey = present.find((k) => Array.isArray(data[k])) ?? present.find((k) => !(k === 'team' && typeof data[k] === 'string'));
  if (peopleKey) {
    const pos = fm?.keys.get(peopleKey);
    const list = data[peopleKey];
    if (!Array.isArray(list)) {
      roster.problems.push({ message: `"${peopleKey}" must be a list of people, each with name and role`, range: pos?.valueRange ?? lineStart(0) });
    } else {
      list.forEach((item, i) => {
        const range = pos?.items?.[i] ?? pos?.valueRange ?? lineStart(0);
        if (typeof item === 'string' && item.trim()) {
          roster.people.push({ name: item.trim(), role: '', range });
          return;
        }
        const o = (item ?? {}) as Record<string, unknown>;
        const name = str(o.name);
        if (!name) {
          roster.problems.push({ message: `${peopleKey}[${i}] has no name`, range });
          return;
        }
        roster.people.push({
          name,
          role: str(o.role) ?? '',
          handle: str(o.handle)?.replace(/^@/, ''),
          email: str(o.email),
          range,
        });
      });
    }
  } else {
    // A roster table in the body: | Name | Role | Handle | Email |
    for (const t of doc.model.tables) {
      const cols = t.header.map((c) => normalizeKey(c.text));
      const nameCol = cols.findIndex((c) => c === 'name' || c === 'person');
      const roleCol = cols.indexOf('role');
      if (nameCol < 0 || roleCol < 0) continue;
      const handleCol = cols.findIndex((c) => c === 'handle' || c === 'github');
      const emailCol = cols.findIndex((c) => c === 'email' || c === 'e mail');
      for (const row of t.rows) {
        const name = stripInline(row[nameCol]?.text ?? '');
        if (!name) continue;
        roster.people.push({
          name,
          role: row[roleCol]?.text ?? '',
          handle: handleCol >= 0 ? row[handleCol]?.text.replace(/^@/, '') || undefined : undefined,
          email: emailCol >= 0 ? row[emailCol]?.text || undefined : undefined,
          range: { start: row[0].range.start, end: row[row.length - 1].range.end },
        });
      }
      break;
    }
  }

  const resp = data.responsibilities;
  const rpos = fm?.keys.get('responsibilities');
  if (Array.isArray(resp)) {
    resp.forEach((item, i) => {
      const o = (item ?? {}) as Record<string, unknown>;
      const name = str(o.name) ?? str(o.responsibility);
      const role = str(o.role) ?? str(o.accountable) ?? str(o.owner);
      if (name && role) {
        roster.responsibilities.push({
          name,
          role,
          range: rpos?.items?.[i] ?? rpos?.valueRange ?? lineStart(0),
          ...optional({
            pm: str(o.pm) ?? str(o.pm_expectations) ?? str(o.pmExpectations),
            em: str(o.em) ?? str(o.em_expectations) ?? str(o.emExpectations),
            stakeholders: strList(o.stakeholders),
          }),
        });
      }
    });
  } else if (resp && typeof resp === 'object') {
    for (const [name, role] of Object.entries(resp as Record<string, unknown>)) {
      if (str(role)) roster.responsibilities.push({ name, role: str(role)!, range: rpos?.valueRange ?? lineStart(0) });
    }
  }

  if (!roster.responsibilities.length) readResponsibilityTable(doc, roster);

  const areas = data.areas;
  if (areas && typeof areas === 'object' && !Array.isArray(areas)) {
    for (const [k, v] of Object.entries(areas as Record<string, unknown>)) {
      const a = k.toLowerCase();
      if (isArea(a) && str(v)) roster.areaRoles[a] = str(v)!;
    }
  }
  return roster;
}

/**
 * A responsibilities table in the body: | Responsibility | Accountable | PM expectations |
 * EM expectations | Stakeholders | (the last three optional, in any order).
 */
function readResponsibilityTable(doc: RosterSource, roster: Roster): void {
  for (const t of doc.model.tables) {
    const cols = t.header.map((c) => normalizeKey(stripInline(c.text)));
    const nameCol = cols.findIndex((c) => c === 'responsibility' || c === 'responsibilities');
    const roleCol = cols.findIndex((c) => c.startsWith('accountable') || c === 'role' || c === 'owner');
    if (nameCol < 0 || roleCol < 0) continue;
    const expect = (role: string) => cols.findIndex((c) => c.split(' ').includes(role) && /expect/.test(c));
    const pmCol = expect('pm');
    const emCol = expect('em');
    const stakeCol = cols.findIndex((c) => c.startsWith('stakeholder'));
    const cell = (row: { text: string }[], i: number) => (i >= 0 ? stripInline(row[i]?.text ?? '').trim() || undefined : undefined);
    for (const row of t.rows) {
      const name = cell(row, nameCol);
      const role = cell(row, roleCol);
      if (!name || !role) continue;
      roster.responsibilities.push({
        name,
        role,
        range: { start: row[0].range.start, end: row[row.length - 1].range.end },
        ...optional({ pm: cell(row, pmCol), em: cell(row, emCol), stakeholders: cell(row, stakeCol) }),
      });
    }
    return;
  }
}

function optional<T extends Record<string, string | undefined>>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function strList(v: unknown): string | undefined {
  return Array.isArray(v) ? v.map(str).filter(Boolean).join(', ') || undefined : str(v);
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string' && v.trim()) return v.trim();
  if (typeof v === 'number') return String(v);
  return undefined;
}

/** What an owner name resolves to in the roster. */
export type Resolution = { kind: 'person'; person: Person } | { kind: 'role'; role: string; people: Person[] } | { kind: 'unknown' };

/** Resolves a name, an @handle, an e-mail address or a role through the roster. */
export function resolveOwner(roster: Roster, raw: string): Resolution {
  const text = raw.trim();
  const lower = text.toLowerCase();
  if (text.startsWith('@')) {
    const h = lower.slice(1);
    const p = roster.people.find((x) => x.handle?.toLowerCase() === h);
    return p ? { kind: 'person', person: p } : { kind: 'unknown' };
  }
  if (text.includes('@')) {
    const p = roster.people.find((x) => x.email?.toLowerCase() === lower);
    if (p) return { kind: 'person', person: p };
  }
  const norm = normalizeKey(text);
  const exact = roster.people.find((x) => normalizeKey(x.name) === norm || (x.handle && x.handle.toLowerCase() === lower));
  if (exact) return { kind: 'person', person: exact };
  const byFirst = roster.people.filter((x) => normalizeKey(x.name).split(' ')[0] === norm);
  if (byFirst.length === 1) return { kind: 'person', person: byFirst[0] };
  const rk = roleKey(text);
  const holders = roster.people.filter((x) => x.role && roleKey(x.role) === rk);
  if (holders.length) return { kind: 'role', role: holders[0].role, people: holders };
  if (byFirst.length > 1) return { kind: 'person', person: byFirst[0] };
  return { kind: 'unknown' };
}

/** The role key that owns an area according to the roster (or the defaults). */
export function areaRoleKey(roster: Roster | undefined, area: Area): string {
  return roleKey(roster?.areaRoles[area] ?? DEFAULT_AREA_ROLES[area]);
}

/** An owner name resolved for a document: in its governing charter, else in another team's. */
export interface TeamResolution {
  resolution: Resolution;
  /** The charter that knows the name (the governing one when it does). */
  roster?: Roster;
  /** Set when the governing charter does not know the name but another team's does. */
  elsewhere?: Roster;
}

/**
 * Resolves an owner for a document governed by `governing` (undefined when no charter is
 * above it): in that charter first; another team's charter only says where the name is
 * known. With no governing charter, any team's charter may know the name.
 */
export function resolveInTeams(rosters: readonly Roster[], governing: Roster | undefined, name: string): TeamResolution {
  if (governing) {
    const r = resolveOwner(governing, name);
    if (r.kind !== 'unknown') return { resolution: r, roster: governing };
  }
  for (const other of rosters) {
    if (other === governing) continue;
    const r = resolveOwner(other, name);
    if (r.kind === 'unknown') continue;
    return governing ? { resolution: { kind: 'unknown' }, elsewhere: other } : { resolution: r, roster: other };
  }
  return { resolution: { kind: 'unknown' } };
}
