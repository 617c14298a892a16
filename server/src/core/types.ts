/**
 * The shared vocabulary of the analysis core. Nothing here imports an editor API: the
 * command-line checker, the language server and the tests all speak these types.
 *
 * Positions are zero-based (line, character in UTF-16 code units), as in LSP; the
 * command-line output adds one when it prints them.
 */

/** A point in a document: zero-based line and UTF-16 column. */
export interface Position {
  line: number;
  character: number;
}

/** A half-open span of a document. */
export interface Range {
  start: Position;
  end: Position;
}

/** How loud a finding is. `off` only appears in configuration, never on a finding. */
export type Severity = 'error' | 'warning' | 'info';

/** A severity as configured: a real severity, or `off` to turn the rule off. */
export type ConfiguredSeverity = Severity | 'off';

/** The five areas of a product team's work: spelled out, with labels and roles, in areas.ts. */
export { AREAS, type Area } from './areas';
import type { Area } from './areas';

/** Extra, machine-readable facts a rule attaches to a finding (used by quick fixes). */
export interface FindingData {
  /** The section's configured name in lower case (`missing-section`, `empty-section`). */
  section?: string;
  /** Names of the missing fields (`missing-decision-field`). */
  fields?: string[];
  /** The people named (`multiple-owners`). */
  owners?: string[];
  /** The owner value as written (`unknown-owner`, `owner-role-mismatch`). */
  owner?: string;
  /** The area concerned (`owner-role-mismatch`). */
  area?: Area;
  /** The link target as written (`broken-link`). */
  target?: string;
  /** `unowned-decision`: whether the decision has an owner field (left empty) or none at all. */
  field?: boolean;
  /** `multiple-owners`: said of the document's own owner rather than of a decision. */
  scope?: 'document';
  /** A section its template has (`missing-section`): the template's path. */
  template?: string;
  /** Charter's policy said once for a folder or a template: how many documents, of how many. */
  policy?: boolean;
  count?: number;
  of?: number;
}

/**
 * One finding of one rule in one file. The core's word: the LSP's `Diagnostic` exists only at
 * the server's edge (lsp/publisher.ts `toLsp`); the checker's JSON keeps its `diagnostics` key.
 */
export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  data?: FindingData;
}

/** A heading as the analysis sees it: only real headings, never inside code or comments. */
export interface Heading {
  depth: number;
  /** The heading's text, inline markup removed. */
  text: string;
  /** The heading's line(s). */
  range: Range;
  /** Zero-based line where the section's body starts (the line after the heading). */
  bodyStartLine: number;
  /**
   * Zero-based line where the section ends (exclusive): the next heading of the same or
   * a higher level, or the end of the document.
   */
  sectionEndLine: number;
  /** Zero-based line where the heading's own text ends: the next heading of any level. */
  ownEndLine: number;
}

/** A `Key: value` line, plain, bold or in a list item. */
export interface Field {
  /** The key as written, inline markup removed. */
  key: string;
  /** The key normalised for comparison (lower case, single spaces, no punctuation). */
  normKey: string;
  /** The value, inline markup removed and trimmed. */
  value: string;
  /** The raw value text as written in the source. */
  rawValue: string;
  line: number;
  keyRange: Range;
  /** Where the value is (an empty range right after the colon when there is none). */
  valueRange: Range;
  /** Whether the field was written as a list item. */
  listItem: boolean;
  /** Whether the key was written in bold (`**Owner:**` or `**Owner**:`). */
  bold: boolean;
}

/** One table cell: its text with inline markup removed, and its place. */
export interface Cell {
  text: string;
  range: Range;
}

/** A table: the header row and the body rows. */
export interface Table {
  header: Cell[];
  rows: Cell[][];
  range: Range;
}

/** A link or a definition with a local or remote target. */
export interface Link {
  target: string;
  text: string;
  range: Range;
}

/** A block of body content: what decides whether a section is empty. */
export interface Block {
  /** `placeholder` blocks hold only TBD / TODO / {…} / […] / ___ / template comments. */
  kind: 'content' | 'placeholder';
  startLine: number;
  endLine: number;
}

/** An HTML comment, with its text (used for charter-disable directives). */
export interface Comment {
  text: string;
  range: Range;
}

/** Where a top-level front matter key and its value are. */
export interface FrontMatterKey {
  keyRange: Range;
  valueRange: Range;
  /** Each item's range, when the value is a list. */
  items?: Range[];
  /** The value's text as written, when it is a mapping or a list. */
  source?: string;
  /** Each item's text as written, when the value is a list. */
  itemSources?: string[];
}

/** The YAML front matter of a document, parsed, with positions of its keys. */
export interface FrontMatter {
  /** The parsed value; a plain object when the front matter is a mapping. */
  data: Record<string, unknown>;
  /** Lines of the whole block, delimiters included. */
  range: Range;
  /**
   * The range of each top-level key's value (and of the key itself), and the value's text as
   * written (`source`; for a list, each item's too), read where a mapping or a list stands
   * in place of a name or a date: `deciders: {list everyone involved}` is a YAML mapping.
   */
  keys: Map<string, FrontMatterKey>;
  /** YAML errors, each with its own place. */
  errors: { message: string; range: Range }[];
  /** Set when the block is valid YAML but not a mapping. */
  notAMapping?: boolean;
}

/**
 * The structure of a markdown document that the rules read. Produced from the text by a
 * parser (remark-parse), it holds positions for everything it records.
 */
export interface MarkdownModel {
  frontMatter?: FrontMatter;
  headings: Heading[];
  fields: Field[];
  tables: Table[];
  links: Link[];
  blocks: Block[];
  comments: Comment[];
  lineCount: number;
}

/** A replacement of a range with new text. */
export interface TextEdit {
  range: Range;
  newText: string;
}

/** A fix the user can choose. */
export interface Fix {
  title: string;
  edits: TextEdit[];
  /** The fix an editor may apply with one keystroke. */
  preferred?: boolean;
  /**
   * Where the writer goes on after the edit (in the text as it is after it): the prompt of
   * an inserted section, selected so that typing replaces it.
   */
  select?: Range;
}
