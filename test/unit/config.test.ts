/**
 * `.charter.yaml`: parseConfig on a full valid configuration, and on every kind of mistake a
 * user makes, each reported at its own 1-based line.
 */
import * as assert from 'node:assert/strict';
import { Classifier } from '../../server/src/core/classify';
import { defaultConfig, parseConfig, type ConfigResult } from '../../server/src/core/config';
import { escapesRoot, closest } from '../../server/src/core/configValues';
import { builtinKinds, DEFAULT_OWNER_FIELDS } from '../../server/src/core/kinds';
import { RULE_IDS } from '../../server/src/core/rules/index';

const EXAMPLE = `kinds:
  prd:
    include: ["docs/product/**/*.md"]
  kep:
    include: ["keps/*/[0-9]*/README.md"]
    sections:
      - { name: Summary }
      - { name: Why, aliases: [Motivation] }
      - { name: What, aliases: [Proposal] }
      - { name: How, aliases: [Design Details] }
  rfc:
    include: ["rfcs/*.md"]
    decisions: per-file
    owners:
      fields: [approver, accepted by]
owners:
  fields: [decision maker, owner, decided by]
  singleOwner: true
rules:
  multiple-owners: off
  unowned-decision: error
ignore: ["vendor/**"]
`;

const parse = (text: string): ConfigResult => parseConfig(text, RULE_IDS);

/** The problems as `line: message` with 1-based lines. */
const problems = (r: ConfigResult) => r.problems.map((p) => `${p.range.start.line + 1}: ${p.message}`);

/** Asserts that a config is refused with exactly the problems at the given lines, each matching. */
function assertRefused(text: string, expected: [line: number, pattern: RegExp][]): void {
  const r = parse(text);
  assert.equal(r.config, undefined, `a config with problems must not be applied: ${text}`);
  assert.equal(r.problems.length, expected.length, `problems: ${JSON.stringify(problems(r))}`);
  expected.forEach(([line, re], i) => {
    const p = r.problems[i];
    assert.equal(p.range.start.line + 1, line, `problem ${i} (${p.message}) is on line ${p.range.start.line + 1}, expected ${line}`);
    assert.match(p.message, re);
  });
}

