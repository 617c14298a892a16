/**
 * The layers of server/src, as CONTRIBUTING.md draws them: core (pure analysis) under report
 * (output formats) under node (files, threads, persistence) under lsp and cli (the two
 * hosts). No import runs back up a layer, none runs in a circle, the pure layers touch no
 * file system, thread or editor API, and the client knows the server only by its protocol
 * (and the core's pure vocabulary: areas, kinds).
 * Read from the sources themselves, so a new file is held to it the day it is added.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..');
const SRC = path.join(ROOT, 'server', 'src');
const CLIENT = path.join(ROOT, 'client', 'src');

/** Which layers each layer may import from. */
const ALLOWED: Record<string, readonly string[]> = {
  core: ['core'],
  report: ['core', 'report'],
  node: ['core', 'node'],
  lsp: ['core', 'report', 'node', 'lsp'],
  cli: ['core', 'report', 'node', 'cli'],
};
/** Modules the pure layers must not import: they would read the disk, start threads or talk to an editor. */
const IMPURE = /^(node:)?(fs|fs\/promises|child_process|worker_threads|os|net|http|https)$|^vscode/;

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...sources(p));
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** The module specifiers a file imports (static imports and re-exports; `import type` included). */
function specifiers(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/^\s*(?:import|export)\b[^'";]*?from\s*'([^']+)'|^\s*import\s*'([^']+)'/gm)) out.push(m[1] ?? m[2]);
  return out;
}

function resolve(from: string, spec: string): string | undefined {
  if (!spec.startsWith('.')) return undefined;
  const base = path.resolve(path.dirname(from), spec);
  for (const c of [base + '.ts', path.join(base, 'index.ts'), base]) if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
  return undefined;
}

const layerOf = (file: string): string => path.relative(SRC, file).split(path.sep)[0];
const rel = (file: string): string => path.relative(ROOT, file).split(path.sep).join('/');

describe('layers of server/src', () => {
  const files = sources(SRC);
  const graph = new Map<string, string[]>();
  for (const f of files)
    graph.set(
      f,
      specifiers(f)
        .map((s) => resolve(f, s))
        .filter((t): t is string => !!t),
    );

  it('every source file sits in a layer', () => {
    const loose = files.filter((f) => !(layerOf(f) in ALLOWED)).map(rel);
    assert.deepEqual(loose, [], 'files outside core/, report/, node/, lsp/, cli/');
  });

  it('no import runs back up a layer', () => {
    const wrong: string[] = [];
    for (const [f, targets] of graph) {
      for (const t of targets) {
        if (!t.startsWith(SRC)) wrong.push(`${rel(f)} imports ${rel(t)}, outside server/src`);
        else if (!ALLOWED[layerOf(f)]?.includes(layerOf(t))) wrong.push(`${rel(f)} (${layerOf(f)}) imports ${rel(t)} (${layerOf(t)})`);
      }
    }
    assert.deepEqual(wrong, []);
  });

  it('core and report touch no file system, thread or editor API', () => {
    const wrong: string[] = [];
    for (const f of files) {
      if (layerOf(f) !== 'core' && layerOf(f) !== 'report') continue;
      for (const s of specifiers(f)) if (IMPURE.test(s)) wrong.push(`${rel(f)} imports ${s}`);
    }
    assert.deepEqual(wrong, []);
  });

  it('no import runs in a circle', () => {
    // Tarjan's strongly connected components: any component of more than one module is a cycle.
    let next = 0;
    const index = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string): void => {
      index.set(v, next);
      low.set(v, next++);
      stack.push(v);
      onStack.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!index.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
      if (low.get(v) === index.get(v)) {
        const scc: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          scc.push(rel(w));
        } while (w !== v);
        if (scc.length > 1) cycles.push(scc.sort());
      }
    };
    for (const f of graph.keys()) if (!index.has(f)) visit(f);
    assert.deepEqual(cycles, []);
  });

  it('the client knows the server only by its protocol and the pure core', () => {
    const wrong: string[] = [];
    for (const f of sources(CLIENT)) {
      for (const s of specifiers(f)) {
        const t = resolve(f, s);
        if (t && t.startsWith(SRC) && rel(t) !== 'server/src/lsp/protocol.ts' && layerOf(t) !== 'core') wrong.push(`${rel(f)} imports ${rel(t)}`);
      }
    }
    assert.deepEqual(wrong, []);
  });
});
