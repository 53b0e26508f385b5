/**
 * Registry lookups resolved across files: `ACT2FN[config.hidden_act]` in modeling_bert.py reads
 * `hidden_act: str = "gelu"` of BertConfig in configuration_bert.py.
 *
 * A file's summary keeps its lookups whose key it does not say (src/core/resolve/lookups.ts: the
 * attribute and the config classes it imports) and its own config classes with their string fields
 * (src/core/extract/configs.ts). Here a lookup is followed through the module resolver to the class
 * (re-exports and base classes followed), and its field's values become the site's activation —
 * `via: 'config'`, the other values as alternatives — or, for a key the registry does not know, an
 * ACT008 finding where the key is written, in the config file, with the lookup as related place.
 */
import type { ConfigClass, KeyLookup } from '../ir';
import type { ParamValue } from '../math/types';
import { isRegistryKey, lookupRegistry, type RegistryId } from '../resolve/registries';
import type { ActivationSite, Range } from '../types';
import type { FileSummary } from './project';
import type { ModuleResolver } from './modules';

/** One value a lookup's key may have, where it is written. */
export interface KeyValue {
  value: string;
  path: string;
  range: Range;
  /** The config class that gives it. */
  cls: string;
  /** The class also sets the field to something its file cannot say: this is one possible value, not the value. */
  open?: boolean;
}

export interface LookupSite {
  range: Range;
  lookup: KeyLookup;
}

interface Files {
  get(path: string): FileSummary | undefined;
  readonly modules: ModuleResolver;
}

const MAX_DEPTH = 8;

/** The config class an imported name stands for, following re-exports. */
function findClass(files: Files, from: string, qualified: string, depth: number): { file: FileSummary; cls: ConfigClass } | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const target = files.modules.resolve(from, qualified);
  if (!target || target.attr.length !== 1) return undefined;
  const file = files.get(target.file);
  if (!file) return undefined;
  const name = target.attr[0]!;
  const cls = file.configs.find((c) => c.name === name);
  if (cls) return { file, cls };
  const reexport = file.imports.get(name);
  return reexport ? findClass(files, file.path, reexport, depth + 1) : undefined;
}

/** The values of `attr` on a config class: its own fields, else its bases' (in this file or imported). */
function fieldOf(files: Files, file: FileSummary, cls: ConfigClass, attr: string, depth: number): KeyValue[] {
  const open = cls.open?.includes(attr) === true;
  const own = cls.fields.filter((f) => f.attr === attr).map((f): KeyValue => ({ value: f.value, path: file.path, range: f.range, cls: cls.name, ...(open ? { open } : {}) }));
  if (own.length > 0 || depth > MAX_DEPTH) return own;
  for (const b of cls.bases) {
    const name = b.split('.').pop()!;
    const local = file.configs.find((c) => c.name === name);
    const base = local ? { file, cls: local } : file.imports.has(name) ? findClass(files, file.path, file.imports.get(name)!, depth + 1) : undefined;
    if (!base) continue;
    const found = fieldOf(files, base.file, base.cls, attr, depth + 1);
    if (found.length > 0) return found;
  }
  return [];
}

/** Every value the lookup's key may have in the project (empty when it cannot be followed). */
export function resolveLookup(files: Files, from: string, lookup: KeyLookup): KeyValue[] {
  return followLookup(files, from, lookup).values;
}

/** The values, and how many of the candidate config classes the project has (0: none in reach). */
function followLookup(files: Files, from: string, lookup: KeyLookup): { values: KeyValue[]; classes: number } {
  if (!lookup.attr || !lookup.classes) return { values: [], classes: 0 };
  const out: KeyValue[] = [];
  const seen = new Set<string>();
  let classes = 0;
  for (const q of lookup.classes) {
    const hit = findClass(files, from, q, 0);
    if (!hit) continue;
    classes++;
    for (const v of fieldOf(files, hit.file, hit.cls, lookup.attr, 0)) {
      const k = `${v.path}:${v.range.start.line}:${v.range.start.column}`;
      if (!seen.has(k)) seen.add(k), out.push(v);
    }
  }
  return { values: out, classes };
}

