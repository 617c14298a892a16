/**
 * The five areas of a product team's work (Why, What, How, Who, When): the one place that
 * spells them. Rules, quick fixes, templates, reports, the language features and the
 * editor's sidebar all take the areas' names, questions and default owners from here.
 *
 * Pure data: no imports, so the client bundles it too. `snippets/markdown.json` cannot import
 * it; test/unit/areas.test.ts fails when the snippets and this module disagree.
 */

/** The areas, in the order they are shown and answered. */
export const AREAS = ['why', 'what', 'how', 'who', 'when'] as const;

/** One of the five areas of a product team's work. */
export type Area = (typeof AREAS)[number];

/** What the product says about one area. */
export interface AreaSpec {
  key: Area;
  /** The area's name as a heading and in messages: `Why`. */
  label: string;
  /** The question the area answers, in a phrase (the hover: `Why — why this problem is worth solving now`). */
  question: string;
  /** The same question, shorter (the sidebar's "by area" grouping). */
  summary: string;
  /** The role that owns the area unless the team's charter says otherwise (`areas:` in its front matter). */
  role: string;
  /** What a new document's section asks the writer for (an HTML comment in the skeleton). */
  prompt: string;
  /** What the quick fix that inserts the missing section asks for. */
  fixPrompt: string;
  /** The placeholder of the section in the editor's PRD and SDD snippets. */
  snippet: string;
}

/** The five areas, by key. */
export const AREA: Readonly<Record<Area, Readonly<AreaSpec>>> = {
  why: {
    key: 'why',
    label: 'Why',
    question: 'why this problem is worth solving now',
    summary: 'why this problem is worth solving now',
    role: 'PM',
    prompt: 'Why is this problem worth solving now? Who has it, and what does it cost them?',
    fixPrompt: 'Why is this problem worth solving now? Who has it, and what does it cost them?',
    snippet: 'Why this problem is worth solving now: who has it, and what it costs them.',
  },
  what: {
    key: 'what',
    label: 'What',
    question: 'what exactly ships to solve it',
    summary: 'what exactly ships',
    role: 'PM',
    prompt: 'What exactly ships: requirements, scope, and what is out of scope.',
    fixPrompt: 'What exactly ships: requirements, scope, what is out of scope.',
    snippet: 'What exactly ships: requirements, scope, and what is out of scope.',
  },
  how: {
    key: 'how',
    label: 'How',
    question: 'the technical solution, options and trade-offs',
    summary: 'the technical solution',
    role: 'EM',
    prompt: 'The technical solution, the options considered and their trade-offs.',
    fixPrompt: 'The technical solution, the options considered and their trade-offs.',
    snippet: 'The technical solution, the options considered and their trade-offs.',
  },
  who: {
    key: 'who',
    label: 'Who',
    question: 'which engineers build it',
    summary: 'which engineers build it',
    role: 'EM',
    prompt: 'Which engineers build it, and who leads.',
    fixPrompt: 'Which engineers build it, and who leads.',
    snippet: 'Which engineers build it, and who leads.',
  },
  when: {
    key: 'when',
    label: 'When',
    question: 'the date it reaches which customers',
    summary: 'when it reaches which customers',
    role: 'EM',
    prompt: 'The dates it reaches which customers: milestones.',
    fixPrompt: 'The dates it reaches which customers: milestones.',
    snippet: 'The dates it reaches which customers.',
  },
};

/** Each area's label, by key. */
export const AREA_LABEL: Readonly<Record<Area, string>> = Object.fromEntries(AREAS.map((a) => [a, AREA[a].label])) as Record<Area, string>;

/** Whether a string is an area's key. */
export function isArea(value: string): value is Area {
  return (AREAS as readonly string[]).includes(value);
}

/** The role that owns each area unless the charter says otherwise. */
export const DEFAULT_AREA_ROLES: Readonly<Record<Area, string>> = Object.fromEntries(AREAS.map((a) => [a, AREA[a].role])) as Record<Area, string>;

/** The default split of the areas between roles, in area order: `[{ role: 'PM', areas: ['why', 'what'] }, …]`. */
export const AREAS_BY_ROLE: readonly { role: string; areas: Area[] }[] = AREAS.reduce<{ role: string; areas: Area[] }[]>((out, a) => {
  const group = out.find((g) => g.role === AREA[a].role);
  if (group) group.areas.push(a);
  else out.push({ role: AREA[a].role, areas: [a] });
  return out;
}, []);

/** Words joined as in a sentence: `a`, `a and b`, `a, b and c`. */
export function joinWords(words: readonly string[], last = 'and'): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} ${last} ${words[words.length - 1]}`;
}

/** The areas' labels, each after `the` when asked: `the Why and the What`. */
export function areaLabels(areas: readonly Area[], article = '', last = 'and'): string {
  return joinWords(
    areas.map((a) => `${article}${AREA[a].label}`),
    last,
  );
}

/** The default split as a sentence: "The PM owns the Why and the What; the EM owns the How, the Who and the When." */
export const ROLE_SPLIT_SENTENCE = `${AREAS_BY_ROLE.map((g, i) => `${i ? 'the' : 'The'} ${g.role} owns ${areaLabels(g.areas, 'the ')}`).join('; ')}.`;
