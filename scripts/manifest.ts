/**
 * Writes the parts of package.json that follow from the rule index (the `charter.rules`
 * setting's schema) and schemas/charter.schema.json for `.charter.yaml`. Run with
 * `npm run manifest`; a unit test fails when package.json and the rules drift apart.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../server/src/core/rules/index';
import { LANGUAGE_FIELDS } from '../server/src/core/vocabularies';
import { STATUSES } from '../server/src/core/status';
import { builtinKinds } from '../server/src/core/kinds';
import { FIXED_RULES, SEVERITY_WORDS } from '../server/src/core/config';
import { AREAS } from '../server/src/core/types';
import { BASELINE_FILE } from '../server/src/core/baseline';

const root = path.resolve(__dirname, '..');
const severity = { type: 'string', enum: ['off', 'info', 'warning', 'error'] };
/** The rules whose severity a user can set (invalid-config's cannot). */
const configurable = () => RULES.filter((r) => !FIXED_RULES.includes(r.id));

/** The `contributes.configuration.properties` of the manifest. */
export function settingsProperties(): Record<string, unknown> {
  const rules: Record<string, unknown> = {};
  for (const r of configurable()) rules[r.id] = { ...severity, default: r.defaultSeverity, description: r.description };
  return {
    'charter.rules': {
      type: 'object',
      scope: 'resource',
      markdownDescription:
        'Severity of each rule (`off`, `info`, `warning`, `error`), over the `rules:` of `.charter.yaml`. See the [rules](https://github.com/charter-dev/charter/tree/main/docs/rules).',
      properties: rules,
      additionalProperties: false,
      default: {},
    },
    'charter.extraGlobs': {
      type: 'object',
      scope: 'resource',
      markdownDescription: 'Globs added to a kind\'s `include` (kind name → globs, relative to the workspace folder), e.g. `{ "prd": ["product/**/*.md"] }`.',
      additionalProperties: { type: 'array', items: { type: 'string' } },
      properties: Object.fromEntries(
        builtinKinds().map((k) => [k.name, { type: 'array', items: { type: 'string' }, description: `Extra globs for ${k.name} documents (defaults: ${k.include.join(', ')}).` }]),
      ),
      default: {},
    },
    'charter.singleOwner': {
      type: ['boolean', 'null'],
      scope: 'resource',
      default: null,
      markdownDescription: 'Whether every decision must have exactly one owner (`multiple-owners`). `null` uses `owners.singleOwner` from `.charter.yaml` (default true).',
    },
    'charter.baseline': {
      type: 'string',
      scope: 'resource',
      default: BASELINE_FILE,
      markdownDescription: `The baseline file, relative to the workspace folder, as \`charter check --baseline\` reads it: the findings it holds are shown as hints (\`(in the baseline)\`), new ones at their own severity. A missing file is no baseline; an empty value turns it off. Only a file inside the folder is read. Write it with \`charter check --update-baseline\`.`,
    },
    'charter.trace.server': {
      type: 'string',
      scope: 'window',
      enum: ['off', 'messages', 'verbose'],
      default: 'off',
      description: 'Traces the messages between VS Code and the Charter language server in the Charter output channel.',
    },
  };
}

