// Throwaway extension for the e2e harness smoke test (see test/e2e/README.md).
const vscode = require('vscode');

function activate(context) {
  context.subscriptions.push(vscode.commands.registerCommand('smoke.hello', () => 'hello from smoke'));
}

function deactivate() {}

module.exports = { activate, deactivate };
