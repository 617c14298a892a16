/**
 * The real-world corpus (issue 10): twelve public repositories of different organisations,
 * pinned by commit in corpus.json with a careful reader's verdict on every markdown file —
 * what it is, and which findings that reader agrees with. Charter's default output (no
 * .charter.yaml) must match it file by file. Disagreements waiting for a fix on another
 * branch are marked `pending` in the manifest; one test counts them, so a fix that lands
 * (or anything else that changes) shows up until the marks are cleared.
 *
 * The repositories' files are never committed: scripts/realworld.ts materializes them into
 * .realworld/ from their copies in ../shared/corpora/realworld/, and from nowhere else. The
 * tests run on exactly the repositories copied there (a repository newly added to the
 * manifest is marked `awaitingCopy` until its copy arrives).
 */
import * as assert from 'node:assert/strict';
import { RULES } from '../../server/src/core/rules';
import { ensureBuilt } from '../cli/helpers';
import { need } from '../support/requirements';
import { addFigures, check, compare, formatFigures, loadManifest, materialize, pendingMarks, testSet, verdict, type Disagreement, type Figures } from '../../scripts/realworld';

const manifest = loadManifest();
const tested = testSet(manifest);
const KINDS = new Set(['adr', 'prd', 'sdd', 'decision-log', 'charter', 'decision-index', null]);
const RULE_IDS = new Set(RULES.map((r) => r.id));

describe('real-world corpus: the manifest', () => {
  it('pins at least ten repositories of different organisations, two of them not in English', () => {
    assert.ok(manifest.repos.length >= 10, `${manifest.repos.length} repositories`);
    const owners = manifest.repos.map((r) => r.repo.split('/')[0].toLowerCase());
    assert.equal(new Set(owners).size, owners.length, 'one repository per organisation');
    for (const r of manifest.repos) {
      assert.match(r.repo, /^[\w.-]+\/[\w.-]+$/);
      assert.match(r.commit, /^[0-9a-f]{40}$/, `${r.repo} is pinned to a full commit`);
      assert.ok(r.licence && r.language && r.what && r.subtrees.length, `${r.repo} says its licence, language, documents and subtrees`);
      assert.doesNotMatch(r.licence, /^none/i, `${r.repo} states no licence: it cannot be copied, so it cannot be in the corpus`);
    }
    assert.ok(manifest.repos.filter((r) => /\b(pt|es|fr|de)\b/.test(r.language)).length >= 2, 'two repositories in Portuguese, Spanish, French or German');
  });

  it('gives every file a kind a reader can give, and every finding a known rule and a line', () => {
    let files = 0;
    for (const r of manifest.repos) {
      const paths = new Set<string>();
      for (const f of r.files) {
        files++;
        assert.ok(!paths.has(f.path), `${r.repo} lists ${f.path} twice`);
        paths.add(f.path);
        assert.ok(KINDS.has(f.kind), `${r.repo} ${f.path}: kind ${f.kind}`);
        assert.ok(
          r.subtrees.some((s) => s === '' || f.path === s || (s.endsWith('/') && f.path.startsWith(s))),
          `${f.path} is inside ${r.repo}'s subtrees`,
        );
        for (const x of [...(f.findings ?? []), ...(f.rejected ?? []), ...(f.initFindings ?? [])]) {
          assert.ok(RULE_IDS.has(x.rule), `${f.path}: unknown rule ${x.rule}`);
          assert.ok(Number.isInteger(x.line) && x.line >= 1, `${f.path}: line ${x.line}`);
        }
        for (const x of f.rejected ?? []) assert.ok(x.pending && x.reason, `${f.path}:${x.line} ${x.rule}: a finding the reader rejects says why and whose fix it waits for`);
        for (const x of f.configuredFindings ?? []) {
          assert.ok(RULE_IDS.has(x.rule), `${f.path}: unknown rule ${x.rule}`);
          assert.ok(Number.isInteger(x.line) && x.line >= 1, `${f.path}: line ${x.line}`);
        }
        assert.ok(
          r.config !== undefined || (f.configuredKind === undefined && f.configuredFindings === undefined),
          `${r.repo} ${f.path}: a verdict under a config the repository does not carry`,
        );
        if (verdict(f, 'configured').kind === null)
          assert.deepEqual(
            (f.configuredFindings ?? []).filter((x) => !x.policy),
            [],
            `${f.path} is not a document under the config`,
          );
        // A file that is no document carries no finding, but for Charter's policy said once on a template.
        if (f.kind === null)
          assert.deepEqual(
            (f.findings ?? []).filter((x) => !x.policy),
            [],
            `${f.path} is not a document: only policy said once can be agreed on it`,
          );
      }
    }
    assert.ok(files >= 300, `${files} files: a few hundred, documents and the pages beside them`);
    const docs = manifest.repos.flatMap((r) => r.files).filter((f) => f.kind && f.kind !== 'charter' && f.kind !== 'decision-index').length;
    assert.ok(docs >= 200 && files - docs >= 100, `${docs} documents and ${files - docs} other files`);
  });

  it('writes down, for at least three enhancement-proposal processes, the .charter.yaml their team would', () => {
    const configured = manifest.repos.filter((r) => r.config !== undefined);
    assert.ok(configured.length >= 3, `${configured.length} repositories carry their team's config`);
    for (const r of configured) {
      assert.match(r.config!, /^kinds:/m, `${r.repo}: its process as a kind`);
      assert.ok(
        r.files.some((f) => f.configuredKind),
        `${r.repo}: some file is read with the configured kind`,
      );
    }
    const designDocs = manifest.repos.flatMap((r) => r.files).filter((f) => f.kind === 'sdd' || f.kind === 'prd').length;
    assert.ok(designDocs >= 30, `${designDocs} design documents and PRDs`);
  });
});

