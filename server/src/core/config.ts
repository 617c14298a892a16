/**
 * `.charter.yaml`: parsed with `yaml`, validated key by key, and turned into a typed
 * {@link Config}. Every problem is reported at its own line; a config with problems is
 * never half-applied. `kinds:` is read by configKinds.ts, `languages:` by configLanguages.ts,
 * and each value by configValues.ts.
 */
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import type { ConfiguredSeverity, Range } from './types';
import { builtinKinds, DEFAULT_OWNER_FIELDS, type KindSpec } from './kinds';
import { decode, LineIndex } from './text';
import { yamlErrors } from './frontMatter';
import { STATUSES, statusKey, type Status } from './status';
import { builtinLanguages, type Vocabulary } from './vocabularies';
import { keepNamedFiles, readKind } from './configKinds';
import { readLanguages } from './configLanguages';
import { bool, checkGlob, closest, describe, escapesRoot, itemNode, keyName, stringList, unknownKey, type Report } from './configValues';

/** The name of the configuration file at a workspace root. */
export const CONFIG_FILE = '.charter.yaml';

/** The configuration every part of Charter reads. */
export interface Config {
  /** Kinds in the order their globs are tried: configured kinds first, then the built-in ones. */
  kinds: KindSpec[];
  /** Owner field names (as written); kinds may have their own. */
  ownerFields: string[];
  /** Whether a decision must have exactly one owner. */
  singleOwner: boolean;
  /** Severity overrides by rule id. */
  rules: Record<string, ConfiguredSeverity>;
  /** Globs of paths never read. */
  ignore: string[];
  /** The charter's path, when it is not found by its kind. */
  charter?: string;
  /** Section and field names by language code, besides English (built in: pt, es, fr, de; `languages:` adds). */
  languages: Record<string, Vocabulary>;
  /**
   * Rules the configuration names (`rules:`, and the owner rules with `owners:`): the team has
   * adopted what they ask, so it is its contract on every document, never policy said once.
   */
  adopted?: Set<string>;
  /** A team's own status words (statusKey) and the lifecycle status each means (`statuses:`). */
  statuses?: Record<string, Status>;
  /** How many days a decision may stay proposed before `stale-proposal` (`staleProposalDays:`, default 90). */
  staleProposalDays?: number;
  /** Files read for decision ids only (`references: { include: [globs] }`): source code, whose comments cite records. */
  references?: { include: string[] };
}

/** A problem in the configuration, with its place in the file. */
export interface ConfigProblem {
  message: string;
  range: Range;
}

/** The result of reading a configuration. */
export interface ConfigResult {
  config?: Config;
  problems: ConfigProblem[];
}

/**
 * Rules whose severity cannot be configured: `invalid-config` is about the configuration
 * itself, which is never half-applied. Neither `rules:` nor the `charter.rules` setting offers them.
 */
export const FIXED_RULES: readonly string[] = ['invalid-config'];

/** The configuration used when there is no `.charter.yaml`. */
export function defaultConfig(): Config {
  return { kinds: builtinKinds(), ownerFields: [...DEFAULT_OWNER_FIELDS], singleOwner: true, rules: {}, ignore: [], languages: builtinLanguages() };
}

/**
 * The words `rules:` accepts (any case), and the severity each means. The JSON schema of
 * `.charter.yaml` (scripts/manifest.ts) is built from this list.
 */
export const SEVERITY_WORDS: Record<string, ConfiguredSeverity> = {
  off: 'off',
  false: 'off',
  none: 'off',
  info: 'info',
  information: 'info',
  hint: 'info',
  warning: 'warning',
  warn: 'warning',
  error: 'error',
};

/** A configuration file larger than this is refused rather than parsed. */
export const MAX_CONFIG_BYTES = 1024 * 1024;

/** What is said of a configuration file over {@link MAX_CONFIG_BYTES}. */
export function tooLargeMessage(name: string, bytes: number): string {
  return `${name} is ${Math.round(bytes / 1024)} KB; a configuration file is at most 1 MB, and one larger than 1 MB is not read`;
}

/**
 * The one way a configuration is loaded, by the checker and by the editor alike: the host
 * hands over the file's bytes as read from disk (or the editor's text of it), or `undefined`
 * when there is no file (the defaults). Bytes that are not YAML text — too large, or binary
 * — are problems in the file, with a location, like any other mistake; the config is then
 * invalid, never silently the defaults. `name` is how the file is named in messages.
 */
