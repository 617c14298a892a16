/**
 * The baseline: the findings a team has accepted for now, so that CI fails only on new ones
 * (as ESLint's bulk suppressions and PHPStan's or detekt's baselines do). It is a JSON file
 * the team commits: per document (its root-relative path), per rule, per finding's own text
 * (its key: never a line or a column, so an entry survives edits elsewhere in the document),
 * how many such findings there are. Plain data here; the hosts read and write the file.
 *
 *     {
 *       "version": 1,
 *       "findings": {
 *         "docs/checkout.prd.md": {
 *           "empty-section": {
 *             "Section \"What\" is empty: it holds only the placeholder \"TBD\"": 1
 *           }
 *         }
 *       }
 *     }
 *
 * A finding's key is its message, or what its rule's `baselineKey` keeps of it (the part
 * about the finding itself, without what the message says of other documents or of the
 * configuration). Several findings of one document with the same rule and key are counted:
 * when there are more than the baseline's count, the extra ones (the last in the document)
 * are new.
 */
import { ruleById } from './rules/index';
import type { Finding, Range } from './types';

/** The file `--update-baseline` writes when no `--baseline` is given, and the editor's default. */
export const BASELINE_FILE = '.charter-baseline.json';

/** The format's version; a file of another version is refused with a clear message. */
export const BASELINE_VERSION = 1;

/** A baseline file larger than this is refused rather than parsed (it is untrusted input). */
export const MAX_BASELINE_BYTES = 16 * 1024 * 1024;

/** Counts by document path, then rule id, then finding key. */
export type Baseline = Map<string, Map<string, Map<string, number>>>;

/** A problem in a baseline file, with its place in it. */
export interface BaselineProblem {
  message: string;
  range: Range;
}

/** The key of a finding in the baseline: what of its message is about the finding itself. */
export function findingKey(d: Finding): string {
  // Charter's policy said once: what it is about, not its counts (they change with the folder).
  if (d.data?.policy) return `Charter's policy: ${d.rule}${d.data.section ? ` "${d.data.section}"` : ''}`;
  const rule = ruleById(d.rule);
  // A document's policy note names where the folder is told, which moves with the folder's first document.
  const message = d.message.replace(/ \(Charter's policy, said once for [^)]*\)$/, '');
  return rule?.baselineKey ? rule.baselineKey(message) : message;
}

/** What {@link parseBaseline} makes of a file's text. */
export type ParsedBaseline = { baseline: Baseline; problem?: undefined } | { baseline?: undefined; problem: BaselineProblem };

/**
 * Reads a baseline file's text, checking every level: a problem (the first one) comes with
 * its place, never half a baseline.
 */
export function parseBaseline(input: string): ParsedBaseline {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const at = (offset: number): Range => {
    const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
    const line = (before.match(/\n/g) ?? []).length;
    const character = before.length - (before.lastIndexOf('\n') + 1);
    return { start: { line, character }, end: { line, character } };
  };
  /** The place of a key in the text: each key searched for after the previous one. */
  const locate = (keys: string[]): Range => {
    let offset = 0;
    for (const k of keys) {
      const i = text.indexOf(JSON.stringify(k), offset);
      if (i < 0) break;
      offset = i;
    }
    return at(offset);
  };
  const fail = (message: string, range: Range): ParsedBaseline => ({ problem: { message, range } });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const said = (e as Error).message;
    const m = /position (\d+)/.exec(said);
    const offset = m ? Number(m[1]) : /end of JSON/i.test(said) ? text.length : 0;
    return fail(
      `it is not valid JSON (${said.replace(/\s*in JSON at position \d+.*$/s, '')}); fix it, or delete it and regenerate it with charter check --update-baseline`,
      at(offset),
    );
  }
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObject(value)) return fail('it must be a JSON object with "version" and "findings"', at(0));
  for (const k of Object.keys(value)) {
    if (k !== 'version' && k !== 'findings') return fail(`unknown key "${k}" (a baseline has only "version" and "findings")`, locate([k]));
  }
  if (value.version !== BASELINE_VERSION) {
    const v = JSON.stringify(value.version) ?? 'nothing';
    return fail(`"version" is ${v}; this Charter reads baselines of version ${BASELINE_VERSION} (regenerate it with charter check --update-baseline)`, locate(['version']));
  }
  if (!isObject(value.findings)) return fail('"findings" must be an object: document path → rule id → finding → count', locate(['findings']));
  const baseline: Baseline = new Map();
  for (const [p, rules] of Object.entries(value.findings)) {
    if (!isObject(rules)) return fail(`findings of "${p}" must be an object: rule id → finding → count`, locate(['findings', p]));
    const byRule = new Map<string, Map<string, number>>();
    for (const [rule, keys] of Object.entries(rules)) {
      if (!isObject(keys)) return fail(`findings of "${p}", rule "${rule}" must be an object: finding → count`, locate(['findings', p, rule]));
      const counts = new Map<string, number>();
      for (const [key, count] of Object.entries(keys)) {
        if (typeof count !== 'number' || !Number.isSafeInteger(count) || count < 1) {
          return fail(`the count of a "${rule}" finding of "${p}" must be a whole number of at least 1, not ${JSON.stringify(count)}`, locate(['findings', p, rule, key]));
        }
        counts.set(key, count);
      }
      if (counts.size) byRule.set(rule, counts);
    }
    if (byRule.size) baseline.set(p, byRule);
  }
  return { baseline };
}

