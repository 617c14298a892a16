/**
 * Sections and decision fields by the names real templates use, and documents in other
 * languages: in-memory documents read through the same core API the checker uses.
 */
import * as assert from 'node:assert/strict';
import { Classifier } from '../../server/src/core/classify';
import { defaultConfig, parseConfig, type Config } from '../../server/src/core/config';
import { readDocument, withFolders } from '../../server/src/core/workspace';
import { RULE_IDS } from '../../server/src/core/rules/index';
import { DECISION_FIELDS, SECTION_NAMES, type DecisionField } from '../../server/src/core/kinds';
import { languageOfText, languageOfValue } from '../../server/src/core/languages';
import { lexiconFor } from '../../server/src/core/lexicon';
import { builtinLanguages } from '../../server/src/core/vocabularies';
import { termKey } from '../../server/src/core/syntax';
import type { Finding } from '../../server/src/core/types';
import { buildIndex, checkDocument } from '../support/oracle';

function analyze(path: string, text: string, config: Config = defaultConfig()) {
  const classifier = new Classifier(config);
  const doc = readDocument(path, text, classifier);
  assert.ok(doc, `${path} is not recognised`);
  const index = buildIndex(config, classifier, [doc], withFolders([path]));
  return { doc, findings: checkDocument(doc, index) };
}

const rules = (f: Finding[]) => f.map((d) => d.rule);
const sectionsMissing = (f: Finding[]) => f.filter((d) => d.rule === 'missing-section').map((d) => d.data?.section);

const LOREM_EN =
  'We need to pick the queue that the billing service will use for its events. The current setup is slow and it is not easy to run, which is why the team has looked at the options and written down what each would cost us over the next year.';

describe('termKey: how headings and field names are compared', () => {
  const same: [string, string][] = [
    ['Requirements', 'Requirement'],
    ['Motivations', 'Motivation'],
    ['Consequence', 'Consequences'],
    ['Context & Problem Statement', 'Context and problem statement'],
    ['2.1 Decision outcome:', 'Decision Outcome'],
    ['🚀 Goals (optional)', 'goals'],
    ['Decisão', 'decisao'],
    ['Décision', 'Decision'],
    ['Decision maker(s)', 'decision maker'],
    ['Decisor(es)', 'decisor'],
    ['Vor- und Nachteile', 'vor nachteile'],
    ['Status', 'status'],
  ];
  for (const [a, b] of same) it(`"${a}" = "${b}"`, () => assert.equal(termKey(a), termKey(b)));
  it('keeps different words different', () => {
    assert.notEqual(termKey('What'), termKey('Whatever'));
    assert.notEqual(termKey('Context'), termKey('Contexts and problems of scale'));
    assert.notEqual(termKey('Pros'), termKey('Process'));
  });
});

describe("one table for an ADR's sections and its decision's fields", () => {
  const config = defaultConfig();
  const adr = config.kinds.find((k) => k.name === 'adr')!;
  const languages = [undefined, ...Object.keys(config.languages)];

  for (const code of languages) {
    const lex = lexiconFor(config.languages, code ? [code] : []);
    for (const spec of adr.sections) {
      const field = lex.fieldOfSection(spec, adr)!;
      it(`${code ?? 'en'}: every heading of the ADR's ${spec.name} is its ${field} field, and back`, () => {
        assert.ok(field, `${spec.name} holds no field`);
        const headings = lex.namesOf(spec, adr);
        const fieldNames = lex.fieldNames(field);
        // Same names both ways (compared as Charter compares them).
        assert.deepEqual(new Set(headings.map(termKey)), new Set([spec.name, ...fieldNames].map(termKey)));
        for (const h of headings) {
          const front = code ? `---\nlang: ${code}\n---\n` : '';
          const text = `${front}# Use Kafka\n\nDate: 2024-03-01\nDeciders: Dana\n\n## ${h}\n\nThe words of this part, written out.\n`;
          const { doc } = analyze('docs/adr/0001-use-kafka.md', text, config);
          assert.ok(!doc.missingSections.includes(spec), `"## ${h}" does not count as the ${spec.name} section`);
          const held = lex.field(h) ?? field;
          assert.ok(doc.decisions[0].fields[held], `"## ${h}" does not give the decision its ${held}`);
          if (held !== field) assert.fail(`"## ${h}" is the ${spec.name} section but the ${held} field`);
        }
      });
    }
  }

  it('a Context given as a field line is not a missing section', () => {
    const text =
      '# Use Kafka\n\n**Status:** accepted\n**Date:** 2024-03-01\n**Deciders:** Dana\n**Issue:** events are lost when the consumer restarts\n**Decision:** Kafka, with a retention of seven days\n';
    const { doc, findings } = analyze('docs/adr/0002-use-kafka.md', text);
    assert.deepEqual(
      doc.missingSections.map((s) => s.name),
      [],
    );
    assert.ok(doc.decisions[0].fields.context && doc.decisions[0].fields.decision);
    assert.deepEqual(rules(findings), []);
  });

  it('a Context field left as a placeholder leaves the section missing', () => {
    const text = '# Use Kafka\n\nDate: 2024-03-01\nDeciders: Dana\nContext: TBD\n\n## Decision\n\nKafka.\n';
    const { doc } = analyze('docs/adr/0003-use-kafka.md', text);
    assert.deepEqual(
      doc.missingSections.map((s) => s.name),
      ['Context'],
    );
  });

  it('a section configured with its own aliases gives the field too', () => {
    const r = parseConfig('kinds:\n  adr:\n    sections:\n      - { name: Context, aliases: [Situation] }\n      - Decision\n', RULE_IDS);
    assert.ok(r.config, JSON.stringify(r.problems));
    const { doc } = analyze('docs/adr/0004-x.md', '# X\n\nDate: 2024-03-01\nDeciders: Dana\n\n## Situation\n\nWhy.\n\n## Decision\n\nThis.\n', r.config);
    assert.deepEqual(doc.missingSections, []);
    assert.equal(doc.decisions[0].fields.context?.value, 'Situation');
  });
});