/** A pattern matching the words in any case, as the parser reads them (`Warning`, `WARN`). */
function anyCase(words: readonly string[]): string {
  const letters = (w: string) => [...w].map((c) => (/[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('');
  return `^(?:${words.map(letters).join('|')})$`;
}

/** Paths and globs that reach outside the workspace root (configValues.ts's escapesRoot). */
const ESCAPES_ROOT = String.raw`^/|^[A-Za-z]:[\\/]|(?:^|[\\/])\.\.(?:[\\/]|$)`;

/**
 * JSON schema of `.charter.yaml`, for YAML editors. It accepts exactly what the parser
 * (server/src/core/config.ts) accepts, and test/unit/configSchema.test.ts holds both to one
 * list of cases: the words and spellings come from the parser's own lists.
 */
export function configSchema(): unknown {
  const canonical = ['off', 'info', 'warning', 'error'];
  const severity = {
    anyOf: [
      { enum: canonical },
      {
        type: 'string',
        pattern: anyCase(Object.keys(SEVERITY_WORDS)),
        description: `Also accepted: ${Object.keys(SEVERITY_WORDS)
          .filter((w) => !canonical.includes(w))
          .join(', ')} (any case).`,
      },
      { const: false, description: 'false: off' },
    ],
  };
  const severityValue = (description: string) => ({ description, allOf: [{ $ref: '#/definitions/severity' }] });
  const area = { $ref: '#/definitions/area' };
  const text = { type: 'string', pattern: '\\S' };
  // A list of strings, or one string for a list of one (numbers are read as text).
  const list = (minItems = 0) => ({ anyOf: [{ type: 'string' }, { type: 'array', items: { type: ['string', 'number'] }, ...(minItems ? { minItems } : {}) }] });
  const inside = { not: { type: 'string', pattern: ESCAPES_ROOT } };
  const globs = (minItems = 0) => ({
    anyOf: [
      { type: 'string', ...inside },
      { type: 'array', items: { type: ['string', 'number'], ...inside }, ...(minItems ? { minItems } : {}) },
    ],
  });
  const section = {
    anyOf: [
      text,
      {
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: { name: text, aliases: list(), required: { type: 'boolean' }, area },
      },
    ],
  };
  const kind = (custom: boolean) => ({
    type: 'object',
    additionalProperties: false,
    ...(custom ? { required: ['include'] } : {}),
    properties: {
      include: {
        ...globs(custom ? 1 : 0),
        description: custom ? "Globs of the kind's files (at least one), relative to the workspace root." : "Globs of the kind's files; they replace the defaults.",
      },
      exclude: globs(),
      sections: { type: 'array', items: section },
      decisions: { enum: ['none', 'entries', 'per-file'] },
      owners: { type: 'object', additionalProperties: false, properties: { fields: list() } },
      documentOwner: { type: 'boolean' },
      area,
      fields: {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(
          ['date', 'decision', 'context', 'alternatives', 'trade-offs', 'status', 'supersedes', 'area', 'owner'].map((f) => [f, { type: 'array', items: { type: 'string' } }]),
        ),
        description: "This kind's own names for its fields, besides the built-in ones: { date: [Last updated], owner: [Authors] }.",
      },
      ids: {
        anyOf: [
          { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9]{0,9}$' },
          { type: 'array', items: { type: 'string', pattern: '^[A-Za-z][A-Za-z0-9]{0,9}$' } },
        ],
        description: 'The prefixes its records are cited by (RFC for RFC-0042): such ids in documents and in references.include files must name a record.',
      },
    },
  });
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Charter configuration (.charter.yaml)',
    definitions: {
      severity,
      area: { anyOf: [{ enum: [...AREAS] }, { type: 'string', pattern: anyCase(AREAS) }] },
    },
    type: ['object', 'null'],
    additionalProperties: false,
    properties: {
      kinds: {
        type: 'object',
        propertyNames: { pattern: '^[a-z][a-z0-9-]*$' },
        properties: Object.fromEntries(
          builtinKinds().map((k) => [k.name, { anyOf: [{ type: 'null' }, kind(false)], description: `The built-in ${k.name} kind: only the keys given change.` }]),
        ),
        additionalProperties: { ...kind(true), description: 'A kind of your own: include globs are required.' },
        description: 'Change a built-in kind or add your own (lower case letters, digits and dashes).',
      },
      owners: {
        type: 'object',
        additionalProperties: false,
        properties: { fields: list(1), singleOwner: { type: 'boolean' } },
      },
      rules: {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(configurable().map((r) => [r.id, severityValue(r.description)])),
      },
      ignore: globs(),
      charter: { ...text, ...inside, description: 'Path of the charter, relative to the workspace root.' },
      statuses: {
        type: 'object',
        additionalProperties: false,
        description: "Your team's own status words, by the lifecycle status each means: { accepted: [signed off], proposed: [incubating] }.",
        properties: Object.fromEntries(STATUSES.map((s) => [s, { type: 'array', items: { type: 'string' } }])),
      },
      staleProposalDays: { type: 'integer', minimum: 1, maximum: 36500, description: 'How many days a decision may stay proposed before stale-proposal reports it (default 90).' },
      references: {
        type: 'object',
        additionalProperties: false,
        properties: { include: { ...globs(), description: 'Files read for decision ids only (source code whose comments cite ADR-0012): each id must name a record.' } },
      },
      languages: {
        type: 'object',
        description:
          "Section and field names in other languages, by language code (it, ja, pt-BR…). Built in: pt, es, fr, de (names given here are added). A document's language is its front matter lang: (language:, locale:), else the one its headings use, else its text's.",
        propertyNames: { pattern: '^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$' },
        additionalProperties: {
          type: ['object', 'null'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', description: "The language's name, for messages (e.g. Italian)." },
            sections: {
              type: 'object',
              description: "Headings in this language by section name (Why, What, How, Who, When, Context, Decision, Consequences, or a configured kind's section).",
              additionalProperties: { type: 'array', items: { type: 'string' } },
            },
            fields: {
              type: 'object',
              description:
                'Field names and headings in this language, by field; owner names are added to owners.fields for documents in this language, decision owner names count inside a decision only (as Who: does in English).',
              additionalProperties: false,
              properties: Object.fromEntries(LANGUAGE_FIELDS.map((f) => [f, { type: 'array', items: { type: 'string' } }])),
            },
            words: {
              type: 'array',
              items: { type: 'string' },
              description: "Short words frequent in this language's prose, to recognise a document with no lang: and no known headings.",
            },
          },
        },
      },
    },
  };
}

if (require.main === module) {
  const pkgPath = path.join(root, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(pkgPath, 'utf8'));
  pkg.contributes.configuration.properties = settingsProperties();
  fs.writeFileSync(pkgPath, `${JSON.stringify(pkg, null, 2)}\n`);
  fs.mkdirSync(path.join(root, 'schemas'), { recursive: true });
  fs.writeFileSync(path.join(root, 'schemas/charter.schema.json'), `${JSON.stringify(configSchema(), null, 2)}\n`);
  console.log('package.json and schemas/charter.schema.json are up to date');
}
