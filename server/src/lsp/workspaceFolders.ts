/**
 * The server's folders and the URIs of their files: the workspace folders the client names,
 * loose folders for files opened outside all of them, and the URI of every path asked for
 * (remembered: publishing and the ownership model ask for thousands).
 */
import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { Folder } from './folder';
import type { ServerHost } from '../node/host';
import type { Settings } from '../core/settings';

export class WorkspaceFolders {
  /** The workspace folders, as the client names them. */
  list: Folder[] = [];
  /** Folders for files opened outside every workspace folder: their own directory, never walked. */
  readonly loose = new Map<string, Folder>();
  /** The `charter` settings every folder lays over its configuration. */
  settings: Settings = {};
  /** Whether the client trusts the workspace (untrusted: defaults only, no .charter.yaml, no settings). */
  trusted = true;
  private readonly uris = new WeakMap<Folder, Map<string, string>>();

  constructor(private readonly host: ServerHost) {}

  make(root: string, name: string, loose = false): Folder {
    const f = new Folder(root, name, this.host, this.trusted, loose);
    f.applySettings(this.settings);
    return f;
  }

  all(): Folder[] {
    return [...this.list, ...this.loose.values()];
  }

  uriOf(f: Folder, rel: string): string {
    let m = this.uris.get(f);
    if (!m) this.uris.set(f, (m = new Map()));
    let u = m.get(rel);
    if (u === undefined) {
      u = URI.file(f.absolute(rel)).toString();
      m.set(rel, u);
    }
    return u;
  }

  /** The folder a URI belongs to (the innermost workspace folder). */
  folderOf(uri: string): Folder | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const abs = URI.parse(uri).fsPath;
    let best: Folder | undefined;
    for (const f of this.list) if (f.relative(abs) && (!best || f.root.length > best.root.length)) best = f;
    return best;
  }

  /** The loose folder of a file outside every workspace folder, made when first asked for. */
  looseFolderOf(uri: string): Folder | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const dir = path.dirname(URI.parse(uri).fsPath);
    let f = this.loose.get(dir);
    if (!f) this.loose.set(dir, (f = this.make(dir, path.basename(dir), true)));
    return f;
  }

  /** A URI's folder and root-relative path (workspace folders first, then loose ones). */
  locate(uri: string): { folder: Folder; rel: string } | undefined {
    if (!uri.startsWith('file:')) return undefined;
    const f = this.folderOf(uri) ?? this.loose.get(path.dirname(URI.parse(uri).fsPath));
    const rel = f?.relative(URI.parse(uri).fsPath);
    return f && rel ? { folder: f, rel } : undefined;
  }

  /** The workspace folder whose root has this URI. */
  byUri(uri: string | undefined): Folder | undefined {
    return uri ? this.list.find((x) => URI.file(x.root).toString() === uri) : undefined;
  }
}