describe('a heading answers one area only', () => {
  const config = defaultConfig();
  for (const kind of config.kinds) {
    if (kind.sections.length < 2) continue;
    for (const code of [undefined, ...Object.keys(config.languages)]) {
      it(`${kind.name} (${code ?? 'en'})`, () => {
        const lex = lexiconFor(config.languages, code ? [code] : []);
        const owner = new Map<string, string>();
        for (const spec of kind.sections) {
          for (const name of lex.namesOf(spec, kind)) {
            const k = termKey(name);
            const before = owner.get(k);
            assert.ok(!before || before === spec.name, `"${name}" counts for both ${before} and ${spec.name}`);
            owner.set(k, spec.name);
          }
        }
      });
    }
  }
  it('a decision field name stands for one field', () => {
    const seen = new Map<string, string>();
    for (const [f, names] of Object.entries(DECISION_FIELDS)) {
      for (const n of names) {
        const before = seen.get(termKey(n));
        assert.ok(!before || before === f, `"${n}" is both ${before} and ${f}`);
        seen.set(termKey(n), f);
      }
    }
    for (const v of Object.values(builtinLanguages())) {
      const mine = new Map<string, string>();
      for (const [f, names] of Object.entries(v.fields)) {
        for (const n of names ?? []) {
          const before = mine.get(termKey(n));
          assert.ok(!before || before === f, `${v.code}: "${n}" is both ${before} and ${f}`);
          mine.set(termKey(n), f);
        }
      }
    }
  });
});

