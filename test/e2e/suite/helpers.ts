/**
 * What both e2e suites need: the extension's API once it has indexed, a bounded poll, and the
 * workspace's diagnostics as `line:rule` strings.
 */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CharterApi } from '../../../client/src/extension';

export const EXTENSION_ID = 'charter-dev.charter';

/** Polls `get` until `ok` holds (every 50 ms), or fails with what it last saw. */
export async function waitFor<T>(what: string, get: () => T | Promise<T>, ok: (v: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const start = Date.now();
  let last: T = await get();
  while (!ok(last)) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(last)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 50));
    last = await get();
  }
  return last;
}

/** The open workspace folder. */
export function root(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  assert.ok(f, 'a workspace folder is open');
  return f.uri;
}

/** A workspace-relative path as a URI. */
export const uri = (rel: string) => vscode.Uri.joinPath(root(), ...rel.split('/'));

/** Charter's diagnostics of a file, as sorted `line:rule` strings. */
export const codes = (rel: string) =>
  vscode.languages
    .getDiagnostics(uri(rel))
    .filter((d) => d.source === 'charter')
    .map((d) => `${d.range.start.line + 1}:${typeof d.code === 'object' ? d.code.value : d.code}`)
    .sort();

/** Activates the extension and waits until its server has indexed the workspace. */
export async function activate(): Promise<CharterApi> {
  const ext = vscode.extensions.getExtension<CharterApi>(EXTENSION_ID);
  assert.ok(ext, `${EXTENSION_ID} is installed`);
  const api = await ext.activate();
  await Promise.race([api.ready(), new Promise((_, reject) => setTimeout(() => reject(new Error('the server did not finish indexing')), 60_000))]);
  return api;
}
