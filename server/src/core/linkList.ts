/**
 * Sections that are lists of links ("References", "Related resources", "Further reading"):
 * told apart by their words, for the contract (one such list stands for another) and the
 * empty-section rule (link definitions are such a list's content).
 */

/** Words of a section that is a list of links: "Related resources", "References", "Related documents/links", "Further reading", "See also". */
const LINK_LIST_WORDS = new Set(['resource', 'document', 'doc', 'link', 'reference', 'reading', 'material', 'source', 'see', 'also']);
const LINK_LIST_MODIFIERS = new Set(['related', 'further', 'other', 'useful', 'additional', 'external', 'more', 'or']);

/** Whether a heading, as a termKey ("related document link"), names a list of links. */
export function isLinkList(key: string): boolean {
  const words = key.split(' ').filter((w) => !LINK_LIST_MODIFIERS.has(w));
  return words.length > 0 && words.length <= 3 && words.every((w) => LINK_LIST_WORDS.has(w)) && !(words.length === 1 && (words[0] === 'see' || words[0] === 'also'));
}
