/**
 * The built-in document kinds, the decision fields, and the owner field names: the
 * defaults that `.charter.yaml` can change.
 */
import { AREA, type Area } from './areas';
import { normalizeKey, termKey } from './syntax';

/** A section a kind expects, found by its name or any alias. */
export interface SectionSpec {
  name: string;
  aliases: string[];
  /** Required sections are reported when missing; others only when empty. */
  required: boolean;
  /** The area the section answers, if any (Why, What, How, Who, When). */
  area?: Area;
  /**
   * The decision field the section holds (an ADR's Context is its decision's context): the
   * section is found by the field's names too, and the field by the section's headings, so
   * the two never disagree.
   */
  field?: DecisionField;
  /**
   * Written in `.charter.yaml`: found by its own name, its aliases and the names the
   * configuration's `languages:` give it — never by the built-in vocabulary of a kind that
   * shares its name or area.
   */
  configured?: boolean;
}

/** How a kind holds decisions. */
export type DecisionMode = 'none' | 'entries' | 'per-file';

/** A document kind, built in or configured. */
export interface KindSpec {
  name: string;
  builtin: boolean;
  include: string[];
  exclude: string[];
  /**
   * Records kept as the page of their own dated or numbered folder
   * (`decision-records/2022-02-07-tracing/README.md`): the kind's documents although their
   * name is excluded elsewhere as an index page.
   */
  bundles?: string[];
  sections: SectionSpec[];
  decisions: DecisionMode;
  /** Owner field names for this kind only (normalised); undefined means the global list. */
  ownerFields?: string[];
  /** Whether the document itself should name an owner (`missing-document-owner`). */
  documentOwner: boolean;
  /** The area a decision of this kind answers when nothing else says. */
  area?: Area;
  /** Field names of this kind's own, by what they are (`date: [Last updated]`, `owner: [Authors]`), besides the built-in names. */
  fields?: KindFields;
  /** How messages name the kind ("PRD", "DECISION-LOG"): the name in capitals. */
  label: string;
  /** Its documents are team charters: their people, roles and responsibilities make the roster. */
  holdsRoster?: boolean;
  /** Its documents implement a PRD, named by their `prd:` field (an SDD). */
  implementsPrd?: boolean;
  /** Its documents are PRDs: what an implementing document's `prd:` must name. */
  isPrd?: boolean;
  /** Other `type:` values that name the kind (`type: decisions` for a decision log); a kind's own name wins. */
  typeAliases?: string[];
  /** How the editor's "New …" command writes a document of the kind (built-in kinds only). */
  create?: NewDocumentSpec;
  /** The id prefixes its records are cited by (`ADR` for ADR-0012): a per-file kind's `ids:` (core/records/workspace.ts). */
  ids?: string[];
  /** Its documents are a decision folder's index page: the records they must list (`missing-from-index`). */
  indexesRecords?: boolean;
}

/**
 * What a built-in kind's "New …" command asks and writes. A configured kind has none: it is
 * asked for by its name, and its skeleton is its sections.
 */
export interface NewDocumentSpec {
  /** How a prompt names one ("PRD", "decision log"). */
  noun: string;
  /** The title offered (none: the writer types one). */
  title?: string;
  /** Whether the command asks who owns it, and how (default: "Owner of the <noun>"). */
  owner: { ask: false } | { ask: true; prompt?: string };
  /**
   * The shape of the new document: `sections` (front matter with owner, status and date,
   * then the kind's sections, each asking its area's question), `log` (a decision log with
   * a first entry), `record` (a numbered decision record), `charter` (people and
   * responsibilities).
   */
  shape: 'sections' | 'log' | 'record' | 'charter';
  /** Where a new one goes when none exists yet, before the kind's globs are tried (`{slug}` is the title's slug). */
  paths?: string[];
}

/** What a kind's own field names can stand for: a decision field, or the owner. */
export type KindField = DecisionField | 'owner';

/** A kind's own field names, by what they stand for. */
export type KindFields = Partial<Record<KindField, string[]>>;

