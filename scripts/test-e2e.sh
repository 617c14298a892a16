#!/usr/bin/env bash
# The extension in a real VS Code (code-server + headless chromium, see shared/E2E.md):
# the extension's mocha suite, the grammar's scopes under VS Code's markdown grammar, and a
# click-through of the packaged .vsix as a user would. Screenshots go to
# .vscode-test/screenshots (run `npx tsx test/e2e/ui.ts` alone to refresh docs/images/).
#
# Needs Node 20, chromium and code-server 4.100.3 (scripts/install-e2e.sh). When one is
# missing, test/support/requirements.ts prints one line saying what and how to get it, and
# this script exits 0 without running anything; under CI=true it fails instead.
set -euo pipefail
cd "$(dirname "$0")/.."
rc=0
node_modules/.bin/tsx test/support/requirements.ts --suite "the VS Code (code-server) suites" node20 chromium code-server || rc=$?
[ $rc -eq 3 ] && exit 0
[ $rc -eq 0 ] || exit $rc
shots=.vscode-test/screenshots
node scripts/build.mjs --e2e
npx tsx test/e2e/runner.ts --extension "$PWD" --tests "$PWD/dist-test/e2e/index.js" \
  --workspace test/fixtures/server/team --screenshots "$shots"
npx tsx test/e2e/runner.ts --extension "$PWD" --tests "$PWD/dist-test/e2e/index.js" \
  --workspace test/fixtures/workspaces/two-teams --screenshots "$shots"
npx tsx test/e2e/runner.ts --extension "$PWD" --tests "$PWD/dist-test/e2e/index.js" \
  --workspace test/fixtures/workspaces/decisions --screenshots "$shots"
npx mocha --no-config -r tsx/cjs --timeout 60000 test/e2e/grammar.test.ts
npx mocha --no-config -r tsx/cjs --timeout 120000 test/e2e/ownersHtml.test.ts
npx tsx test/e2e/ui.ts --screenshots "$shots"