export function loadConfig(input: Uint8Array | string | undefined, ruleIds: readonly string[], name = CONFIG_FILE): ConfigResult {
  if (input === undefined) return { config: defaultConfig(), problems: [] };
  const start = { line: 0, character: 0 };
  // The editor's text is measured as the bytes it would be saved as.
  const size = typeof input !== 'string' ? input.length : input.length * 3 > MAX_CONFIG_BYTES ? new TextEncoder().encode(input).length : input.length;
  if (size > MAX_CONFIG_BYTES) return { problems: [{ message: tooLargeMessage(name, size), range: { start, end: start } }] };
  let text: string;
  if (typeof input === 'string') text = input;
  else {
    const decoded = decode(input, MAX_CONFIG_BYTES);
    text = decoded.ok ? decoded.text : new TextDecoder('utf-8').decode(input);
  }
  // A NUL anywhere, from the disk or the editor: binary, reported where the first one is.
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    const at = new LineIndex(text).positionAt(nul);
    return { problems: [{ message: `${name} holds binary content (a NUL byte); a configuration file is YAML text`, range: { start: at, end: at } }] };
  }
  return parseConfig(text, ruleIds);
}

/** How many problems of one file are listed (the rest are counted). */
const MAX_PROBLEMS = 100;

/** Parses and validates a configuration file's text. `ruleIds` are the rules that exist. */
export function parseConfig(text: string, ruleIds: readonly string[]): ConfigResult {
  const r = checkConfig(text, ruleIds);
  // The first problems are enough to fix a file by: past them, one line says how many more.
  if (r.problems.length <= MAX_PROBLEMS) return r;
  const shown = r.problems.slice(0, MAX_PROBLEMS);
  return { ...r, problems: [...shown, { message: `and ${r.problems.length - MAX_PROBLEMS} more problems like these`, range: shown[MAX_PROBLEMS - 1].range }] };
}

