/**
 * `charter owners --format html` rendered in headless chromium (playwright-core from the e2e
 * host folder, Debian's /usr/bin/chromium) on test/fixtures/workspaces/two-teams: the page
 * loads nothing from anywhere (every request but the page itself is counted and refused),
 * runs no script, and shows per team the balance, the people × areas matrix whose counts
 * link to the items, the responsibilities with the accountable people, the unowned
 * decisions and the timeline. A screenshot goes to $CHARTER_SCREENSHOTS (default
 * .vscode-test/screenshots; `CHARTER_SCREENSHOTS=docs/images` refreshes the README's).
 *
 *   bash scripts/install-e2e.sh && npx mocha --no-config -r tsx/cjs --timeout 120000 test/e2e/ownersHtml.test.ts
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { CHROMIUM_FLAGS, CHROMIUM, createSandbox, findRepoRoot, hostDir, hostProblem, loadChromium } from './runner';

const repo = findRepoRoot();
const WS = path.join(repo, 'test', 'fixtures', 'workspaces', 'two-teams');

/** What the page shows, read in the browser. */
interface Seen {
  teams: string[];
  summaries: string[][];
  matrix: Record<string, Record<string, string>>;
  matrixLinks: { text: string; href: string; targetExists: boolean; targetText: string }[];
  responsibilities: string[][];
  unowned: string[];
  timeline: string[];
  scripts: number;
  background: string;
  bodyWidth: number;
}

