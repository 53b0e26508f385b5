/**
 * The catalog: entries assembled from the family tables and the docs, name lookup (exact,
 * case-sensitive, optionally module-qualified) and "did you mean" suggestions.
 */
import { DOCS } from './docs';
import { GATED_FAMILY } from './entries-gated';
import { RELU_FAMILY, type EntryDef } from './entries-relu';
import { SQUASH_FAMILY } from './entries-squash';
import { VECTOR_FAMILY } from './entries-vector';
import type { ActivationEntry, Framework, NameBinding, NameKind, Params, Resolved, Variant } from './types';

const DEFS: readonly EntryDef[] = [...SQUASH_FAMILY, ...RELU_FAMILY, ...GATED_FAMILY, ...VECTOR_FAMILY];

const ENTRIES: readonly ActivationEntry[] = DEFS.map((d) => {
  const docs = DOCS[d.id];
  if (!docs) throw new Error(`activation catalog: no docs for ${d.id}`);
  return Object.freeze({ ...d, docs });
});

const BY_ID = new Map(ENTRIES.map((e) => [e.id, e]));

export function entries(): readonly ActivationEntry[] {
  return ENTRIES;
}

export function getEntry(id: string): ActivationEntry | undefined {
  return BY_ID.get(id);
}

/** The entry's canonical defaults (ParamSpec.default). */
export function entryDefaults(entry: ActivationEntry): Params {
  const out: Record<string, string | number | boolean> = {};
  for (const p of entry.params) if (p.default !== undefined) out[p.name] = p.default;
  return out;
}

/** Qualifier spellings → canonical module, per framework. */
const MODULE_ALIASES: Readonly<Record<Framework, Readonly<Record<string, string>>>> = {
  torch: {
    nn: 'torch.nn',
    'torch.nn': 'torch.nn',
    'torch.nn.modules': 'torch.nn',
    F: 'torch.nn.functional',
    functional: 'torch.nn.functional',
    'nn.functional': 'torch.nn.functional',
    'torch.nn.functional': 'torch.nn.functional',
    torch: 'torch',
    special: 'torch.special',
    'torch.special': 'torch.special',
    Tensor: 'Tensor',
    'torch.Tensor': 'Tensor',
  },
  keras: {
    activations: 'keras.activations',
    'keras.activations': 'keras.activations',
    'tf.keras.activations': 'keras.activations',
    'tensorflow.keras.activations': 'keras.activations',
    layers: 'keras.layers',
    'keras.layers': 'keras.layers',
    'tf.keras.layers': 'keras.layers',
    'tensorflow.keras.layers': 'keras.layers',
    'tf.nn': 'tf.nn',
    'tensorflow.nn': 'tf.nn',
    'tf.math': 'tf.math',
    'tensorflow.math': 'tf.math',
    tf: 'tf',
    tensorflow: 'tf',
  },
  tfjs: { tf: 'tf', layers: 'tf.layers', 'tf.layers': 'tf.layers' },
};

interface Indexed {
  entry: ActivationEntry;
  binding: NameBinding;
}

const BY_NAME = new Map<string, Indexed[]>();
for (const entry of ENTRIES) {
  for (const binding of entry.names) {
    const key = `${binding.framework}\u0000${binding.name}`;
    const list = BY_NAME.get(key) ?? [];
    list.push({ entry, binding });
    BY_NAME.set(key, list);
  }
}

export interface LookupOptions {
  /** Keras major version whose definition applies (default 'keras3'). */
  variant?: Variant;
}

/**
 * Resolves a name as the framework spells it (case-sensitive). `name` is either bare ('relu',
 * 'LeakyReLU', 'leakyReLU') or qualified by its namespace ('nn.ReLU', 'F.sigmoid',
 * 'torch.nn.functional.gelu', 'tf.keras.activations.relu', 'tf.nn.leaky_relu', 'tf.layers.softmax').
 * A bare name prefers a non-deprecated binding; a qualified one must match the namespace.
 * For Keras, `options.variant` ('keras2' | 'keras3') restricts the match to names that version
 * accepts and picks its definition; without it Keras 3 is preferred but Keras-2-only names resolve.
 */
export function lookup(
  name: string,
  framework: Framework,
  kinds?: readonly NameKind[],
  options: LookupOptions = {},
): Resolved | undefined {
  const dot = name.lastIndexOf('.');
  const bare = dot < 0 ? name : name.slice(dot + 1);
  const qualifier = dot < 0 ? undefined : name.slice(0, dot);
  let found = (BY_NAME.get(`${framework}\u0000${bare}`) ?? []).filter((c) => !kinds || kinds.includes(c.binding.kind));
  if (qualifier !== undefined) {
    const module = MODULE_ALIASES[framework][qualifier];
    if (module === undefined) return undefined;
    found = found.filter((c) => c.binding.module === module);
  }
  if (options.variant !== undefined) {
    const v = options.variant;
    found = found.filter((c) => !c.binding.variants || c.binding.variants.includes(v));
  }
  if (found.length === 0) return undefined;
  const want: Variant = options.variant ?? (framework === 'keras' ? 'keras3' : framework);
  const score = (c: Indexed): number =>
    (c.binding.deprecated ? 2 : 0) + (c.binding.variants && !c.binding.variants.includes(want) ? 1 : 0);
  const best = [...found].sort((a, b) => score(a) - score(b))[0] as Indexed;
  return {
    entry: best.entry,
    binding: best.binding,
    params: { ...entryDefaults(best.entry), ...best.binding.defaults },
  };
}

/** Optimal-string-alignment edit distance (adjacent transpositions count as one edit). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] as number[];
    const prev = d[i - 1] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
      row[j] = v;
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

/**
 * "Did you mean": names the framework accepts (of the given kinds) close to `name`. Names equal
 * ignoring case (and '_') come first, then by edit distance (at most max(2, ⌊len/3⌋)); up to 5.
 */
export function suggest(name: string, framework: Framework, kinds?: readonly NameKind[]): string[] {
  const bare = name.slice(name.lastIndexOf('.') + 1);
  const norm = (s: string) => s.toLowerCase().replace(/_/g, '');
  const limit = Math.max(2, Math.floor(bare.length / 3));
  const scored = new Map<string, number>();
  for (const e of ENTRIES) {
    for (const b of e.names) {
      if (b.framework !== framework || (kinds && !kinds.includes(b.kind)) || b.deprecated) continue;
      if (b.name === bare) continue;
      const s = norm(b.name) === norm(bare) ? -1 : editDistance(bare.toLowerCase(), b.name.toLowerCase());
      if (s <= limit && (scored.get(b.name) ?? Infinity) > s) scored.set(b.name, s);
    }
  }
  return [...scored.entries()]
    .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
    .slice(0, 5)
    .map(([n]) => n);
}
