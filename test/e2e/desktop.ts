/**
 * The same extension suite under a desktop VS Code, downloaded by @vscode/test-electron.
 * Needs internet access to Microsoft's update servers, so it is not part of CI here:
 *   npm run test:desktop
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runTests } from '@vscode/test-electron';

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '../..');
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-desktop-'));
  fs.cpSync(path.join(root, 'test/fixtures/server/team'), workspace, { recursive: true });
  try {
    await runTests({
      version: '1.100.3',
      extensionDevelopmentPath: root,
      extensionTestsPath: path.join(root, 'dist-test/e2e/index.js'),
      launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
    });
  } finally {
    fs.rmSync(workspace, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(`Desktop test run failed: ${(e as Error).message}`);
  process.exit(1);
});
