/** Small facts about files shared by the checker and the server. */

/** The file names read as markdown. */
export const MARKDOWN_RE = /\.(?:md|markdown|mdown|mkd)$/i;

/** Why a file could not be read, in words. */
export function readError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOENT') return 'deleted while being read';
  if (code === 'EISDIR') return 'became a folder while being read';
  if (code === 'ELOOP') return 'symbolic link loop';
  return (e as Error).message;
}