describe('real-world corpus: Charter with default settings agrees with the reader', function () {
  this.timeout(300_000);
  const results = new Map<string, { figures: Figures; disagreements: Disagreement[] }>();

  before(function () {
    need(this, 'realworld');
    ensureBuilt();
    materialize(tested);
    for (const r of tested) results.set(r.repo, compare(r, check(r.repo)));
  });

  for (const r of tested) {
    it(`${r.repo}: every file's kind and findings, except the pending ones`, () => {
      const open = results.get(r.repo)!.disagreements.filter((d) => !d.pending);
      const lines = open.map((d) => `${d.path}${d.line ? `:${d.line}` : ''} ${d.what}${d.rule ? ` ${d.rule}` : ''}: charter ${d.charter}; reader ${d.reader}`);
      assert.deepEqual(lines, [], `${open.length} disagreements with the reader`);
    });
  }

  it('has exactly as many pending disagreements as the manifest marks (a landed fix changes the count)', () => {
    const pending = [...results.values()].flatMap((x) => x.disagreements.filter((d) => d.pending));
    assert.equal(pending.length, pendingMarks({ ...manifest, repos: tested }), 'clear the `pending` marks of what is fixed, or mark what is new');
  });

  it('recognises at least 97 % of the ADRs, PRDs, SDDs and decision logs with the right kind', () => {
    const total = [...results.values()].map((x) => x.figures).reduce(addFigures);
    console.log(`      ${formatFigures('corpus', total)}`);
    assert.ok(total.recognised / total.documents >= 0.97, `${total.recognised} of ${total.documents}`);
  });
});

describe('real-world corpus: configured as their teams would, Charter agrees with the reader', function () {
  this.timeout(300_000);
  const configured = tested.filter((r) => r.config !== undefined);
  const results = new Map<string, { figures: Figures; disagreements: Disagreement[] }>();

  before(function () {
    need(this, 'realworld');
    ensureBuilt();
    materialize(tested);
    for (const r of configured) results.set(r.repo, compare(r, check(r.repo, 'configured'), 'configured'));
  });

  for (const r of configured) {
    it(`${r.repo}: under its team's .charter.yaml, every file's kind and every warning`, () => {
      const open = results.get(r.repo)!.disagreements;
      const lines = open.map(
        (d) => `${d.path}${d.line ? `:${d.line}` : ''} ${d.what}${d.rule ? ` ${d.rule}` : ''}${d.section ? ` #${d.section}` : ''}: charter ${d.charter}; reader ${d.reader}`,
      );
      assert.deepEqual(lines, [], `${open.length} disagreements with the reader`);
    });
  }

  it('recognises every document with its configured kind', () => {
    if (!configured.length) return;
    const total = [...results.values()].map((x) => x.figures).reduce(addFigures);
    console.log(`      ${formatFigures('configured', total)}`);
    assert.equal(total.recognised, total.documents, `${total.recognised} of ${total.documents}`);
  });
});