describe('charter owners --format html in chromium', function () {
  this.timeout(180_000);
  let seen: Seen[] = [];
  const requests: string[] = [];

  before(async () => {
    const host = hostDir(repo);
    const problem = hostProblem(host);
    if (problem) throw new Error(problem);
    if (!fs.existsSync(path.join(repo, 'dist', 'cli.js'))) spawnSync('node', ['scripts/build.mjs'], { cwd: repo, stdio: 'inherit' });
    const r = spawnSync(process.execPath, [path.join(repo, 'dist', 'cli.js'), 'owners', '--format', 'html'], { cwd: WS, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const sandbox = createSandbox('charter-html-');
    const file = path.join(sandbox.tmp, 'owners.html');
    fs.writeFileSync(file, r.stdout);
    const pageUrl = pathToFileURL(file).href;
    const chromium = loadChromium(host) as any;
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_FLAGS, timeout: 60_000, env: { ...process.env, ...sandbox.isolatedHome } });
    try {
      const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, javaScriptEnabled: true });
      await context.route('**/*', (route: any) => {
        const url = route.request().url();
        if (url === pageUrl) return route.continue();
        requests.push(url);
        return route.abort();
      });
      const page = await context.newPage();
      await page.goto(pageUrl, { waitUntil: 'load' });
      // A string, not a function: tsx's helpers (__name) do not exist in the page.
      seen = await page.evaluate(`(() => {
        const text = (e) => (e?.textContent ?? '').replace(/\\s+/g, ' ').trim();
        return [...document.querySelectorAll('section.team')].map((s) => {
          const matrix = {};
          for (const row of s.querySelectorAll('table.matrix tbody tr')) {
            const person = row.getAttribute('data-person');
            matrix[person] = {};
            for (const td of row.querySelectorAll('td[data-area]')) matrix[person][td.getAttribute('data-area')] = text(td);
          }
          return {
            teams: [text(s.querySelector('h2'))],
            summaries: [[...s.querySelectorAll('.summary .card')].map(text)],
            matrix,
            matrixLinks: [...s.querySelectorAll('table.matrix a')].map((a) => {
              const id = (a.getAttribute('href') ?? '').slice(1);
              const target = document.getElementById(id);
              return { text: text(a), href: a.getAttribute('href') ?? '', targetExists: Boolean(target), targetText: text(target) };
            }),
            responsibilities: [...s.querySelectorAll('table.responsibilities tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map(text)),
            unowned: [...s.querySelectorAll('ul.unowned li')].map(text),
            timeline: [...s.querySelectorAll('ol.timeline li')].map(text),
            scripts: document.scripts.length,
            background: getComputedStyle(document.body).backgroundColor,
            bodyWidth: document.body.scrollWidth,
          };
        });
})()`);
      const dir = path.resolve(repo, process.env.CHARTER_SCREENSHOTS ?? '.vscode-test/screenshots');
      fs.mkdirSync(dir, { recursive: true });
      await page.screenshot({ path: path.join(dir, 'owners-report.png'), fullPage: false });
    } finally {
      await browser.close();
      fs.rmSync(sandbox.tmp, { recursive: true, force: true });
    }
  });

  it('loads nothing from elsewhere and runs no script', () => {
    assert.deepEqual(requests, []);
    assert.ok(seen.every((s) => s.scripts === 0));
    assert.equal(seen[0].background, 'rgb(255, 255, 255)', 'its own stylesheet applies (the light fallbacks outside VS Code)');
  });

  it('has a section per team', () =>
    assert.deepEqual(
      seen.map((s) => s.teams[0]),
      ['Payments', 'Search'],
    ));

  it("sums up each team's balance", () => {
    assert.deepEqual(seen[0].summaries[0], [
      '4decisions owned',
      '1unowned decisions',
      '50%held by Aisha Bello',
      "1outside their owner's areas",
      '3without context',
      '4without alternatives',
    ]);
  });

  it('draws the people × areas matrix, with counts that link to the items', () => {
    assert.deepEqual(seen[0].matrix['Aisha Bello'], { why: '1', what: '2', how: '1', who: '·', when: '·' });
    assert.deepEqual(seen[0].matrix['Bruno Costa'], { why: '·', what: '·', how: '·', who: '·', when: '1' });
    assert.deepEqual(seen[1].matrix['Elena Ruiz'], { why: '·', what: '·', how: '1', who: '·', when: '1' });
    for (const s of seen) for (const l of s.matrixLinks) assert.ok(l.targetExists, `${l.href} points to an element of the page`);
    const how = seen[0].matrixLinks.find((l) => l.href.endsWith('-how') && l.targetText.startsWith('Aisha Bello · How'));
    assert.ok(how && how.targetText.includes('Retry failed captures'), JSON.stringify(seen[0].matrixLinks));
  });

  it('lists the responsibilities with the accountable people, and the one nobody holds', () => {
    assert.deepEqual(seen[0].responsibilities[0], ['Product research', 'PM', 'Aisha Bello', 'Talks to five merchants a month', 'Joins one interview a month', 'Support, Sales']);
    assert.deepEqual(seen[0].responsibilities.at(-1)!.slice(0, 3), ['PCI compliance', 'Compliance Officer', 'nobody']);
    assert.deepEqual(
      seen[1].responsibilities.map((r) => [r[0], r[2]]),
      [
        ['Product research', 'Dmitri Volkov'],
        ['Iteration planning', 'Dmitri Volkov'],
        ['Hiring', 'Elena Ruiz'],
        ['Career development', 'Elena Ruiz'],
        ['Relevance evaluation', 'nobody'],
      ],
    );
  });

  it('lists the unowned decisions and puts the decisions on a timeline by date', () => {
    assert.deepEqual(seen[0].unowned, ['Card vault provider owner written as “TBD”']);
    assert.deepEqual(
      seen[0].timeline.map((l) => l.slice(0, 10)),
      ['2026-01-12', '2026-02-03', '2026-02-20', '2026-03-05', '2026-03-10'],
    );
    assert.equal(seen[0].timeline[3], '2026-03-05Card vault providerHow unowned');
    assert.deepEqual(
      seen[1].timeline.map((l) => l.slice(0, 10)),
      ['2026-01-20', '2026-02-10', '2026-03-01', '2026-03-15'],
    );
  });
});
