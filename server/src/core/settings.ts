/**
 * The client's `charter.*` settings, validated into a typed object before use and laid over
 * the workspace's `.charter.yaml`: rule severities, extra globs per kind, the single-owner
 * rule; and the baseline file whose findings are shown as hints. Anything malformed is
 * ignored, never thrown.
 */
import { defaultConfig, FIXED_RULES, type Config } from './config';
import { escapesRoot } from './configValues';
import { globProblem } from './glob';
import type { ConfiguredSeverity } from './types';
import { RULE_IDS } from './rules/index';

/** The settings Charter reads from the editor. */
export interface Settings {
  /** Severity per rule id, over `.charter.yaml`'s `rules:`. */
  rules?: Record<string, ConfiguredSeverity>;
  /** Globs added to a kind's `include` (kind name → globs). */
  extraGlobs?: Record<string, string[]>;
  /** Overrides `owners.singleOwner` when set. */
  singleOwner?: boolean;
  /**
   * The baseline file, relative to the workspace folder (`charter check --baseline`): its
   * findings are shown as hints. Empty: none. Unset: `.charter-baseline.json` when there is one.
   */
  baseline?: string;
}

const SEVERITIES = new Set(['off', 'info', 'warning', 'error']);

/** Reads whatever the client sent as `charter` settings into {@link Settings}. */
export function readSettings(raw: unknown): Settings {
  const out: Settings = {};
  if (!raw || typeof raw !== 'object') return out;
  const r = raw as Record<string, unknown>;
  if (r.rules && typeof r.rules === 'object') {
    out.rules = {};
    for (const [id, sev] of Object.entries(r.rules as Record<string, unknown>)) {
      if (RULE_IDS.includes(id) && !FIXED_RULES.includes(id) && typeof sev === 'string' && SEVERITIES.has(sev)) out.rules[id] = sev as ConfiguredSeverity;
    }
  }
  if (r.extraGlobs && typeof r.extraGlobs === 'object') {
    out.extraGlobs = {};
    for (const [kind, globs] of Object.entries(r.extraGlobs as Record<string, unknown>)) {
      if (Array.isArray(globs)) out.extraGlobs[kind] = globs.filter((g): g is string => typeof g === 'string' && g.trim() !== '' && !escapesRoot(g) && !globProblem(g));
    }
  }
  if (typeof r.singleOwner === 'boolean') out.singleOwner = r.singleOwner;
  if (typeof r.baseline === 'string') out.baseline = r.baseline.trim();
  return out;
}

/** The effective config: `.charter.yaml` (or the defaults) with the settings laid over it. */
export function applySettings(fileConfig: Config | undefined, s: Settings): Config {
  const base = fileConfig ?? defaultConfig();
  const config: Config = {
    ...base,
    kinds: base.kinds.map((k) => ({ ...k, include: [...k.include, ...(s.extraGlobs?.[k.name] ?? [])] })),
    rules: { ...base.rules, ...(s.rules ?? {}) },
  };
  if (s.singleOwner !== undefined) config.singleOwner = s.singleOwner;
  return config;
}
