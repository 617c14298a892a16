/**
 * The core WorkspaceIndex on in-memory documents: no process, no disk. Each change must
 * return exactly the documents whose findings or ownership changed, and the index's findings
 * must always equal a fresh analysis of the same texts.
 */
import * as assert from 'node:assert/strict';
import { WorkspaceIndex, ownershipKeyOf, type IndexHost } from '../../server/src/core/workspaceIndex';
import { Classifier } from '../../server/src/core/classify';
import { Contracts } from '../../server/src/core/contract';
import { readTemplate, type TemplateInfo } from '../../server/src/core/contract/template';
import { isTemplatePath } from '../../server/src/core/templatePath';
import { scanMarkdown } from '../../server/src/core/scan';
import { LineIndex } from '../../server/src/core/text';
import { readDocument, withFolders } from '../../server/src/core/workspace';
import type { Config } from '../../server/src/core/config';
import type { AnalyzedDocument } from '../../server/src/core/document';
import { FIXTURES, folderConfig, listFiles } from './harness';
import { seededInt } from '../support/random';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { buildIndex, checkDocument } from '../support/oracle';

/** A host over a map of texts: what is in the map exists, `open` holds the open files. */
class MemoryHost implements IndexHost {
  readonly texts = new Map<string, string>();
  readonly open = new Set<string>();
  reads = 0;
  read(p: string) {
    this.reads++;
    return { text: this.texts.get(p) };
  }
  isOpen(p: string) {
    return this.open.has(p);
  }
}

function indexOf(texts: Map<string, string>, config: Config, open: Iterable<string> = []): { index: WorkspaceIndex; host: MemoryHost } {
  const host = new MemoryHost();
  for (const [p, t] of texts) host.texts.set(p, t);
  for (const p of open) host.open.add(p);
  const index = new WorkspaceIndex(config, host);
  index.load(texts.keys(), []);
  for (const p of texts.keys()) index.refresh(p);
  for (const p of index.documents.keys()) index.check(p);
  return { index, host };
}

/** Every document's findings and ownership, from a fresh analysis of the texts (the reference). */
function fresh(texts: Map<string, string>, config: Config): Map<string, { findings: string; owner: string }> {
  const classifier = new Classifier(config);
  const docs: AnalyzedDocument[] = [];
  for (const [p, t] of texts) {
    if (!/\.md$/.test(p) || classifier.isIgnored(p)) continue;
    const d = readDocument(p, t, classifier);
    if (d) docs.push(d);
  }
  // The team's contract is read afresh too: the templates, then each document's group.
  const templates = new Map<string, TemplateInfo>();
  for (const [p, t] of texts) if (isTemplatePath(p) && !docs.some((d) => d.path === p)) templates.set(p, readTemplate(p, scanMarkdown(t, new LineIndex(t)), t));
  const index = Object.assign(buildIndex(config, classifier, docs, withFolders(texts.keys())), { templates });
  const contracts = new Contracts(index);
  const out = new Map<string, { findings: string; owner: string }>();
  for (const d of docs) out.set(d.path, { findings: JSON.stringify(contracts.adjust(d, checkDocument(d, index))), owner: ownershipKeyOf(d) });
  return out;
}

function readFixture(name: string): { texts: Map<string, string>; config: Config } {
  const root = path.join(FIXTURES, 'workspaces', name);
  const texts = new Map<string, string>();
  for (const f of listFiles(root)) texts.set(f, fs.readFileSync(path.join(root, f), 'utf8'));
  return { texts, config: folderConfig(root) };
}

