/**
 * Settings for the language server: the VS Code extension's settings, same names and meaning
 * (src/shared/config.ts), under the section `activationLens`. Sources, later ones winning:
 * `initializationOptions` (either `{activationLens: {…}}` or the settings object itself), the
 * last `workspace/didChangeConfiguration` push, and — when the client supports it — the answer to
 * `workspace/configuration` for the document's URI (pulled per document, cached until the next
 * didChangeConfiguration).
 */
import { normalize, SECTION, type Settings } from '../shared/config';
import { isObject } from './documents';

type Raw = Record<string, unknown>;

/** The settings object inside what a client sent: `{activationLens: {…}}` or the object itself. */
export function sectionOf(v: unknown): Raw | undefined {
  if (!isObject(v)) return undefined;
  if (isObject(v[SECTION])) return v[SECTION] as Raw;
  // `{ "activationLens.enable": false }`, as some clients flatten VS Code style keys
  const dotted = Object.entries(v).filter(([k]) => k.startsWith(`${SECTION}.`));
  if (dotted.length) return Object.fromEntries(dotted.map(([k, x]) => [k.slice(SECTION.length + 1), x]));
  return v;
}

export function mergeSettings(...layers: Array<Raw | undefined>): Settings {
  const merged: Raw = {};
  for (const l of layers) if (l) Object.assign(merged, l);
  return normalize(merged as Partial<Record<keyof Settings, unknown>>);
}

export interface ConfigurationSource {
  /** workspace/configuration for one scope; undefined when the client does not support it or fails. */
  pull(scopeUri: string): Promise<unknown>;
}

export class ServerSettings {
  private initial: Raw | undefined;
  private pushed: Raw | undefined;
  private readonly cache = new Map<string, Promise<Settings>>();

  constructor(private readonly source: ConfigurationSource | undefined) {}

  setInitializationOptions(options: unknown): void {
    this.initial = sectionOf(options);
  }

  /** A didChangeConfiguration notification: keeps pushed settings, forgets pulled ones. */
  changed(params: unknown): void {
    if (isObject(params) && params.settings !== undefined && params.settings !== null) {
      const s = sectionOf(params.settings);
      if (s && Object.keys(s).length) this.pushed = s;
    }
    this.cache.clear();
  }

  forget(scopeUri: string): void {
    this.cache.delete(scopeUri);
  }

  for(scopeUri: string): Promise<Settings> {
    let p = this.cache.get(scopeUri);
    if (!p) {
      p = this.load(scopeUri);
      this.cache.set(scopeUri, p);
    }
    return p;
  }

  private async load(scopeUri: string): Promise<Settings> {
    let pulled: Raw | undefined;
    if (this.source) {
      try {
        pulled = sectionOf(await this.source.pull(scopeUri));
      } catch {
        pulled = undefined;
      }
    }
    return mergeSettings(this.initial, this.pushed, pulled);
  }
}
