/**
 * The injection grammar (syntaxes/charter.injection.tmLanguage.json) on top of VS Code's own
 * markdown grammar, tokenized by the same vscode-textmate + vscode-oniguruma that VS Code
 * 1.100.3 ships (taken from code-server in .vscode-test/code-server/, installed by
 * scripts/install-e2e.sh). The registry injects our grammar into text.html.markdown as
 * package.json's contributes.grammars[].injectTo tells VS Code to; other embedded grammars
 * (front matter's YAML, HTML) are loaded from code-server's built-in extensions, as in VS Code.
 *
 *   npx mocha --no-config -r tsx/cjs test/e2e/grammar.test.ts
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';
import { need } from '../support/requirements';

const REPO = path.resolve(__dirname, '..', '..');
const HOST = path.resolve(process.env.CHARTER_E2E_HOST ?? path.join(REPO, '.vscode-test', 'code-server'));
const VSCODE = path.join(HOST, 'node_modules', 'code-server', 'lib', 'vscode');
const INJECTION = path.join(REPO, 'syntaxes', 'charter.injection.tmLanguage.json');
const INJECTION_SCOPE = 'charter.markdown.injection';
const MARKDOWN_SCOPE = 'text.html.markdown';

// ---- the few vscode-textmate / vscode-oniguruma types used (not in the repo's node_modules)
interface IToken {
  startIndex: number;
  endIndex: number;
  scopes: string[];
}
interface StateStack {
  readonly _stackElementBrand: void;
}
interface IGrammar {
  tokenizeLine(line: string, prev: StateStack | null): { tokens: IToken[]; ruleStack: StateStack };
}
interface IRawGrammar {
  scopeName: string;
}
interface Registry {
  loadGrammar(scopeName: string): Promise<IGrammar | null>;
}
interface Textmate {
  Registry: new (options: {
    onigLib: Promise<unknown>;
    loadGrammar(scopeName: string): Promise<IRawGrammar | null | undefined>;
    getInjections?(scopeName: string): string[] | undefined;
  }) => Registry;
  INITIAL: StateStack;
  parseRawGrammar(content: string, filePath?: string): IRawGrammar;
}
interface Oniguruma {
  loadWASM(data: ArrayBuffer | { data: ArrayBuffer }): Promise<void>;
  createOnigScanner(patterns: string[]): unknown;
  createOnigString(s: string): unknown;
}

/** A token: its text and its scopes (innermost last). */
interface Tok {
  text: string;
  scopes: string[];
}

function loadLibs(): { tm: Textmate; onig: Oniguruma } {
  const missing = ['vscode-textmate', 'vscode-oniguruma'].filter((m) => !fs.existsSync(path.join(VSCODE, 'node_modules', m, 'package.json')));
  if (missing.length > 0) {
    throw new Error(`${missing.join(' and ')} not found under ${path.join(VSCODE, 'node_modules')}: run scripts/install-e2e.sh (bash scripts/install-e2e.sh) first`);
  }
  const req = createRequire(path.join(VSCODE, 'package.json'));
  return { tm: req('vscode-textmate') as Textmate, onig: req('vscode-oniguruma') as Oniguruma };
}

