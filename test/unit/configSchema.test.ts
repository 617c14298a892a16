/**
 * The JSON schema of `.charter.yaml` (schemas/charter.schema.json, for YAML editors) and the
 * parser (server/src/core/config.ts) accept exactly the same values: both are held to ONE list
 * of cases here. And the rule whose severity cannot be set (invalid-config) is offered neither
 * by the schema nor by the `charter.rules` setting.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import Ajv from 'ajv';
import { parse as parseYaml } from 'yaml';
import { parseConfig, FIXED_RULES } from '../../server/src/core/config';
import { RULE_IDS } from '../../server/src/core/rules/index';
import { readSettings } from '../../server/src/core/settings';

const ROOT = path.resolve(__dirname, '../..');
const schema = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/charter.schema.json'), 'utf8'));
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

/** [.charter.yaml text, accepted?] — the one list both must agree with. */
const CASES: [string, boolean][] = [
  // the whole file
  ['', true],
  ['# only a comment\n', true],
  ['- kinds\n', false],
  ['42\n', false],
  ['bogus: 1\n', false],
  // rules: the four severities, the parser's other words in any case, false
  ['rules:\n  missing-section: off\n  empty-section: info\n  unowned-decision: warning\n  multiple-owners: error\n', true],
  ['rules:\n  missing-section: warn\n', true],
  ['rules:\n  missing-section: hint\n', true],
  ['rules:\n  missing-section: none\n', true],
  ['rules:\n  missing-section: information\n', true],
  ['rules:\n  missing-section: Warning\n', true],
  ['rules:\n  missing-section: ERROR\n', true],
  ['rules:\n  missing-section: false\n', true],
  ['rules:\n  missing-section: "false"\n', true],
  ['rules:\n  missing-section: true\n', false],
  ['rules:\n  missing-section: fatal\n', false],
  ['rules:\n  missing-section: 2\n', false],
  ['rules:\n  missing-section:\n', false],
  ['rules:\n  missing-section: [error]\n', false],
  ['rules:\n  unowned-decison: error\n', false],
  ['rules:\n  invalid-config: off\n', false],
  ['rules:\n  invalid-config: error\n', false],
  ['rules: []\n', false],
  ['rules:\n', false],
  ['rules: {}\n', true],
  // ignore: a list, or one string; never outside the root
  ['ignore:\n  - "drafts/**"\n', true],
  ['ignore: "drafts/**"\n', true],
  ['ignore: []\n', true],
  ['ignore: [2024]\n', true],
  ['ignore: ["../elsewhere/**"]\n', false],
  ['ignore: "/etc/**"\n', false],
  ['ignore: ["C:\\\\docs\\\\**"]\n', false],
  ['ignore: ["a/../b"]\n', false],
  ['ignore: ["a..b/**"]\n', true],
  ['ignore: [{ a: 1 }]\n', false],
  ['ignore: true\n', false],
  ['ignore:\n', false],
  // references: files read for decision ids only
  ['references:\n  include: ["src/**/*.ts"]\n', true],
  ['references:\n  include: "src/**"\n', true],
  ['references:\n  include: ["../other/**"]\n', false],
  ['references:\n  exclude: ["x"]\n', false],
  ['references: ["src/**"]\n', false],
  // a kind's id prefixes
  ['kinds:\n  adr:\n    ids: [ADR, DR]\n', true],
  ['kinds:\n  rfc:\n    include: ["rfcs/*.md"]\n    decisions: per-file\n    ids: RFC\n', true],
  ['kinds:\n  adr:\n    ids: ["ADR-"]\n', false],
  // charter
  ['charter: team/charter.md\n', true],
  ['charter: ./team/charter.md\n', true],
  ['charter: ""\n', false],
  ['charter: "  "\n', false],
  ['charter: ../charter.md\n', false],
  ['charter: 3\n', false],
  ['statuses:\n  accepted: [ratified, signed off]\n', true],
  ['statuses:\n  approved: [ratified]\n', false],
  ['statuses: [ratified]\n', false],
  ['staleProposalDays: 120\n', true],
  ['staleProposalDays: 0\n', false],
  ['staleProposalDays: "90"\n', false],
  ['staleProposalDays: 1.5\n', false],
  // owners
  ['owners:\n  fields: [approver, decided by]\n  singleOwner: false\n', true],
  ['owners:\n  fields: approver\n', true],
  ['owners:\n  fields: []\n', false],
  ['owners:\n  singleOwner: maybe\n', false],
  ['owners:\n  singleOwner: yes\n', false],
  ['owners:\n  fieldz: [owner]\n', false],
  ['owners: [owner]\n', false],
  // built-in kinds: only the keys given change
  ['kinds:\n  prd:\n', true],
  ['kinds:\n  prd:\n    include: ["product/**/*.md"]\n    exclude: "product/archive/**"\n', true],
  ['kinds:\n  prd:\n    include: []\n', true],
  ['kinds:\n  sdd:\n    sections:\n      - How\n      - { name: Who, aliases: [Team], required: false, area: who }\n      - { name: When, aliases: Timeline, area: WHEN }\n', true],
  ['kinds:\n  sdd:\n    sections: []\n', true],
  ['kinds:\n  sdd:\n    sections: How\n', false],
  ['kinds:\n  sdd:\n    sections: [""]\n', false],
  ['kinds:\n  sdd:\n    sections: [3]\n', false],
  ['kinds:\n  sdd:\n    sections: [{ aliases: [Team] }]\n', false],
  ['kinds:\n  sdd:\n    sections: [{ name: "" }]\n', false],
  ['kinds:\n  sdd:\n    sections: [{ name: Who, area: where }]\n', false],
  ['kinds:\n  sdd:\n    sections: [{ name: Who, required: "no" }]\n', false],
  ['kinds:\n  sdd:\n    sections: [{ name: Who, colour: red }]\n', false],
  ['kinds:\n  adr:\n    decisions: per-file\n    area: How\n    documentOwner: true\n', true],
  ['kinds:\n  adr:\n    decisions: Per-File\n', false],
  ['kinds:\n  adr:\n    decisions: many\n', false],
  ['kinds:\n  adr:\n    area: somewhere\n', false],
  ['kinds:\n  adr:\n    documentOwner: "true"\n', false],
  ['kinds:\n  adr:\n    owners: { fields: [approver] }\n', true],
  ['kinds:\n  adr:\n    owners: { fields: [] }\n', true],
  ['kinds:\n  adr:\n    owners: { singleOwner: true }\n', false],
  ['kinds:\n  adr:\n    owners: approver\n', false],
  ['kinds:\n  prd: 5\n', false],
  ['kinds:\n  prd:\n    include: ["../x/*.md"]\n', false],
  ['kinds:\n  prd:\n    templates: true\n', false],
  // kinds of one's own: a name of lower case letters, digits and dashes, and include globs
  ['kinds:\n  rfc:\n    include: ["rfcs/[0-9]*-*.md"]\n    sections: [Summary]\n', true],
  ['kinds:\n  rfc:\n    include: "rfcs/*.md"\n', true],
  ['kinds:\n  rfc:\n', false],
  ['kinds:\n  rfc:\n    sections: [Summary]\n', false],
  ['kinds:\n  rfc:\n    include: []\n', false],
  ['kinds:\n  RFC:\n    include: ["rfcs/*.md"]\n', false],
  ['kinds:\n  2fa:\n    include: ["x/*.md"]\n', false],
  ['kinds:\n  one-pager:\n    include: ["pitches/**/*.md"]\n', true],
  ['kinds: []\n', false],
  ['kinds:\n', false],
];

