/**
 * The charter's roster: its people (name, role, handle, e-mail), the responsibilities each
 * role is accountable for, and which role owns each area. Owners elsewhere are resolved
 * against it.
 */
import type { Area, Range } from './types';
import { AREAS } from './types';
import type { AnalyzedDocument } from './document';
import { DEFAULT_AREA_ROLES, roleKey } from './kinds';
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
}

/** A problem in the charter's roster (an entry without a name, say). */
export interface RosterProblem {
  message: string;
  range: Range;
}

/** Everything the charter says about who is who. */
export interface Roster {
  path: string;
  people: Person[];
  responsibilities: Responsibility[];
  /** The role that owns each area. */
  areaRoles: Record<Area, string>;
  problems: RosterProblem[];
}

const PEOPLE_KEYS = ['people', 'team', 'members', 'roster'];

/** Reads the roster from a charter document's front matter, or from a Name/Role table. */
export function readRoster(doc: AnalyzedDocument): Roster {
  const fm = doc.model.frontMatter;
  const data = fm?.data ?? {};
  const roster: Roster = { path: doc.path, people: [], responsibilities: [], areaRoles: { ...DEFAULT_AREA_ROLES }, problems: [] };
  const peopleKey = PEOPLE_KEYS.find((k) => k in data);
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
      if (name && role) roster.responsibilities.push({ name, role, range: rpos?.items?.[i] ?? rpos?.valueRange ?? lineStart(0) });
    });
  } else if (resp && typeof resp === 'object') {
    for (const [name, role] of Object.entries(resp as Record<string, unknown>)) {
      if (str(role)) roster.responsibilities.push({ name, role: str(role)!, range: rpos?.valueRange ?? lineStart(0) });
    }
  }

  const areas = data.areas;
  if (areas && typeof areas === 'object' && !Array.isArray(areas)) {
    for (const [k, v] of Object.entries(areas as Record<string, unknown>)) {
      const a = k.toLowerCase() as Area;
      if ((AREAS as readonly string[]).includes(a) && str(v)) roster.areaRoles[a] = str(v)!;
    }
  }
  return roster;
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string' && v.trim()) return v.trim();
  if (typeof v === 'number') return String(v);
  return undefined;
}

/** What an owner name resolves to in the roster. */
export type Resolution =
  | { kind: 'person'; person: Person }
  | { kind: 'role'; role: string; people: Person[] }
  | { kind: 'unknown' };

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
