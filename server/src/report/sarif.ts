/**
 * `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it — one run, the rules with
 * their descriptions and help, results with their regions and a stable fingerprint.
 */
import { createHash } from 'node:crypto';
import { isBaselined, type CheckResult } from './results';
import { RULES } from '../core/rules/index';
import { ruleDocUrl } from '../core/rule';
import type { Severity } from '../core/types';
import { pathRef } from './safeText';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/**
 * `pathPrefix`: what to put before each root-relative path so that it is relative to the
 * repository (the Action's `working-directory`); none by default.
 *
 * With a baseline, the findings it holds are results with an external suppression (SARIF's
 * word for a suppression kept outside the source, as a baseline file is): a consumer that
 * honours suppressions hides them, and GitHub code scanning, which does not, keeps each one
 * as the same alert (same fingerprint) instead of closing it as fixed.
 */
export function formatSarif(result: CheckResult, version: string, pathPrefix = ''): string {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const baseline = result.baseline;
  const results = result.files.flatMap((f) =>
    f.diagnostics.map((d, i) => ({
      ruleId: d.rule,
      ruleIndex: ruleIndex.get(d.rule) ?? 0,
      level: LEVEL[d.severity],
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: pathRef(pathPrefix + f.path), uriBaseId: '%SRCROOT%' },
            region: {
              startLine: d.range.start.line + 1,
              startColumn: d.range.start.character + 1,
              endLine: d.range.end.line + 1,
              endColumn: Math.max(d.range.end.character + 1, d.range.end.line === d.range.start.line ? d.range.start.character + 2 : 1),
            },
          },
        },
      ],
      partialFingerprints: {
        primaryLocationLineHash: createHash('sha256').update(`${d.rule}:${f.path}:${d.message}`).digest('hex').slice(0, 32),
      },
      ...(baseline && isBaselined(f, i) ? { suppressions: [{ kind: 'external', status: 'accepted', justification: `In the baseline ${baseline.file}` }] } : {}),
    })),
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'charter',
            informationUri: 'https://github.com/charter-dev/charter',
            semanticVersion: version,
            version,
            rules: RULES.map((r) => ({
              id: r.id,
              name: r.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
              shortDescription: { text: r.description },
              fullDescription: { text: `${r.description} ${r.help}` },
              help: { text: r.help, markdown: `${r.help}\n\n[Documentation](${ruleDocUrl(r.id)})` },
              helpUri: ruleDocUrl(r.id),
              defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
              properties: { tags: ['documentation', 'ownership'] },
            })),
          },
        },
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