describe('the names real templates use (English)', () => {
  it('a PRD with Problem, Goals, Non-goals, Requirements and Success metrics has its Why and What', () => {
    const text =
      '---\nowner: Dana\n---\n# Faster checkout\n\n## Problem\n\nCarts are abandoned.\n\n## Goals\n\nHalve it.\n\n## Non-goals\n\nA new design.\n\n## Requirements\n\nOne page.\n\n## Success metrics\n\nAbandonment rate.\n';
    const { doc } = analyze('docs/prd/checkout.md', text);
    assert.deepEqual(
      doc.sections.map((s) => [s.spec.name, s.heading.text]),
      [
        ['Why', 'Problem'],
        ['What', 'Requirements'],
      ],
    );
  });

  it('a PRD with only Background and User stories has both areas', () => {
    const { doc } = analyze('docs/prd/search.md', '---\nowner: Dana\n---\n# Search\n\n## 1. Background\n\nSlow.\n\n## 2. User Stories\n\nAs a buyer…\n');
    assert.deepEqual(doc.missingSections, []);
  });

  it('an SDD with Proposed design, Staffing and Rollout plan has How, Who and When', () => {
    const { doc } = analyze(
      'docs/sdd/search.md',
      '---\nowner: Evan\n---\n# Search\n\n## Proposed Design\n\nAn index.\n\n## Staffing\n\nTwo engineers.\n\n## Rollout plan\n\nMay.\n',
    );
    assert.deepEqual(doc.missingSections, []);
  });

  it('a Tyree & Akerman record: Issue, Decision, Positions, Argument, Implications', () => {
    const text =
      '# Use Kafka\n\nDate: 2024-03-01\nDecided by: Dana\n\n## Issue\n\nEvents get lost.\n\n## Decision\n\nKafka.\n\n## Status\n\nDecided.\n\n## Positions\n\nKafka, RabbitMQ.\n\n## Argument\n\nReplay.\n\n## Implications\n\nAn ops burden.\n';
    const { doc, findings } = analyze('docs/adr/0005-kafka.md', text);
    assert.deepEqual(doc.missingSections, []);
    const f = doc.decisions[0].fields;
    assert.deepEqual([f.context?.value, f.decision?.value, f.alternatives?.value, f['trade-offs']?.value], ['Issue', 'Decision', 'Positions', 'Implications']);
    assert.deepEqual(rules(findings), []);
  });

  it('a business-case record: Evaluation criteria, Candidates to consider, Recommendation', () => {
    const text = '# Pick a CRM\n\nDate: 2024-03-01\nOwner: Dana\n\n## Evaluation criteria\n\nCost.\n\n## Candidates to consider\n\nA, B.\n\n## Recommendation\n\nA.\n';
    const { doc } = analyze('docs/adr/0006-crm.md', text);
    assert.deepEqual(doc.missingSections, []);
  });

  it('a Y-statement gives the context and the decision', () => {
    const text =
      '# Use Kafka\n\nDate: 2024-03-01\nDeciders: Dana\n\nIn the context of the billing events, facing lost messages on restarts,\nwe decided for Kafka and neglected RabbitMQ, to achieve replay, accepting an ops burden.\n';
    const { doc, findings } = analyze('docs/adr/0007-kafka.md', text);
    assert.deepEqual(doc.missingSections, []);
    assert.equal(doc.decisions[0].fields.decision?.range.start.line, 6);
    assert.deepEqual(rules(findings), []);
  });

  it('a decision log entry with What and Who', () => {
    const text = '# Decisions\n\n## Move to Kafka\n\nWhen: 2024-03-01\nDate: 2024-03-01\nWhat: Kafka for billing events\nWho: Dana\nWhy: events get lost\n';
    const { doc, findings } = analyze('DECISIONS.md', text);
    assert.equal(doc.decisions.length, 1);
    assert.deepEqual(doc.decisions[0].owner?.names, ['Dana']);
    assert.equal(doc.decisions[0].fields.decision?.value, 'Kafka for billing events');
    assert.equal(doc.decisions[0].fields.context?.value, 'events get lost');
    assert.deepEqual(rules(findings), []);
  });

  it('"Who" in an SDD is the Who area, not an owner', () => {
    const { doc } = analyze('docs/sdd/x.md', '---\nowner: Evan\n---\n# X\n\n## How\n\nAn index.\n\n## Who\n\nWho: the search team\n\n## When\n\nMay.\n');
    assert.deepEqual(doc.missingSections, []);
    assert.equal(doc.sections.find((s) => s.spec.name === 'Who')?.owner, undefined);
  });

  it('a "Step | Who" checklist in a log is not a decision table', () => {
    const { doc } = analyze('DECISIONS.md', '# Log\n\n## Release\n\n| Step | Who |\n|---|---|\n| Tag | Sam |\n');
    assert.deepEqual(doc.decisions, []);
  });

  it('a "What | Who | Date" table in a log is one decision per row', () => {
    const { doc } = analyze('DECISIONS.md', '# Log\n\n| Date | What | Who |\n|---|---|---|\n| 2024-03-01 | Kafka | Dana |\n');
    assert.equal(doc.decisions.length, 1);
    assert.deepEqual(doc.decisions[0].owner?.names, ['Dana']);
  });

  it('lists at most a few alternative headings in the message', () => {
    const { findings } = analyze('docs/prd/x.md', '---\nowner: Dana\n---\n# X\n\n## Requirements\n\nOne page.\n');
    const m = findings.find((f) => f.rule === 'missing-section')!.message;
    assert.match(m, /^PRD has no "Why" section \(these headings count too: "Problem", .* and \d+ more\)$/);
  });
});