/** The activation a registry key stands for: catalog id and canonical params (the registry's own answer). */
export function activationOfKey(registry: string, key: string): { id: string; framework: ActivationSite['framework']; params: Record<string, ParamValue> } | undefined {
  const hit = lookupRegistry(registry as RegistryId, key);
  return hit ? { id: hit.id, framework: hit.framework, params: { ...hit.params } } : undefined;
}

/**
 * A file's sites with their lookups resolved through the project: the first value the registry
 * knows becomes the site's activation (via 'config', `source` the other file), the others its
 * alternatives. Sites the project cannot resolve are returned as they are.
 */
export function resolveSites(files: Files, path: string, sites: readonly ActivationSite[], textAt?: (path: string, r: Range) => string): ActivationSite[] {
  return sites.map((s) => {
    if (!s.lookup || s.id) return s;
    const { values, classes } = followLookup(files, path, s.lookup);
    // getattr(config, "conv_act", "tanh") and no config class in reach defines conv_act: the fallback is the value.
    if (values.length === 0 && classes > 0 && s.alternatives?.length && s.alternatives.every((a) => a.via === 'default')) {
      const [first, ...others] = s.alternatives;
      return { ...first!, range: s.range, lookup: s.lookup, ...(others.length > 0 ? { alternatives: others } : {}) };
    }
    const resolved: ActivationSite[] = [];
    const seen = new Set<string>();
    for (const v of values) {
      const a = activationOfKey(s.lookup.registry, v.value);
      if (!a) continue;
      const sig = `${a.id}|${JSON.stringify(Object.entries(a.params).sort())}`;
      if (seen.has(sig)) continue;
      seen.add(sig);
      const text = textAt?.(v.path, v.range) ?? JSON.stringify(v.value);
      resolved.push({ id: a.id, name: v.value, framework: a.framework, range: s.range, params: a.params, via: 'config', registry: { id: s.lookup.registry, key: v.value }, source: { path: v.path, range: v.range, text: `${v.cls}.${s.lookup.attr} = ${text}` } });
    }
    if (resolved.length === 0) return s;
    // A field also set to a value the config file cannot say (`self.dense_act_fn = act_info[-1]`):
    // the site stays unknown, the strings found are its alternatives.
    const open = values.some((v) => v.open);
    const [main, ...rest] = open ? [s, ...resolved] : resolved;
    const out: ActivationSite = { ...main!, lookup: s.lookup };
    // The values the file itself gives (getattr's fallback) stay alternatives.
    const alts = [...rest.map((r) => ({ ...r, range: r.source!.range })), ...(s.alternatives ?? [])];
    if (alts.length > 0) out.alternatives = alts;
    return out;
  });
}

/** Registries that raise on a key they do not know (a config typo fails when the model is built). */
const STRICT: ReadonlySet<string> = new Set(['hf-act2fn', 'hf-act2cls', 'hf-get-activation', 'timm-get-act-layer', 'timm-create-act-layer', 'timm-get-act-fn', 'keras-activations-get']);

/** Config values a file's lookups read that the registry does not know: where the key is written, and the lookup. */
export function unknownKeys(files: Files, path: string, lookups: readonly LookupSite[]): { registry: string; key: KeyValue; lookup: LookupSite }[] {
  const out: { registry: string; key: KeyValue; lookup: LookupSite }[] = [];
  for (const l of lookups) {
    if (!STRICT.has(l.lookup.registry)) continue;
    for (const v of resolveLookup(files, path, l.lookup)) {
      if (v.path === path || isRegistryKey(l.lookup.registry as RegistryId, v.value)) continue;
      out.push({ registry: l.lookup.registry, key: v, lookup: l });
    }
  }
  return out;
}
