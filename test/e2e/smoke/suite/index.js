// Tests entry point (extensionTestsPath) for the e2e harness smoke test: runs mocha inside the
// extension host, as @vscode/test-electron's runners do, and resolves when all tests passed.
const path = require('path');
const fs = require('fs');

function loadMocha() {
  // mocha 12 is an ES module with a CommonJS build; require('mocha') works on Node >= 20.19
  // (require of ESM) and yields a namespace whose `default` is the Mocha class.
  try {
    const mod = require('mocha');
    return mod.default || mod.Mocha || mod;
  } catch {
    return require('mocha/lib/mocha.cjs');
  }
}

function run() {
  const Mocha = loadMocha();
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec' });
  for (const f of fs.readdirSync(__dirname).sort()) {
    if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  }
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} test(s) failed.`));
        else resolve();
      });
    } catch (err) {
      reject(err);
    }
  });
}

module.exports = { run };
