/**
 * Writes the parts of package.json that follow from the rule index (the `charter.rules`
 * setting's schema) and schemas/charter.schema.json for `.charter.yaml`. Run with
 * `npm run manifest`; a unit test fails when package.json and the rules drift apart.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RULES } from '../server/src/core/rules/index';
import { LANGUAGE_FIELDS } from '../server/src/core/languages';
import { builtinKinds } from '../server/src/core/kinds';

const root = path.resolve(__dirname, '..');
const severity = { type: 'string', enum: ['off', 'info', 'warning', 'error'] };

/** The `contributes.configuration.properties` of the manifest. */
export function settingsProperties(): Record<string, unknown> {
  const rules: Record<string, unknown> = {};
  for (const r of RULES) rules[r.id] = { ...severity, default: r.defaultSeverity, description: r.description };
  return {
    'charter.rules': {
      type: 'object',
      scope: 'resource',
      markdownDescription: 'Severity of each rule (`off`, `info`, `warning`, `error`), over the `rules:` of `.charter.yaml`. See the [rules](https://github.com/charter-dev/charter/tree/main/docs/rules).',
      properties: rules,
      additionalProperties: false,
      default: {},
    },
    'charter.extraGlobs': {
      type: 'object',
      scope: 'resource',
      markdownDescription: 'Globs added to a kind\'s `include` (kind name → globs, relative to the workspace folder), e.g. `{ "prd": ["product/**/*.md"] }`.',
      additionalProperties: { type: 'array', items: { type: 'string' } },
      properties: Object.fromEntries(builtinKinds().map((k) => [k.name, { type: 'array', items: { type: 'string' }, description: `Extra globs for ${k.name} documents (defaults: ${k.include.join(', ')}).` }])),
      default: {},
    },
    'charter.singleOwner': {
      type: ['boolean', 'null'],
      scope: 'resource',
      default: null,
      markdownDescription: 'Whether every decision must have exactly one owner (`multiple-owners`). `null` uses `owners.singleOwner` from `.charter.yaml` (default true).',
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

/** JSON schema of `.charter.yaml`, for YAML editors. */
export function configSchema(): unknown {
  const section = {
    oneOf: [
      { type: 'string' },
      {
        type: 'object',
        additionalProperties: false,
        required: ['name'],
        properties: {
          name: { type: 'string' },
          aliases: { type: 'array', items: { type: 'string' } },
          required: { type: 'boolean' },
          area: { enum: ['why', 'what', 'how', 'who', 'when'] },
        },
      },
    ],
  };
  const kind = {
    type: 'object',
    additionalProperties: false,
    properties: {
      include: { type: 'array', items: { type: 'string' }, description: 'Globs of the kind\'s files; for a built-in kind they replace the defaults.' },
      exclude: { type: 'array', items: { type: 'string' } },
      sections: { type: 'array', items: section },
      decisions: { enum: ['none', 'entries', 'per-file'] },
      owners: { type: 'object', additionalProperties: false, properties: { fields: { type: 'array', items: { type: 'string' } } } },
      documentOwner: { type: 'boolean' },
      area: { enum: ['why', 'what', 'how', 'who', 'when'] },
      fields: {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(['date', 'decision', 'context', 'alternatives', 'trade-offs', 'status', 'supersedes', 'area', 'owner'].map((f) => [f, { type: 'array', items: { type: 'string' } }])),
        description: 'This kind\'s own names for its fields, besides the built-in ones: { date: [Last updated], owner: [Authors] }.',
      },
    },
  };
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Charter configuration (.charter.yaml)',
    type: 'object',
    additionalProperties: false,
    properties: {
      kinds: { type: 'object', additionalProperties: kind, description: 'Change a built-in kind or add your own.' },
      owners: {
        type: 'object',
        additionalProperties: false,
        properties: { fields: { type: 'array', items: { type: 'string' } }, singleOwner: { type: 'boolean' } },
      },
      rules: {
        type: 'object',
        additionalProperties: false,
        properties: Object.fromEntries(RULES.map((r) => [r.id, { enum: ['off', 'info', 'warning', 'error'], description: r.description }])),
      },
      ignore: { type: 'array', items: { type: 'string' } },
      charter: { type: 'string', description: 'Path of the charter, relative to the workspace root.' },
      languages: {
        type: 'object',
        description:
          'Section and field names in other languages, by language code (it, ja, pt-BR…). Built in: pt, es, fr, de (names given here are added). A document\'s language is its front matter lang: (language:, locale:), else the one its headings use, else its text\'s.',
        propertyNames: { pattern: '^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8})*$' },
        additionalProperties: {
          type: ['object', 'null'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', description: 'The language\'s name, for messages (e.g. Italian).' },
            sections: {
              type: 'object',
              description: 'Headings in this language by section name (Why, What, How, Who, When, Context, Decision, Consequences, or a configured kind\'s section).',
              additionalProperties: { type: 'array', items: { type: 'string' } },
            },
            fields: {
              type: 'object',
              description: 'Field names and headings in this language, by field; owner names are added to owners.fields for documents in this language, decision owner names count inside a decision only (as Who: does in English).',
              additionalProperties: false,
              properties: Object.fromEntries(LANGUAGE_FIELDS.map((f) => [f, { type: 'array', items: { type: 'string' } }])),
            },
            words: { type: 'array', items: { type: 'string' }, description: 'Short words frequent in this language\'s prose, to recognise a document with no lang: and no known headings.' },
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
