#!/usr/bin/env bash
# The extension in a real VS Code (code-server + headless chromium, see shared/E2E.md):
# the extension's mocha suite, the grammar's scopes under VS Code's markdown grammar, and a
# click-through of the packaged .vsix as a user would. Screenshots go to
# .vscode-test/screenshots (run `npx tsx test/e2e/ui.ts` alone to refresh docs/images/).
set -euo pipefail
cd "$(dirname "$0")/.."
shots=.vscode-test/screenshots
node scripts/build.mjs --e2e
npx tsx test/e2e/runner.ts --extension "$PWD" --tests "$PWD/dist-test/e2e/index.js" \
  --workspace test/fixtures/server/team --screenshots "$shots"
npx tsx test/e2e/runner.ts --extension "$PWD" --tests "$PWD/dist-test/e2e/index.js" \
  --workspace test/fixtures/workspaces/two-teams --screenshots "$shots"
npx mocha --no-config -r tsx/cjs --timeout 60000 test/e2e/grammar.test.ts
npx mocha --no-config -r tsx/cjs --timeout 120000 test/e2e/ownersHtml.test.ts
npx tsx test/e2e/ui.ts --screenshots "$shots"