describe('documents in other languages', () => {
  const prds: [string, string, string][] = [
    ['pt', 'Problema', 'Requisitos'],
    ['es', 'Planteamiento del problema', 'Requisitos funcionales'],
    ['fr', 'Problème', 'Exigences'],
    ['de', 'Problemstellung', 'Anforderungen'],
  ];
  for (const [code, why, what] of prds) {
    it(`${code}: a PRD headed "${why}" and "${what}" has its Why and What, found from its headings`, () => {
      const { doc, findings } = analyze('docs/prd/x.md', `---\nowner: Dana\n---\n# X\n\n## ${why}\n\nText.\n\n## ${what}\n\nText.\n`);
      assert.deepEqual(doc.missingSections, []);
      assert.equal(doc.language?.source, 'headings');
      assert.ok(doc.language?.code.split('+').includes(code), doc.language?.code);
      assert.deepEqual(rules(findings), []);
    });
  }

  it('a PRD missing its What lists the headings of its own language', () => {
    const { findings } = analyze('docs/prd/x.md', '---\nowner: Dana\nlang: pt-BR\n---\n# X\n\n## Problema\n\nTexto.\n');
    const m = findings.find((f) => f.rule === 'missing-section')!;
    assert.equal(m.severity, 'warning');
    assert.match(m.message, /"Requisitos"/);
  });

  const adrs: [string, string, string, string, string][] = [
    ['pt', 'Contexto e Problema', 'Decisão', 'Responsável', 'Data'],
    ['es', 'Contexto', 'Decisión', 'Responsable', 'Fecha'],
    ['fr', 'Contexte et énoncé du problème', 'Résultat de la décision', 'Décideurs', 'Date'],
    ['de', 'Kontext und Problemstellung', 'Entscheidung', 'Entscheider', 'Datum'],
  ];
  for (const [code, context, decision, owner, date] of adrs) {
    it(`${code}: an ADR with "${context}", "${decision}", "${owner}:" and "${date}:" is whole`, () => {
      const text = `# Kafka\n\n${date}: 2024-03-01\n${owner}: Dana\n\n## ${context}\n\nTexto.\n\n## ${decision}\n\nKafka.\n`;
      const { doc, findings } = analyze('docs/adr/0001-kafka.md', text);
      assert.deepEqual(doc.missingSections, []);
      assert.deepEqual(doc.decisions[0].owner?.names, ['Dana']);
      assert.equal(doc.decisions[0].fields.date?.value, '2024-03-01');
      assert.deepEqual(rules(findings), []);
    });
  }

  it("MADR's German template front matter (entscheidende, datum) is read", () => {
    const text =
      '---\nlang: de_DE\nstatus: akzeptiert\ndatum: 2024-03-01\nentscheidende: Dana\n---\n# Kafka\n\n## Kontext und Problemstellung\n\nText.\n\n## Entscheidung\n\nKafka.\n';
    const { doc, findings } = analyze('docs/adr/0002-kafka.md', text);
    assert.equal(doc.language?.code, 'de');
    assert.deepEqual(doc.decisions[0].owner?.names, ['Dana']);
    assert.deepEqual(rules(findings), []);
  });

  it('a Portuguese decision log: Quem, O que, Data', () => {
    const text = '# Decisões\n\n## Usar Kafka\n\nData: 2024-03-01\nDecisão: Kafka\nQuem: Dana\n';
    const { doc, findings } = analyze('DECISIONS.md', text);
    assert.deepEqual(doc.decisions[0].owner?.names, ['Dana']);
    assert.deepEqual(rules(findings), []);
  });

  it('a language in front matter that Charter does not know: no missing findings, one note', () => {
    const text = '---\nlang: it\n---\n# Pagamenti più veloci\n\n## Contesto\n\nI clienti abbandonano il carrello.\n\n## Requisiti\n\nUna sola pagina.\n';
    const { doc, findings } = analyze('docs/prd/x.md', text);
    assert.equal(doc.language?.known, false);
    assert.deepEqual(
      findings.map((f) => [f.rule, f.severity]),
      [['missing-section', 'info']],
    );
    assert.match(findings[0].message, /Italian \(it\).*languages\.it in \.charter\.yaml/);
  });

  it('Italian text with no lang: is recognised as a language Charter does not know', () => {
    const text =
      '# Pagamenti più veloci\n\n## Problema\n\nI clienti abbandonano il carrello perché la pagina di pagamento è lenta e non è chiaro quanto costa la spedizione. ' +
      'Questo è il problema più grande del negozio, e per questo vogliamo una sola pagina con il prezzo della spedizione già incluso nel totale, come fanno gli altri negozi della zona.\n\n' +
      '## Requisiti\n\nUna sola pagina per il pagamento, con il totale della spedizione e delle tasse, che si carica in meno di un secondo anche sul telefono.\n';
    const { doc, findings } = analyze('docs/prd/x.md', text);
    assert.equal(doc.language?.code, 'it');
    assert.equal(doc.language?.known, false);
    assert.deepEqual(sectionsMissing(findings), [undefined]);
    assert.deepEqual(rules(findings), ['missing-section']);
    assert.equal(findings[0].severity, 'info');
  });

  it('Japanese text: no missing findings, one note', () => {
    const para = 'このドキュメントでは、決済ページの改善について説明します。顧客がカートを放棄する理由を調査し、配送料を最初から表示することにしました。';
    const text = `# 決済の改善\n\n## 背景\n\n${para.repeat(4)}\n\n## 決定\n\n${para.repeat(3)}\n`;
    const { doc, findings } = analyze('docs/adr/0001-payments.md', text);
    assert.equal(doc.language?.known, false);
    assert.deepEqual(
      findings.map((f) => [f.rule, f.severity]),
      [['missing-section', 'info']],
    );
    assert.match(findings[0].message, /a language other than English/);
  });

  it('an English document missing a section is still told so', () => {
    const { findings } = analyze('docs/prd/x.md', `---\nowner: Dana\n---\n# X\n\n## Overview\n\n${LOREM_EN}\n\n## Requirements\n\n${LOREM_EN}\n`);
    assert.deepEqual(
      findings.map((f) => [f.rule, f.severity]),
      [['missing-section', 'warning']],
    );
  });

  it('a known language with English template headings keeps its findings', () => {
    const pt =
      'Precisamos escolher a fila que o serviço de cobrança vai usar para os seus eventos. A configuração atual é lenta e não é fácil de operar, por isso a equipe olhou as opções e escreveu o que cada uma custaria para nós no próximo ano, com os prós e contras de cada uma delas.';
    const { doc, findings } = analyze('docs/adr/0001-fila.md', `# Fila\n\nDate: 2024-03-01\nDeciders: Dana\n\n## Context\n\n${pt}\n\n## Considered options\n\n${pt}\n`);
    assert.equal(doc.language?.code, 'pt');
    assert.deepEqual(sectionsMissing(findings), ['decision']);
  });
});

