/**
 * Tests' side of the e2e runner's screenshot handshake (test/e2e/runner.ts): prints
 * `CHARTER_SCREENSHOT <name> <done-file>`, then waits for the runner to save
 * <screenshots dir>/<name>.png (docs/images/ by default) and write <done-file>.
 *
 * Call it from a test running inside the runner's VS Code, once the UI shows what the picture
 * should show (poll for it: a view's rows, the Problems panel, ...). Outside the runner
 * (CHARTER_E2E unset, e.g. under @vscode/test-electron) it does nothing and returns undefined.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

export async function screenshot(name: string, timeoutMs = 30_000): Promise<string | undefined> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) throw new Error(`bad screenshot name ${JSON.stringify(name)}`);
  if (process.env.CHARTER_E2E !== '1') return undefined;
  const done = path.join(os.tmpdir(), `charter-shot-${process.pid}-${Date.now()}-${name}.done`);
  console.log(`CHARTER_SCREENSHOT ${name} ${done}`);
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(done)) {
    if (Date.now() > deadline) throw new Error(`the runner took no screenshot ${name} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const status = fs.readFileSync(done, 'utf8').trim();
  fs.rmSync(done, { force: true });
  if (!status.startsWith('ok ')) throw new Error(`screenshot ${name}: ${status}`);
  return status.slice(3); // the PNG's absolute path
}
