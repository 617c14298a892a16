/**
 * The README and the scripts tell the truth: the README stays a user's guide (at most 15 KB)
 * whose rules table links every rule's page and whose command-line section lists every exit
 * code and short flag of server/src/cli/cli.ts; and engines, the README, install-e2e.sh and
 * test/support/requirements.ts say the same thing about Node.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../../server/src/core/rules/index';
import { EXIT } from '../../server/src/cli/cli';
import { CODE_SERVER_VERSION, EDITOR_NODE_MAJOR } from '../support/requirements';

const ROOT = path.resolve(__dirname, '../..');
const read = (f: string) => fs.readFileSync(path.join(ROOT, f), 'utf8');

describe('README and scripts', () => {
  const readme = read('README.md');

  it('the README is at most 15 KB and leaves the contributor material to CONTRIBUTING.md', () => {
    assert.ok(Buffer.byteLength(readme) <= 15 * 1024, `README.md is ${Buffer.byteLength(readme)} bytes`);
    assert.match(readme, /\(CONTRIBUTING\.md\)/);
    assert.ok(fs.existsSync(path.join(ROOT, 'CONTRIBUTING.md')));
  });

  it("links every rule's page, and every page exists", () => {
    for (const r of RULES) {
      assert.ok(readme.includes(`(docs/rules/${r.id}.md)`), `README links docs/rules/${r.id}.md`);
      assert.ok(fs.existsSync(path.join(ROOT, 'docs/rules', `${r.id}.md`)), `docs/rules/${r.id}.md exists`);
    }
  });

  it('lists every exit code and every short flag of the command line', () => {
    const cli = read('server/src/cli/cli.ts');
    for (const code of new Set(Object.values(EXIT))) assert.match(readme, new RegExp(`^\\| \`${code}\` \\|`, 'm'), `exit code ${code} in the table`);
    const shorts = [...cli.matchAll(/(\w[\w-]*)'?: \{ type: '(?:string|boolean)', short: '(\w)' \}/g)].map((m) => [m[1], m[2]]);
    assert.ok(shorts.length >= 4, `found the short flags in cli.ts: ${JSON.stringify(shorts)}`);
    for (const [long, short] of shorts) assert.ok(readme.includes(`\`-${short}\`, \`--${long}`), `README shows -${short}, --${long}`);
  });

  it('says the same thing about Node everywhere', () => {
    const pkg = JSON.parse(read('package.json'));
    assert.equal(pkg.engines.node, '>=20');
    assert.match(readme, /Node\.js 20 or later/);
    assert.match(readme, /need \*\*Node 20\*\*/);
    const installer = read('scripts/install-e2e.sh');
    assert.match(installer, new RegExp(`CODE_SERVER_VERSION="${CODE_SERVER_VERSION.replace(/\./g, '\\.')}"`));
    assert.match(installer, new RegExp(`"\\$node_major" != "${EDITOR_NODE_MAJOR}"`));
    assert.match(read('scripts/setup.sh'), new RegExp(`"\\$node_major" = "${EDITOR_NODE_MAJOR}"`));
  });
});

describe("the user README (README.vscode.md, the packaged extension's details page)", () => {
  const user = read('README.vscode.md');
  const pkg = JSON.parse(read('package.json'));

  it("is the one vsce packages, and is not the contributor's", () => {
    assert.match(pkg.scripts.vsix, /^node scripts\/vsix-readme\.mjs && vsce package .*--readme-path dist\/readme\.md\b/);
    assert.match(read('scripts/vsix-readme.mjs'), /const SOURCE = 'README\.vscode\.md';/);
    assert.match(pkg.scripts.vsix, /--no-rewrite-relative-links\b/, 'pictures stay inside the package, not on GitHub');
    assert.match(pkg.scripts.package, /npm run --silent vsix/);
    assert.doesNotMatch(user, /npm (install|test|run)/, 'no contributor commands');
  });

  it('names every setting, every command of the Command Palette, every rule and every snippet', () => {
    for (const key of Object.keys(pkg.contributes.configuration.properties)) assert.ok(user.includes(`\`${key}\``), `setting ${key}`);
    const hidden = new Set((pkg.contributes.menus.commandPalette as { command: string; when: string }[]).filter((m) => m.when === 'false').map((m) => m.command));
    for (const c of pkg.contributes.commands as { command: string; title: string }[]) {
      if (hidden.has(c.command)) continue;
      assert.ok(user.includes(c.title), `command "${c.title}" (${c.command})`);
    }
    for (const r of RULES) assert.ok(user.includes(`\`${r.id}\``), `rule ${r.id}`);
    const snippets = JSON.parse(read('snippets/markdown.json')) as Record<string, { prefix: string | string[] }>;
    for (const s of Object.values(snippets)) for (const p of [s.prefix].flat()) assert.ok(user.includes(`\`${p}\``), `snippet ${p}`);
  });

  it('shows only pictures that exist, by paths relative to the extension root', () => {
    const images = [...user.matchAll(/!\[[^\]]*\]\(([^)\s]+)/g)].map((m) => m[1]);
    assert.ok(images.length >= 3);
    for (const src of images) {
      assert.doesNotMatch(src, /^[a-z][a-z0-9+.-]*:|^\/|\.\./i, `${src} is relative`);
      assert.ok(fs.existsSync(path.join(ROOT, src)), `${src} exists`);
    }
  });
});