describe('core WorkspaceIndex (in memory)', () => {
  it('gives every document of each fixture workspace the findings a fresh analysis gives', () => {
    for (const name of ['team', 'two-teams', 'custom-kind', 'committee', 'broken-prd', 'proposals']) {
      const { texts, config } = readFixture(name);
      const { index } = indexOf(texts, config);
      const want = fresh(texts, config);
      assert.deepEqual([...index.documents.keys()].sort(), [...want.keys()].sort(), name);
      assert.ok(want.size > 0, name);
      for (const [p, w] of want) assert.equal(JSON.stringify(index.check(p)), w.findings, `${name}/${p}`);
    }
  });

  it('an edit that changes nothing visible returns nothing; one that does returns that document only', () => {
    const { texts, config } = readFixture('team');
    const sdd = 'docs/sdd/search-filters.md';
    const { index } = indexOf(texts, config, [sdd]);
    const typed = index.update(sdd, texts.get(sdd)!.replace(/\n$/, ' more words.\n'));
    assert.deepEqual([...typed.findings], []);
    assert.deepEqual([...typed.ownership], []);
    // Dropping a required section gives the SDD a missing-section finding, and nobody else anything.
    const without = texts.get(sdd)!.replace(/^## Milestones[\s\S]*/m, '');
    assert.notEqual(without, texts.get(sdd));
    const cut = index.update(sdd, without);
    assert.deepEqual([...cut.findings], [sdd]);
    assert.ok(index.check(sdd).some((d) => d.rule === 'missing-section'));
  });

  it('removing a person from the charter returns exactly the documents they owned (and the charter)', () => {
    const { texts, config } = readFixture('team');
    const { index } = indexOf(texts, config, ['CHARTER.md']);
    const before = fresh(texts, config);
    const next = new Map(texts);
    next.set('CHARTER.md', texts.get('CHARTER.md')!.replace(/ {2}- name: Omar Haddad\n( {4}.*\n)+/, ''));
    assert.notEqual(next.get('CHARTER.md'), texts.get('CHARTER.md'));
    const after = fresh(next, config);
    const change = index.update('CHARTER.md', next.get('CHARTER.md')!);
    const expected = [...after]
      .filter(([p, a]) => before.get(p)?.findings !== a.findings)
      .map(([p]) => p)
      .sort();
    assert.ok(expected.length >= 2, `Omar owns several documents: ${expected}`);
    assert.deepEqual([...change.findings].sort(), expected);
    assert.ok(change.ownership.has('CHARTER.md'));
  });

  it("a charter's own findings are read against its new people (its unknown owner lists who is in it now)", () => {
    const config = readFixture('team').config;
    const charter = (people: string) => `---\nowner: Nobody Known\npeople:\n${people}---\n\n# Team charter\n`;
    const texts = new Map([['CHARTER.md', charter('  - name: Ana Lima\n    role: PM\n')]]);
    const { index } = indexOf(texts, config, ['CHARTER.md']);
    assert.match(JSON.stringify(index.check('CHARTER.md')), /it lists Ana Lima \(PM\)/);
    const next = charter('  - name: Bo Chen\n    role: EM\n');
    const change = index.update('CHARTER.md', next);
    assert.ok(change.findings.has('CHARTER.md'));
    const found = JSON.stringify(index.check('CHARTER.md'));
    assert.match(found, /it lists Bo Chen \(EM\)/);
    assert.equal(found, fresh(new Map([['CHARTER.md', next]]), config).get('CHARTER.md')!.findings);
  });

  it('deleting a linked file returns the documents whose link broke; a folder removes every file in it', () => {
    const { texts, config } = readFixture('team');
    const { index, host } = indexOf(texts, config);
    const prd = 'docs/prd/search-filters.md';
    host.texts.delete(prd);
    const change = index.remove(prd);
    assert.ok(change.ownership.has(prd), 'the PRD is no longer in the ownership model');
    assert.ok(change.findings.has('docs/sdd/search-filters.md'), 'the SDD that implements it gets a broken link');
    assert.ok(index.check('docs/sdd/search-filters.md').some((d) => d.rule === 'broken-link'));
    const folder = index.remove('docs/adr');
    assert.ok([...index.documents.keys()].every((p) => !p.startsWith('docs/adr/')));
    assert.ok(folder.findings.size + folder.ownership.size > 0);
    assert.equal(index.paths.has('docs/adr'), false);
  });

  it('a new file that a document links to mends the broken link, whether it is a picture, a plain note or a document', () => {
    const { texts, config } = readFixture('team');
    const prd = 'docs/prd/search-filters.md';
    const linked = texts.get(prd)! + '\n![Mock-up](mock.png) and [notes](../notes.md) and [the ADR](../adr/0003-new.md)\n';
    const { index, host } = indexOf(new Map([...texts, [prd, linked]]), config);
    const broken = () =>
      index
        .check(prd)
        .filter((d) => d.rule === 'broken-link')
        .map((d) => String((d.data as { target?: string } | undefined)?.target));
    assert.deepEqual(broken(), ['mock.png', '../notes.md', '../adr/0003-new.md']);
    const picture = index.addFile('docs/prd/mock.png');
    assert.deepEqual([...picture.findings], [prd]);
    assert.deepEqual(broken(), ['../notes.md', '../adr/0003-new.md']);
    host.texts.set('docs/notes.md', 'Just notes, not a document.\n');
    assert.deepEqual([...index.refresh('docs/notes.md').findings], [prd]);
    const adr = '# 3. New\n\n## Status\n\nAccepted\n';
    host.texts.set('docs/adr/0003-new.md', adr);
    assert.ok(index.refresh('docs/adr/0003-new.md').findings.has(prd));
    assert.deepEqual(broken(), []);
    assert.equal(
      JSON.stringify(index.check(prd)),
      fresh(new Map([...texts, [prd, linked], ['docs/prd/mock.png', ''], ['docs/notes.md', 'Just notes, not a document.\n'], ['docs/adr/0003-new.md', adr]]), config).get(prd)!
        .findings,
    );
  });

  it('keeps an open document that is deleted on disk until it is closed', () => {
    const { texts, config } = readFixture('team');
    const adr = 'docs/adr/0001-use-aggregations.md';
    const { index, host } = indexOf(texts, config, [adr]);
    host.texts.delete(adr);
    index.remove(adr);
    assert.ok(index.documents.has(adr));
    host.open.delete(adr);
    const closed = index.refresh(adr);
    assert.equal(index.documents.has(adr), false);
    assert.ok(closed.ownership.has(adr));
  });

  it('a configuration that was never valid checks nothing, and says which documents lost findings', () => {
    const { texts, config } = readFixture('broken-prd');
    const { index } = indexOf(texts, config);
    const withFindings = [...index.documents.keys()].filter((p) => index.check(p).length > 0);
    assert.ok(withFindings.length > 0);
    const change = index.setConfig(config, true);
    assert.deepEqual([...change.findings].sort(), withFindings.sort());
    for (const p of index.documents.keys()) assert.deepEqual(index.check(p), []);
    assert.equal(index.problemCount(), 0);
  });

  for (const name of ['team', 'two-teams'])
    it(`random edits, removals and additions in ${name}: each change returns exactly what a fresh analysis says changed`, function () {
      this.timeout(60_000);
      const { texts, config } = readFixture(name);
      const docs = [...texts.keys()].filter((p) => p.endsWith('.md'));
      const rand = seededInt(7);
      const { index, host } = indexOf(texts, config, docs.slice(0, 3));
      let current = new Map(texts);
      let reference = fresh(current, config);
      const snippets = [
        '\n## Rollout\n\nSoon.\n',
        '\nowner: @nobody\n',
        '\n- **Owner:** Kai Brandt\n',
        '\n[gone](../nowhere.md)\n',
        '\n### Decision: drop it\n',
        '  - name: New Person\n    role: PM\n',
      ];
      for (let step = 0; step < 150; step++) {
        const p = docs[rand(docs.length)];
        const next = new Map(current);
        let change;
        if (rand(10) === 0 && next.has(p)) {
          next.delete(p);
          host.texts.delete(p);
          host.open.delete(p);
          change = index.remove(p);
        } else {
          const base = next.get(p) ?? texts.get(p)!;
          const lines = base.split('\n');
          const at = rand(lines.length);
          const op = rand(3);
          if (op === 0) lines.splice(at, 1);
          else if (op === 1) lines.splice(at, 0, snippets[rand(snippets.length)]);
          else lines[at] = lines[at].slice(0, Math.max(0, lines[at].length - 1 - rand(4)));
          const text = lines.join('\n');
          next.set(p, text);
          host.texts.set(p, text);
          change = index.update(p, text);
        }
        const after = fresh(next, config);
        const findings = [...new Set([...after.keys(), ...reference.keys()])].filter((q) => (reference.get(q)?.findings ?? '[]') !== (after.get(q)?.findings ?? '[]'));
        assert.deepEqual([...change.findings].sort(), findings.sort(), `step ${step}: ${p}`);
        const owners = [...new Set([...after.keys(), ...reference.keys()])].filter((q) => (reference.get(q)?.owner ?? '') !== (after.get(q)?.owner ?? ''));
        for (const q of owners) assert.ok(change.ownership.has(q), `step ${step}: ownership of ${q} changed`);
        for (const [q, a] of after) assert.equal(JSON.stringify(index.check(q)), a.findings, `step ${step}: ${q}`);
        current = next;
        reference = after;
      }
    });

  /**
   * One random change of a batch, applied to `next` (the texts on disk) and staged in the
   * batch: an edit, a removal (a file or a whole folder), a new document, a new picture.
   */
  function randomChange(
    rand: (n: number) => number,
    next: Map<string, string>,
    originals: Map<string, string>,
    host: MemoryHost,
    stage: { update(p: string, t: string): void; remove(p: string): void; addFile(p: string): void },
  ): string {
    const snippets = [
      '\n## Rollout\n\nSoon.\n',
      '\nowner: @nobody\n',
      '\n- **Owner:** Kai Brandt\n',
      '\n[gone](../nowhere.md)\n',
      '\n[extra](/docs/new/extra.md) and ![mock](/docs/prd/mock.png)\n',
      '\n### Decision: drop it\n',
      '  - name: New Person\n    role: PM\n',
    ];
    const docs = [...originals.keys()].filter((p) => p.endsWith('.md'));
    const op = rand(20);
    if (op === 0) {
      // A whole folder goes (git removes the files, the watcher names the folder).
      const dir = ['docs/adr', 'docs/new', 'docs/prd', 'teams'][rand(4)];
      for (const p of [...next.keys()])
        if (p.startsWith(`${dir}/`)) {
          next.delete(p);
          host.texts.delete(p);
          host.open.delete(p);
        }
      stage.remove(dir);
      return `remove ${dir}/`;
    }
    if (op === 1) {
      next.set('docs/prd/mock.png', '');
      host.texts.set('docs/prd/mock.png', '');
      stage.addFile('docs/prd/mock.png');
      return 'add docs/prd/mock.png';
    }
    if (op === 2) {
      // A new document (a copy of another under a new name), perhaps the one some links wait for.
      const p = rand(2) ? 'docs/new/extra.md' : `docs/new/copy-${rand(5)}.md`;
      const text = originals.get(docs[rand(docs.length)])!;
      next.set(p, text);
      host.texts.set(p, text);
      stage.update(p, text);
      return `create ${p}`;
    }
    const p = docs[rand(docs.length)];
    if (op < 5 && next.has(p)) {
      next.delete(p);
      host.texts.delete(p);
      host.open.delete(p);
      stage.remove(p);
      return `remove ${p}`;
    }
    const lines = (next.get(p) ?? originals.get(p)!).split('\n');
    const at = rand(lines.length);
    const edit = rand(3);
    if (edit === 0) lines.splice(at, 1);
    else if (edit === 1) lines.splice(at, 0, snippets[rand(snippets.length)]);
    else lines[at] = lines[at].slice(0, Math.max(0, lines[at].length - 1 - rand(4)));
    const text = lines.join('\n');
    next.set(p, text);
    host.texts.set(p, text);
    stage.update(p, text);
    return `edit ${p}`;
  }

  for (const name of ['team', 'two-teams'])
    it(`random batches in ${name}: a batch returns exactly what a fresh analysis says changed, settled in one go or in pieces`, function () {
      this.timeout(60_000);
      const { texts, config } = readFixture(name);
      const rand = seededInt(11);
      const { index, host } = indexOf(texts, config, [...texts.keys()].filter((p) => p.endsWith('.md')).slice(0, 2));
      let current = new Map(texts);
      let reference = fresh(current, config);
      for (let round = 0; round < 60; round++) {
        const next = new Map(current);
        const batch = index.batch();
        const size = 1 + rand(12);
        const did: string[] = [];
        for (let i = 0; i < size; i++) did.push(randomChange(rand, next, texts, host, batch));
        // Settled in one go, or a few documents at a time (a server yields between pieces).
        const findings = new Set<string>();
        const ownership = new Set<string>();
        const pieces = rand(2) === 0 ? Infinity : 1 + rand(3);
        let calls = 0;
        do {
          let checked = 0;
          const change = batch.settle(() => ++checked >= pieces);
          for (const p of change.findings) findings.add(p);
          for (const p of change.ownership) ownership.add(p);
          assert.ok(++calls < 1000, 'settle ends');
        } while (!batch.done);
        const after = fresh(next, config);
        const all = [...new Set([...after.keys(), ...reference.keys()])];
        const what = `round ${round}: ${did.join(', ')}`;
        const expected = all.filter((q) => (reference.get(q)?.findings ?? '[]') !== (after.get(q)?.findings ?? '[]'));
        assert.deepEqual([...findings].sort(), expected.sort(), what);
        for (const q of all.filter((x) => (reference.get(x)?.owner ?? '') !== (after.get(x)?.owner ?? ''))) assert.ok(ownership.has(q), `${what}: ownership of ${q} changed`);
        assert.deepEqual([...index.documents.keys()].sort(), [...after.keys()].sort(), what);
        for (const [q, a] of after) assert.equal(JSON.stringify(index.check(q)), a.findings, `${what}: ${q}`);
        current = next;
        reference = after;
      }
    });

  it('random batches with edits of open documents and readers in between: what a client shows, kept from every change returned, ends as a fresh analysis', function () {
    this.timeout(60_000);
    const { texts, config } = readFixture('team');
    const rand = seededInt(5);
    const open = [...texts.keys()].filter((p) => p.endsWith('.md')).slice(0, 3);
    const { index, host } = indexOf(texts, config, open);
    // The client: the findings last sent per document (a host sends `findings` of each path a change names).
    const shown = new Map<string, string>();
    for (const p of index.documents.keys()) shown.set(p, JSON.stringify(index.findings(p)));
    const publish = (change: { findings: Set<string> }) => {
      for (const p of change.findings) shown.set(p, JSON.stringify(index.give(p)));
    };
    let current = new Map(texts);
    for (let round = 0; round < 60; round++) {
      const next = new Map(current);
      const batch = index.batch();
      const did: string[] = [];
      for (let i = 0, n = 1 + rand(10); i < n; i++) did.push(randomChange(rand, next, texts, host, batch));
      let calls = 0;
      do {
        // Someone types in an open document halfway through: that change is settled (and published) at once.
        if (rand(3) === 0) {
          const p = open[rand(open.length)];
          if (host.open.has(p) && next.has(p)) {
            const text = `${next.get(p)}\n[typed](../nowhere-${round}.md)\n`;
            next.set(p, text);
            host.texts.set(p, text);
            publish(index.update(p, text));
            did.push(`typed in ${p}`);
          }
        }
        // Readers (the sidebar's ownership model) ask for findings halfway through: that publishes nothing, and must change nothing.
        if (rand(2) === 0) for (const p of index.documents.keys()) index.findings(p);
        let checked = 0;
        publish(batch.settle(() => ++checked >= 2));
        assert.ok(++calls < 1000, 'settle ends');
      } while (!batch.done);
      const after = fresh(next, config);
      const what = `round ${round}: ${did.join(', ')}`;
      for (const q of new Set([...after.keys(), ...shown.keys()])) assert.equal(shown.get(q) ?? '[]', after.get(q)?.findings ?? '[]', `${what}: ${q}`);
      current = next;
    }
  });

  it('a batch that renames a decision reaches the records that supersede it by title', () => {
    const { config } = readFixture('team');
    const log = (title: string) => `# Decisions\n\n## ${title}\n\n- **Date**: 2026-01-05\n- **Decision**: Cache facets.\n- **Decision maker**: Priya Raman\n`;
    const adr = '---\nstatus: accepted\nsupersedes: Use Redis for facets\n---\n# 5. Use Valkey\n\n## Context\n\nCost.\n\n## Decision\n\nValkey.\n';
    const texts = new Map([
      ['docs/DECISIONS.md', log('Use Redis for facets')],
      ['docs/adr/0005-use-valkey.md', adr],
      ['docs/prd/other.md', '# Other\n'],
    ]);
    const { index } = indexOf(texts, config);
    assert.ok(!index.check('docs/adr/0005-use-valkey.md').some((d) => d.rule === 'broken-link'));
    const change = index.updateMany([{ path: 'docs/DECISIONS.md', text: log('Use Memcached for facets') }]);
    assert.ok(change.findings.has('docs/adr/0005-use-valkey.md'), 'the record that supersedes the renamed decision');
    const next = new Map([...texts, ['docs/DECISIONS.md', log('Use Memcached for facets')]]);
    assert.equal(JSON.stringify(index.check('docs/adr/0005-use-valkey.md')), fresh(next, config).get('docs/adr/0005-use-valkey.md')!.findings);
    assert.ok(index.check('docs/adr/0005-use-valkey.md').some((d) => d.rule === 'broken-link'));
  });

  it('updateMany: many edits as one change, naming exactly the documents whose findings changed', () => {
    const { texts, config } = readFixture('team');
    const { index } = indexOf(texts, config);
    const next = new Map(texts);
    const edits = [...texts.keys()].filter((p) => p.endsWith('.md') && p !== 'CHARTER.md').map((p) => ({ path: p, text: `${texts.get(p)}\n[gone](./nowhere.md)\n` }));
    for (const e of edits) next.set(e.path, e.text);
    const change = index.updateMany(edits);
    const after = fresh(next, config);
    const before = fresh(texts, config);
    assert.deepEqual([...change.findings].sort(), [...after.keys()].filter((p) => after.get(p)!.findings !== before.get(p)?.findings).sort());
    for (const [q, a] of after) assert.equal(JSON.stringify(index.check(q)), a.findings, q);
  });
});
