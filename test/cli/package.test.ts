/**
 * The packaged extension speaks to its users: charter.vsix, made by the `vsix` script as
 * `npm run package` makes it, carries the user README (README.vscode.md, not the
 * contributor's README.md) as its one readme, with every picture that README shows inside it
 * as a data: URI of the repository's file — VS Code's details page loads no relative picture
 * (its policy is `img-src https: data:`), and an https one needs the internet.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { REPO } from './helpers';
import { readZip } from '../support/zip';

/** The image sources of a markdown text: `![alt](src "title")` and `<img src="…">`. */
function imageSources(markdown: string): string[] {
  const text = markdown.replace(/^(```|~~~)[^]*?^\1/gm, '').replace(/<!--[^]*?-->/g, '');
  const md = [...text.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+["'][^"']*["'])?\s*\)/g)].map((m) => m[1]);
  const html = [...text.matchAll(/<img\b[^>]*\bsrc\s*=\s*["']([^"']+)["']/gi)].map((m) => m[1]);
  return [...md, ...html];
}

describe('the packaged extension (charter.vsix)', function () {
  this.timeout(180_000);
  let tmp: string;
  let files: Map<string, Buffer>;

  before(async function () {
    for (const bundle of ['extension', 'server', 'worker']) {
      if (fs.existsSync(path.join(REPO, 'dist', `${bundle}.js`))) continue;
      const b = spawnSync(process.execPath, [path.join(REPO, 'scripts', 'build.mjs')], { cwd: REPO, encoding: 'utf8', timeout: 180_000 });
      assert.equal(b.status, 0, `building dist/ failed:\n${b.stdout}\n${b.stderr}`);
      break;
    }
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-vsix-'));
    const out = path.join(tmp, 'charter.vsix');
    // The package script's own vsce command line (a later --out wins), on the bundles as built.
    const r = spawnSync('npm', ['run', '--silent', 'vsix', '--', '--out', out], {
      cwd: REPO,
      encoding: 'utf8',
      timeout: 120_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    assert.equal(r.status, 0, `npm run vsix failed (${r.error?.message ?? r.status}):\n${r.stdout}\n${r.stderr}`);
    files = await readZip(out);
  });

  after(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('carries the user README as its one readme, and names it as the details page', () => {
    const readmes = [...files.keys()].filter((f) => /^extension\/readme(\.md|\.txt)?$/i.test(f) || /(^|\/)readme\.md$/i.test(f));
    assert.deepEqual(readmes, ['extension/readme.md'], `the package's readmes: ${readmes.join(', ')}`);
    const packaged = files.get('extension/readme.md')!.toString('utf8');
    const source = fs.readFileSync(path.join(REPO, 'README.vscode.md'), 'utf8');
    // The same text once each data: URI is put back as the path it was made from.
    const sources = imageSources(source);
    let i = 0;
    const restored = packaged.replace(/(!\[[^\]]*\]\()(data:[^)\s]+)/g, (_, open) => `${open}${sources[i++]}`);
    assert.equal(restored, source, 'extension/readme.md is README.vscode.md, pictures inlined, nothing else changed');
    assert.doesNotMatch(packaged, /npm install|npm test|CONTRIBUTING/, 'the user README has no contributor instructions');
    const manifest = files.get('extension.vsixmanifest')!.toString('utf8');
    assert.match(manifest, /<Asset Type="Microsoft\.VisualStudio\.Services\.Content\.Details" Path="extension\/readme\.md"/);
  });

  it("carries every picture the README shows, inside the readme, as the repository's file", () => {
    const sources = imageSources(fs.readFileSync(path.join(REPO, 'README.vscode.md'), 'utf8'));
    const images = imageSources(files.get('extension/readme.md')!.toString('utf8'));
    assert.ok(sources.length >= 3, `the user README shows pictures (found ${sources.length})`);
    assert.equal(images.length, sources.length, 'as many pictures in the package as in README.vscode.md');
    images.forEach((src, k) => {
      const m = /^data:image\/(png|jpeg|gif|webp);base64,([A-Za-z0-9+/=]+)$/.exec(src);
      assert.ok(m, `picture ${k + 1} (${sources[k]}) is a data: URI, which loads offline; got ${src.slice(0, 80)}`);
      assert.ok(Buffer.from(m[2], 'base64').equals(fs.readFileSync(path.join(REPO, sources[k]))), `picture ${k + 1} holds the bytes of ${sources[k]}`);
    });
  });

  it("ships the extension and nothing of the contributor's", () => {
    for (const f of ['extension/package.json', 'extension/dist/extension.js', 'extension/dist/server.js', 'extension/dist/worker.js', 'extension/media/charter.png']) {
      assert.ok(files.has(f), `${f} is in the package`);
    }
    const stray = [...files.keys()].filter((f) => /^extension\/(README\.md|CONTRIBUTING\.md|test\/|scripts\/|server\/src\/|client\/src\/|node_modules\/)/.test(f));
    assert.deepEqual(stray, [], 'no contributor files in the package');
  });
});