/**
 * Files that sit in document folders but are never documents unless their front matter says
 * so: index pages, changelogs, and real templates — a template is named `template.md`,
 * `*-template.md`, `template-*.md` or sits under a `template(s)/` folder. A record whose slug
 * merely contains the word ("0007-use-templates-for-emails.md") is still a record.
 */
/** The default globs that keep templates out (core/templatePath.ts `isTemplatePath` tells the same names apart). */
export const TEMPLATE_EXCLUDE = ['**/template.md', '**/*[-_.]template.md', '**/template[-_.]*.md', '**/template/**', '**/templates/**'] as const;

export const DEFAULT_EXCLUDE = [
  '**/README.md',
  '**/README.*.md',
  '**/index.md',
  '**/_index.md',
  '**/SUMMARY.md',
  '**/_sidebar.md',
  '**/CHANGELOG.md',
  '**/HISTORY.md',
  ...TEMPLATE_EXCLUDE,
];

/** Folders whose names say they hold decision records, one per file (ADR folders). */
const ADR_FOLDERS =
  '{adr,adrs,decision-record,decision-records,architecture-decisions,architecture-decision-record,architecture-decision-records,architectural-decisions,architectural-decision-record,architectural-decision-records}';
/**
 * Where a decision folder's index page is: its README or index page (or a page named like the
 * folder). Such a page is never a document by its path alone: it is an index (kind
 * `decision-index`) only when it lists the folder's records by link.
 */
export const INDEX_PAGES = [
  `**/${ADR_FOLDERS}/{README,index,_index}.md`,
  '**/{decisions,decision,architecture-decision,architectural-decision}/{README,index,_index}.md',
  '**/{adr,adrs}/{adr,adrs}.md',
];
/** Folders that hold enhancement proposals (RFC, KEP, TEP, OTEP, JEP…): only numbered ones count there. */
const PROPOSAL_FOLDERS = '{proposals,enhancements,enhancement-proposals,keps,teps,oteps,jeps,peps}';
/**
 * Series of proposals and designs the sdd kind recognises by default: numbered enhancement
 * proposals in a folder named for them (`teps/0001-x.md`, `proposals/0012-x.md`,
 * `keps/sig-x/1234-y.md`), RFC-style `text/0066-x.md`, and numbered design documents in a
 * design folder (Go's `design/12345-x.md`, or one numbered folder per design). A design folder's
 * other pages are not taken: `docs/design/` is often a handbook about design. A process's own kind (`charter init`
 * proposes one from its template) takes them first.
 */
export const PROPOSAL_GLOBS = [
  `**/${PROPOSAL_FOLDERS}/**/[0-9]*.md`,
  '**/text/**/[0-9][0-9][0-9][0-9]-*.md',
  '**/{design,designs}/[0-9]*.md',
  '**/{design,designs}/[0-9]*/*.md',
] as const;

/** Folders that hold decisions but may hold other pages too: only numbered records count there. */
const DECISION_FOLDERS = '{decisions,decision,architecture-decision,architectural-decision}';

const s = (name: string, aliases: readonly string[], area?: Area, required = true): SectionSpec => ({ name, aliases: [...aliases], required, area });

/**
 * The headings (in English) that answer each area of a PRD or an SDD, from the templates
 * teams use: PRD templates (problem, background, goals → Why; requirements, scope, user
 * stories, proposed solution → What), design-doc templates (design, architecture,
 * implementation → How; team, staffing → Who; timeline, milestones, rollout → When). A
 * heading answers one area only (a test checks it). Other languages: languages.ts.
 */