describe('telling the language', () => {
  const langs = builtinLanguages();
  it('reads lang:, language: and locale: values', () => {
    assert.equal(languageOfValue('pt-BR', 'lang', langs)?.code, 'pt');
    assert.equal(languageOfValue('de_DE', 'locale', langs)?.code, 'de');
    assert.equal(languageOfValue('Français', 'language', langs)?.code, 'fr');
    assert.equal(languageOfValue('Italian', 'language', langs)?.known, false);
    assert.equal(languageOfValue('en-GB', 'lang', langs)?.known, true);
    // A programming language is not a natural one.
    assert.equal(languageOfValue('typescript', 'language', langs), undefined);
    assert.equal(languageOfValue('go', 'language', langs), undefined);
  });
  const texts: [string, string][] = [
    ['en', LOREM_EN],
    [
      'pt',
      'Precisamos escolher a fila que o serviço de cobrança vai usar para os seus eventos. A configuração atual é lenta e não é fácil de operar, por isso a equipe olhou as opções e escreveu o que cada uma custaria no próximo ano.',
    ],
    [
      'es',
      'Necesitamos elegir la cola que el servicio de cobros va a usar para sus eventos. La configuración actual es lenta y no es fácil de operar, por eso el equipo miró las opciones y escribió lo que costaría cada una en el próximo año.',
    ],
    [
      'fr',
      "Nous devons choisir la file que le service de facturation va utiliser pour ses événements. La configuration actuelle est lente et pas facile à exploiter, c'est pourquoi l'équipe a regardé les options et a écrit ce que chacune coûterait sur l'année.",
    ],
    [
      'de',
      'Wir müssen die Warteschlange wählen, die der Abrechnungsdienst für seine Ereignisse verwenden wird. Die aktuelle Lösung ist langsam und nicht einfach zu betreiben, deshalb hat das Team die Optionen angesehen und aufgeschrieben, was jede im nächsten Jahr kosten würde.',
    ],
    [
      'it',
      'Dobbiamo scegliere la coda che il servizio di fatturazione userà per i suoi eventi. La configurazione attuale è lenta e non è facile da gestire, per questo il gruppo ha guardato le opzioni e ha scritto quanto costerebbe ciascuna nel prossimo anno.',
    ],
    [
      'nl',
      'We moeten de wachtrij kiezen die de factureringsdienst voor zijn gebeurtenissen gaat gebruiken. De huidige opzet is traag en niet makkelijk te beheren, daarom heeft het team naar de opties gekeken en opgeschreven wat elke optie het komende jaar zou kosten.',
    ],
  ];
  for (const [code, text] of texts) {
    it(`tells ${code} from its text`, () => assert.equal(languageOfText(`${text}\n\n${text}`, langs).code, code));
  }
  it('says English for a short text or code', () => {
    assert.equal(languageOfText('# Titel\n\nKurz.\n', langs).code, 'en');
    assert.equal(languageOfText('```\nconst x = 1;\n```\n', langs).code, 'en');
  });
});