describe('.charter.yaml: the schema and the parser accept the same values', () => {
  const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
  const validate = ajv.compile(schema);

  it(`agree on each of ${CASES.length} cases`, () => {
    const wrong: string[] = [];
    for (const [text, accepted] of CASES) {
      const parsed = parseConfig(text, RULE_IDS);
      const parser = parsed.config !== undefined;
      const schemaSays = validate(parseYaml(text) ?? null);
      if (parser !== accepted)
        wrong.push(`parser ${parser ? 'accepts' : 'rejects'} ${JSON.stringify(text)}${parser ? '' : `: ${parsed.problems.map((p) => p.message).join('; ')}`}`);
      if (schemaSays !== accepted) wrong.push(`schema ${schemaSays ? 'accepts' : 'rejects'} ${JSON.stringify(text)}${schemaSays ? '' : `: ${ajv.errorsText(validate.errors)}`}`);
    }
    assert.deepEqual(wrong, []);
  });

  it("accepts the examples' and the README's configurations", () => {
    const files = ['examples/.charter.yaml'].map((f) => path.join(ROOT, f)).filter((f) => fs.existsSync(f));
    const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)]
      .map((m) => m[1])
      .filter((b) => /^(kinds|owners|rules|ignore|charter):/m.test(b) && !/^(name|jobs|repos):/m.test(b));
    const texts = [...files.map((f) => fs.readFileSync(f, 'utf8')), ...blocks];
    assert.ok(texts.length > 0);
    for (const t of texts) {
      assert.ok(parseConfig(t, RULE_IDS).config, `the parser accepts:\n${t}`);
      assert.ok(validate(parseYaml(t) ?? null), `the schema accepts:\n${t}\n${ajv.errorsText(validate.errors)}`);
    }
  });

  it('tells why rules.invalid-config cannot be set', () => {
    const r = parseConfig('rules:\n  invalid-config: off\n', RULE_IDS);
    assert.equal(r.config, undefined);
    assert.match(r.problems[0].message, /^rules\.invalid-config cannot be set: .* always an error; remove this line$/);
    assert.equal(r.problems[0].range.start.line, 1);
    // An unknown rule's list of the expected ids does not offer it either.
    const typo = parseConfig('rules:\n  invalid-conifg: off\n', RULE_IDS);
    assert.doesNotMatch(typo.problems[0].message, /invalid-config/);
  });
});

describe('charter.rules["invalid-config"] is not offered, since nothing could honour it', () => {
  it("is not in the setting's schema, nor in the .charter.yaml schema", () => {
    for (const id of FIXED_RULES) {
      assert.equal(pkg.contributes.configuration.properties['charter.rules'].properties[id], undefined);
      assert.equal(schema.properties.rules.properties[id], undefined);
    }
    // Every other rule is offered in both.
    const offered = RULE_IDS.filter((id) => !FIXED_RULES.includes(id));
    assert.deepEqual(Object.keys(pkg.contributes.configuration.properties['charter.rules'].properties), offered);
    assert.deepEqual(Object.keys(schema.properties.rules.properties), offered);
  });

  it('is ignored when a client sends it anyway', () => {
    assert.deepEqual(readSettings({ rules: { 'invalid-config': 'off', 'missing-section': 'error' } }).rules, { 'missing-section': 'error' });
  });
});
