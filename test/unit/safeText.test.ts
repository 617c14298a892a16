/**
 * What leaves Charter as terminal text or as a link (report/safeText.ts): controls and bidi
 * characters written visibly, paths as relative references that no scheme can hijack.
 */
import * as assert from 'node:assert/strict';
import { pathRef, visible, visibleLines } from '../../server/src/report/safeText';

describe('safe text: terminal output and links from untrusted names', () => {
  it('writes every C0 and C1 control, DEL, bidi control and line separator visibly', () => {
    assert.equal(visible('a\x1b]0;pwned\x07b'), 'a\\x1b]0;pwned\\x07b');
    assert.equal(visible('x\u202Eevil'), 'x\\u202eevil');
    assert.equal(visible('tab\there\nand\r'), 'tab\\there\\nand\\r');
    assert.equal(visible('\x9b2J\x7f'), '\\x9b2J\\x7f');
    for (const c of ['\u061c', '\u200e', '\u200f', '\u2028', '\u2029', '\u202a', '\u202e', '\u2066', '\u2069']) assert.doesNotMatch(visible(`a${c}b`), new RegExp(c));
    // Everything else is left as it is: accents, CJK, emoji, quotes.
    const plain = 'Décision — 決定 🎯 "quoted" <tag> & 100%';
    assert.equal(visible(plain), plain);
    assert.equal(visibleLines(['one\nline', 'two']), 'one\\nline\ntwo\n');
  });

  it('turns a path into a relative reference that cannot be read as a scheme, a query or a fragment', () => {
    assert.equal(pathRef('javascript:alert(document.domain)<!--x.md'), 'javascript%3Aalert%28document.domain%29%3C!--x.md'.replace('!', '%21'));
    assert.equal(pathRef('https:evil.example.md'), 'https%3Aevil.example.md');
    assert.equal(pathRef('docs/a b/#x?.md'), 'docs/a%20b/%23x%3F.md');
    assert.equal(pathRef('docs/prd/saved-carts.md'), 'docs/prd/saved-carts.md');
    for (const p of ['javascript:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', 'mailto:x@y']) {
      const ref = pathRef(p);
      assert.equal(new URL(ref, 'https://example.invalid/root/').origin, 'https://example.invalid', `${p} → ${ref} stays relative`);
    }
  });
});
