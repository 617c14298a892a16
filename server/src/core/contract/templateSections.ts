/**
 * The sections a document's template asks for beyond its kind's, and since which record of
 * the folder's series each is asked: a template grows, and the records before that predate
 * the section.
 */
import type { AnalyzedDocument } from '../document';
import type { Finding } from '../types';
import type { Config } from '../config';
import { lexiconFor } from '../lexicon';
import { headSlots, namesHead } from '../headPhrase';
import { termKey } from '../syntax';
import { isLinkList } from '../linkList';
import type { TemplateInfo } from './template';
import { kindSectionOf, ruleSeverity, type ContractView, type Group } from './group';

/**
 * The sections a document's template asks for that the kind does not require, when the
 * document lacks them. A section is asked of the records from where the folder's records
 * start having it: a template grows, and the records before that predate the section.
 */
export function templateSections(index: ContractView, doc: AnalyzedDocument, g: Group, t: TemplateInfo): Finding[] {
  if (doc.language && !doc.language.known) return [];
  const out: Finding[] = [];
  const order = recordOrder(doc.path);
  for (const s of t.sections) {
    if (s.optional) continue;
    const spec = kindSectionOf(index.config, s.name, doc.kind);
    if (spec) {
      // A design's How is found by a wide vocabulary, and by the document's topics; a
      // template asks for it by its name ("How"): a design without a heading of that name
      // lacks the template's section.
      const byName = (doc.headingTexts ?? []).some((h) => headingNames(h, termKey(s.name)));
      const asked = spec.area === 'how' && !spec.configured && doc.kind.decisions === 'none' && !doc.missingSections.includes(spec) && !byName;
      if (asked) {
        out.push({
          rule: 'missing-section',
          severity: ruleSeverity(index.config, 'missing-section'),
          message: `${doc.kind.label} has no "${spec.name}" section, which its template ${t.path} has as "${s.name}"`,
          range: doc.titleRange,
          data: { section: spec.name.toLowerCase(), template: t.path },
        });
        continue;
      }
    }
    // A required section of the kind is the kind's own finding, and a configured kind says
    // itself which are required; an optional built-in one the template asks for is the template's.
    if (spec && (spec.required || spec.configured || doc.sections.some((x) => x.spec === spec))) continue;
    if (!spec && hasTemplateSection(index.config, doc, s.name)) continue;
    const since = askedSince(index, g, s.name);
    if (order && since && compareOrder(order, since) < 0) continue;
    out.push({
      rule: 'missing-section',
      severity: ruleSeverity(index.config, 'missing-section'),
      message: `${doc.kind.label} has no "${s.name}" section, which its template ${t.path} has`,
      range: doc.titleRange,
      data: { section: s.name.toLowerCase(), template: t.path },
    });
  }
  return out.filter((f) => f.severity !== ('off' as string));
}

/**
 * Whether a document has a section of its template that is no section of its kind: a
 * heading about it, a field line of that name, a heading for the same decision field
 * ("Alternatives considered" for "Alternative Approaches"), or, for a list of links, any
 * heading that is one ("Related documents/links" for "Related resources").
 */
function hasTemplateSection(config: Config, doc: AnalyzedDocument, name: string): boolean {
  const key = termKey(name);
  if (!key) return true;
  const heads = doc.headingTexts ?? [];
  const fieldKeys = (doc.fieldKeys ?? []).map((k) => termKey(k));
  if (fieldKeys.includes(key) || heads.some((h) => headingNames(h, key))) return true;
  const lex = lexiconFor(config.languages ?? {}, Object.keys(config.languages ?? {}));
  const field = lex.fieldOfKey(key);
  if (field && (heads.some((h) => lex.fieldOfKey(termKey(h)) === field) || fieldKeys.some((k) => lex.fieldOfKey(k) === field))) return true;
  return isLinkList(key) && heads.some((h) => isLinkList(termKey(h)));
}

/**
 * Since which record a template section is asked: where in the series (the number or date
 * of the records' files) the folder's records start having it — the place that best
 * divides the records before, which lack it, from those after, which have it (the earliest
 * among equals, and never after the last record that has it). Undefined when every record
 * is asked: none has it, none is numbered, or the records never went without it.
 */
export function askedSince(index: ContractView, g: Group, name: string): number[] | undefined {
  g.since ??= new Map();
  if (g.since.has(name)) return g.since.get(name);
  const spec = kindSectionOf(index.config, name, g.kind);
  const rows: { order: number[]; has: boolean }[] = [];
  for (const p of g.docs) {
    const d = index.documents.get(p);
    const order = recordOrder(p);
    if (d && order) rows.push({ order, has: spec ? d.sections.some((x) => x.spec === spec) : hasTemplateSection(index.config, d, name) });
  }
  rows.sort((a, b) => compareOrder(a.order, b.order));
  const last = rows.map((r) => r.has).lastIndexOf(true);
  let best = 0;
  let bestScore = rows.filter((r) => r.has).length;
  let score = bestScore;
  for (let i = 1; i <= last; i++) {
    // Records from i on are asked; the one before i now counts when it lacks the section.
    score += rows[i - 1].has ? -1 : 1;
    if (compareOrder(rows[i - 1].order, rows[i].order) === 0) continue;
    if (score > bestScore) {
      best = i;
      bestScore = score;
    }
  }
  const since = best > 0 ? rows[best].order : undefined;
  g.since.set(name, since);
  return since;
}

/** Whether a heading (its text) is about a template section (its termKey): the name, or the head of the heading. */
function headingNames(text: string, key: string): boolean {
  const k = termKey(text);
  // "Change log" for "Changelog"; "Design" for "Detailed Design", "Proposed Design" for "Design".
  if (k === key || k.replace(/ /g, '') === key.replace(/ /g, '') || plainOf(k) === plainOf(key)) return true;
  const words = k.split(' ');
  const want = key.split(' ');
  if (want.join('').length < 5) return false;
  const slots = headSlots(text, k);
  if (!slots || slots.question) return false;
  for (let i = 0; i + want.length <= words.length; i++) {
    if (want.every((w, j) => words[i + j] === w) && namesHead(slots, i, i + want.length - 1)) return true;
  }
  return false;
}

/**
 * Where a record stands in its folder's series: the number or date its file, or else its
 * folder, is named with (`0029-…` → [29], `adr-108-…` → [108], `2022-02-07-tracing/README.md`
 * → [2022, 2, 7]); undefined when neither is.
 */
export function recordOrder(path: string): number[] | undefined {
  const parts = path.split('/');
  for (const name of [parts[parts.length - 1], parts[parts.length - 2]]) {
    const m = name ? /\d+(?:-\d+)*/.exec(name) : null;
    if (m) return m[0].split('-').map((n) => Number(n));
  }
  return undefined;
}

function compareOrder(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

/** What a section name says without a modifier that does not change what the section is about ("Detailed Design" → "design"). */
function plainOf(key: string): string {
  return key.replace(/^(?:detailed|proposed|technical|overall|general|high level|full) /, '');
}
