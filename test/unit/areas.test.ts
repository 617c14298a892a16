/**
 * The one vocabulary (server/src/core/areas.ts) and the kind flags (core/kinds.ts): every
 * area is spelled out once, the snippets agree with it, no other source file spells the
 * areas again, and behaviour follows the flags on a kind rather than its name.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AREA, AREAS, AREA_LABEL, AREAS_BY_ROLE, DEFAULT_AREA_ROLES, ROLE_SPLIT_SENTENCE, areaLabels, isArea, joinWords } from '../../server/src/core/areas';
import { builtinKinds, type KindSpec } from '../../server/src/core/kinds';
import { Classifier } from '../../server/src/core/classify';
import { defaultConfig, parseConfig } from '../../server/src/core/config';
import { readDocument } from '../../server/src/core/workspace';
import { documentSkeleton, newDocumentPath } from '../../server/src/core/templates';
import { RULE_IDS } from '../../server/src/core/rules/index';
import type { AnalyzedDocument } from '../../server/src/core/document';
import { buildIndex, checkDocument } from '../support/oracle';

const ROOT = path.resolve(__dirname, '../..');
const kinds = builtinKinds();
const kind = (pred: (k: KindSpec) => boolean | undefined) => kinds.filter(pred);

describe('the areas vocabulary', () => {
  it('lists the five areas in order, each with its label, questions, prompts and default role', () => {
    assert.deepEqual([...AREAS], ['why', 'what', 'how', 'who', 'when']);
    for (const a of AREAS) {
      const spec = AREA[a];
      assert.equal(spec.key, a);
      assert.equal(spec.label, a.charAt(0).toUpperCase() + a.slice(1));
      for (const text of [spec.question, spec.summary, spec.prompt, spec.fixPrompt, spec.snippet]) assert.ok(text.trim().length > 10, `${a}: ${text}`);
      assert.ok(['PM', 'EM'].includes(spec.role), `${a}: ${spec.role}`);
      assert.equal(DEFAULT_AREA_ROLES[a], spec.role);
      assert.equal(AREA_LABEL[a], spec.label);
      assert.ok(isArea(a));
    }
    assert.ok(!isArea('Why') && !isArea('whom'));
  });

  it('gives the PM the Why and the What, the EM the How, the Who and the When, in words', () => {
    assert.deepEqual(AREAS_BY_ROLE, [
      { role: 'PM', areas: ['why', 'what'] },
      { role: 'EM', areas: ['how', 'who', 'when'] },
    ]);
    assert.equal(ROLE_SPLIT_SENTENCE, 'The PM owns the Why and the What; the EM owns the How, the Who and the When.');
    assert.equal(areaLabels(['how', 'who', 'when'], '', 'or'), 'How, Who or When');
    assert.equal(joinWords([]), '');
    assert.equal(joinWords(['a']), 'a');
  });

  it('is what the built-in kinds name their area sections after', () => {
    for (const k of kinds) for (const s of k.sections) if (s.area) assert.equal(s.name, AREA[s.area].label, `${k.name}: ${s.name}`);
    const areasOf = (k: KindSpec) => k.sections.flatMap((s) => (s.area ? [s.area] : []));
    assert.deepEqual(kinds.flatMap(areasOf), [...AREAS], 'the PRD and the SDD answer the five areas between them, in order');
  });

  describe('the snippets (snippets/markdown.json) agree with it', () => {
    const snippets = JSON.parse(fs.readFileSync(path.join(ROOT, 'snippets/markdown.json'), 'utf8')) as Record<string, { prefix: string; body: string[] }>;
    for (const k of kind((x) => x.sections.some((s) => s.area))) {
      it(`the ${k.label} snippet: its type, owner role, PRD link, area headings and their placeholders`, () => {
        const snippet = Object.values(snippets).find((s) => s.prefix === k.name);
        assert.ok(snippet, `a snippet with prefix "${k.name}"`);
        const body = snippet!.body;
        assert.ok(body.includes(`type: ${k.name}`));
        const areas = k.sections.flatMap((s) => (s.area ? [s.area] : []));
        const owner = body.find((l) => l.startsWith('owner: '));
        assert.match(owner ?? '', new RegExp(`^owner: \\$\\{\\d+\\|${AREA[areas[0]].role},`), 'the first owner offered is the role that owns its areas');
        for (const a of areas) assert.equal(AREA[a].role, AREA[areas[0]].role, `${k.name}: one role owns all its areas`);
        assert.equal(
          body.some((l) => l.startsWith('prd: ')),
          Boolean(k.implementsPrd),
        );
        const headings = body.filter((l) => l.startsWith('## '));
        assert.deepEqual(
          headings,
          areas.map((a) => `## ${AREA[a].label}`),
        );
        for (const a of areas) {
          const at = body.indexOf(`## ${AREA[a].label}`);
          assert.match(body[at + 2], new RegExp(`^\\$\\{\\d+:${AREA[a].snippet.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\}$`), `${a}: the placeholder is the area's snippet text`);
        }
      });
    }
    it('the charter snippet states the default split of the areas', () => {
      const charter = Object.values(snippets).find((s) => s.prefix === kind((k) => k.holdsRoster)[0].name)!;
      assert.ok(charter.body.some((l) => l.includes(ROLE_SPLIT_SENTENCE)));
    });
  });

  it('is spelled out in no other source file (labels, lists, area-keyed tables, default roles)', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (p.endsWith('.ts')) files.push(p);
      }
    };
    walk(path.join(ROOT, 'server/src'));
    walk(path.join(ROOT, 'client/src'));
    const allowed = new Set(['server/src/core/areas.ts']);
    const patterns: [RegExp, string][] = [
      [/['"`](?:Why|What|How|Who|When)['"`]/, 'an area label as a string'],
      [/\b(?:why|what|how|who|when)\s*:\s*['"`](?:Why|What|How|Who|When|PM|EM)\b/, 'an area-keyed table of labels or roles'],
      [/\bwhy\s*:\s*['"`]/, 'an area-keyed table of texts'],
      [/['"]why['"]\s*(?:,|\|)\s*['"]what['"]/, 'the list of areas'],
      [/['"](?:why|what)['"]\s*\?\s*['"]PM['"]|===\s*['"]why['"]/, 'a default role decided by area'],
    ];
    const found: string[] = [];
    for (const f of files) {
      const rel = path.relative(ROOT, f).split(path.sep).join('/');
      if (allowed.has(rel)) continue;
      fs.readFileSync(f, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (/^\s*(?:\/\/|\*|\/\*)/.test(line)) return;
          for (const [re, what] of patterns) if (re.test(line)) found.push(`${rel}:${i + 1}: ${what}: ${line.trim()}`);
        });
    }
    assert.deepEqual(found, []);
  });
});

describe('kind flags', () => {
  const workspace = (files: Record<string, string>, configText?: string) => {
    const result = configText ? parseConfig(configText, RULE_IDS) : undefined;
    assert.deepEqual(result?.problems ?? [], []);
    const config = result?.config ?? defaultConfig();
    const classifier = new Classifier(config);
    const docs = Object.entries(files)
      .map(([p, t]) => readDocument(p, t, classifier))
      .filter((d): d is AnalyzedDocument => Boolean(d));
    return { index: buildIndex(config, classifier, docs, Object.keys(files)), config };
  };

  it('the built-in kinds: one holds the roster, one is the PRD, one implements it; labels are the names in capitals', () => {
    assert.deepEqual(
      kind((k) => k.holdsRoster).map((k) => k.name),
      ['charter'],
    );
    assert.deepEqual(
      kind((k) => k.isPrd).map((k) => k.name),
      ['prd'],
    );
    assert.deepEqual(
      kind((k) => k.implementsPrd).map((k) => k.name),
      ['sdd'],
    );
    assert.deepEqual(
      kinds.map((k) => k.label),
      ['PRD', 'SDD', 'DECISION-LOG', 'ADR', 'CHARTER', 'INDEX'],
    );
    // A decision folder's index is written by `charter index`, not by a New command.
    assert.deepEqual(
      kind((k) => k.indexesRecords).map((k) => k.name),
      ['decision-index'],
    );
    for (const k of kinds) assert.ok(k.create || k.indexesRecords, `${k.name}: the New command knows how to write one`);
  });

  it('a configured kind has no flags, and its name in capitals as its label', () => {
    const { config } = workspace({}, 'kinds:\n  rfc:\n    include: ["rfcs/**/*.md"]\n');
    const rfc = config.kinds.find((k) => k.name === 'rfc')!;
    assert.equal(rfc.label, 'RFC');
    assert.ok(!rfc.holdsRoster && !rfc.isPrd && !rfc.implementsPrd && !rfc.create && !rfc.typeAliases);
  });

  it('a configured built-in kind keeps its flags', () => {
    const { config } = workspace({}, 'kinds:\n  sdd:\n    include: ["design/**/*.md"]\n  charter:\n    include: ["TEAM.md"]\n');
    const sdd = config.kinds.find((k) => k.name === 'sdd')!;
    assert.ok(sdd.implementsPrd);
    assert.deepEqual(sdd.include, ['design/**/*.md']);
    assert.ok(config.kinds.find((k) => k.name === 'charter')!.holdsRoster);
  });

  it('`type: decisions` names the kind that lists it as an alias; a kind of that very name wins', () => {
    const log = kind((k) => k.typeAliases?.includes('decisions'))[0];
    assert.equal(new Classifier(defaultConfig()).kindByType('Decisions')?.name, log.name);
    const { config } = workspace({}, 'kinds:\n  decisions:\n    include: ["d/**/*.md"]\n');
    assert.equal(new Classifier(config).kindByType('decisions')?.name, 'decisions');
  });

  it('the `charter:` setting makes its file the kind that holds the roster', () => {
    const { index } = workspace({ 'team/people.md': '---\npeople:\n  - { name: Dana, role: PM }\n---\n# People\n' }, 'charter: team/people.md\n');
    const doc = index.documents.get('team/people.md');
    assert.ok(doc?.kind.holdsRoster);
    assert.deepEqual(
      doc!.roster?.people.map((p) => p.name),
      ['Dana'],
    );
  });

  it("a built-in kind with configured sections gets them in its skeleton, each asking its area's question", () => {
    const cfg = 'kinds:\n  prd:\n    sections:\n      - { name: Problem, area: why }\n      - { name: Scope, area: what }\n';
    const { config } = workspace({}, cfg);
    const prd = config.kinds.find((k) => k.name === 'prd')!;
    const text = documentSkeleton({ kind: 'prd', title: 'Saved carts', owner: 'Dana', today: '2026-11-21' }, prd);
    assert.equal(
      text,
      `---\ntype: prd\nowner: Dana\nstatus: draft\ndate: 2026-11-21\n---\n# Saved carts\n\n## Problem\n\n<!-- ${AREA.why.prompt} -->\n\n## Scope\n\n<!-- ${AREA.what.prompt} -->\n`,
    );
    const { index } = workspace({ 'prd/saved-carts.md': text }, cfg);
    const rules = checkDocument(index.documents.get('prd/saved-carts.md')!, index).map((d) => d.rule);
    assert.ok(!rules.includes('missing-section'), rules.join(', '));
  });

  it('the skeletons of the built-in kinds are unchanged, word for word', () => {
    const today = '2026-11-21';
    const sk = (k: string, prd?: string) => documentSkeleton({ kind: k, title: 'T', owner: 'Dana', today }, undefined, prd);
    assert.equal(
      sk('prd'),
      '---\ntype: prd\nowner: Dana\nstatus: draft\ndate: 2026-11-21\n---\n# T\n\n## Why\n\n<!-- Why is this problem worth solving now? Who has it, and what does it cost them? -->\n\n## What\n\n<!-- What exactly ships: requirements, scope, and what is out of scope. -->\n',
    );
    assert.equal(
      sk('sdd', '../prd/a.prd.md'),
      '---\ntype: sdd\nowner: Dana\nprd: ../prd/a.prd.md\nstatus: draft\ndate: 2026-11-21\n---\n# T\n\n## How\n\n<!-- The technical solution, the options considered and their trade-offs. -->\n\n## Who\n\n<!-- Which engineers build it, and who leads. -->\n\n## When\n\n<!-- The dates it reaches which customers: milestones. -->\n',
    );
    assert.ok(
      sk('charter').includes(
        '\n# T\n\nWho is who on this team, and who is accountable for what. The PM owns the Why and the What; the EM owns the How, the Who and the When.\n\n## Responsibilities\n',
      ),
    );
    assert.ok(sk('adr').startsWith('---\ntype: adr\nstatus: proposed\ndate: 2026-11-21\ndecision-makers: [Dana]\n---\n# T\n'));
    assert.ok(sk('decision-log').startsWith('---\ntype: decision-log\n---\n# T\n\nOne entry per decision'));
    // A kind Charter does not know: its name, its owner and date, nothing else.
    assert.equal(sk('memo'), '---\ntype: memo\nowner: Dana\ndate: 2026-11-21\n---\n# T\n\n');
  });

  it('new documents go where their kind says: numbered records, the charter and the log at their usual paths', () => {
    const { index } = workspace({ 'docs/adr/0007-x.md': '# X\n' });
    const none = () => false;
    assert.equal(newDocumentPath(index, 'adr', 'Use queues', none), 'docs/adr/0008-use-queues.md');
    assert.equal(newDocumentPath(index, 'charter', 'Team', none), 'docs/CHARTER.md');
    assert.equal(newDocumentPath(index, 'decision-log', 'Log', none), 'docs/DECISIONS.md');
    assert.equal(
      newDocumentPath(index, 'decision-log', 'Pricing', (p) => p === 'docs/DECISIONS.md' || p === 'DECISIONS.md'),
      'docs/pricing/DECISIONS.md',
    );
  });
});
