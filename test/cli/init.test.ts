/**
 * `charter init` end to end: the proposal printed, `--write` writing `.charter.yaml` and
 * nothing else, never over an existing one without `--force`, usage errors, and a repository
 * checked under what it wrote.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseConfig } from '../../server/src/core/config';
import { RULE_IDS } from '../../server/src/core/rules/index';
import { charter, ensureBuilt, hashTree, json, Temps, writeFiles, type JsonReport } from './helpers';

const temps = new Temps();
before(ensureBuilt);
after(() => temps.removeAll());

const nygard = (n: number, title: string) =>
  `# ${n}. ${title}\n\nDate: 2024-01-0${n}\n\n## Status\n\nAccepted\n\n## Context\n\nWhy ${title}.\n\n## Decision\n\nWe do ${title}.\n\n## Consequences\n\nSo be it.\n`;
const design = (title: string) => `# ${title}\n\n## Background\n\nWhy.\n\n## Technical design\n\nSo.\n`;

/** A repository of Nygard ADRs without deciders and design docs that never staff or schedule. */
function repository(): string {
  const ws = temps.make('init');
  writeFiles(ws, {
    'docs/adr/0001-record-decisions.md': nygard(1, 'Record decisions'),
    'docs/adr/0002-use-postgres.md': nygard(2, 'Use Postgres'),
    'docs/adr/0003-use-kafka.md': nygard(3, 'Use Kafka'),
    'docs/design-docs/search.md': design('Search'),
    'docs/design-docs/billing.md': design('Billing'),
    'README.md': '# Our service\n',
  });
  return ws;
}

const warnings = (r: JsonReport) => r.files.flatMap((f) => f.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${f.path}:${d.line} ${d.rule}`));
const infos = (r: JsonReport) => r.files.flatMap((f) => f.diagnostics.filter((d) => d.severity === 'info').map((d) => `${f.path}:${d.line} ${d.rule}`));

describe('charter init', () => {
  it('prints the configuration the documents imply, valid and stable, and writes nothing', () => {
    const ws = repository();
    const before = hashTree(ws);
    const r = charter(['init'], ws);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    assert.match(r.stdout, /^# Charter's configuration for this repository, proposed by `charter init`/);
    assert.match(r.stdout, /\nkinds:\n {2}sdd:\n(?: {4}#[^\n]*\n)+ {4}sections:\n {6}- \{ name: How, aliases: \[Technical design\], area: how \}\n/);
    assert.match(r.stdout, /\n {2}unowned-decision: off\n/);
    assert.match(r.stdout, /\n {2}missing-document-owner: off\n/);
    assert.deepEqual(parseConfig(r.stdout, RULE_IDS).problems, []);
    assert.deepEqual(hashTree(ws), before, 'printing writes nothing');
    assert.equal(charter(['init', '--root', ws], path.dirname(ws)).stdout, r.stdout, 'the same repository gives the same text');
  });

  it('--write writes <root>/.charter.yaml and nothing else; check then reads it', () => {
    const ws = repository();
    const defaults = json<JsonReport>(charter(['check', '--format', 'json'], ws));
    const before = hashTree(ws);
    const printed = charter(['init'], ws).stdout;
    const r = charter(['init', '--root', ws, '--write'], path.dirname(ws));
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^charter: wrote .*\.charter\.yaml\n {2}kind sdd: sections How required; Who, When not\n {2}unowned-decision: off/);
    const after = hashTree(ws);
    assert.deepEqual(
      Object.keys(after).filter((k) => !(k in before)),
      ['.charter.yaml'],
    );
    for (const k of Object.keys(before)) assert.equal(after[k], before[k], `${k} is untouched`);
    assert.equal(fs.readFileSync(path.join(ws, '.charter.yaml'), 'utf8'), printed);
    // Under it: no warning the defaults do not give, and the policy the documents settle is quiet.
    const under = json<JsonReport>(charter(['check', '--format', 'json'], ws));
    const had = new Set(warnings(defaults));
    assert.deepEqual(
      warnings(under).filter((w) => !had.has(w)),
      [],
    );
    assert.ok(infos(defaults).some((f) => /unowned-decision|missing-section|missing-document-owner/.test(f)));
    assert.deepEqual(
      infos(under).filter((f) => /unowned-decision|missing-section|missing-document-owner/.test(f)),
      [],
    );
  });

  it('never replaces an existing .charter.yaml without --force (exit 2, the reason), and reads the repository with the defaults', () => {
    const ws = repository();
    const mine = 'rules:\n  broken-link: error\n';
    writeFiles(ws, { '.charter.yaml': mine });
    const refused = charter(['init', '--write'], ws);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /\.charter\.yaml exists already: nothing was written \(charter init prints the proposal to compare; --write --force replaces the file\)/);
    assert.equal(fs.readFileSync(path.join(ws, '.charter.yaml'), 'utf8'), mine);
    // Printing is always allowed; the existing file is not read (the proposal is what the documents imply).
    const printed = charter(['init'], ws);
    assert.equal(printed.status, 0, printed.stderr);
    assert.doesNotMatch(printed.stdout, /broken-link/);
    const forced = charter(['init', '--write', '--force'], ws);
    assert.equal(forced.status, 0, forced.stderr);
    assert.equal(fs.readFileSync(path.join(ws, '.charter.yaml'), 'utf8'), printed.stdout);
  });

  it('refuses to write through a symbolic link, even with --force', () => {
    const ws = repository();
    const elsewhere = temps.make('elsewhere');
    fs.writeFileSync(path.join(elsewhere, 'target.yaml'), 'x: 1\n');
    fs.symlinkSync(path.join(elsewhere, 'target.yaml'), path.join(ws, '.charter.yaml'));
    const r = charter(['init', '--write', '--force'], ws);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /\.charter\.yaml is a symbolic link: nothing was written/);
    assert.equal(fs.readFileSync(path.join(elsewhere, 'target.yaml'), 'utf8'), 'x: 1\n');
  });

  it('usage errors exit 2 with the reason', () => {
    const ws = repository();
    const cases: [string[], RegExp][] = [
      [['init', '--force'], /--force only applies with --write/],
      [['init', 'docs'], /init takes no paths \(got docs\)/],
      [['init', '--format', 'json'], /--format does not apply to init/],
      [['init', '--config', 'x.yaml'], /--config does not apply to init/],
      [['init', '-o', 'out.yaml'], /--output-file does not apply to init/],
      [['check', '--write'], /--write only applies to init/],
      [['init', '--root', 'nowhere'], /is not a folder/],
    ];
    for (const [args, message] of cases) {
      const r = charter(args, ws);
      assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, message, args.join(' '));
      assert.equal(r.stdout, '');
    }
    assert.ok(!fs.existsSync(path.join(ws, '.charter.yaml')));
  });

  it('is in the help', () => {
    const r = charter(['--help'], repository());
    assert.match(r.stdout, /\n {2}charter init {3}\[--root DIR\] \[--write \[--force\]\]\n/);
    assert.match(r.stdout, /\n {2}--write {15}init: write <root>\/\.charter\.yaml/);
  });
});
