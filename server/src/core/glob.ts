/**
 * Globs, matched in time linear in the path. A `.charter.yaml` comes with the repository, so
 * its globs are untrusted: compiled to regular expressions (as picomatch does), a pattern such
 * as `**\/*a*a*a*a*a*a*a*b.md` backtracks for minutes on one long file name. Here a glob is
 * a short list of tokens run as a set of states over the path, one character at a time: the
 * work is at most (path length × pattern length), whatever the pattern.
 *
 * The syntax is the one teams write in `.gitignore`-like configs: `*` (within a segment), `?`,
 * `[abc]`, `[a-z]`, `[!abc]` / `[^abc]`, `**` as a whole segment (any number of folders),
 * `{a,b}` (nested too) and `{1..3}`, and `\` to escape. Matching ignores case, and `*` and
 * `**` match names that start with a dot. Anything else (extglobs like `@(a|b)`, a leading `!`)
 * is refused with a message, as are patterns past the size bounds below.
 */

/** Bounds on what one glob may cost: its length, its alternatives once braces are expanded. */
export const GLOB_LIMITS = { length: 1000, alternatives: 256 } as const;

type Token =
  | { t: 'char'; c: string }
  | { t: 'any' }
  | { t: 'class'; negate: boolean; ranges: [string, string][] }
  | { t: 'star' }
  /** `**` followed by `/`: any number of whole folders (none included). */
  | { t: 'folders' }
  /** `/**` at the end: nothing, or `/` and anything after it. */
  | { t: 'rest' }
  /** `**` alone: anything at all. */
  | { t: 'all' };

/** A compiled glob, or why it was refused. */
export type CompiledGlob = { match: (path: string) => boolean } | { error: string };

/** The alternatives of each compiled glob, for {@link globListMatcher}. */
const programsOf = new WeakMap<object, Program[]>();

/** Why a glob is refused, or undefined when it can be used. */
export function globProblem(pattern: string): string | undefined {
  const c = compileGlob(pattern);
  return 'error' in c ? c.error : undefined;
}

