/**
 * `charter init` on the real-world corpus (issue 19, point 5: "charter init on each corpus
 * repository gives a config under which a careful reader agrees with every finding"). For each
 * repository of the test set, a copy of its materialized files gets what `charter init
 * --write` proposes, and `charter check` runs under it: every finding at warning or error
 * level must be one the manifest's reader agrees with on the default pass, or, on a file that
 * only the proposal makes a document (a kind of the team's own), one listed under its
 * `initFindings` (a finding the configuration removes is fine; a new one is a failure), and
 * the configuration must be one the checker accepts.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { charter, ensureBuilt, json, type JsonReport } from '../cli/helpers';
import { need } from '../support/requirements';
import { loadManifest, materialize, repoDir, testSet, type Finding } from '../../scripts/realworld';

const manifest = loadManifest();
const tested = testSet(manifest);
const key = (f: { rule: string; line: number; section?: string }) => `${f.rule}@${f.line}${f.section !== undefined ? `#${f.section}` : ''}`;

describe('real-world corpus: charter init proposes a configuration the reader agrees with', function () {
  this.timeout(300_000);
  const results = new Map<string, { yaml: string; summary: string; disagreements: string[]; before: number; after: number; infosBefore: number; infosAfter: number }>();
  let scratch: string;

  before(function () {
    need(this, 'realworld');
    ensureBuilt();
    materialize(tested);
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'charter-init-corpus-'));
    for (const r of tested) {
      // A copy: the materialized corpus is measured with default settings and never gets a .charter.yaml.
      const dir = path.join(scratch, r.repo.replace('/', '+'));
      fs.cpSync(repoDir(r.repo), dir, { recursive: true });
      const before = json<JsonReport>(charter(['check', '--format', 'json', '--root', dir], dir, 120_000));
      const init = charter(['init', '--write', '--root', dir], dir, 120_000);
      assert.equal(init.status, 0, `${r.repo}: charter init --write exited ${init.status}:\n${init.stderr}`);
      const run = charter(['check', '--format', 'json', '--root', dir], dir, 120_000);
      assert.ok(run.status === 0 || run.status === 1, `${r.repo}: charter check under the proposal exited ${run.status}:\n${run.stderr}`);
      const after = json<JsonReport>(run);
      const verdicts = new Map(r.files.map((f) => [f.path, f]));
      const disagreements: string[] = [];
      for (const f of after.files) {
        const v = verdicts.get(f.path);
        // What the reader agrees with by default, and on a file that is a document only under the proposal.
        const agreed = new Set([...(v?.findings ?? []), ...(v?.initFindings ?? [])].map(key));
        const tolerated = new Map((v?.rejected ?? []).filter((x: Finding) => x.pending).map((x: Finding) => [key(x), x]));
        for (const d of f.diagnostics) {
          if (d.severity === 'info') continue;
          const k = key({ rule: d.rule, line: d.line, section: d.section });
          if (agreed.has(k) || tolerated.has(k)) continue;
          disagreements.push(`${f.path}:${d.line} ${d.severity} ${d.rule}: ${d.message}`);
        }
      }
      const count = (x: JsonReport) => x.summary.errors + x.summary.warnings;
      // The documents read by default: what the proposal says of them may only shrink (a file it
      // makes a document of a kind of the team's own is held to its initFindings above).
      const known = new Set(before.files.map((f) => f.path));
      const onKnown = after.files.filter((f) => known.has(f.path)).reduce((n, f) => n + f.diagnostics.filter((d) => d.severity !== 'info').length, 0);
      results.set(r.repo, {
        yaml: fs.readFileSync(path.join(dir, '.charter.yaml'), 'utf8'),
        summary: init.stderr,
        disagreements,
        before: count(before),
        after: onKnown,
        infosBefore: before.summary.infos,
        infosAfter: after.summary.infos,
      });
    }
  });

  after(() => {
    if (scratch) fs.rmSync(scratch, { recursive: true, force: true });
  });

  for (const r of tested) {
    it(`${r.repo}: every warning under the proposed .charter.yaml is one the reader agrees with`, () => {
      const res = results.get(r.repo)!;
      assert.deepEqual(res.disagreements, [], `under this configuration:\n${res.yaml}`);
      assert.ok(res.after <= res.before, `${res.after} warnings and errors under the proposal on the documents read by default, ${res.before} by default`);
    });
  }

  it('writes down what the documents do: in most repositories, some setting', () => {
    const configured = [...results.values()].filter((x) => /^(?:kinds|owners|rules):/m.test(x.yaml)).length;
    const all = [...results.values()];
    const sum = (f: (x: (typeof all)[number]) => number) => all.reduce((n, x) => n + f(x), 0);
    console.log(
      `      ${configured} of ${results.size} repositories get a setting; warnings and errors ${sum((x) => x.before)} → ${sum((x) => x.after)}, infos ${sum((x) => x.infosBefore)} → ${sum((x) => x.infosAfter)}`,
    );
    assert.ok(configured * 2 >= results.size, `${configured} of ${results.size}`);
  });
});