export const SECTION_NAMES = {
  why: [
    'Problem',
    'Problems',
    'Problem statement',
    'The problem',
    'Problem definition',
    'Problem to solve',
    'User problem',
    'Customer problem',
    'Pain points',
    'Motivation',
    'Background',
    'Context',
    'Opportunity',
    'Problem and opportunity',
    'Goals',
    'Goals and non-goals',
    'Objectives',
    'Purpose',
    'Vision',
    'Why now',
    'Business case',
    'Business value',
    'Business outcome',
    'Rationale',
    'Hypothesis',
  ],
  what: [
    'Requirements',
    'Product requirements',
    'Functional requirements',
    'User requirements',
    'Feature requirements',
    'Scope',
    'Product scope',
    'In scope',
    'Scope and requirements',
    'Features',
    'Key features',
    'Proposal',
    'Proposed solution',
    'Solution',
    'User stories',
    'Use cases',
    'Specification',
    'MVP',
    'Deliverables',
    'Acceptance criteria',
    'What we are building',
    'Plan',
    'Proposed plan',
  ],
  how: [
    'Technical design',
    'Design',
    'Detailed design',
    'Proposed design',
    'The actual design',
    'Design overview',
    'High level design',
    'System design',
    'Solution',
    'Proposed solution',
    'Technical solution',
    'Solution strategy',
    'Architecture',
    'System architecture',
    'Approach',
    'Technical approach',
    'Implementation',
    'Implementation plan',
    'Data model',
    'Infrastructure',
    'Interfaces',
    'API design',
    'Components',
    'Technical details',
    'Design details',
  ],
  who: ['Team', 'Staffing', 'People', 'Resourcing', 'Resources', 'Team and staffing', 'Roles and responsibilities', 'Ownership'],
  when: [
    'Timeline',
    'Schedule',
    'Milestones',
    'Timeline and milestones',
    'Delivery',
    'Delivery plan',
    'Rollout',
    'Rollout plan',
    'Release plan',
    'Launch plan',
    'Roadmap',
    'Key dates',
    'Dates',
    'Phases',
  ],
} as const satisfies Record<Area, readonly string[]>;

