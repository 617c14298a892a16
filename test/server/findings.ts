/**
 * Findings as the checker and the server both state them, to compare the two: the checker's
 * (`node dist/cli.js check --format json`) and those a {@link TestClient} was last sent.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Diagnostic } from 'vscode-languageserver-protocol/node';
import { URI } from 'vscode-uri';
import type { TestClient } from './lspClient';
import { charter, json, type JsonReport } from '../cli/helpers';

/** One finding as both sides can state it: `rule severity line:col-line:col message`. */
export type Findings = Map<string, string[]>;

const SEVERITY: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'info' };

export function fromServer(d: Diagnostic): string {
  const r = d.range;
  return `${d.code} ${SEVERITY[d.severity ?? 1]} ${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1} ${d.message}`;
}

/** The checker's findings per document (documents without findings left out). */
export function checkerFindings(root: string, paths: string[] = []): Findings {
  const r = charter(['check', '--format', 'json', ...paths], root, 120_000);
  assert.ok(r.status === 0 || r.status === 1, `charter check exited ${r.status}:\n${r.stderr}`);
  const rep = json<JsonReport>(r);
  const out: Findings = new Map();
  for (const f of rep.files) {
    if (!f.diagnostics.length) continue;
    out.set(
      f.path,
      f.diagnostics.map((d) => `${d.rule} ${d.severity} ${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.message}`),
    );
  }
  return out;
}

/** The server's findings per document, as last published (documents without findings left out). */
export function serverFindings(client: TestClient, root: string): Findings {
  const out: Findings = new Map();
  for (const [uri, p] of client.diagnostics) {
    if (!p.diagnostics.length) continue;
    const rel = path.relative(root, URI.parse(uri).fsPath).split(path.sep).join('/');
    if (rel === '.charter.yaml') continue;
    out.set(rel, p.diagnostics.map(fromServer));
  }
  return out;
}

/** Asserts equal findings, naming the first documents that differ. */
export function assertSame(checker: Findings, server: Findings, what: string): void {
  const paths = [...new Set([...checker.keys(), ...server.keys()])].sort();
  const differ = paths.filter((p) => JSON.stringify(checker.get(p) ?? []) !== JSON.stringify(server.get(p) ?? []));
  const shown = differ.slice(0, 3).map((p) => `${p}\n  checker: ${JSON.stringify(checker.get(p) ?? [], null, 1)}\n  server:  ${JSON.stringify(server.get(p) ?? [], null, 1)}`);
  assert.deepEqual(differ, [], `${what}: ${differ.length} document(s) disagree\n${shown.join('\n')}`);
}
