/**
 * The client's workspace folders (initialize's workspaceFolders or rootUri, then
 * workspace/didChangeWorkspaceFolders), as file-system paths: the roots of the project whose
 * files are read from disk for cross-file analysis.
 */
import { isObject } from './documents';

export function fileUriToPath(uri: string): string | undefined {
  try {
    const u = new URL(uri);
    return u.protocol === 'file:' ? decodeURIComponent(u.pathname) : undefined;
  } catch {
    return undefined;
  }
}

export class WorkspaceFolders {
  private readonly byUri = new Map<string, string>();

  /** From initialize: `workspaceFolders` when given (null = none open), else `rootUri`. */
  set(workspaceFolders: unknown, rootUri: unknown): void {
    this.byUri.clear();
    if (Array.isArray(workspaceFolders)) this.change(workspaceFolders, []);
    else if (workspaceFolders === undefined && typeof rootUri === 'string') this.change([{ uri: rootUri }], []);
  }

  change(added: unknown, removed: unknown): void {
    for (const f of Array.isArray(removed) ? removed : []) if (isObject(f) && typeof f.uri === 'string') this.byUri.delete(f.uri);
    for (const f of Array.isArray(added) ? added : []) {
      if (!isObject(f) || typeof f.uri !== 'string') continue;
      const path = fileUriToPath(f.uri);
      if (path) this.byUri.set(f.uri, path);
    }
  }

  paths(): string[] {
    return [...this.byUri.values()];
  }
}
