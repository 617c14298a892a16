/**
 * The manifest follows the rule index: the `charter.rules` setting lists every rule with its
 * default severity and description, and the .charter.yaml schema too. Run
 * `npm run manifest` after adding a rule.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { settingsProperties, configSchema } from '../../scripts/manifest';

const root = path.resolve(__dirname, '../..');

describe('manifest', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

  it('has the settings generated from the rule index', () => {
    assert.deepEqual(pkg.contributes.configuration.properties, settingsProperties());
  });

  it('has the .charter.yaml schema generated from the rule index', () => {
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(root, 'schemas/charter.schema.json'), 'utf8')), configSchema());
  });

  it('declares every command it uses, in the Charter category, and no newer engine than code-server 4.100 runs', () => {
    const declared = new Set(pkg.contributes.commands.map((c: { command: string }) => c.command));
    const source = fs.readFileSync(path.join(root, 'client/src/commands.ts'), 'utf8') + fs.readFileSync(path.join(root, 'client/src/extension.ts'), 'utf8');
    for (const m of source.matchAll(/registerCommand\('([^']+)'|reg\('([^']+)'/g)) assert.ok(declared.has(m[1] ?? m[2]), `${m[1] ?? m[2]} is declared`);
    for (const c of pkg.contributes.commands) assert.equal(c.category, 'Charter');
    assert.match(pkg.engines.vscode, /^\^1\.(\d|[1-9]\d|100)\.\d+$/);
    assert.equal(pkg.main, './dist/extension.js');
  });
});
