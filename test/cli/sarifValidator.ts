/**
 * A structural check of a SARIF log against the part of the SARIF 2.1.0 schema that
 * GitHub code scanning reads (no network: the constraints are written out here).
 *
 * Checked: the property names each object may have (the schema's
 * `additionalProperties: false`), required properties, types, enums and minimums of
 * sarifLog, run, tool, toolComponent (driver), reportingDescriptor (rules),
 * multiformatMessageString, reportingConfiguration, result, message, location,
 * physicalLocation, artifactLocation, region, suppression and propertyBag; plus what GitHub adds:
 * a driver name, rule ids, a message text, a relative artifact URI and a start line on
 * every result.
 */

const ALLOWED: Record<string, readonly string[]> = {
  sarifLog: ['$schema', 'version', 'runs', 'inlineExternalProperties', 'properties'],
  run: [
    'tool',
    'invocations',
    'conversion',
    'language',
    'versionControlProvenance',
    'originalUriBaseIds',
    'artifacts',
    'logicalLocations',
    'graphs',
    'results',
    'automationDetails',
    'runAggregates',
    'baselineGuid',
    'redactionTokens',
    'defaultEncoding',
    'defaultSourceLanguage',
    'newlineSequences',
    'columnKind',
    'externalPropertyFileReferences',
    'threadFlowLocations',
    'taxonomies',
    'addresses',
    'translations',
    'policies',
    'webRequests',
    'webResponses',
    'specialLocations',
    'properties',
  ],
  tool: ['driver', 'extensions', 'properties'],
  toolComponent: [
    'guid',
    'name',
    'organization',
    'product',
    'productSuite',
    'shortDescription',
    'fullDescription',
    'fullName',
    'version',
    'semanticVersion',
    'dottedQuadFileVersion',
    'releaseDateUtc',
    'downloadUri',
    'informationUri',
    'globalMessageStrings',
    'notifications',
    'rules',
    'taxa',
    'locations',
    'language',
    'contents',
    'isComprehensive',
    'localizedDataSemanticVersion',
    'minimumRequiredLocalizedDataSemanticVersion',
    'associatedComponent',
    'translationMetadata',
    'supportedTaxonomies',
    'properties',
  ],
  reportingDescriptor: [
    'id',
    'deprecatedIds',
    'guid',
    'deprecatedGuids',
    'name',
    'deprecatedNames',
    'shortDescription',
    'fullDescription',
    'messageStrings',
    'defaultConfiguration',
    'helpUri',
    'help',
    'relationships',
    'properties',
  ],
  multiformatMessageString: ['text', 'markdown', 'properties'],
  reportingConfiguration: ['enabled', 'level', 'rank', 'parameters', 'properties'],
  result: [
    'ruleId',
    'ruleIndex',
    'rule',
    'kind',
    'level',
    'message',
    'analysisTarget',
    'locations',
    'guid',
    'correlationGuid',
    'occurrenceCount',
    'partialFingerprints',
    'fingerprints',
    'stacks',
    'codeFlows',
    'graphs',
    'graphTraversals',
    'relatedLocations',
    'suppressions',
    'baselineState',
    'rank',
    'attachments',
    'hostedViewerUri',
    'workItemUris',
    'provenance',
    'fixes',
    'taxa',
    'webRequest',
    'webResponse',
    'properties',
  ],
  message: ['text', 'markdown', 'id', 'arguments', 'properties'],
  location: ['id', 'physicalLocation', 'logicalLocations', 'message', 'annotations', 'relationships', 'properties'],
  physicalLocation: ['address', 'artifactLocation', 'region', 'contextRegion', 'properties'],
  artifactLocation: ['uri', 'uriBaseId', 'index', 'description', 'properties'],
  suppression: ['guid', 'kind', 'status', 'justification', 'location', 'properties'],
  region: ['startLine', 'startColumn', 'endLine', 'endColumn', 'charOffset', 'charLength', 'byteOffset', 'byteLength', 'snippet', 'message', 'sourceLanguage', 'properties'],
};

const LEVELS = ['none', 'note', 'warning', 'error'];
const KINDS = ['notApplicable', 'pass', 'fail', 'review', 'open', 'informational'];
const SUPPRESSION_KINDS = ['inSource', 'external'];
const SUPPRESSION_STATUSES = ['accepted', 'underReview', 'rejected'];

