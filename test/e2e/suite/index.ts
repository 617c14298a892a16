/**
 * The extension's test suite entry (extensionTestsPath): runs mocha inside the VS Code that
 * loaded the extension — code-server in CI (test/e2e/runner.ts), or a desktop VS Code under
 * @vscode/test-electron (test/e2e/desktop.ts). Bundled to dist-test/e2e/index.js.
 */
import Mocha from 'mocha';
import { registerExtensionTests } from './extension.test';
import { isTwoTeams, registerTeamsTests } from './teams.test';
import { isDecisions, registerDecisionsTests } from './decisions.test';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  mocha.suite.emit('pre-require', globalThis, 'extension.test', mocha);
  // The suite follows the workspace it was opened on: the team fixture, the two-teams one, or the decisions one.
  if (await isTwoTeams()) registerTeamsTests();
  else if (await isDecisions()) registerDecisionsTests();
  else registerExtensionTests();
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
  });
}