/** scopeName → grammar file, from the built-in extensions' package.json (as VS Code builds it). */
function builtinGrammars(): Map<string, string> {
  const map = new Map<string, string>();
  const extDir = path.join(VSCODE, 'extensions');
  for (const ext of fs.readdirSync(extDir)) {
    const manifest = path.join(extDir, ext, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    const grammars = (JSON.parse(fs.readFileSync(manifest, 'utf8')).contributes?.grammars ?? []) as { scopeName?: string; path?: string }[];
    for (const g of grammars) if (g.scopeName && g.path && !map.has(g.scopeName)) map.set(g.scopeName, path.join(extDir, ext, g.path));
  }
  return map;
}

describe('charter injection grammar (vscode-textmate, VS Code 1.100.3 markdown grammar)', function () {
  this.timeout(30_000);
  let grammar: IGrammar;
  let tm: Textmate;

  before(async function () {
    need(this, 'code-server');
    const libs = loadLibs();
    tm = libs.tm;
    const markdownFile = path.join(VSCODE, 'extensions', 'markdown-basics', 'syntaxes', 'markdown.tmLanguage.json');
    assert.ok(fs.existsSync(markdownFile), `VS Code's markdown grammar not found at ${markdownFile}: run scripts/install-e2e.sh`);

    // The manifest must inject this grammar into markdown, as the registry below does.
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8'));
    const contributed = (pkg.contributes?.grammars ?? []).find((g: { scopeName: string }) => g.scopeName === INJECTION_SCOPE);
    assert.ok(contributed, `package.json contributes no grammar ${INJECTION_SCOPE}`);
    assert.deepEqual(contributed.injectTo, [MARKDOWN_SCOPE]);
    assert.equal(path.resolve(REPO, contributed.path), INJECTION);

    const wasm = fs.readFileSync(path.join(VSCODE, 'node_modules', 'vscode-oniguruma', 'release', 'onig.wasm'));
    const onigLib = libs.onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength) as ArrayBuffer).then(() => ({
      createOnigScanner: (patterns: string[]) => libs.onig.createOnigScanner(patterns),
      createOnigString: (s: string) => libs.onig.createOnigString(s),
    }));
    const files = builtinGrammars();
    files.set(MARKDOWN_SCOPE, markdownFile);
    files.set(INJECTION_SCOPE, INJECTION);
    const registry = new tm.Registry({
      onigLib,
      loadGrammar: async (scopeName) => {
        const file = files.get(scopeName);
        return file ? tm.parseRawGrammar(fs.readFileSync(file, 'utf8'), file) : null;
      },
      getInjections: (scopeName) => (scopeName === MARKDOWN_SCOPE ? [INJECTION_SCOPE] : undefined),
    });
    const g = await registry.loadGrammar(MARKDOWN_SCOPE);
    assert.ok(g, 'the markdown grammar loads');
    grammar = g;
  });

  /** Tokenizes a document; returns the tokens of each line. */
  function tokenize(text: string): Tok[][] {
    let state: StateStack = tm.INITIAL;
    return text.split('\n').map((line) => {
      const r = grammar.tokenizeLine(line, state);
      state = r.ruleStack;
      return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
    });
  }

  /** Tokens of the last line of a document (the earlier lines set up the context). */
  const lastLine = (text: string): Tok[] => tokenize(text).at(-1)!;
  const show = (toks: Tok[]) => toks.map((t) => `${JSON.stringify(t.text)}: ${t.scopes.slice(1).join(' ')}`).join('\n  ');
  const charterScopes = (toks: Tok[]) => toks.flatMap((t) => t.scopes.filter((s) => s.includes('charter')));

  /** The text of the tokens carrying a scope (adjacent ones joined). */
  function textWith(toks: Tok[], scope: string): string[] {
    const out: string[] = [];
    let prev = false;
    for (const t of toks) {
      const has = t.scopes.includes(scope);
      if (has && prev) out[out.length - 1] += t.text;
      else if (has) out.push(t.text);
      prev = has;
    }
    return out;
  }

  function expectScope(toks: Tok[], text: string, scope: string): void {
    assert.deepEqual(textWith(toks, scope), [text], `expected ${JSON.stringify(text)} alone as ${scope}; tokens:\n  ${show(toks)}`);
  }

  function expectEvery(toks: Tok[], scopePrefix: string): void {
    const without = toks.filter((t) => t.text.trim() !== '' && !t.scopes.some((s) => s.startsWith(scopePrefix)));
    assert.deepEqual(
      without.map((t) => t.text),
      [],
      `every token should be in ${scopePrefix}; tokens:\n  ${show(toks)}`,
    );
  }

  function expectNoCharter(toks: Tok[]): void {
    assert.deepEqual(charterScopes(toks), [], `no charter scope expected; tokens:\n  ${show(toks)}`);
  }

  describe('fields it marks', () => {
    it('Decision maker: Dana', () => {
      const toks = lastLine('Decision maker: Dana');
      expectScope(toks, 'Decision maker', 'entity.name.tag.charter.owner-field');
      expectScope(toks, ':', 'punctuation.separator.key-value.charter');
      expectScope(toks, 'Dana', 'string.other.charter.owner');
    });

    it('**Owner:** @dana (bold field name, @handle)', () => {
      const toks = lastLine('**Owner:** @dana');
      expectScope(toks, 'Owner', 'entity.name.tag.charter.owner-field');
      expectScope(toks, '@dana', 'variable.other.charter.handle');
      assert.ok(toks.find((t) => t.text === '@dana')!.scopes.includes('string.other.charter.owner'), show(toks));
      // markdown's bold is still there: its punctuation and its markup.bold span
      assert.deepEqual(textWith(toks, 'punctuation.definition.bold.markdown'), ['**', '**'], show(toks));
      expectScope(toks, '**Owner:**', 'markup.bold.markdown');
    });

    it('**Owner**: Dana and __Owner:__ Dana', () => {
      let toks = lastLine('**Owner**: Dana');
      expectScope(toks, 'Owner', 'entity.name.tag.charter.owner-field');
      expectScope(toks, '**Owner**', 'markup.bold.markdown');
      expectScope(toks, 'Dana', 'string.other.charter.owner');
      toks = lastLine('__Owner:__ Dana');
      expectScope(toks, 'Owner', 'entity.name.tag.charter.owner-field');
      expectScope(toks, '__Owner:__', 'markup.bold.markdown');
    });

    it('- **Decided by**: Lee (a list item keeps markup.list)', () => {
      const toks = lastLine('- **Decided by**: Lee');
      expectScope(toks, 'Decided by', 'entity.name.tag.charter.owner-field');
      expectScope(toks, 'Lee', 'string.other.charter.owner');
      expectScope(toks, '-', 'punctuation.definition.list.begin.markdown');
      expectEvery(toks, 'markup.list.unnumbered.markdown');
      expectScope(toks, '**Decided by**', 'markup.bold.markdown');
    });

    it('a list of fields stays one list, and a nested paragraph line stays in it', () => {
      const lines = tokenize('- **Date**: 2026-03-09\n- **Decided by**: Priya and Marco\n  more about it\n\nAfter the list.');
      for (const toks of lines.slice(0, 3)) expectEvery(toks, 'markup.list.unnumbered.markdown');
      expectScope(lines[0], 'Date', 'keyword.other.charter.decision-field');
      expectScope(lines[1], 'Decided by', 'entity.name.tag.charter.owner-field');
      expectScope(lines[1], 'Priya and Marco', 'string.other.charter.owner');
      assert.ok(!lines[4].some((t) => t.scopes.some((s) => s.startsWith('markup.list'))), show(lines[4]));
    });

    it('in a numbered list, a task item and a quote, as the server reads them', () => {
      let toks = lastLine('1. **Owner**: Dana');
      expectScope(toks, 'Owner', 'entity.name.tag.charter.owner-field');
      expectEvery(toks, 'markup.list.numbered.markdown');
      toks = lastLine('- [x] Decided by: @lee');
      expectScope(toks, 'Decided by', 'entity.name.tag.charter.owner-field');
      expectScope(toks, '@lee', 'variable.other.charter.handle');
      expectEvery(toks, 'markup.list.unnumbered.markdown');
      toks = lastLine('> Status: accepted');
      expectScope(toks, 'Status', 'keyword.other.charter.decision-field');
      expectEvery(toks, 'markup.quote.markdown');
    });

    it('Date: 2024-01-05 and Status: accepted (decision fields)', () => {
      let toks = lastLine('Date: 2024-01-05');
      expectScope(toks, 'Date', 'keyword.other.charter.decision-field');
      expectScope(toks, ':', 'punctuation.separator.key-value.charter');
      assert.ok(!toks.find((t) => t.text.includes('2024'))!.scopes.some((s) => s.includes('charter')), show(toks));
      toks = lastLine('Status: accepted');
      expectScope(toks, 'Status', 'keyword.other.charter.decision-field');
      toks = lastLine('**Decision:** Trigram similarity');
      expectScope(toks, 'Decision', 'keyword.other.charter.decision-field');
      expectScope(toks, '**Decision:**', 'markup.bold.markdown');
    });

    it('a field after a paragraph line, in a decision log', () => {
      const lines = tokenize('## Use trigram matching\n\nDate: 2026-03-02\nDecision: Trigram similarity over edit distance.\nDecision maker: TBD');
      expectScope(lines[2], 'Date', 'keyword.other.charter.decision-field');
      expectScope(lines[3], 'Decision', 'keyword.other.charter.decision-field');
      expectScope(lines[4], 'Decision maker', 'entity.name.tag.charter.owner-field');
      expectScope(lines[4], 'TBD', 'string.other.charter.owner');
    });
  });

  describe('where it does not apply', () => {
    it('inside a fenced code block', () => {
      const lines = tokenize('```\nOwner: Dana\nDate: 2024-01-05\n@dana\n```\n\n~~~yaml\nStatus: accepted\n~~~');
      for (const toks of lines) expectNoCharter(toks);
      expectEvery(lines[1], 'markup.fenced_code.block.markdown');
      expectEvery(lines[7], 'markup.fenced_code.block.markdown');
    });

    it('inside an indented code block', () => {
      const lines = tokenize('Some text.\n\n    Owner: Dana');
      expectNoCharter(lines[2]);
      expectEvery(lines[2], 'markup.raw.block.markdown');
    });

    it('inside inline code', () => {
      for (const line of ['`Owner: Dana`', '`Date: 2024-01-05` is the format', 'Ask `@dana` or write `**Owner:** @dana`']) {
        const toks = lastLine(line);
        const code = toks.filter((t) => t.scopes.includes('markup.inline.raw.string.markdown'));
        assert.ok(code.length > 0, show(toks));
        assert.deepEqual(charterScopes(code), [], `no charter scope inside inline code: ${line}\n  ${show(toks)}`);
      }
      expectNoCharter(lastLine('`Owner: Dana`'));
    });

    it('inside an HTML comment (one line or several)', () => {
      expectNoCharter(lastLine('<!-- Owner: Dana -->'));
      const lines = tokenize('<!--\nOwner: Dana\nDate: 2024-01-05\n**Owner:** @dana\n-->');
      for (const toks of lines) {
        expectNoCharter(toks);
        expectEvery(toks, 'comment.block.html');
      }
    });

    it('inside front matter', () => {
      const lines = tokenize('---\nowner: Dana\nstatus: accepted\ndate: 2024-01-05\ndecision-makers: [Marco Bianchi]\n---\n# Title\n\nOwner: Dana');
      for (const toks of lines.slice(0, 6)) expectNoCharter(toks);
      for (const toks of lines.slice(1, 5)) expectEvery(toks, 'meta.embedded.block.frontmatter');
      // after the front matter it applies again
      expectScope(lines[8], 'Owner', 'entity.name.tag.charter.owner-field');
    });

    it('in the middle of a sentence, in bold text, in a heading, in an e-mail address', () => {
      expectNoCharter(lastLine('So the owner: Dana said so.'));
      expectNoCharter(lastLine('**Owner: Dana**'));
      expectNoCharter(lastLine('## Status: accepted'));
      expectNoCharter(lastLine('Write to dana@example.com'));
      expectNoCharter(lastLine('Ownership: everyone'));
      expectNoCharter(lastLine('<b>Owner: Dana</b>'));
      // bold that is not a field closes on its line: nothing leaks into the next one
      const lines = tokenize('**Owner: Dana**\nnext line');
      expectScope(lines[0], '**Owner: Dana**', 'markup.bold.markdown');
      assert.ok(!lines[1].some((t) => t.scopes.includes('markup.bold.markdown')), show(lines[1]));
    });
  });

  describe("markdown's own scopes are kept", () => {
    it('a heading keeps markup.heading and entity.name.section', () => {
      for (const line of ['# Decision log', '## Use trigram matching', '## Status: accepted']) {
        const toks = lastLine(line);
        expectEvery(toks, 'markup.heading.markdown');
        expectScope(toks, line.replace(/^#+ /, ''), 'entity.name.section.markdown');
      }
    });

    it('a list keeps markup.list', () => {
      for (const line of ['- Owner: Dana', '* Status: accepted', '+ plain item', '1. Owner: Dana']) {
        const toks = lastLine(line);
        expectEvery(toks, 'markup.list');
        assert.deepEqual(textWith(toks, 'punctuation.definition.list.begin.markdown'), [line.split(' ')[0]], show(toks));
      }
      expectScope(lastLine('- Owner: Dana'), 'Owner', 'entity.name.tag.charter.owner-field');
      expectScope(lastLine('* Status: accepted'), 'Status', 'keyword.other.charter.decision-field');
    });

    it('bold keeps markup.bold, links and italics are untouched', () => {
      let toks = lastLine('The **owner** decides, see [the charter](CHARTER.md) and *why*.');
      expectScope(toks, '**owner**', 'markup.bold.markdown');
      expectScope(toks, '*why*', 'markup.italic.markdown');
      expectScope(toks, 'the charter', 'string.other.link.title.markdown');
      expectNoCharter(toks);
      // markdown's inline formatting inside a field's value is kept too
      toks = lastLine('**Owner:** Dana and **more** bold');
      expectScope(toks, 'Owner', 'entity.name.tag.charter.owner-field');
      assert.deepEqual(textWith(toks, 'markup.bold.markdown'), ['**Owner:**', '**more**'], show(toks));
      toks = lastLine('Decision: use `pg_trgm`, see [ADR 1](adr/0001.md)');
      expectScope(toks, 'Decision', 'keyword.other.charter.decision-field');
      expectScope(toks, '`pg_trgm`', 'markup.inline.raw.string.markdown');
      expectScope(toks, 'ADR 1', 'string.other.link.title.markdown');
      toks = lastLine('Owner: `@dana`');
      expectScope(toks, '`@dana`', 'markup.inline.raw.string.markdown');
      assert.deepEqual(textWith(toks, 'variable.other.charter.handle'), [], show(toks));
    });

    it('an @handle in a paragraph is marked, in a sentence too', () => {
      const toks = lastLine('Ask @priya-r before shipping.');
      expectScope(toks, '@priya-r', 'variable.other.charter.handle');
      expectEvery(toks, 'meta.paragraph.markdown');
    });
  });
});