describe('parseConfig', () => {
  describe('the full example configuration', () => {
    const r = parse(EXAMPLE);

    it('is valid', () => {
      assert.deepEqual(problems(r), []);
      assert.ok(r.config);
    });

    it('puts custom kinds first, then the built-in ones in their order', () => {
      assert.deepEqual(
        r.config!.kinds.map((k) => k.name),
        ['kep', 'rfc', 'prd', 'sdd', 'decision-log', 'adr', 'charter', 'decision-index'],
      );
    });

    it('replaces the globs of a built-in kind and keeps its sections', () => {
      const prd = r.config!.kinds.find((k) => k.name === 'prd')!;
      assert.deepEqual(prd.include, ['docs/product/**/*.md']);
      assert.equal(prd.builtin, true);
      assert.deepEqual(
        prd.sections.map((s) => s.name),
        ['Why', 'What'],
      );
      assert.equal(prd.documentOwner, true);
      // Other built-in kinds keep their default globs.
      const sdd = r.config!.kinds.find((k) => k.name === 'sdd')!;
      assert.deepEqual(sdd.include, builtinKinds().find((k) => k.name === 'sdd')!.include);
      assert.ok(sdd.include.includes('**/sdd/**/*.md'));
    });

    it('reads a custom kind with its sections and aliases', () => {
      const kep = r.config!.kinds.find((k) => k.name === 'kep')!;
      assert.equal(kep.builtin, false);
      assert.deepEqual(kep.include, ['keps/*/[0-9]*/README.md']);
      assert.equal(kep.decisions, 'none');
      assert.deepEqual(
        kep.sections.map((s) => [s.name, s.aliases, s.required]),
        [
          ['Summary', [], true],
          ['Why', ['Motivation'], true],
          ['What', ['Proposal'], true],
          ['How', ['Design Details'], true],
        ],
      );
    });

    it('reads a per-file kind with its own owner fields', () => {
      const rfc = r.config!.kinds.find((k) => k.name === 'rfc')!;
      assert.equal(rfc.decisions, 'per-file');
      assert.deepEqual(rfc.ownerFields, ['approver', 'accepted by']);
      assert.deepEqual(rfc.include, ['rfcs/*.md']);
    });

    it('reads owners, rules and ignore', () => {
      assert.deepEqual(r.config!.ownerFields, ['decision maker', 'owner', 'decided by']);
      assert.equal(r.config!.singleOwner, true);
      assert.deepEqual(r.config!.rules, { 'multiple-owners': 'off', 'unowned-decision': 'error' });
      assert.deepEqual(r.config!.ignore, ['vendor/**']);
    });

    it('classifies files by the configured globs', () => {
      const c = new Classifier(r.config!);
      assert.equal(c.kindByPath('docs/product/checkout/saved-carts.md')?.name, 'prd');
      assert.equal(c.kindByPath('rfcs/0042-async-io.md')?.name, 'rfc');
      assert.equal(c.kindByPath('rfcs/drafts/0043-nested.md'), undefined, 'rfcs/*.md is one level only');
      assert.equal(c.isIgnored('vendor/lib/DECISIONS.md'), true);
      assert.equal(c.isIgnored('docs/DECISIONS.md'), false);
    });

    it('recognises a KEP README that the kind includes explicitly', () => {
      // The kind's own include names README.md files: the default exclusion of READMEs
      // ("a README is never a PRD by accident") must not cancel an explicit include.
      const c = new Classifier(r.config!);
      assert.equal(c.kindByPath('keps/sig-node/1287-in-place-update/README.md')?.name, 'kep');
    });

    it('does not change the defaults of another parse', () => {
      // Overriding a built-in kind must not leak into the next configuration.
      const again = parse('');
      const prd = again.config!.kinds.find((k) => k.name === 'prd')!;
      assert.deepEqual(prd.include, builtinKinds().find((k) => k.name === 'prd')!.include);
      assert.ok(prd.include.includes('**/prd/**/*.md') && !prd.include.includes('docs/product/**/*.md'));
    });
  });

  describe('empty and trivial files', () => {
    for (const [name, text] of [
      ['an empty file', ''],
      ['only whitespace', '\n\n   \n'],
      ['only a comment', '# nothing configured yet\n'],
      ['an explicit null document', '~\n'],
    ] as const) {
      it(`${name} gives the defaults`, () => {
        const r = parse(text);
        assert.deepEqual(problems(r), []);
        assert.deepEqual(r.config, defaultConfig());
      });
    }

    it('the defaults name the documented owner fields', () => {
      assert.deepEqual(defaultConfig().ownerFields, DEFAULT_OWNER_FIELDS);
      assert.equal(defaultConfig().singleOwner, true);
    });
  });

  describe('not a mapping', () => {
    it('refuses a list', () => {
      assertRefused('- kinds\n- owners\n', [[1, /must be a mapping.*not a list/]]);
    });
    it('refuses a number', () => {
      // Described, never quoted: the file may be anything (a credentials file linked as .charter.yaml).
      assertRefused('42\n', [[1, /must be a mapping.*not a number$/]]);
    });
    it('refuses a plain string', () => {
      assertRefused('\n\nhello\n', [[3, /must be a mapping.*not a text$/]]);
    });
  });

  describe('broken YAML', () => {
    it('reports the YAML error at its line', () => {
      assertRefused('rules:\n  missing-section: off\n  broken-link: warning: loud\n', [[3, /nested mappings/i]]);
    });
    it('reports a duplicate key at the second one', () => {
      assertRefused('rules:\n  broken-link: warning\n  broken-link: error\n', [[3, /unique/i]]);
    });
    it('reports an unclosed quote', () => {
      const r = parse('owners:\n  fields: ["owner]\n');
      assert.equal(r.config, undefined);
      assert.ok(r.problems.length >= 1);
      assert.ok(
        r.problems.every((p) => p.range.start.line >= 1),
        JSON.stringify(problems(r)),
      );
    });
  });

  describe('unknown keys, at every level, with "did you mean"', () => {
    it('at the top', () => {
      assertRefused('rules: {}\nownrs:\n  fields: [owner]\n', [[2, /unknown key "ownrs".*did you mean "owners"/]]);
    });
    it('at the top, with no near match', () => {
      const r = parse('theme: dark\n');
      assert.deepEqual(problems(r), ['1: unknown key "theme"; expected one of: kinds, owners, rules, ignore, charter, languages, statuses, staleProposalDays, references']);
    });
    it('in owners', () => {
      assertRefused('owners:\n  singleOwner: true\n  feilds: [owner]\n', [[3, /unknown key "feilds" in owners.*did you mean "fields"/]]);
    });
    it('in a kind', () => {
      assertRefused('kinds:\n  prd:\n    includes: ["a/*.md"]\n', [[3, /unknown key "includes" in kinds\.prd.*did you mean "include"/]]);
    });
    it("in a kind's owners", () => {
      assertRefused('kinds:\n  rfc:\n    include: [r/*.md]\n    owners:\n      field: [approver]\n', [[5, /unknown key "field" in kinds\.rfc\.owners.*did you mean "fields"/]]);
    });
    it('in a section', () => {
      const r = parse('kinds:\n  kep:\n    include: [k/*.md]\n    sections:\n      - { name: Summary }\n      - { name: Why, alias: [Motivation] }\n');
      assert.equal(r.config, undefined);
      assert.deepEqual(
        problems(r).map((p) => p.slice(0, 2)),
        ['6:'],
      );
      assert.match(r.problems[0].message, /unknown key "alias" in kinds\.kep\.sections\[1\].*did you mean "aliases"/);
    });
    it('an unknown rule id', () => {
      assertRefused('rules:\n  unowned-decisoin: error\n', [[2, /unknown rule "unowned-decisoin".*did you mean "unowned-decision"/]]);
    });
    it('a rule id in the wrong case', () => {
      assertRefused('rules:\n  Missing-Section: off\n', [[2, /unknown rule "Missing-Section".*did you mean "missing-section"/]]);
    });
    it('several problems, each at its own line, none applied', () => {
      assertRefused('ownrs: {}\nrules:\n  broken-lnk: off\nkinds:\n  adr:\n    decision: per-file\n', [
        [1, /"ownrs"/],
        [3, /"broken-lnk"/],
        [6, /"decision".*did you mean "decisions"/],
      ]);
    });
  });

  describe('wrong types and values', () => {
    it('kinds that is a list', () => {
      assertRefused('kinds: [prd, sdd]\n', [[1, /kinds must be a mapping/]]);
    });
    it('a kind that is a string', () => {
      assertRefused('kinds:\n  prd: docs/**/*.md\n', [[2, /kinds\.prd must be a mapping/]]);
    });
    it('owners.fields that is a number', () => {
      assertRefused('owners:\n  fields: 3\n', [[2, /owners\.fields must be a list of strings.*number "3"/]]);
    });
    it('owners.fields that is empty', () => {
      assertRefused('owners:\n  fields: []\n', [[2, /at least one/]]);
    });
    it('owners.fields holding a mapping', () => {
      assertRefused('owners:\n  fields:\n    - owner\n    - { name: dri }\n', [[4, /only strings/]]);
    });
    it('owners.fields as a single string is one field', () => {
      const r = parse('owners:\n  fields: approver\n');
      assert.deepEqual(r.config?.ownerFields, ['approver']);
    });
    it('singleOwner that is not a boolean', () => {
      assertRefused('owners:\n  singleOwner: "yes"\n', [[2, /singleOwner must be true or false.*text "yes"/]]);
    });
    it('decisions with an unknown mode', () => {
      assertRefused('kinds:\n  kep:\n    include: [k/*.md]\n    decisions: sometimes\n', [[4, /none, entries or per-file.*"sometimes"/]]);
    });
    it('documentOwner and area with wrong values', () => {
      assertRefused('kinds:\n  kep:\n    include: [k/*.md]\n    documentOwner: "yes"\n    area: sideways\n', [
        [4, /documentOwner must be true or false/],
        [5, /area must be one of why, what, how, who, when/],
      ]);
    });
    it('sections that is not a list, and a section that is a number', () => {
      assertRefused('kinds:\n  kep:\n    include: [k/*.md]\n    sections: Summary\n', [[4, /must be a list of sections/]]);
      assertRefused('kinds:\n  kep:\n    include: [k/*.md]\n    sections:\n      - Summary\n      - 42\n', [[6, /sections\[1\] must be a section name/]]);
    });
    it('a section without a name', () => {
      assertRefused('kinds:\n  kep:\n    include: [k/*.md]\n    sections:\n      - { aliases: [Overview] }\n', [[5, /sections\[0\] has no name/]]);
    });
    it('a kind name that is not lower-case kebab', () => {
      assertRefused('kinds:\n  One Pager:\n    include: [p/*.md]\n', [[2, /kind name "One Pager" must be lower case/]]);
    });
    it('a custom kind without include globs', () => {
      assertRefused('kinds:\n  kep: {}\n', [[2, /kind "kep" has no include globs/]]);
    });
    it('a section may be written as a plain name', () => {
      const r = parse('kinds:\n  onepager:\n    include: [one-pagers/*.md]\n    sections: [Summary, { name: Risks, required: false }]\n');
      assert.deepEqual(problems(r), []);
      const k = r.config!.kinds[0];
      assert.deepEqual(
        k.sections.map((s) => [s.name, s.required]),
        [
          ['Summary', true],
          ['Risks', false],
        ],
      );
    });
  });

  describe('severities', () => {
    it('reads every spelling of a severity', () => {
      const r = parse('rules:\n  missing-section: off\n  empty-section: warn\n  broken-link: Error\n  invalid-date: info\n  unknown-owner: false\n');
      assert.deepEqual(problems(r), []);
      assert.deepEqual(r.config!.rules, {
        'missing-section': 'off',
        'empty-section': 'warning',
        'broken-link': 'error',
        'invalid-date': 'info',
        'unknown-owner': 'off',
      });
    });
    it('refuses an invalid severity', () => {
      assertRefused('rules:\n  unowned-decision: loud\n', [[2, /rules\.unowned-decision must be off, info, warning or error.*"loud"/]]);
    });
    it('refuses a number as a severity', () => {
      assertRefused('rules:\n  broken-link: 2\n', [[2, /must be off, info, warning or error.*number "2"/]]);
    });
    it('refuses a missing severity', () => {
      assertRefused('rules:\n  broken-link:\n', [[2, /must be off, info, warning or error/]]);
    });
  });

  describe('globs and paths that leave the workspace', () => {
    it('refuses .. in ignore', () => {
      assertRefused('ignore: ["../shared/**"]\n', [[1, /"\.\.\/shared\/\*\*" reaches outside the workspace/]]);
    });
    it('refuses an absolute include', () => {
      assertRefused('kinds:\n  rfc:\n    include: ["/srv/rfcs/*.md"]\n', [[3, /kinds\.rfc\.include: "\/srv\/rfcs\/\*\.md" reaches outside/]]);
    });
    it('refuses a Windows drive path in exclude', () => {
      assertRefused('kinds:\n  prd:\n    exclude: ["C:/docs/*.md"]\n', [[3, /reaches outside/]]);
    });
    it('refuses a charter path outside the workspace', () => {
      assertRefused('charter: ../team/CHARTER.md\n', [[1, /outside the workspace/]]);
    });
    it('reports a bad glob in a block list at its own line', () => {
      assertRefused('ignore:\n  - vendor/**\n  - ../secrets/**\n', [[3, /"\.\.\/secrets\/\*\*" reaches outside/]]);
      assertRefused('kinds:\n  rfc:\n    include:\n      - rfcs/*.md\n      - /etc/rfcs/*.md\n', [[5, /"\/etc\/rfcs\/\*\.md" reaches outside/]]);
    });
    it('accepts globs with dots that stay inside', () => {
      const r = parse('ignore: ["./drafts/**", "docs/..hidden/*.md", ".github/**"]\ncharter: ./team/CHARTER.md\n');
      assert.deepEqual(problems(r), []);
      assert.equal(r.config!.charter, 'team/CHARTER.md');
    });
    it('escapesRoot', () => {
      assert.equal(escapesRoot('../x'), true);
      assert.equal(escapesRoot('a/../../x'), true);
      assert.equal(escapesRoot('/abs'), true);
      assert.equal(escapesRoot('D:\\docs'), true);
      assert.equal(escapesRoot('a/..b/c'), false);
      assert.equal(escapesRoot('docs/**/*.md'), false);
    });
  });

  describe('closest', () => {
    it('suggests a name within two edits, and nothing beyond', () => {
      assert.equal(closest('ownrs', ['kinds', 'owners']), 'owners');
      assert.equal(closest('IGNORE', ['kinds', 'ignore']), 'ignore');
      assert.equal(closest('theme', ['kinds', 'owners', 'rules', 'ignore', 'charter']), undefined);
    });
  });
});