describe('languages: in .charter.yaml', () => {
  it('adds a language, which then counts', () => {
    const yaml =
      'languages:\n  it:\n    name: Italian\n    sections:\n      Why: [Contesto]\n      what: [Requisiti]\n    fields:\n      decision: [Decisione]\n      owner: [Responsabile]\n    words: [il, di, che]\n';
    const r = parseConfig(yaml, RULE_IDS);
    assert.deepEqual(r.problems, []);
    const text = '---\nowner: Dana\nlang: it\n---\n# X\n\n## Contesto\n\nTesto.\n\n## Requisiti\n\nTesto.\n';
    const { doc, findings } = analyze('docs/prd/x.md', text, r.config!);
    assert.deepEqual(doc.missingSections, []);
    assert.deepEqual(findings, []);
    const adr = analyze('docs/adr/0001-x.md', '# X\n\nDate: 2024-03-01\nResponsabile: Dana\n\n## Context\n\nT.\n\n## Decisione\n\nT.\n', r.config!);
    assert.deepEqual(adr.doc.decisions[0].owner?.names, ['Dana']);
    assert.deepEqual(adr.doc.missingSections, []);
  });

  it('adds names to a built-in language', () => {
    const r = parseConfig('languages:\n  pt-BR:\n    sections:\n      What: [Escopo do MVP]\n', RULE_IDS);
    assert.deepEqual(r.problems, []);
    assert.ok(r.config!.languages.pt.sections.what.includes('Escopo do MVP'));
    assert.ok(r.config!.languages.pt.sections.what.includes('Requisitos'));
    // The defaults are not changed by one config.
    assert.ok(!defaultConfig().languages.pt.sections.what.includes('Escopo do MVP'));
  });

  const bad: [string, number, RegExp][] = [
    ['languages: [it]\n', 1, /languages must be a mapping of language codes/],
    ['languages:\n  italiano!: {}\n', 2, /language code "italiano!" must be an ISO 639 code/],
    ['languages:\n  en:\n    fields: { decision: [Choice] }\n', 2, /English names are set on the kinds/],
    ['languages:\n  it:\n    sectoins: {}\n', 3, /unknown key "sectoins" in languages\.it.*did you mean "sections"/],
    ['languages:\n  it:\n    sections:\n      Wyh: [Contesto]\n', 4, /unknown section "Wyh".*did you mean "Why"/],
    ['languages:\n  it:\n    fields:\n      decison: [Decisione]\n', 4, /unknown field "decison".*did you mean "decision"/],
    ['languages:\n  it:\n    fields:\n      owner: 3\n', 4, /must be a list of strings/],
    ['languages:\n  it:\n    words: { a: b }\n', 3, /languages\.it\.words must be a list of strings/],
  ];
  for (const [yaml, line, message] of bad) {
    it(`refuses ${JSON.stringify(yaml)} at line ${line}`, () => {
      const r = parseConfig(yaml, RULE_IDS);
      assert.equal(r.config, undefined);
      assert.deepEqual(
        r.problems.map((p) => p.range.start.line + 1),
        [line],
      );
      assert.match(r.problems[0].message, message);
    });
  }

  it('a section of a configured kind may be named', () => {
    const r = parseConfig('kinds:\n  rfc:\n    include: ["rfcs/*.md"]\n    sections: [Summary]\nlanguages:\n  fr:\n    sections:\n      Summary: [Résumé]\n', RULE_IDS);
    assert.deepEqual(r.problems, []);
    const { doc } = analyze('rfcs/x.md', '---\nlang: fr\n---\n# X\n\n## Résumé\n\nTexte.\n', r.config!);
    assert.deepEqual(doc.missingSections, []);
  });
});