/** Compiles one glob. */
export function compileGlob(pattern: string): CompiledGlob {
  if (pattern.length > GLOB_LIMITS.length) return { error: `is longer than ${GLOB_LIMITS.length} characters` };
  if (pattern.startsWith('./')) pattern = pattern.slice(2);
  if (pattern.startsWith('!')) return { error: 'starts with "!": list the paths to leave out under exclude: instead' };
  if (/[@!+?*]\(/.test(pattern.replace(/\\./g, ''))) return { error: 'uses an extended glob ("@(…)", "!(…)", "+(…)"…), which Charter does not read: write {a,b} instead' };
  const expanded = expandBraces(pattern);
  if (typeof expanded === 'string') return { error: expanded };
  const programs: Program[] = [];
  for (const alt of expanded) {
    const tokens = tokenize(alt);
    if (typeof tokens === 'string') return { error: tokens };
    programs.push(program(tokens));
  }
  const compiled = { match: (path: string) => matchesAny(programs, path.toLowerCase()) };
  programsOf.set(compiled, programs);
  return compiled;
}

/** One matcher for a list of globs (compiled ones only: refused globs are skipped). */
export function globListMatcher(globs: readonly string[]): (path: string) => boolean {
  const programs: Program[] = [];
  for (const g of globs) {
    const c = compileGlob(g);
    if ('match' in c) programs.push(...programsOf.get(c)!);
  }
  if (programs.length === 0) return () => false;
  return (path) => matchesAny(programs, path.toLowerCase());
}

/**
 * One alternative of a glob, with what any path it matches must hold: the literal text it
 * starts and ends with, and its runs of literal characters in order. Most paths fail these
 * string tests (a \`**\/adr/**\/*.md\` alternative needs "adr/"), so the state machine runs
 * only on the few that pass; it alone decides.
 */
interface Program {
  tokens: Token[];
  prefix: string;
  suffix: string;
  runs: string[];
}

function program(tokens: Token[]): Program {
  const runs: string[] = [];
  let cur = '';
  for (const t of tokens) {
    if (t.t === 'char') cur += t.c;
    else {
      if (cur) runs.push(cur);
      cur = '';
    }
  }
  if (cur) runs.push(cur);
  const prefix = tokens.length && tokens[0].t === 'char' ? runs[0] : '';
  const suffix = tokens.length && tokens[tokens.length - 1].t === 'char' ? runs[runs.length - 1] : '';
  return { tokens, prefix, suffix, runs };
}

function matchesAny(programs: readonly Program[], lower: string): boolean {
  for (const p of programs) {
    if (!lower.startsWith(p.prefix) || !lower.endsWith(p.suffix)) continue;
    let at = 0;
    let holds = true;
    for (const r of p.runs) {
      const i = lower.indexOf(r, at);
      if (i < 0) {
        holds = false;
        break;
      }
      at = i + r.length;
    }
    if (holds && run(p.tokens, lower)) return true;
  }
  return false;
}

// ---------------------------------------------------------------- braces

/** The glob's alternatives once `{a,b}` and `{1..3}` are expanded, or why it cannot be. */
function expandBraces(pattern: string): string[] | string {
  // The first top-level brace group with a comma or a range; none: the pattern itself.
  for (let i = 0; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') {
      i++;
      continue;
    }
    if (ch === '[') {
      const end = classEnd(pattern, i);
      if (end > 0) i = end;
      continue;
    }
    if (ch !== '{') continue;
    let depth = 0;
    const commas: number[] = [];
    let close = -1;
    for (let j = i; j < pattern.length; j++) {
      const c = pattern[j];
      if (c === '\\') {
        j++;
        continue;
      }
      if (c === '{') depth++;
      else if (c === '}') {
        depth--;
        if (depth === 0) {
          close = j;
          break;
        }
      } else if (c === ',' && depth === 1) commas.push(j);
    }
    if (close < 0) return 'has a "{" that is never closed';
    const head = pattern.slice(0, i);
    const tail = pattern.slice(close + 1);
    const body = pattern.slice(i + 1, close);
    let parts: string[];
    if (commas.length) {
      parts = [];
      let from = i + 1;
      for (const c of [...commas, close]) {
        parts.push(pattern.slice(from, c));
        from = c + 1;
      }
    } else {
      const range = /^(-?\d+)\.\.(-?\d+)$|^([a-zA-Z])\.\.([a-zA-Z])$/.exec(body);
      if (!range) {
        // `{x}` with no comma and no range is literal, as in the shells.
        const rest = expandBraces(tail);
        if (typeof rest === 'string') return rest;
        return rest.map((r) => `${head}\\{${body}\\}${r}`);
      }
      const [lo, hi] = range[1] !== undefined ? [Number(range[1]), Number(range[2])] : [range[3].charCodeAt(0), range[4].charCodeAt(0)];
      if (Math.abs(hi - lo) + 1 > GLOB_LIMITS.alternatives) return `expands to more than ${GLOB_LIMITS.alternatives} alternatives`;
      parts = [];
      for (let n = lo; lo <= hi ? n <= hi : n >= hi; n += lo <= hi ? 1 : -1) parts.push(range[1] !== undefined ? String(n) : String.fromCharCode(n));
    }
    const rest = expandBraces(tail);
    if (typeof rest === 'string') return rest;
    const out: string[] = [];
    for (const part of parts) {
      const inner = expandBraces(part);
      if (typeof inner === 'string') return inner;
      for (const a of inner)
        for (const b of rest) {
          out.push(`${head}${a}${b}`);
          if (out.length > GLOB_LIMITS.alternatives) return `expands to more than ${GLOB_LIMITS.alternatives} alternatives`;
        }
    }
    return out;
  }
  return [pattern];
}

/** The index of the `]` that closes a class opened at `i`, or -1 when it is not a class. */
function classEnd(p: string, i: number): number {
  let j = i + 1;
  if (p[j] === '!' || p[j] === '^') j++;
  if (p[j] === ']') j++;
  for (; j < p.length; j++) {
    if (p[j] === '\\') j++;
    else if (p[j] === ']') return j;
    else if (p[j] === '/') return -1;
  }
  return -1;
}

// ---------------------------------------------------------------- tokens

