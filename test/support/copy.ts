/**
 * A writable copy of a read-only folder (the corpora in ../shared are read-only). A test
 * workspace holds copies, not links: Charter does not follow a link that leads outside the
 * workspace root, and a copy that keeps the read-only modes could not be removed afterwards
 * by a user who is not root.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export function copyTree(from: string, to: string): void {
  fs.cpSync(from, to, { recursive: true });
  const writable = (p: string) => {
    const st = fs.statSync(p);
    fs.chmodSync(p, st.isDirectory() ? 0o755 : 0o644);
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) writable(path.join(p, e));
  };
  writable(to);
}