/** The built-in kinds, in the order their globs are tried. */
export function builtinKinds(): KindSpec[] {
  return [
    {
      name: 'prd',
      builtin: true,
      include: [
        '**/*.prd.md',
        '**/prd/**/*.md',
        '**/prds/**/*.md',
        '**/product-requirements/**/*.md',
        '**/prd.md',
        '**/prd[-_]*.md',
        '**/*[-_]prd.md',
        '**/product-requirements.md',
      ],
      exclude: [...DEFAULT_EXCLUDE, `**/${ADR_FOLDERS}/**`, `**/${DECISION_FOLDERS}/**`],
      sections: [s(AREA.why.label, SECTION_NAMES.why, 'why'), s(AREA.what.label, SECTION_NAMES.what, 'what')],
      decisions: 'none',
      documentOwner: true,
      label: 'PRD',
      isPrd: true,
      create: { noun: 'PRD', owner: { ask: true }, shape: 'sections' },
    },
    {
      name: 'sdd',
      builtin: true,
      include: [
        '**/*.sdd.md',
        '**/sdd/**/*.md',
        '**/sdds/**/*.md',
        '**/sdd.md',
        '**/sdd[-_]*.md',
        '**/*[-_]sdd.md',
        '**/design-docs/**/*.md',
        '**/design-doc.md',
        '**/*[-_]design-doc.md',
        // Design specs: `specs/sync-engine-design.md`, `storage-design-spec.md`, `design-specs/…`.
        '**/specs/**/*[-_]design.md',
        '**/*[-_]design[-_]spec.md',
        '**/design-specs/**/*.md',
        ...PROPOSAL_GLOBS,
      ],
      exclude: [...DEFAULT_EXCLUDE, `**/${ADR_FOLDERS}/**`, `**/${DECISION_FOLDERS}/**`],
      sections: [s(AREA.how.label, SECTION_NAMES.how, 'how'), s(AREA.who.label, SECTION_NAMES.who, 'who'), s(AREA.when.label, SECTION_NAMES.when, 'when')],
      decisions: 'none',
      documentOwner: true,
      label: 'SDD',
      implementsPrd: true,
      create: { noun: 'SDD', owner: { ask: true }, shape: 'sections' },
    },
    {
      name: 'decision-log',
      builtin: true,
      include: [
        '**/DECISIONS.md',
        '**/decision-log.md',
        '**/decisions.md',
        '**/decision_log.md',
        '**/decisionlog.md',
        '**/decisions-log.md',
        '**/decisions_log.md',
        '**/decision-register.md',
      ],
      exclude: DEFAULT_EXCLUDE,
      sections: [],
      decisions: 'entries',
      documentOwner: false,
      label: 'DECISION-LOG',
      typeAliases: ['decisions', 'decision'],
      create: {
        noun: 'decision log',
        title: 'Decision log',
        owner: { ask: true, prompt: 'Owner of the first decision' },
        shape: 'log',
        paths: ['docs/DECISIONS.md', 'DECISIONS.md', 'docs/{slug}/DECISIONS.md'],
      },
    },
    {
      name: 'adr',
      builtin: true,
      include: [`**/${ADR_FOLDERS}/**/*.md`, `**/${DECISION_FOLDERS}/**/[0-9]*.md`, `**/${DECISION_FOLDERS}/**/adr*.md`, '**/adr[-_][0-9]*.md', '**/adr[0-9]*.md'],
      // A page named like its ADR folder (adr/adr.md) is the folder's index page, not a record.
      // A page without a number in a folder of guides, designs or assets beside the records
      // (opendatahub-io's operator/design/module-onboarding-guide.md) is a companion page, not a record.
      exclude: [...DEFAULT_EXCLUDE, `**/${ADR_FOLDERS}/**/${ADR_FOLDERS}.md`, `**/${ADR_FOLDERS}/**/{guide,guides,design,designs,assets,images,img,diagrams}/[!0-9]*.md`],
      // One folder per record, named by its date or number: its README.md is the record.
      bundles: [`**/${ADR_FOLDERS}/**/[0-9]*-*/{README,index}.md`],
      sections: [
        // One table for both: the ADR's sections are its decision's fields.
        { ...s('Context', fieldNames('context')), field: 'context' },
        { ...s('Decision', fieldNames('decision')), field: 'decision' },
        { ...s('Consequences', fieldNames('trade-offs'), undefined, false), field: 'trade-offs' },
      ],
      decisions: 'per-file',
      documentOwner: false,
      area: 'how',
      label: 'ADR',
      ids: ['ADR'],
      create: { noun: 'ADR', owner: { ask: true, prompt: 'Who decides? (decision maker)' }, shape: 'record' },
    },
    {
      name: 'charter',
      builtin: true,
      include: ['**/CHARTER.md'],
      exclude: [],
      sections: [],
      decisions: 'none',
      documentOwner: false,
      label: 'CHARTER',
      holdsRoster: true,
      create: { noun: 'charter', title: 'Team charter', owner: { ask: false }, shape: 'charter', paths: ['docs/CHARTER.md', 'CHARTER.md'] },
    },
    {
      // A decision folder's index page: found by INDEX_PAGES, and a document only when it lists records by link (readDocument).
      name: 'decision-index',
      builtin: true,
      include: [],
      exclude: [],
      sections: [],
      decisions: 'none',
      documentOwner: false,
      label: 'INDEX',
      indexesRecords: true,
    },
  ];
}

/** The default owner field names (`owners.fields`). */
export const DEFAULT_OWNER_FIELDS = ['decision maker', 'decider', 'decided by', 'made by', 'owner', 'decision owner', 'DRI', 'accountable'];

/**
 * Owner names that count only inside a decision (a log entry's `Who:`, next to its `What:`
 * and `When:`): elsewhere "Who" is the SDD's Who area, or a PRD's "who is it for".
 */
export const DECISION_OWNER_FIELDS = ['who'];

/**
 * The canonical decision fields and the names they go by, as field lines (`Decision: …`),
 * front matter keys or headings, from the templates teams use: Nygard (Context, Decision,
 * Consequences), MADR 2–4 (Context and problem statement, Considered options, Decision
 * outcome, Pros and cons of the options), Tyree & Akerman (Issue, Positions, Argument,
 * Implications), business-case records (Evaluation criteria, Candidates, Recommendation),
 * Alexandrian and other records (Problem, Drivers, Rationale, Solution, Options analysis)
 * and decision logs (What, Why). An ADR's Context, Decision and Consequences sections are
 * found by these same names.
 */
