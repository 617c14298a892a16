/**
 * A value of `.charter.yaml` read from its YAML node: a key's name, a list of strings, true or
 * false, a glob kept inside the workspace; and what is said of a wrong one, at its node.
 */
import { isMap, isScalar, isSeq, type Node as YamlNode, type Pair } from 'yaml';
import { globProblem } from './glob';

export type Report = (node: YamlNode | null | undefined, message: string) => void;

export function keyName(pair: Pair<YamlNode, YamlNode> | Pair<unknown, unknown>): string {
  const k = pair.key as YamlNode | null;
  return isScalar(k) ? String(k.value) : '';
}

/** The node of a list's i-th item (or the node itself when it is a single string). */
export function itemNode(node: YamlNode | null, i: number): YamlNode | null {
  return isSeq(node) ? ((node.items[i] as YamlNode | undefined) ?? node) : node;
}

export function stringList(node: YamlNode | null, where: string, problem: Report): string[] | undefined {
  if (isScalar(node) && typeof node.value === 'string') return [node.value];
  if (!isSeq(node)) {
    problem(node, `${where} must be a list of strings, not ${describe(node)}`);
    return undefined;
  }
  const out: string[] = [];
  let ok = true;
  for (const item of node.items as YamlNode[]) {
    if (isScalar(item) && (typeof item.value === 'string' || typeof item.value === 'number')) out.push(String(item.value));
    else {
      problem(item, `${where} must hold only strings, not ${describe(item)}`);
      ok = false;
    }
  }
  return ok ? out : undefined;
}

export function bool(node: YamlNode | null, where: string, problem: Report): boolean | undefined {
  if (isScalar(node) && typeof node.value === 'boolean') return node.value;
  problem(node, `${where} must be true or false, not ${describe(node)}`);
  return undefined;
}

export function checkGlob(glob: string, node: YamlNode | null, where: string, problem: Report): boolean {
  if (escapesRoot(glob)) {
    problem(node, `${where}: "${glob}" reaches outside the workspace folder; globs are relative to the workspace root`);
    return false;
  }
  const refused = globProblem(glob);
  if (refused) {
    problem(node, `${where}: the glob ${refused}`);
    return false;
  }
  return true;
}

/** Whether a path or glob points outside the workspace root. */
export function escapesRoot(p: string): boolean {
  return p.startsWith('/') || /^[A-Za-z]:[\\/]/.test(p) || p.split(/[\\/]/).includes('..');
}

export function unknownKey(pair: Pair<YamlNode, YamlNode>, where: string, known: readonly string[], problem: Report, what = 'key'): void {
  const k = keyName(pair);
  const near = closest(k, known);
  const place = where ? ` in ${where}` : '';
  problem(pair.key, `unknown ${what} "${k}"${place}${near ? ` (did you mean "${near}"?)` : ''}; expected one of: ${known.join(', ')}`);
}

export function describe(node: YamlNode | null | undefined): string {
  if (node === null || node === undefined) return 'nothing';
  if (isMap(node)) return 'a mapping';
  if (isSeq(node)) return 'a list';
  if (isScalar(node)) return node.value === null ? 'nothing' : `${typeof node.value === 'string' ? 'the text' : `the ${typeof node.value}`} "${String(node.value).slice(0, 40)}"`;
  return 'something else';
}

/** The known name within edit distance 2 of a misspelt one. */
export function closest(word: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = 3;
  for (const k of known) {
    const d = editDistance(word.toLowerCase(), k.toLowerCase());
    if (d < bestD) {
      best = k;
      bestD = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
