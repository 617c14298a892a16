/**
 * Which kind a document is: its front matter `type:` first, then the kinds' globs in
 * order. A file that matches nothing is not a document, and Charter says nothing about it.
 */
import type { Config } from './config';
import { globListMatcher } from './glob';
import { INDEX_PAGES, TEMPLATE_EXCLUDE, type KindSpec } from './kinds';
import { isTemplatePath } from './templatePath';

/** Compiled matchers for one configuration. */
export class Classifier {
  private readonly matchers: { kind: KindSpec; include: (p: string) => boolean; exclude: (p: string) => boolean; bundle: (p: string) => boolean }[];
  private readonly ignore: (p: string) => boolean;
  private readonly byName: Map<string, KindSpec>;
  private readonly indexPage: (p: string) => boolean;

  constructor(readonly config: Config) {
    // Globs come with the repository: matched in time linear in the path (core/glob.ts).
    const compile = (globs: string[]) => globListMatcher(globs);
    // The default globs that keep templates out ("*-template.md") exclude only what is a
    // template: a numbered record about templates ("0101-env-in-pod-template.md") stays in.
    const templates = new Set<string>(TEMPLATE_EXCLUDE);
    this.matchers = config.kinds.map((kind) => {
      const other = compile(kind.exclude.filter((g) => !templates.has(g)));
      const template = compile(kind.exclude.filter((g) => templates.has(g)));
      return { kind, include: compile(kind.include), exclude: (p: string) => other(p) || (template(p) && isTemplatePath(p)), bundle: compile(kind.bundles ?? []) };
    });
    this.ignore = compile(config.ignore);
    this.byName = new Map(config.kinds.map((k) => [k.name, k]));
    this.indexPage = compile(INDEX_PAGES);
  }

  /**
   * The index kind, when a path is where a decision folder's index page is (its README): such
   * a page is a document only when it lists records (readDocument decides, by its links).
   */
  indexKindByPath(path: string): KindSpec | undefined {
    if (!this.indexPage(path)) return undefined;
    const kind = this.config.kinds.find((k) => k.indexesRecords);
    return kind && !this.kindByPath(path) ? kind : undefined;
  }

  /** Whether a root-relative path is ignored by the config (`ignore:`). */
  isIgnored(path: string): boolean {
    return this.ignore(path);
  }

  /** The kind a `type:` value names, if any (case and spacing do not matter). */
  kindByType(type: unknown): KindSpec | undefined {
    if (typeof type !== 'string') return undefined;
    const t = type
      .trim()
      .toLowerCase()
      .replace(/[\s_]+/g, '-');
    return this.byName.get(t) ?? this.config.kinds.find((k) => k.typeAliases?.includes(t));
  }

  /** The kind whose globs match a root-relative path, if any. */
  kindByPath(path: string): KindSpec | undefined {
    for (const m of this.matchers) if (m.include(path) && (!m.exclude(path) || m.bundle(path))) return m.kind;
    return undefined;
  }

  /** Whether a path is its kind's only as a record kept as the page of its own folder (`0007-x/README.md`). */
  isBundlePage(path: string): boolean {
    for (const m of this.matchers) if (m.include(path)) return m.exclude(path) && m.bundle(path);
    return false;
  }

  /** Whether a path could be a document of some kind by its globs (cheap pre-filter). */
  couldBeDocument(path: string): boolean {
    return this.kindByPath(path) !== undefined;
  }
}