/**
 * Which of a document's findings the baseline holds (true) and which are new (false), in
 * the order given: for each rule and key, the first `count` findings are held.
 */
export function markBaselined(baseline: Baseline | undefined, path: string, diagnostics: readonly Finding[]): boolean[] {
  const held = baseline?.get(path);
  if (!held) return diagnostics.map(() => false);
  const left = new Map<string, number>();
  return diagnostics.map((d) => {
    const counts = held.get(d.rule);
    if (!counts) return false;
    const key = findingKey(d);
    const slot = `${d.rule}\u0000${key}`;
    const remaining = left.get(slot) ?? counts.get(key) ?? 0;
    if (remaining <= 0) return false;
    left.set(slot, remaining - 1);
    return true;
  });
}

/** What updating a baseline did, in findings. */
export interface BaselineUpdate {
  baseline: Baseline;
  added: number;
  removed: number;
  /** Findings in both, including every entry of a document outside the paths checked. */
  unchanged: number;
}

/**
 * The baseline after a check: the documents checked (`inScope`) hold exactly their findings
 * now (fixed ones drop out, new ones come in); the entries of documents outside the scope are
 * kept as they were, since they were not checked again.
 */
export function updateBaseline(old: Baseline | undefined, files: readonly { path: string; diagnostics: readonly Finding[] }[], inScope: (path: string) => boolean): BaselineUpdate {
  const next: Baseline = new Map();
  let unchanged = 0;
  for (const [p, byRule] of old ?? []) {
    if (inScope(p)) continue;
    next.set(p, byRule);
    for (const counts of byRule.values()) for (const c of counts.values()) unchanged += c;
  }
  for (const f of files) {
    if (!f.diagnostics.length) continue;
    const byRule = new Map<string, Map<string, number>>();
    for (const d of f.diagnostics) {
      let counts = byRule.get(d.rule);
      if (!counts) byRule.set(d.rule, (counts = new Map()));
      const key = findingKey(d);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    next.set(f.path, byRule);
  }
  let added = 0;
  let removed = 0;
  const paths = new Set([...(old?.keys() ?? []), ...next.keys()]);
  for (const p of paths) {
    if (!inScope(p)) continue;
    const before = old?.get(p);
    const after = next.get(p);
    const rules = new Set([...(before?.keys() ?? []), ...(after?.keys() ?? [])]);
    for (const rule of rules) {
      const b = before?.get(rule);
      const a = after?.get(rule);
      for (const key of new Set([...(b?.keys() ?? []), ...(a?.keys() ?? [])])) {
        const was = b?.get(key) ?? 0;
        const now = a?.get(key) ?? 0;
        unchanged += Math.min(was, now);
        added += Math.max(0, now - was);
        removed += Math.max(0, was - now);
      }
    }
  }
  return { baseline: next, added, removed, unchanged };
}

/** How many findings a baseline holds, and in how many documents. */
export function baselineSize(baseline: Baseline): { findings: number; documents: number } {
  let findings = 0;
  for (const byRule of baseline.values()) for (const counts of byRule.values()) for (const c of counts.values()) findings += c;
  return { findings, documents: baseline.size };
}

/**
 * The file's text: every level sorted (by UTF-16 code units, the same on every machine), two
 * spaces of indentation, one finding a line, a final newline — stable and diff-friendly.
 */
export function serializeBaseline(baseline: Baseline): string {
  const sorted = <T>(m: Map<string, T>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const q = (s: string) => JSON.stringify(s);
  const out: string[] = ['{', `  "version": ${BASELINE_VERSION},`];
  const docs = sorted(baseline).filter(([, byRule]) => byRule.size);
  if (!docs.length) {
    out.push('  "findings": {}', '}');
    return out.join('\n') + '\n';
  }
  out.push('  "findings": {');
  docs.forEach(([p, byRule], i) => {
    out.push(`    ${q(p)}: {`);
    const rules = sorted(byRule);
    rules.forEach(([rule, counts], j) => {
      out.push(`      ${q(rule)}: {`);
      const keys = sorted(counts);
      keys.forEach(([key, n], k) => out.push(`        ${q(key)}: ${n}${k < keys.length - 1 ? ',' : ''}`));
      out.push(`      }${j < rules.length - 1 ? ',' : ''}`);
    });
    out.push(`    }${i < docs.length - 1 ? ',' : ''}`);
  });
  out.push('  }', '}');
  return out.join('\n') + '\n';
}
