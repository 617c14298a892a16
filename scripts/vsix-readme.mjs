// Writes dist/readme.md, the README the .vsix carries (vsce --readme-path, see the `vsix`
// script): README.vscode.md with each of its pictures inlined as a data: URI.
//
// Why inlined: VS Code draws an extension's details page in a webview whose content security
// policy is `img-src https: data:`, with no base URL. A relative picture never loads there
// (microsoft/vscode#43173), and an https one (vsce's default rewrite to GitHub) needs the
// internet. A data: URI loads anywhere, offline included.
//
//   node scripts/vsix-readme.mjs [--check]   --check: only verify that every picture exists
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SOURCE = 'README.vscode.md';
const OUT = 'dist/readme.md';
const TYPES = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp' };

const text = readFileSync(join(root, SOURCE), 'utf8');
const problems = [];
if (/<img\b/i.test(text)) problems.push('use markdown images (![alt](path)), not <img> tags');
let count = 0;
// ![alt](path) and ![alt](path "title"), paths relative to the repository (= extension) root.
const out = text.replace(/(!\[[^\]]*\]\()([^)\s]+)((?:\s+"[^"]*")?\))/g, (all, open, src, close) => {
  if (/^[a-z][a-z0-9+.-]*:/i.test(src)) {
    problems.push(`${src}: a picture must be a file of the repository, to load offline`);
    return all;
  }
  const file = normalize(decodeURI(src));
  const type = TYPES[extname(file).toLowerCase()];
  if (file.startsWith('..') || file.startsWith('/')) problems.push(`${src}: not inside the repository`);
  else if (!type) problems.push(`${src}: not a PNG, JPEG, GIF or WebP picture (VS Code and vsce refuse SVG)`);
  else {
    try {
      const data = readFileSync(join(root, file));
      count++;
      return `${open}data:${type};base64,${data.toString('base64')}${close}`;
    } catch {
      problems.push(`${src}: no such file`);
    }
  }
  return all;
});
if (problems.length > 0) {
  console.error(`${SOURCE}:\n${problems.map((p) => `  ${p}`).join('\n')}`);
  process.exit(1);
}
if (process.argv.includes('--check')) {
  console.log(`${SOURCE}: ${count} picture${count === 1 ? '' : 's'}, all there`);
} else {
  mkdirSync(join(root, dirname(OUT)), { recursive: true });
  writeFileSync(join(root, OUT), out);
  console.log(`${OUT}: ${SOURCE} with its ${count} picture${count === 1 ? '' : 's'} inlined`);
}
