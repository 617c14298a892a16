#!/usr/bin/env bash
# The extension's suite inside a real VS Code (code-server + chromium, see shared/E2E.md),
# then the grammar test and the click-through UI test of the packaged .vsix.
set -euo pipefail
cd "$(dirname "$0")/.."
node scripts/build.mjs --e2e
npx tsx test/e2e/runner.ts --extension "$PWD" --tests "$PWD/dist-test/e2e/index.js" \
  --workspace test/fixtures/server/team --screenshots .vscode-test/screenshots
