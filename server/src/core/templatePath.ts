/** Which paths are templates, by name alone (no import: the classifier and the contract both ask). */

/**
 * Whether a path is a template: named `template.md`, `*-template.md`, `template-*.md`
 * (`0000-template.md`, `adr-template.md`, `JEP-TEMPLATE.md`…), or a file of a `template(s)/`
 * folder. The same names that are never documents by default.
 */
export function isTemplatePath(path: string): boolean {
  const parts = path.split('/');
  const name = parts[parts.length - 1].toLowerCase();
  if (!/\.(md|markdown)$/.test(name)) return false;
  // A numbered record about templates ("0101-env-in-pod-template.md") is a record; "0000-template.md" is not.
  if (/^\d*[1-9]\d*[-_.].*[-_.]template\.(md|markdown)$/.test(name)) return false;
  if (/^(?:template|.*[-_.]template|template[-_.].*)\.(md|markdown)$/.test(name)) return true;
  return parts.slice(0, -1).some((p) => /^templates?$/i.test(p));
}