export const DECISION_FIELDS = {
  date: ['date', 'decided on', 'decision date', 'date decided', 'date of decision'],
  decision: [
    'decision',
    'outcome',
    'decision outcome',
    'chosen option',
    'resolution',
    'decided approach',
    'the decision',
    'our decision',
    'decision made',
    'proposed decision',
    'proposal',
    'recommendation',
    'solution',
    'proposed solution',
    'what',
  ],
  context: [
    'context',
    'problem',
    'background',
    'context and problem statement',
    'problem statement',
    'problem description',
    'issue',
    'motivation',
    'evaluation criteria',
    'rationale',
    'argument',
    'why',
  ],
  // What a decision weighs, not its context (MADR's "Decision Drivers", a business case's
  // criteria): a heading of these never stands for the Context or the Decision.
  drivers: ['drivers', 'decision drivers', 'decision criteria', 'criteria', 'decision factors'],
  alternatives: [
    'alternatives',
    'options',
    'considered options',
    'alternatives considered',
    'alternative approaches',
    'alternative solutions',
    'options considered',
    'other options',
    'positions',
    'candidates',
    'candidates to consider',
    'considerations',
  ],
  'trade-offs': [
    'trade-offs',
    'tradeoffs',
    'trade offs',
    'consequences',
    'positive consequences',
    'negative consequences',
    'implications',
    'pros and cons',
    'pros and cons of the options',
    'options analysis',
  ],
  status: ['status'],
  supersedes: ['supersedes', 'superseded by', 'replaces', 'replaced by', 'amends', 'amended by'],
  area: ['area'],
} as const;

/** The names of a decision field, in English. */
function fieldNames(field: DecisionField): string[] {
  return [...DECISION_FIELDS[field]];
}

/** A canonical decision field name. */
export type DecisionField = keyof typeof DECISION_FIELDS;

/** Fields a decision must have, and fields it should have. */
export const REQUIRED_DECISION_FIELDS: DecisionField[] = ['date', 'decision'];
export const RECOMMENDED_DECISION_FIELDS: DecisionField[] = ['context', 'alternatives', 'trade-offs'];

const FIELD_BY_NAME = new Map<string, DecisionField>();
for (const [canonical, names] of Object.entries(DECISION_FIELDS)) {
  for (const n of names) FIELD_BY_NAME.set(termKey(n), canonical as DecisionField);
}

/** The canonical decision field an (English) field name or heading stands for, if any. */
export function decisionFieldOf(normKey: string): DecisionField | undefined {
  return FIELD_BY_NAME.get(termKey(normKey));
}

/** Owner field names with their singular and plural forms, normalised, for matching (by normalizeKey or termKey). */
export function ownerFieldSet(names: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const n of names) {
    const k = normalizeKey(n);
    out.add(k);
    out.add(singular(k));
    out.add(k.endsWith('s') ? k : `${k}s`);
    out.add(termKey(n));
  }
  return out;
}

function singular(k: string): string {
  return k.endsWith('s') && !k.endsWith('ss') ? k.slice(0, -1) : k;
}

/** The role that owns each area unless the charter says otherwise (from areas.ts). */
export { DEFAULT_AREA_ROLES } from './areas';

/** Role names that mean the same role. */
const ROLE_ALIASES: Record<string, string[]> = {
  pm: ['pm', 'product manager', 'product lead', 'product owner', 'po', 'product'],
  em: ['em', 'engineering manager', 'eng manager', 'engineering lead', 'eng lead', 'engineering'],
};

/** Normalises a role name so that "Product Manager" and "PM" compare equal. */
export function roleKey(role: string): string {
  const k = normalizeKey(role);
  for (const [key, names] of Object.entries(ROLE_ALIASES)) if (names.includes(k)) return key;
  return k;
}

/** Whether a word is a well-known role name (used to read "Dana, PM" as one person). */
export function isKnownRoleWord(text: string): boolean {
  const k = normalizeKey(text);
  return Object.values(ROLE_ALIASES).some((names) => names.includes(k));
}
