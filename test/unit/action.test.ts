/**
 * The pieces of the GitHub Action's entry (server/src/cli/action.ts) that read git's and GitHub's
 * formats: the changed lines of a `git diff --unified=0`, git's quoted paths, and markdown
 * escaping for the job summary. The entry as a whole runs in test/cli/action.test.ts.
 */
import * as assert from 'node:assert/strict';
import { escapeMarkdown, parseDiff, unquote } from '../../server/src/cli/action';

describe('action: git diff --unified=0', () => {
  it('reads the added and changed line ranges of each file, whatever the hunks hold', () => {
    const diff = [
      'diff --git a/docs/a.md b/docs/a.md',
      'index 1..2 100644',
      '--- a/docs/a.md',
      '+++ b/docs/a.md',
      '@@ -3 +3 @@ heading',
      '-old',
      '+new',
      '@@ -10,0 +11,3 @@',
      '+++ b/looks/like/a/header.md',
      '+@@ -1 +1 @@',
      '+diff --git a/x b/x',
      '@@ -20,2 +22,0 @@',
      '-gone',
      '-gone too',
      '\\ No newline at end of file',
      'diff --git a/old.md b/old.md',
      'deleted file mode 100644',
      '--- a/old.md',
      '+++ /dev/null',
      '@@ -1,2 +0,0 @@',
      '-a',
      '-b',
      'diff --git "a/q \\"x\\", caf\\303\\251.md" "b/q \\"x\\", caf\\303\\251.md"',
      '--- "a/q \\"x\\", caf\\303\\251.md"\t',
      '+++ "b/q \\"x\\", caf\\303\\251.md"\t',
      '@@ -0,0 +1,2 @@',
      '+one',
      '+two',
      'diff --git a/with space.md b/with space.md',
      '--- a/with space.md\t',
      '+++ b/with space.md\t',
      '@@ -1 +1 @@',
      '-x',
      '+y',
      '',
    ].join('\n');
    assert.deepEqual(
      [...parseDiff(diff)],
      [
        [
          'docs/a.md',
          [
            [3, 3],
            [11, 13],
          ],
        ],
        ['q "x", café.md', [[1, 2]]],
        ['with space.md', [[1, 1]]],
      ],
    );
  });

  it("unquotes git's C-style paths", () => {
    assert.equal(unquote('plain.md'), 'plain.md');
    assert.equal(unquote('"b/tab\\there\\\\ \\"q\\" \\346\\227\\245.md"'), 'b/tab\there\\ "q" 日.md');
  });
});

describe('action: the job summary', () => {
  it('escapes every markdown character and line break of document text', () => {
    assert.equal(escapeMarkdown('a|b *c* [d](e) <img src=x>\n`f` #g'), 'a\\|b \\*c\\* \\[d\\]\\(e\\) \\<img src\\=x\\> \\`f\\` \\#g');
  });
});
