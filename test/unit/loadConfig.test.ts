/**
 * The core's loadConfig: the one way the checker and the server load `.charter.yaml`, from
 * the bytes on disk or the editor's text. What is not YAML text is a problem with a place.
 */
import * as assert from 'node:assert/strict';
import { defaultConfig, loadConfig, MAX_CONFIG_BYTES } from '../../server/src/core/config';
import { RULE_IDS } from '../../server/src/core/rules/index';

const load = (input: Uint8Array | string | undefined) => loadConfig(input, RULE_IDS);
const at = (r: ReturnType<typeof load>) => r.problems.map((p) => `${p.range.start.line + 1}:${p.range.start.character + 1} ${p.message}`);

describe('loadConfig', () => {
  it('no file: the defaults, no problems', () => {
    const r = load(undefined);
    assert.deepEqual(r.config, defaultConfig());
    assert.deepEqual(r.problems, []);
  });

  it('the same config from bytes and from text', () => {
    const text = 'rules:\n  missing-section: off\n';
    assert.deepEqual(load(new TextEncoder().encode(text)), load(text));
    assert.equal(load(text).config?.rules['missing-section'], 'off');
  });

  it('a NUL byte is binary content, at its line and column, from bytes and from text alike', () => {
    const text = 'rules:\n  missing-section: off\n  x\0y\n';
    const fromBytes = load(new TextEncoder().encode(text));
    assert.equal(fromBytes.config, undefined);
    assert.deepEqual(at(fromBytes), ['3:4 .charter.yaml holds binary content (a NUL byte); a configuration file is YAML text']);
    assert.deepEqual(load(text), fromBytes);
  });

  it('a NUL byte past the first 8 KB is found too', () => {
    const text = `${'# padding\n'.repeat(1000)}rules: {}\0\n`;
    assert.deepEqual(at(load(new TextEncoder().encode(text))), ['1001:10 .charter.yaml holds binary content (a NUL byte); a configuration file is YAML text']);
  });

  it('UTF-16 with a byte order mark is text, not binary', () => {
    const text = 'rules:\n  missing-section: off\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) bytes[2 + i * 2] = text.charCodeAt(i);
    const r = load(bytes);
    assert.deepEqual(r.problems, []);
    assert.equal(r.config?.rules['missing-section'], 'off');
  });

  it('larger than 1 MB, as bytes or as the editor text, is refused at 1:1 with its size', () => {
    const text = `# ${'é'.repeat(MAX_CONFIG_BYTES / 2)}\n`; // fewer characters than bytes
    for (const r of [load(new TextEncoder().encode(text)), load(text)]) {
      assert.equal(r.config, undefined);
      assert.deepEqual(at(r), ['1:1 .charter.yaml is 1024 KB; a configuration file is at most 1 MB, and one larger than 1 MB is not read']);
    }
  });

  it('names the file as given', () => {
    assert.match(load(new Uint8Array([0x61, 0])).problems[0].message, /^\.charter\.yaml holds/);
    assert.match(loadConfig(new Uint8Array([0x61, 0]), RULE_IDS, 'conf/charter.yaml').problems[0].message, /^conf\/charter\.yaml holds/);
  });
});
