/**
 * Per-rule fixtures: every markdown file under test/fixtures/rules/ is checked inside ONE
 * workspace index built over the whole folder (so the shared CHARTER.md resolves owners and
 * link targets exist), and the (line, rule) pairs found must equal the `<!-- expect: … -->`
 * markers exactly.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { defaultConfig } from '../../server/src/core/config';
import { RULE_IDS } from '../../server/src/core/rules/index';
import type { Decision } from '../../server/src/core/decisions';
import { check, compareFindings, FIXTURES, loadFolder, readMarkers, type LoadedFolder } from './harness';

const RULES_DIR = path.join(FIXTURES, 'rules');

/** Rules that are not about documents, and so have no document fixture. */
const NOT_DOCUMENT_RULES = new Set(['invalid-config']);

describe('rule fixtures (test/fixtures/rules)', () => {
  // The shared charter is named explicitly so that a fixture that is itself a charter
  // (invalid-front-matter.charter.md) never becomes the workspace's roster.
  const folder: LoadedFolder = loadFolder(RULES_DIR, { ...defaultConfig(), charter: 'CHARTER.md' });
  const fixtures = [...folder.texts.keys()].sort();

  it('reads the shared charter as the roster', () => {
    assert.equal(folder.index.roster?.path, 'CHARTER.md');
    assert.deepEqual(
      folder.index.roster?.people.map((p) => p.name),
      ['Dana Whitfield', 'Evan Mercer', 'Priya Natarajan', 'Sam Ortiz', 'Sam Kowalski'],
    );
  });

  it('has fixtures', () => {
    assert.ok(fixtures.length >= 20, `only ${fixtures.length} fixtures found in ${RULES_DIR}`);
  });

  for (const file of fixtures) {
    it(file, () => {
      const text = folder.texts.get(file)!;
      const markers = readMarkers(text);
      const unknown = markers.filter((m) => !RULE_IDS.includes(m.rule));
      assert.deepEqual(unknown, [], `${file}: markers name rules that do not exist`);
      const doc = folder.index.documents.get(file);
      assert.ok(doc, `${file} is not recognised as a document (give it front matter "type: …")`);
      const found = check(folder, file);
      const diff = compareFindings(file, found, markers);
      if (diff) assert.fail(`findings differ from the markers:\n${diff}`);
    });
  }

  it('has a positive marker for every rule that checks documents', () => {
    const marked = new Set<string>();
    for (const text of folder.texts.values()) for (const m of readMarkers(text)) marked.add(m.rule);
    const without = RULE_IDS.filter((id) => !NOT_DOCUMENT_RULES.has(id) && !marked.has(id));
    assert.deepEqual(without, [], `rules without a fixture marker: ${without.join(', ')}`);
  });

  it('covers every decision shape', () => {
    const shapes = new Set<Decision['shape']>();
    for (const doc of folder.index.documents.values()) for (const d of doc.decisions) shapes.add(d.shape);
    const all: Decision['shape'][] = ['fields', 'list', 'table', 'file'];
    assert.deepEqual(
      all.filter((s) => !shapes.has(s)),
      [],
      'decision shapes missing from the fixtures',
    );
  });

  it('covers every document kind', () => {
    const kinds = new Set([...folder.index.documents.values()].map((d) => d.kind.name));
    for (const k of ['prd', 'sdd', 'decision-log', 'adr', 'charter']) assert.ok(kinds.has(k), `no fixture of kind ${k}`);
  });

  it('reads the markers on a line, with -line N, and lists of ids', () => {
    const text = 'a\nb <!-- expect: x, y -->\n<!-- expect-line 1: z -->\n<!--expect:w-->';
    assert.deepEqual(readMarkers(text), [
      { line: 2, rule: 'x' },
      { line: 2, rule: 'y' },
      { line: 1, rule: 'z' },
      { line: 4, rule: 'w' },
    ]);
  });
});
