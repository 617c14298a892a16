/**
 * Test helpers: read a fixture folder into a workspace index (through the same core API the
 * checker uses), and read the `<!-- expect: … -->` markers that say which findings a
 * fixture must produce.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Classifier } from '../../server/src/core/classify';
import { CONFIG_FILE, defaultConfig, parseConfig, type Config } from '../../server/src/core/config';
import { decode } from '../../server/src/core/text';
import { WorkspaceIndex } from '../../server/src/core/workspaceIndex';
import { RULE_IDS } from '../../server/src/core/rules/index';
import type { Finding } from '../../server/src/core/types';

/** The folder that holds all fixtures. */
export const FIXTURES = path.resolve(__dirname, '..', 'fixtures');

/** Every file under a folder, root-relative with `/`, sorted. */
export function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const ent of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
      const childRel = rel ? `${rel}/${ent.name}` : ent.name;
      if (ent.isDirectory()) walk(childRel);
      else if (ent.isFile()) out.push(childRel);
    }
  };
  walk('');
  return out.sort();
}

/** A folder read into a workspace index, with the texts of its markdown files. */
export interface LoadedFolder {
  root: string;
  /** The product's own index, read through an in-memory host (as the checker reads the disk). */
  index: WorkspaceIndex;
  /** Markdown files (root-relative) and their decoded texts. */
  texts: Map<string, string>;
  files: string[];
}

/** Reads `.charter.yaml` of a folder (or the defaults), failing loudly when it is invalid. */
export function folderConfig(root: string): Config {
  const file = path.join(root, CONFIG_FILE);
  if (!fs.existsSync(file)) return defaultConfig();
  const result = parseConfig(fs.readFileSync(file, 'utf8'), RULE_IDS);
  if (!result.config) {
    throw new Error(`${file} is invalid: ${result.problems.map((p) => `${p.range.start.line + 1}: ${p.message}`).join('; ')}`);
  }
  return result.config;
}

/**
 * Builds ONE index over a whole folder — the product's WorkspaceIndex, with an in-memory host
 * holding every markdown file's text — so that the rules run exactly as the checker and the
 * server run them (compact documents, workspace rules, the contract).
 */
export function loadFolder(root: string, config: Config = folderConfig(root)): LoadedFolder {
  const classifier = new Classifier(config);
  const files = listFiles(root).filter((f) => !classifier.isIgnored(f));
  const texts = new Map<string, string>();
  for (const f of files) {
    if (!/\.md$/i.test(f)) continue;
    const decoded = decode(fs.readFileSync(path.join(root, f)));
    if (decoded.ok) texts.set(f, decoded.text);
  }
  const index = new WorkspaceIndex(config, { read: (p) => ({ text: texts.get(p) }), isOpen: () => false });
  index.load(files, []);
  for (const f of texts.keys()) index.refresh(f);
  return { root, index, texts, files };
}

/** Checks one document of a loaded folder, as the checker does. */
export function check(folder: LoadedFolder, file: string): Finding[] {
  if (!folder.index.documents.get(file)) throw new Error(`${file} is not a document of ${folder.root}`);
  return folder.index.check(file);
}

/** A finding or an expectation: a 1-based line and a rule id. */
export interface Expected {
  line: number;
  rule: string;
}

const MARKER_RE = /<!--\s*expect(?:-line\s+(\d+))?\s*:\s*([\s\S]*?)-->/g;

/** Reads the expectation markers of a fixture. */
export function readMarkers(text: string): Expected[] {
  const out: Expected[] = [];
  const lineOf = (offset: number) => text.slice(0, offset).split(/\r\n|\r|\n/).length;
  for (let m = MARKER_RE.exec(text); m; m = MARKER_RE.exec(text)) {
    const line = m[1] ? Number(m[1]) : lineOf(m.index);
    for (const rule of m[2].split(/[\s,]+/).filter(Boolean)) out.push({ line, rule });
  }
  MARKER_RE.lastIndex = 0;
  return out;
}

/** Formats a (line, rule) pair as a key. */
export const key = (e: Expected) => `${e.line}:${e.rule}`;

/**
 * Compares the set of (line, rule) pairs found with the set expected; returns the
 * differences as text, with the messages of unexpected findings (empty when they agree).
 */
export function compareFindings(file: string, found: Finding[], expected: Expected[]): string {
  const want = new Set(expected.map(key));
  const got = new Map<string, Finding[]>();
  for (const d of found) {
    const k = key({ line: d.range.start.line + 1, rule: d.rule });
    got.set(k, [...(got.get(k) ?? []), d]);
  }
  const problems: string[] = [];
  for (const k of want) if (!got.has(k)) problems.push(`  missing    ${file}:${k}`);
  for (const [k, ds] of got) {
    if (!want.has(k)) for (const d of ds) problems.push(`  unexpected ${file}:${k} — ${d.message}`);
  }
  return problems.sort((a, b) => lineOfProblem(a) - lineOfProblem(b)).join('\n');
}

function lineOfProblem(p: string): number {
  return Number(/:(\d+):/.exec(p)?.[1] ?? 0);
}

/** Findings reduced to sorted `line:rule` keys (1-based lines), for compact assertions. */
export function keys(found: Finding[]): string[] {
  return found.map((d) => `${d.range.start.line + 1}:${d.rule}`).sort();
}