/** Validates a parsed SARIF log; returns the problems found (empty when valid). */
export function validateSarif(log: unknown): string[] {
  const problems: string[] = [];
  const fail = (where: string, msg: string) => problems.push(`${where}: ${msg}`);
  const isObj = (v: unknown): v is Record<string, any> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const obj = (v: unknown, def: string, where: string, required: string[] = []): v is Record<string, any> => {
    if (!isObj(v)) {
      fail(where, `must be an object (${def})`);
      return false;
    }
    for (const k of Object.keys(v)) if (!ALLOWED[def].includes(k)) fail(where, `property "${k}" is not allowed in ${def}`);
    for (const k of required) if (!(k in v)) fail(where, `${def} requires "${k}"`);
    return true;
  };
  const str = (v: unknown, where: string, nonEmpty = false) => {
    if (typeof v !== 'string') fail(where, 'must be a string');
    else if (nonEmpty && !v.trim()) fail(where, 'must not be empty');
  };
  const int = (v: unknown, where: string, min: number) => {
    if (typeof v !== 'number' || !Number.isInteger(v)) fail(where, `must be an integer, not ${JSON.stringify(v)}`);
    else if (v < min) fail(where, `must be at least ${min}, not ${v}`);
  };
  const uri = (v: unknown, where: string, absolute: boolean) => {
    str(v, where, true);
    if (typeof v !== 'string') return;
    if (/\s/.test(v) || v.includes('\\')) fail(where, `"${v}" is not a URI reference (spaces or backslashes)`);
    const isAbsolute = /^[a-z][a-z0-9+.-]*:/i.test(v);
    if (absolute && !isAbsolute) fail(where, `"${v}" must be an absolute URI`);
    if (!absolute && (isAbsolute || v.startsWith('/'))) fail(where, `"${v}" must be relative to the repository root`);
  };
  const propertyBag = (v: unknown, where: string) => {
    if (!isObj(v)) return fail(where, 'must be an object (propertyBag)');
    if ('tags' in v) {
      if (!Array.isArray(v.tags) || v.tags.some((t: unknown) => typeof t !== 'string')) fail(`${where}.tags`, 'must be an array of strings');
      else if (new Set(v.tags).size !== v.tags.length) fail(`${where}.tags`, 'must hold unique items');
    }
  };
  const mmString = (v: unknown, where: string) => {
    if (!obj(v, 'multiformatMessageString', where, ['text'])) return;
    str(v.text, `${where}.text`, true);
    if ('markdown' in v) str(v.markdown, `${where}.markdown`);
    if ('properties' in v) propertyBag(v.properties, `${where}.properties`);
  };
  const message = (v: unknown, where: string) => {
    if (!obj(v, 'message', where)) return;
    if (!('text' in v) && !('id' in v)) fail(where, 'message requires "text" or "id"');
    // GitHub code scanning requires the text.
    str(v.text, `${where}.text`, true);
    if ('markdown' in v) str(v.markdown, `${where}.markdown`);
  };
  const region = (v: unknown, where: string) => {
    if (!obj(v, 'region', where)) return;
    // GitHub needs a start line to place the alert.
    if (!('startLine' in v)) fail(where, 'region has no startLine');
    for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn'] as const) if (k in v) int(v[k], `${where}.${k}`, 1);
    for (const k of ['charOffset', 'byteOffset'] as const) if (k in v) int(v[k], `${where}.${k}`, -1);
    for (const k of ['charLength', 'byteLength'] as const) if (k in v) int(v[k], `${where}.${k}`, 0);
    if (typeof v.startLine === 'number' && typeof v.endLine === 'number' && v.endLine < v.startLine) fail(where, `endLine ${v.endLine} is before startLine ${v.startLine}`);
    const endLine = v.endLine ?? v.startLine;
    if (endLine === v.startLine && typeof v.startColumn === 'number' && typeof v.endColumn === 'number' && v.endColumn <= v.startColumn) {
      fail(where, `single-line region must have endColumn > startColumn (got ${v.startColumn}..${v.endColumn})`);
    }
  };
  const location = (v: unknown, where: string) => {
    if (!obj(v, 'location', where)) return;
    const pl = v.physicalLocation;
    if (!obj(pl, 'physicalLocation', `${where}.physicalLocation`)) return;
    if (!('artifactLocation' in pl) && !('address' in pl)) fail(`${where}.physicalLocation`, 'needs artifactLocation or address');
    const al = pl.artifactLocation;
    if (obj(al, 'artifactLocation', `${where}.physicalLocation.artifactLocation`, ['uri'])) {
      uri(al.uri, `${where}.physicalLocation.artifactLocation.uri`, false);
      if ('uriBaseId' in al) str(al.uriBaseId, `${where}.physicalLocation.artifactLocation.uriBaseId`, true);
      if ('index' in al) int(al.index, `${where}.physicalLocation.artifactLocation.index`, -1);
    }
    if ('region' in pl) region(pl.region, `${where}.physicalLocation.region`);
    else fail(`${where}.physicalLocation`, 'has no region');
  };

  if (!obj(log, 'sarifLog', '$', ['version', 'runs'])) return problems;
  if (log.version !== '2.1.0') fail('$.version', `must be "2.1.0", not ${JSON.stringify(log.version)}`);
  if ('$schema' in log) uri(log.$schema, '$.$schema', true);
  if (!Array.isArray(log.runs) || log.runs.length === 0) {
    fail('$.runs', 'must be a non-empty array');
    return problems;
  }
  log.runs.forEach((run: unknown, ri: number) => {
    const rw = `$.runs[${ri}]`;
    if (!obj(run, 'run', rw, ['tool'])) return;
    if (!obj(run.tool, 'tool', `${rw}.tool`, ['driver'])) return;
    const driver = run.tool.driver;
    const dw = `${rw}.tool.driver`;
    if (!obj(driver, 'toolComponent', dw, ['name'])) return;
    str(driver.name, `${dw}.name`, true);
    for (const k of ['version', 'semanticVersion', 'fullName', 'organization'] as const) if (k in driver) str(driver[k], `${dw}.${k}`, true);
    if ('informationUri' in driver) uri(driver.informationUri, `${dw}.informationUri`, true);
    const rules: any[] = driver.rules ?? [];
    if (!Array.isArray(rules)) fail(`${dw}.rules`, 'must be an array');
    const ids = new Set<string>();
    rules.forEach((rule, i) => {
      const w = `${dw}.rules[${i}]`;
      if (!obj(rule, 'reportingDescriptor', w, ['id'])) return;
      str(rule.id, `${w}.id`, true);
      if (ids.has(rule.id)) fail(`${w}.id`, `duplicate rule id "${rule.id}"`);
      ids.add(rule.id);
      if ('name' in rule) str(rule.name, `${w}.name`, true);
      for (const k of ['shortDescription', 'fullDescription', 'help'] as const) if (k in rule) mmString(rule[k], `${w}.${k}`);
      if ('helpUri' in rule) uri(rule.helpUri, `${w}.helpUri`, true);
      if ('defaultConfiguration' in rule && obj(rule.defaultConfiguration, 'reportingConfiguration', `${w}.defaultConfiguration`)) {
        const c = rule.defaultConfiguration;
        if ('level' in c && !LEVELS.includes(c.level)) fail(`${w}.defaultConfiguration.level`, `must be one of ${LEVELS.join(', ')}`);
        if ('enabled' in c && typeof c.enabled !== 'boolean') fail(`${w}.defaultConfiguration.enabled`, 'must be a boolean');
      }
      if ('properties' in rule) propertyBag(rule.properties, `${w}.properties`);
    });
    if (!('results' in run)) return;
    if (!Array.isArray(run.results)) return fail(`${rw}.results`, 'must be an array');
    run.results.forEach((res: unknown, i: number) => {
      const w = `${rw}.results[${i}]`;
      if (!obj(res, 'result', w, ['message'])) return;
      message(res.message, `${w}.message`);
      // GitHub: a result names its rule.
      str(res.ruleId, `${w}.ruleId`, true);
      if ('ruleIndex' in res) {
        int(res.ruleIndex, `${w}.ruleIndex`, -1);
        if (typeof res.ruleIndex === 'number' && res.ruleIndex >= 0) {
          if (res.ruleIndex >= rules.length) fail(`${w}.ruleIndex`, `${res.ruleIndex} is past the end of the rules (${rules.length})`);
          else if (rules[res.ruleIndex]?.id !== res.ruleId) fail(`${w}.ruleIndex`, `points at "${rules[res.ruleIndex]?.id}", not at ruleId "${res.ruleId}"`);
        }
      }
      if (typeof res.ruleId === 'string' && rules.length && !ids.has(res.ruleId)) fail(`${w}.ruleId`, `"${res.ruleId}" is not among the driver's rules`);
      if ('level' in res && !LEVELS.includes(res.level)) fail(`${w}.level`, `must be one of ${LEVELS.join(', ')}, not ${JSON.stringify(res.level)}`);
      if ('kind' in res && !KINDS.includes(res.kind)) fail(`${w}.kind`, `must be one of ${KINDS.join(', ')}`);
      if (!Array.isArray(res.locations) || res.locations.length === 0) fail(`${w}.locations`, 'GitHub needs at least one location');
      else {
        if (res.locations.length > 1000) fail(`${w}.locations`, 'GitHub reads at most 1000 locations');
        res.locations.forEach((l: unknown, li: number) => location(l, `${w}.locations[${li}]`));
      }
      for (const k of ['partialFingerprints', 'fingerprints'] as const) {
        if (!(k in res)) continue;
        if (!isObj(res[k])) fail(`${w}.${k}`, 'must be an object');
        else for (const [fk, fv] of Object.entries(res[k])) if (typeof fv !== 'string') fail(`${w}.${k}.${fk}`, 'must be a string');
      }
      if ('suppressions' in res) {
        if (!Array.isArray(res.suppressions)) fail(`${w}.suppressions`, 'must be an array');
        else {
          res.suppressions.forEach((sup: unknown, si: number) => {
            const sw = `${w}.suppressions[${si}]`;
            if (!obj(sup, 'suppression', sw, ['kind'])) return;
            if (!SUPPRESSION_KINDS.includes(sup.kind)) fail(`${sw}.kind`, `must be one of ${SUPPRESSION_KINDS.join(', ')}`);
            if ('status' in sup && !SUPPRESSION_STATUSES.includes(sup.status)) fail(`${sw}.status`, `must be one of ${SUPPRESSION_STATUSES.join(', ')}`);
            if ('justification' in sup) str(sup.justification, `${sw}.justification`, true);
          });
          if (new Set(res.suppressions.map((x: unknown) => JSON.stringify(x))).size !== res.suppressions.length) fail(`${w}.suppressions`, 'must hold unique items');
        }
      }
      if ('properties' in res) propertyBag(res.properties, `${w}.properties`);
    });
  });
  return problems;
}
