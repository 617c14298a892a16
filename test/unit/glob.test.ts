/**
 * Globs (core/glob.ts) match in time linear in the path, and as picomatch does on every glob
 * teams write: the built-in kinds' globs and generated ones, over generated paths, with
 * picomatch (dot, nocase) as the oracle. Patterns that picomatch would run for minutes are
 * answered at once; what Charter does not read is refused with a reason.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import picomatch from 'picomatch';
import { compileGlob, globProblem, GLOB_LIMITS } from '../../server/src/core/glob';
import { builtinKinds } from '../../server/src/core/kinds';
import { defaultConfig } from '../../server/src/core/config';

const oracle = (glob: string) => picomatch(glob, { dot: true, nocase: true });
const ours = (glob: string) => {
  const c = compileGlob(glob);
  assert.ok('match' in c, `${glob}: ${'error' in c ? c.error : ''}`);
  return c.match;
};

const PATHS = [
  'README.md',
  'docs/prd/saved-carts.md',
  'docs/PRD/Saved-Carts.MD',
  'prd.md',
  'x/prd-search.md',
  'a/b/search-prd.md',
  'search.prd.md',
  'docs/sdd/service.md',
  'design-docs/x.md',
  'y/checkout-design-doc.md',
  'docs/DECISIONS.md',
  'decision-log.md',
  'a/decisions.md',
  'docs/adr/0001-record.md',
  'adrs/x.md',
  'architecture-decisions/0002-x.md',
  'doc/architecture/decisions/0003-y.md',
  'decisions/0001-use-x.md',
  'decisions/notes.md',
  'a/decisions/adr-7.md',
  'ADR-0001.md',
  'x/adr_12-foo.md',
  'adr12.md',
  'CHARTER.md',
  'team/charter.md',
  '.github/adr/0001.md',
  'docs/.hidden/prd/x.md',
  'node_modules/prd/x.md',
  'decision-records/2024/x.md',
  'architectural-decision-records/x.md',
  'docs/adr/README.md',
  'docs/adr/template.md',
  'a//b.md',
  'décisions/0001-é.md',
];

describe("globs: linear in the path, and picomatch's answers", () => {
  it("matches every built-in kind's and the default ignore's globs as picomatch does", () => {
    const globs = [...builtinKinds().flatMap((k) => [...k.include, ...k.exclude]), ...defaultConfig().ignore];
    assert.ok(globs.length > 30, `${globs.length} globs`);
    for (const g of globs) {
      const want = oracle(g);
      const got = ours(g);
      for (const p of PATHS) assert.equal(got(p), want(p), `${g} on ${p}`);
    }
  });

  it('agrees with picomatch on generated globs and paths', () => {
    const name = fc.constantFrom('a', 'b', 'ab', 'adr', 'docs', 'x-1', 'Prd', '.git', 'é', '0001');
    const piece = fc.oneof(
      { weight: 4, arbitrary: name },
      { weight: 2, arbitrary: fc.constant('*') },
      { weight: 1, arbitrary: fc.constant('?') },
      // (picomatch reads `[!a]` as the characters ! and a; here it is "not a", as in git and the shells.)
      { weight: 1, arbitrary: fc.constantFrom('[ab]', '[0-9]', '[-_]', '[^x]') },
      { weight: 1, arbitrary: fc.constantFrom('{a,b}', '{adr,adrs}', '{x,{a,b}c}', '{1..3}') },
    );
    const segment = fc.oneof({ weight: 5, arbitrary: fc.array(piece, { minLength: 1, maxLength: 3 }).map((p) => p.join('')) }, { weight: 1, arbitrary: fc.constant('**') });
    const glob = fc.array(segment, { minLength: 1, maxLength: 4 }).map((s) => s.join('/'));
    const pathArb = fc
      .array(fc.constantFrom('a', 'b', 'ab', 'adr', 'docs', 'x-1', 'prd', '.git', 'é', '0001', '2', 'c', 'ac', 'bc', 'a.md'), { minLength: 1, maxLength: 5 })
      .map((s) => s.join('/'));
    fc.assert(
      fc.property(glob, fc.array(pathArb, { minLength: 1, maxLength: 8 }), (g, paths) => {
        const want = oracle(g);
        const got = ours(g);
        // `x/**` matches the folder x itself; picomatch does so for a literal x only (`a/**`
        // matches "a", `*/**` does not): here both do.
        const folderItself = (p: string) => g.endsWith('/**') && g.length > 3 && ours(g.slice(0, -3))(p);
        // picomatch reads `**` right before a brace (`**{a,b}`) as any characters, folders
        // included, but `**a` as `*a`: a side effect of its regular expressions, not followed here.
        fc.pre(!/^\*\*+\{/.test(g));
        for (const p of paths) if (!folderItself(p)) assert.equal(got(p), want(p), `${g} on ${p}`);
      }),
      { seed: 4242, numRuns: 3000 },
    );
  });

  it('answers at once where a backtracking matcher spins: stars before a letter, over a long name', () => {
    const long = `${'a'.repeat(20_000)}.md`;
    for (const g of ['**/*a*a*a*a*a*a*a*a*b.md', '*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b', '**/**/**/**/**/**/**/**/x', '{a,a*}{a,a*}{a,a*}{a,a*}*b']) {
      const started = process.hrtime.bigint();
      assert.equal(ours(g)(long), false, g);
      assert.equal(ours(g)(`${'a/'.repeat(2_000)}a.md`), false, g);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      assert.ok(ms < 2_000, `${g}: ${Math.round(ms)} ms for two paths`);
    }
  });

  it('reads [!a] as "not a", as git and the shells do', () => {
    assert.equal(ours('[!a].md')('a.md'), false);
    assert.equal(ours('[!a].md')('b.md'), true);
    assert.equal(ours('[!a].md')('!.md'), true);
  });

  it('refuses, with a reason, what it does not read or what would cost too much', () => {
    assert.match(globProblem('@(a|b)/*.md')!, /extended glob/);
    assert.match(globProblem('docs/!(drafts)/*.md')!, /extended glob/);
    assert.match(globProblem('!docs/**')!, /exclude/);
    assert.match(globProblem('[[:alpha:]]*.md')!, /POSIX class/);
    assert.match(globProblem('docs/{a,b.md')!, /never closed/);
    assert.match(globProblem('x'.repeat(GLOB_LIMITS.length + 1))!, /longer than/);
    assert.match(globProblem('{a,b,c,d}{a,b,c,d}{a,b,c,d}{a,b,c,d}{a,b}')!, /more than 256 alternatives/);
    assert.match(globProblem('{1..100000}.md')!, /more than 256 alternatives/);
    assert.equal(globProblem('docs/{adr,adrs}/**/[0-9]*-*.md'), undefined);
  });
});