function tokenize(glob: string): Token[] | string {
  const out: Token[] = [];
  // `**/**` is `**`.
  const segments = glob.split('/').filter((seg, i, all) => !(seg === '**' && all[i - 1] === '**'));
  const last = segments.length - 1;
  for (let s = 0; s < segments.length; s++) {
    let seg = segments[s];
    // A pattern that opens with `**.` (`**.md`) means anything at all, folders included,
    // then `.md`, as picomatch reads it (`**x` is only `*x`).
    if (s === 0 && /^\*\*+\./.test(seg)) {
      out.push({ t: 'all' });
      seg = seg.replace(/^\*+/, '');
    }
    if (seg === '**') {
      if (segments.length === 1) out.push({ t: 'all' });
      else if (s === last) {
        // `a/**`: the slash before it is part of the rest.
        if (out.length && out[out.length - 1].t === 'char' && (out[out.length - 1] as { c: string }).c === '/') out.pop();
        out.push({ t: 'rest' });
      } else out.push({ t: 'folders' });
      continue;
    }
    for (let i = 0; i < seg.length; i++) {
      const ch = seg[i];
      if (ch === '\\') {
        if (i + 1 < seg.length) out.push({ t: 'char', c: seg[++i].toLowerCase() });
        else out.push({ t: 'char', c: '\\' });
      } else if (ch === '*') {
        // Runs of stars in a segment are one star.
        if (out[out.length - 1]?.t !== 'star') out.push({ t: 'star' });
      } else if (ch === '?') out.push({ t: 'any' });
      else if (ch === '[') {
        const end = classEnd(seg, i);
        if (end < 0) {
          out.push({ t: 'char', c: '[' });
          continue;
        }
        const cls = readClass(seg.slice(i + 1, end));
        if (typeof cls === 'string') return cls;
        out.push(cls);
        i = end;
      } else out.push({ t: 'char', c: ch.toLowerCase() });
    }
    if (s < last) out.push({ t: 'char', c: '/' });
  }
  return out;
}

function readClass(body: string): Token | string {
  let i = 0;
  let negate = false;
  if (body[0] === '!' || body[0] === '^') {
    negate = true;
    i = 1;
  }
  if (body.startsWith('[:', i)) return 'uses a POSIX class ("[[:alpha:]]"), which Charter does not read: list the characters instead';
  const ranges: [string, string][] = [];
  for (; i < body.length; i++) {
    let c = body[i];
    if (c === '\\' && i + 1 < body.length) c = body[++i];
    if (body[i + 1] === '-' && i + 2 < body.length) {
      let d = body[i + 2];
      i += 2;
      if (d === '\\' && i + 1 < body.length) d = body[++i];
      ranges.push([c.toLowerCase(), d.toLowerCase()]);
    } else ranges.push([c.toLowerCase(), c.toLowerCase()]);
  }
  return { t: 'class', negate, ranges };
}

// ---------------------------------------------------------------- running

/**
 * Runs the tokens over the (lower-cased) path as a set of states. State 2k is "before token
 * k"; state 2k+1 is "inside token k" (inside a folder of `folders`, or past the slash of
 * `rest`). Each character moves every live state once: no backtracking.
 */
function run(tokens: Token[], path: string): boolean {
  const n = tokens.length;
  let cur = new Uint8Array(2 * n + 2);
  let next = new Uint8Array(2 * n + 2);
  const accept = 2 * n;
  const add = (set: Uint8Array, state: number) => {
    // Follow the moves that take no character.
    for (let s = state; ;) {
      if (set[s]) return;
      set[s] = 1;
      if (s === accept || s % 2 === 1) {
        // Inside `rest`, the match may end here.
        if (s % 2 === 1 && tokens[(s - 1) / 2].t === 'rest') set[accept] = 1;
        return;
      }
      const tok = tokens[s / 2];
      if (tok.t === 'star' || tok.t === 'folders' || tok.t === 'rest' || tok.t === 'all') s += 2;
      else return;
    }
  };
  add(cur, 0);
  for (let i = 0; i < path.length; i++) {
    const ch = path[i];
    next.fill(0);
    let live = false;
    for (let s = 0; s < accept; s++) {
      if (!cur[s]) continue;
      const k = s >> 1;
      const tok = tokens[k];
      const inside = s % 2 === 1;
      switch (tok.t) {
        case 'char':
          if (tok.c === ch) add(next, 2 * k + 2);
          break;
        case 'any':
          if (ch !== '/') add(next, 2 * k + 2);
          break;
        case 'class': {
          const hit = tok.ranges.some(([a, b]) => ch >= a && ch <= b);
          if (ch !== '/' && hit !== tok.negate) add(next, 2 * k + 2);
          break;
        }
        case 'star':
          if (ch !== '/') add(next, 2 * k);
          break;
        case 'folders':
          // Before a folder or inside one: a slash ends it (and stays before the next).
          if (ch === '/') add(next, 2 * k);
          else add(next, 2 * k + 1);
          break;
        case 'rest':
          if (inside || ch === '/') add(next, 2 * k + 1);
          break;
        case 'all':
          add(next, 2 * k);
          break;
      }
    }
    for (let s = 0; s <= accept; s++) if (next[s]) live = true;
    if (!live) return false;
    [cur, next] = [next, cur];
  }
  return cur[accept] === 1;
}