describe('SECTION_NAMES', () => {
  it('names the areas of the built-in PRD and SDD', () => {
    const c = defaultConfig();
    const prd = c.kinds.find((k) => k.name === 'prd')!;
    assert.deepEqual(
      prd.sections.map((s) => s.aliases),
      [[...SECTION_NAMES.why], [...SECTION_NAMES.what]],
    );
  });
  it('every built-in language names every decision field an ADR section holds', () => {
    for (const v of Object.values(builtinLanguages())) {
      for (const f of ['context', 'decision', 'trade-offs', 'date', 'alternatives'] as DecisionField[]) assert.ok(v.fields[f]?.length, `${v.code} has no ${f}`);
      for (const a of ['why', 'what', 'how', 'who', 'when']) assert.ok(v.sections[a]?.length, `${v.code} has no ${a}`);
      assert.ok(v.fields.owner?.length, `${v.code} has no owner names`);
    }
  });
});

describe("headings that hold a section's name", () => {
  const prd = (body: string) => analyze('docs/prd/x.md', `---\nowner: Dana\n---\n# X\n\n${body}`).doc;
  it('counts a heading that starts, ends with or holds a name', () => {
    assert.deepEqual(prd('## 4. Escopo do sprint\n\nT.\n\n## Título e objetivo do sprint\n\nT.\n').missingSections, []);
    assert.deepEqual(prd('## Requisitos técnicos essenciais\n\nT.\n\n## Contexto / Problema\n\nT.\n').missingSections, []);
    assert.deepEqual(prd('## Requirements overview\n\nT.\n\n## The business problem\n\nT.\n').missingSections, []);
  });
  it('prefers a heading that is the name over one that holds it', () => {
    const d = prd('## Scope of the pilot\n\nT.\n\n## Problem\n\nT.\n\n## Requirements\n\nT.\n');
    assert.equal(d.sections.find((s) => s.spec.name === 'What')?.heading.text, 'Requirements');
  });
  it('does not count what is not there or is elsewhere', () => {
    assert.deepEqual(
      prd('## Problem\n\nT.\n\n## Out of scope\n\nT.\n').missingSections.map((s) => s.name),
      ['What'],
    );
    assert.deepEqual(
      prd('## Problem\n\nT.\n\n## Fora do escopo\n\nT.\n').missingSections.map((s) => s.name),
      ['What'],
    );
    assert.deepEqual(
      prd('## Requirements\n\nT.\n\n## Non-goals\n\nT.\n').missingSections.map((s) => s.name),
      ['Why'],
    );
    const adr = analyze('docs/adr/0001-x.md', '# X\n\nDate: 2024-03-01\nDeciders: Dana\n\n## Context\n\nT.\n\n## Decision drivers\n\nT.\n\n## Related decisions\n\nT.\n').doc;
    assert.deepEqual(
      adr.missingSections.map((s) => s.name),
      ['Decision'],
    );
  });
  it('does not take the title for a section', () => {
    const adr = analyze('docs/adr/0001-x.md', '# Our decision on queues\n\nDate: 2024-03-01\nDeciders: Dana\n\n## Context\n\nT.\n').doc;
    assert.deepEqual(
      adr.missingSections.map((s) => s.name),
      ['Decision'],
    );
  });
  it('a heading counts for one section only', () => {
    const d = prd('## Problem and proposed solution\n\nT.\n');
    assert.equal(d.sections.length, 1);
  });
});

describe("headings seen in real teams' records", () => {
  it('an ADR template of "## Why" and "## What" has its Context and Decision', () => {
    const { doc } = analyze('docs/adr/0001-x.md', '# Use Zod\n\nDate: 2024-03-01\nDeciders: Dana\n\n## Why\n\nInputs are unchecked.\n\n## What\n\nZod at every boundary.\n');
    assert.deepEqual(doc.missingSections, []);
  });
  it('an accepted record whose decision is its "## Proposal"', () => {
    const { doc } = analyze('docs/adr/0002-x.md', '# Webscraping\n\nDate: 2024-03-01\nDeciders: Dana\n\n## Context\n\nC.\n\n## Proposal\n\nP.\n');
    assert.deepEqual(doc.missingSections, []);
  });
  it('a design doc whose How is its data model, infrastructure and interfaces', () => {
    const { doc } = analyze(
      'docs/sdd/x.md',
      '---\nowner: Evan\n---\n# X\n\n## Functional Requirements\n\n### Data Model\n\nA table.\n\n### Infrastructure\n\nA queue.\n\n## Team\n\nTwo.\n\n## Milestones\n\nMay.\n',
    );
    assert.deepEqual(doc.missingSections, []);
  });
});