function checkConfig(text: string, ruleIds: readonly string[]): ConfigResult {
  const lines = new LineIndex(text);
  const problems: ConfigProblem[] = [];
  const at = (node: { range?: readonly number[] | null } | null | undefined): Range => (node?.range ? lines.range(node.range[0], node.range[1]) : lines.range(0, 0));
  const problem = (node: { range?: readonly number[] | null } | null | undefined, message: string) => problems.push({ message, range: at(node) });

  // Duplicate keys are found by yamlErrors, in linear time (yaml's uniqueKeys is quadratic).
  const doc = parseDocument(text, { lineCounter: new LineCounter(), prettyErrors: false, uniqueKeys: false });
  for (const e of yamlErrors(doc)) problems.push({ message: e.message.split('\n')[0], range: lines.range(e.pos[0], e.pos[1]) });
  if (problems.length) return { problems };

  const config = defaultConfig();
  const root = doc.contents as YamlNode | null;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { config, problems };
  // What is not a plausible configuration is refused without quoting it: the file may be
  // anything (a link to a credentials file, --config /etc/shadow), and a message is printed.
  if (!isMap(root)) {
    problem(
      root,
      `${CONFIG_FILE} must be a mapping of keys (${TOP_KEYS.join(', ')}), not ${isSeq(root) ? 'a list' : isScalar(root) && typeof root.value === 'number' ? 'a number' : isScalar(root) && typeof root.value === 'boolean' ? 'true or false' : 'a text'}`,
    );
    return { problems };
  }
  // Plausible: a key Charter reads (or a near miss), or only keys that look like names (a
  // typo's). Lines of another kind of file are never quoted back.
  const keys = (root.items as Pair<YamlNode, YamlNode>[]).map(keyName);
  if (keys.length && !keys.some((k) => TOP_KEYS.includes(k) || closest(k, TOP_KEYS)) && !keys.every((k) => /^[A-Za-z_][\w.-]{0,39}$/.test(k))) {
    problem(root, `this is not a Charter configuration: none of its ${keys.length} keys is one Charter reads (${TOP_KEYS.join(', ')})`);
    return { problems };
  }

  const builtins = new Map(config.kinds.map((k) => [k.name, k]));
  const custom: KindSpec[] = [];
  let languagesNode: { pair: Pair<YamlNode, YamlNode> } | undefined;

  for (const pair of root.items as Pair<YamlNode, YamlNode>[]) {
    const key = keyName(pair);
    const value = pair.value;
    switch (key) {
      case 'kinds': {
        if (!isMap(value)) {
          problem(value ?? pair.key, 'kinds must be a mapping of kind names to settings');
          break;
        }
        for (const kp of value.items as Pair<YamlNode, YamlNode>[]) {
          const name = keyName(kp);
          if (!name || !/^[a-z][a-z0-9-]*$/.test(name)) {
            problem(kp.key, `kind name "${name}" must be lower case letters, digits and dashes, starting with a letter`);
            continue;
          }
          const base = builtins.get(name);
          const kind = readKind(name, kp.value, base, problem);
          if (!kind) continue;
          if (base) Object.assign(base, kind);
          else {
            if (kind.include.length === 0) problem(kp.key, `kind "${name}" has no include globs: add include: ["path/**/*.md"] (or rely on front matter "type: ${name}")`);
            custom.push(kind);
          }
        }
        break;
      }
      case 'owners': {
        if (!isMap(value)) {
          problem(value ?? pair.key, 'owners must be a mapping with fields and singleOwner');
          break;
        }
        for (const op of value.items as Pair<YamlNode, YamlNode>[]) {
          const k = keyName(op);
          if (k === 'fields') {
            const list = stringList(op.value, 'owners.fields', problem);
            if (list) {
              if (list.length === 0) problem(op.value, 'owners.fields must name at least one field');
              else config.ownerFields = list;
            }
          } else if (k === 'singleOwner') {
            const b = bool(op.value, 'owners.singleOwner', problem);
            if (b !== undefined) config.singleOwner = b;
            // One owner per decision, said by the team: its contract.
            if (b === true) (config.adopted ??= new Set()).add('multiple-owners');
          } else unknownKey(op, 'owners', ['fields', 'singleOwner'], problem);
        }
        break;
      }
      case 'rules': {
        if (!isMap(value)) {
          problem(value ?? pair.key, 'rules must be a mapping of rule ids to off, info, warning or error');
          break;
        }
        for (const rp of value.items as Pair<YamlNode, YamlNode>[]) {
          const id = keyName(rp);
          if (FIXED_RULES.includes(id)) {
            problem(rp.key, `rules.${id} cannot be set: a ${CONFIG_FILE} Charter cannot use is always an error; remove this line`);
            continue;
          }
          if (!ruleIds.includes(id)) {
            unknownKey(
              rp,
              'rules',
              ruleIds.filter((r) => !FIXED_RULES.includes(r)),
              problem,
              'rule',
            );
            continue;
          }
          const raw = isScalar(rp.value) ? String(rp.value.value).toLowerCase() : undefined;
          const sev = raw !== undefined ? SEVERITY_WORDS[raw] : undefined;
          if (!sev) problem(rp.value ?? rp.key, `rules.${id} must be off, info, warning or error, not ${describe(rp.value)}`);
          else {
            config.rules[id] = sev;
            // A rule the team sets on is one it adopts: what it asks is its contract everywhere.
            if (sev !== 'off') (config.adopted ??= new Set()).add(id);
          }
        }
        break;
      }
      case 'ignore': {
        const list = stringList(value, 'ignore', problem);
        if (list) config.ignore = list.filter((g, i) => checkGlob(g, itemNode(value, i), 'ignore', problem));
        break;
      }
      case 'charter': {
        if (!isScalar(value) || typeof value.value !== 'string' || !value.value.trim())
          problem(value ?? pair.key, 'charter must be the path of the charter file, relative to the workspace root');
        else if (escapesRoot(value.value)) problem(value, `charter path "${value.value}" is outside the workspace folder`);
        else config.charter = value.value.replace(/^\.\//, '');
        break;
      }
      case 'statuses': {
        readStatuses(value ?? pair.key, config, problem);
        break;
      }
      case 'staleProposalDays': {
        const n = isScalar(value) ? value.value : undefined;
        if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 36500)
          problem(value ?? pair.key, `staleProposalDays must be a whole number of days from 1 to 36500, not ${describe(value)}`);
        else config.staleProposalDays = n;
        break;
      }
      case 'references': {
        if (!isMap(value)) {
          problem(value ?? pair.key, 'references must be a mapping with include: [globs] (files read for decision ids, such as source code)');
          break;
        }
        for (const rp of value.items as Pair<YamlNode, YamlNode>[]) {
          if (keyName(rp) !== 'include') {
            unknownKey(rp, 'references', ['include'], problem);
            continue;
          }
          const list = stringList(rp.value, 'references.include', problem);
          if (list) config.references = { include: list.filter((g, i) => checkGlob(g, itemNode(rp.value, i), 'references.include', problem)) };
        }
        break;
      }
      case 'languages': {
        // Read after the kinds, whose section names it refers to.
        languagesNode = { pair };
        break;
      }
      default:
        unknownKey(pair, '', TOP_KEYS, problem);
    }
  }
  if (languagesNode) readLanguages(languagesNode.pair.value, config.languages, [...custom, ...config.kinds], problem);
  if (problems.length) return { problems };
  config.kinds = [...custom, ...config.kinds].map(keepNamedFiles);
  return { config, problems };
}

const TOP_KEYS = ['kinds', 'owners', 'rules', 'ignore', 'charter', 'languages', 'statuses', 'staleProposalDays', 'references'];

/** `statuses:` — a team's own status words, by the lifecycle status each means (`accepted: [signed off]`). */
function readStatuses(node: YamlNode | null | undefined, config: Config, problem: Report): void {
  if (!isMap(node)) {
    problem(node, `statuses must be a mapping of ${STATUSES.join(', ')} to lists of words`);
    return;
  }
  for (const sp of node.items as Pair<YamlNode, YamlNode>[]) {
    const s = keyName(sp);
    if (!(STATUSES as readonly string[]).includes(s)) {
      unknownKey(sp, 'statuses', [...STATUSES], problem, 'status');
      continue;
    }
    const list = stringList(sp.value, `statuses.${s}`, problem);
    if (list) for (const w of list) if (statusKey(w)) (config.statuses ??= {})[statusKey(w)] = s as Status;
  }
}