describe('a heading stands for a section when it is about it (its head phrase)', () => {
  const adr = (body: string) => analyze('docs/adr/0001-x.md', `# X\n\nDate: 2024-03-01\nDeciders: Dana\n\n${body}`).doc.missingSections.map((s) => s.name);
  it('MADR: "Decision Drivers" stands for neither the Decision nor the Context', () => {
    assert.deepEqual(adr('## Context and Problem Statement\n\nT.\n\n## Decision Drivers\n\nT.\n'), ['Decision']);
    assert.deepEqual(adr('## Decision Drivers\n\nT.\n\n## Decision Outcome\n\nT.\n'), ['Context']);
    assert.deepEqual(adr('## Decision Criteria\n\nT.\n\n## Considered Options\n\nT.\n'), ['Context', 'Decision']);
  });
  it('French: "Critères de décision" and "Facteurs de décision" are not the Décision or the Contexte', () => {
    const fr = (body: string) => analyze('docs/adr/0001-x.md', `---\nlang: fr\n---\n# X\n\nDate : 2024-03-01\nDécideurs : Dana\n\n${body}`).doc.missingSections.map((s) => s.name);
    assert.deepEqual(fr('## Contexte\n\nT.\n\n## Critères de décision\n\nT.\n'), ['Decision']);
    assert.deepEqual(fr('## Facteurs de décision\n\nT.\n\n## Résultat de la décision\n\nT.\n'), ['Context']);
    assert.deepEqual(fr('## Contexte technique\n\nT.\n\n## Décision\n\nT.\n'), []);
  });
  it('the head of an "of" phrase, a colon, a light head and coordinated heads count', () => {
    assert.deepEqual(adr('## Context\n\nT.\n\n## Outcome of the decision\n\nT.\n'), []);
    assert.deepEqual(adr('## Context\n\nT.\n\n## Decision: Option 3 - Configurable\n\nT.\n'), []);
    assert.deepEqual(adr('## Technical context\n\nT.\n\n## The decision\n\nT.\n'), []);
  });
  it('a question stands for no section', () => {
    assert.deepEqual(adr('## Context\n\nT.\n\n## What happens if we reenable the decision?\n\nT.\n'), ['Decision']);
  });
});

describe("configured means configured: a kind of the team's own is found by its own names", () => {
  const KEP =
    'kinds:\n  kep:\n    include: ["keps/**/*.md"]\n    sections:\n      - Summary\n      - { name: Why, aliases: [Motivation], area: why }\n      - { name: What, aliases: [Proposal], area: what }\n      - { name: How, aliases: [Design Details], area: how }\n';
  const config = () => {
    const r = parseConfig(KEP, RULE_IDS);
    assert.ok(r.config, JSON.stringify(r.problems));
    return r.config;
  };
  const missing = (body: string) => analyze('keps/0001-x.md', `# X\n\n${body}`, config()).doc.missingSections.map((s) => s.name);
  it('its own names and aliases count', () => {
    assert.deepEqual(missing('## Summary\n\nT.\n\n## Motivation\n\nT.\n\n## Proposal\n\nT.\n\n## Design Details\n\nT.\n'), []);
  });
  it('the built-in vocabulary of its areas does not ("Implementation History", "Rollout… Planning", a question)', () => {
    assert.deepEqual(
      missing(
        '## Summary\n\nT.\n\n## Motivation\n\nT.\n\n## Implementation History\n\nT.\n\n## Rollout, Upgrade and Rollback Planning\n\nT.\n\n## Implementation Plan\n\nT.\n\n## What happens if we reenable the feature?\n\nT.\n\n## Summary of changes needed\n\nT.\n',
      ),
      ['What', 'How'],
    );
    assert.deepEqual(missing('## Summary\n\nT.\n\n## Background\n\nT.\n\n## Requirements\n\nT.\n\n## Technical design\n\nT.\n'), ['Why', 'What', 'How']);
  });
  it('a light head before a colon is the section, its subtitle after it ("Summary: the plan"); before "of" it is not', () => {
    assert.deepEqual(missing('## Summary: the plan in short\n\nT.\n\n## Motivation\n\nT.\n\n## Proposal\n\nT.\n\n## Design Details\n\nT.\n'), []);
    assert.deepEqual(missing('## Summary of changes\n\nT.\n\n## Motivation\n\nT.\n\n## Proposal\n\nT.\n\n## Design Details\n\nT.\n'), ['Summary']);
  });
});
