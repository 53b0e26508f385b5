/**
 * String registries and factories that turn a name into an activation: Hugging Face
 * `transformers.activations` (ACT2FN / ACT2CLS / get_activation), timm's factories
 * (get_act_layer / create_act_layer / get_act_fn), OpenMMLab's `build_activation_layer(dict(type=…))`,
 * `keras.activations.get`, and `getattr(nn, 'ReLU')` / `getattr(F, 'relu')`.
 *
 * Each registry's key set is the real one, read from the framework's source (cited per table).
 * Each key maps to a catalog spelling (so the parameters are the catalog's, e.g. gelu_new →
 * {approximate: 'tanh'}) or, when the catalog has no entry for what the key builds, to `null`:
 * the registry knows the key (no ACT008), but lookupRegistry returns undefined — we do not fake an
 * entry. Pure: reads only the catalog.
 *
 * Where each registry can be imported from (registryForCall / registryForSubscript accept these,
 * and relative forms such as `...activations.ACT2FN` written inside the library itself):
 *   hf-*                   transformers.activations.{ACT2FN, ACT2CLS, get_activation}
 *   timm-*                 timm.layers, timm.layers.create_act, timm.models.layers,
 *                          timm.models.layers.create_act  (.{get_act_layer, create_act_layer, get_act_fn})
 *   mm-build-activation    mmcv.cnn, mmcv.cnn.bricks, mmcv.cnn.bricks.activation (.build_activation_layer)
 *   keras-activations-get  keras.activations.get (also tf.keras / tensorflow.keras / tf_keras / keras.src)
 *   torch-getattr-nn/F     `getattr(torch.nn, name)` / `getattr(torch.nn.functional, name)`: callers pass
 *                          'getattr:torch.nn' / 'getattr:torch.nn.functional' (the qualified first argument).
 */
import { entries, lookup } from '../math';
import type { Framework, NameKind, Params } from '../math/types';
import { editDistance } from '../math';

export type RegistryId =
  | 'hf-act2fn'
  | 'hf-act2cls'
  | 'hf-get-activation'
  | 'timm-get-act-layer'
  | 'timm-create-act-layer'
  | 'timm-get-act-fn'
  | 'mm-build-activation'
  | 'keras-activations-get'
  | 'torch-getattr-nn'
  | 'torch-getattr-F';

export interface RegistryHit {
  registry: RegistryId;
  /** The key as the registry stores it (timm lower-cases before looking up: 'GELU' → 'gelu'). */
  key: string;
  framework: 'torch' | 'keras' | 'tfjs';
  /** Catalog id. */
  id: string;
  /** Canonical params (as ActivationRef.params: the spelling's defaults plus what the registry fixes). */
  params: Record<string, number | string | boolean>;
  /** (Added) The catalog spelling the key stands for, e.g. 'GELU' for timm 'gelu_tanh'. */
  spelling?: string;
  /** (Added) Constructor keyword names of what the key builds → canonical param names (mm `dict(type='LeakyReLU', negative_slope=0.2)`). */
  argNames?: Readonly<Record<string, string>>;
}

/** A catalog spelling, optional fixed params, optional kwargs mapping; null = known key, no catalog entry. */
interface KeySpec {
  name: string;
  kind: NameKind;
  fixed?: Params;
  argNames?: Readonly<Record<string, string>>;
}
type Table = Readonly<Record<string, KeySpec | null>>;

const mod = (name: string, fixed?: Params, argNames?: Readonly<Record<string, string>>): KeySpec => ({
  name, kind: 'torch-module', ...(fixed ? { fixed } : {}), ...(argNames ? { argNames } : {}),
});
const fn = (name: string, fixed?: Params): KeySpec => ({ name, kind: 'torch-functional', ...(fixed ? { fixed } : {}) });

/**
 * transformers 5.18.0 src/transformers/activations.py lines 324-349 (`ACT2CLS`; ACT2FN =
 * ClassInstantier(ACT2CLS) at line 350, get_activation at 353 looks keys up in ACT2FN). 24 keys.
 * Meanings from the classes in the same file:
 *   gelu: GELUActivation (l.70) → nn.functional.gelu (exact erf); gelu_python: erf in Python (l.86).
 *   gelu_new (l.59), gelu_fast (l.107), gelu_accurate (l.151), gelu_pytorch_tanh / gelu_python_tanh
 *     (GELUTanh l.31, F.gelu(approximate='tanh')): the tanh approximation.
 *   quick_gelu: QuickGELUActivation (l.117) x·σ(1.702x) → catalog gelu approximate 'sigmoid'.
 *   gelu_10: ClippedGELUActivation(-10, 10) (l.126) → gelu clipped to [−10, 10] (catalog param clip).
 *   leaky_relu: nn.LeakyReLU() (slope 0.01); swish: nn.SiLU; silu: SiLUActivation (l.93, F.silu);
 *   hardswish: nn.Hardswish; linear: LinearActivation (l.184, identity); prelu: nn.PReLU.
 *   No catalog entry (null): laplace (l.193, 0.5·(1+erf((x−μ)/(σ√2))) — a Gaussian CDF, not
 *   GELU), relu2 (l.206, relu(x)²), sqrtsoftplus (l.217, √softplus(x)), xielu (l.231, xIELU).
 * Older releases (e.g. 4.x before 4.41) lack some of these keys; we accept the newest set so valid
 * code is never flagged.
 */
const HF: Table = {
  gelu: mod('GELU', { approximate: 'none' }),
  gelu_10: mod('GELU', { approximate: 'none', clip: 10 }),
  gelu_fast: mod('GELU', { approximate: 'tanh' }),
  gelu_new: mod('GELU', { approximate: 'tanh' }),
  gelu_python: mod('GELU', { approximate: 'none' }),
  gelu_pytorch_tanh: mod('GELU', { approximate: 'tanh' }),
  gelu_python_tanh: mod('GELU', { approximate: 'tanh' }),
  gelu_accurate: mod('GELU', { approximate: 'tanh' }),
  hardswish: mod('Hardswish'),
  laplace: null,
  leaky_relu: mod('LeakyReLU'),
  linear: mod('Identity'),
  mish: mod('Mish'),
  quick_gelu: mod('GELU', { approximate: 'sigmoid' }),
  relu: mod('ReLU'),
  relu2: null,
  relu6: mod('ReLU6'),
  sigmoid: mod('Sigmoid'),
  silu: mod('SiLU'),
  sqrtsoftplus: null,
  swish: mod('SiLU'),
  tanh: mod('Tanh'),
  prelu: mod('PReLU'),
  xielu: null,
};

/**
 * timm (huggingface/pytorch-image-models) timm/layers/create_act.py lines 55-75 `_ACT_LAYER_DEFAULT`
 * (+ lines 86-89: 'hardsigmoid' / 'hardswish' aliases). get_act_layer (l.110-126) returns None for
 * None or '' and lower-cases the name (l.122) before the lookup; create_act_layer (l.129) calls it.
 * Classes in timm/layers/activations.py: GELU (l.138, F.gelu exact), GELUTanh (l.152,
 * approximate='tanh'), QuickGELU (l.166, x·σ(1.702x)), Sigmoid (l.51), Tanh (l.65), PReLU (l.124,
 * nn.PReLU(num_parameters=1, init=0.25)), HardMish (l.115, 0.5·x·clamp(x+2, 0, 2): no catalog
 * entry → null). identity: nn.Identity.
 */
const TIMM_LAYER: Table = {
  silu: mod('SiLU'),
  swish: mod('SiLU'),
  mish: mod('Mish'),
  relu: mod('ReLU'),
  relu6: mod('ReLU6'),
  leaky_relu: mod('LeakyReLU'),
  elu: mod('ELU'),
  prelu: mod('PReLU'),
  celu: mod('CELU'),
  selu: mod('SELU'),
  gelu: mod('GELU', { approximate: 'none' }),
  gelu_tanh: mod('GELU', { approximate: 'tanh' }),
  quick_gelu: mod('GELU', { approximate: 'sigmoid' }),
  sigmoid: mod('Sigmoid'),
  tanh: mod('Tanh'),
  hard_sigmoid: mod('Hardsigmoid'),
  hard_swish: mod('Hardswish'),
  hard_mish: null,
  identity: mod('Identity'),
  hardsigmoid: mod('Hardsigmoid'),
  hardswish: mod('Hardswish'),
};

/**
 * timm/layers/create_act.py lines 20-38 `_ACT_FN_DEFAULT` (+ lines 49-52 aliases); get_act_fn
 * (l.92-107) returns None for a falsy name and lower-cases (l.101). No 'prelu' or 'identity' here.
 * gelu / gelu_tanh / quick_gelu are timm/layers/activations.py functions (l.134, l.148, l.162).
 */
const TIMM_FN: Table = {
  silu: fn('silu'),
  swish: fn('silu'),
  mish: fn('mish'),
  relu: fn('relu'),
  relu6: fn('relu6'),
  leaky_relu: fn('leaky_relu'),
  elu: fn('elu'),
  celu: fn('celu'),
  selu: fn('selu'),
  gelu: fn('gelu', { approximate: 'none' }),
  gelu_tanh: fn('gelu', { approximate: 'tanh' }),
  quick_gelu: fn('gelu', { approximate: 'sigmoid' }),
  sigmoid: fn('sigmoid'),
  tanh: fn('tanh'),
  hard_sigmoid: fn('hardsigmoid'),
  hard_swish: fn('hardswish'),
  hard_mish: null,
  hardsigmoid: fn('hardsigmoid'),
  hardswish: fn('hardswish'),
};

/**
 * OpenMMLab: build_activation_layer(cfg) = MODELS.build(cfg) (mmcv/cnn/bricks/activation.py l.102-114);
 * the activation types registered in mmcv (open-mmlab/mmcv, mmcv 2.x):
 *   activation.py l.11-15: ReLU, LeakyReLU, PReLU, RReLU, ReLU6, ELU, Sigmoid, Tanh (torch.nn classes);
 *   l.17-34: SiLU; l.37-38: Clamp and its alias Clip (torch.clamp(x, min=-1, max=1) = hardtanh,
 *   kwargs min/max); l.95-99: GELU (nn.GELU, exact).
 *   hsigmoid.py l.9: HSigmoid (min(max((x + 3)/6, 0), 1) with the defaults bias=3, divisor=6 = torch
 *   hardsigmoid); hswish.py l.37-39: HSwish (nn.Hardswish); swish.py l.7: Swish (x·σ(x)).
 * Case-sensitive (a registry dict). MODELS is shared with every other module type, so ACT008 only
 * reports a type close to one of these names.
 */
const MM: Table = {
  ReLU: mod('ReLU'),
  LeakyReLU: mod('LeakyReLU'),
  PReLU: mod('PReLU'),
  RReLU: mod('RReLU'),
  ReLU6: mod('ReLU6'),
  ELU: mod('ELU'),
  Sigmoid: mod('Sigmoid'),
  Tanh: mod('Tanh'),
  SiLU: mod('SiLU'),
  Clamp: mod('Hardtanh', { min_val: -1, max_val: 1 }, { min: 'min_val', max: 'max_val' }),
  Clip: mod('Hardtanh', { min_val: -1, max_val: 1 }, { min: 'min_val', max: 'max_val' }),
  GELU: mod('GELU', { approximate: 'none' }),
  HSigmoid: mod('Hardsigmoid'),
  HSwish: mod('Hardswish'),
  Swish: mod('SiLU'),
};

/** Catalog names of one kind (and module), for the registries that are the catalog's own spellings. */
function catalogTable(framework: Framework, kind: NameKind, module?: string): Table {
  const out: Record<string, KeySpec> = {};
  for (const e of entries()) {
    for (const b of e.names) {
      if (b.framework !== framework || b.kind !== kind || (module !== undefined && b.module !== module)) continue;
      out[b.name] ??= { name: b.name, kind };
    }
  }
  return out;
}

/**
 * keras.activations.get: keras 3.15.1 keras/src/activations/__init__.py l.37-73 (ALL_OBJECTS_DICT:
 * the 30 function names plus 'swish' → silu, 'hard_swish' → hard_silu), get() at l.116: a string is
 * looked up case-sensitively, None gives linear. These are exactly the catalog's keras-string names
 * (Keras 2 also: its activation='…' strings go through the same get()).
 */
let kerasTable: Table | undefined;
/** getattr(torch.nn, name): the catalog's torch.nn activation classes. */
let nnTable: Table | undefined;
/** getattr(torch.nn.functional, name): the catalog's torch.nn.functional activations (incl. in-place and deprecated ones, which exist). */
let fTable: Table | undefined;

function table(reg: RegistryId): Table {
  switch (reg) {
    case 'hf-act2fn':
    case 'hf-act2cls':
    case 'hf-get-activation':
      return HF;
    case 'timm-get-act-layer':
    case 'timm-create-act-layer':
      return TIMM_LAYER;
    case 'timm-get-act-fn':
      return TIMM_FN;
    case 'mm-build-activation':
      return MM;
    case 'keras-activations-get':
      return (kerasTable ??= catalogTable('keras', 'keras-string'));
    case 'torch-getattr-nn':
      return (nnTable ??= catalogTable('torch', 'torch-module', 'torch.nn'));
    case 'torch-getattr-F':
      return (fTable ??= catalogTable('torch', 'torch-functional', 'torch.nn.functional'));
  }
}

const REGISTRY_FRAMEWORK: Readonly<Record<RegistryId, Framework>> = {
  'hf-act2fn': 'torch',
  'hf-act2cls': 'torch',
  'hf-get-activation': 'torch',
  'timm-get-act-layer': 'torch',
  'timm-create-act-layer': 'torch',
  'timm-get-act-fn': 'torch',
  'mm-build-activation': 'torch',
  'keras-activations-get': 'keras',
  'torch-getattr-nn': 'torch',
  'torch-getattr-F': 'torch',
};

/** timm lower-cases names before the lookup; every other registry is case-sensitive. */
function normalizeKey(reg: RegistryId, key: string): string {
  return reg.startsWith('timm-') ? key.toLowerCase() : key;
}

/** Module paths (after the package root) a name may be imported from, per registry. */
const CALLS: ReadonlyArray<[RegistryId, readonly string[]]> = [
  ['hf-get-activation', ['transformers.activations.get_activation']],
  ['timm-get-act-layer', ['timm.layers.get_act_layer', 'timm.layers.create_act.get_act_layer', 'timm.models.layers.get_act_layer', 'timm.models.layers.create_act.get_act_layer']],
  ['timm-create-act-layer', ['timm.layers.create_act_layer', 'timm.layers.create_act.create_act_layer', 'timm.models.layers.create_act_layer', 'timm.models.layers.create_act.create_act_layer']],
  ['timm-get-act-fn', ['timm.layers.get_act_fn', 'timm.layers.create_act.get_act_fn', 'timm.models.layers.get_act_fn', 'timm.models.layers.create_act.get_act_fn']],
  ['mm-build-activation', ['mmcv.cnn.build_activation_layer', 'mmcv.cnn.bricks.build_activation_layer', 'mmcv.cnn.bricks.activation.build_activation_layer']],
  ['keras-activations-get', ['keras.activations.get', 'tf.keras.activations.get', 'tensorflow.keras.activations.get', 'tf_keras.activations.get', 'keras.src.activations.get']],
  ['torch-getattr-nn', ['getattr:torch.nn', 'getattr:nn']],
  ['torch-getattr-F', ['getattr:torch.nn.functional', 'getattr:F', 'getattr:nn.functional']],
];

const SUBSCRIPTS: ReadonlyArray<[RegistryId, readonly string[]]> = [
  ['hf-act2fn', ['transformers.activations.ACT2FN']],
  ['hf-act2cls', ['transformers.activations.ACT2CLS']],
];

/**
 * Relative spellings written inside the libraries themselves: `from ...activations import ACT2FN`
 * (transformers model files) gives '...activations.ACT2FN' or 'activations.ACT2FN'; timm's own layers
 * import `from .create_act import get_act_layer`. A leading-dot path matches when it is a suffix of a
 * known path starting at a module boundary.
 */
function matches(qualified: string, known: readonly string[]): boolean {
  const q = qualified.trim();
  if (known.includes(q)) return true;
  const rel = q.replace(/^\.+/, '');
  if (rel === q || rel === '') return false;
  return known.some((k) => k.endsWith(`.${rel}`));
}

/** The registry a call stands for: 'transformers.activations.get_activation', 'timm.layers.get_act_layer', 'getattr:torch.nn' … */
export function registryForCall(qualified: string): RegistryId | undefined {
  return memoized(callMemo, qualified, CALLS);
}

/** The registry a subscript `X[key]` stands for: 'transformers.activations.ACT2FN', '...activations.ACT2CLS'. */
export function registryForSubscript(qualified: string): RegistryId | undefined {
  return memoized(subscriptMemo, qualified, SUBSCRIPTS);
}

/** Answers per qualified name (pure, asked once per call / subscript of every file; bounded). */
const callMemo = new Map<string, RegistryId | null>();
const subscriptMemo = new Map<string, RegistryId | null>();

function memoized(memo: Map<string, RegistryId | null>, qualified: string, table: ReadonlyArray<[RegistryId, readonly string[]]>): RegistryId | undefined {
  const hit = memo.get(qualified);
  if (hit !== undefined) return hit ?? undefined;
  let found: RegistryId | null = null;
  for (const [reg, known] of table) {
    if (matches(qualified, known)) {
      found = reg;
      break;
    }
  }
  if (memo.size >= 4096) memo.clear();
  memo.set(qualified, found);
  return found ?? undefined;
}

/** True when the registry knows the key (even if the catalog has no entry for what it builds). */
export function isRegistryKey(reg: RegistryId, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(table(reg), normalizeKey(reg, key));
}

/** What the key stands for in the catalog; undefined when the registry does not know the key or the catalog has no entry for it (see isRegistryKey). */
export function lookupRegistry(reg: RegistryId, key: string): RegistryHit | undefined {
  const k = normalizeKey(reg, key);
  const t = table(reg);
  if (!Object.prototype.hasOwnProperty.call(t, k)) return undefined;
  const spec = t[k];
  if (!spec) return undefined;
  const framework = REGISTRY_FRAMEWORK[reg];
  const resolved = lookup(spec.name, framework, [spec.kind]);
  if (!resolved) return undefined;
  const params: Record<string, number | string | boolean> = { ...resolved.binding.defaults, ...(spec.fixed ?? {}) };
  const argNames = spec.argNames ?? resolved.binding.argNames;
  return {
    registry: reg,
    key: k,
    framework,
    id: resolved.entry.id,
    params,
    spelling: resolved.binding.name,
    ...(argNames ? { argNames } : {}),
  };
}

/** Every key the registry knows, in its own order. */
export function registryKeys(reg: RegistryId): readonly string[] {
  return Object.keys(table(reg));
}

/**
 * Public torch.nn / torch.nn.functional attributes that are not activations but lie within one edit
 * of an activation name (getattr(nn, 'GRU') is not a typo of 'GLU'), plus the common ones a
 * getattr-based factory builds. PyTorch 2.x documentation (torch.nn, torch.nn.functional).
 */
const TORCH_NN_OTHER: ReadonlySet<string> = new Set([
  'GRU', 'GRUCell', 'RNN', 'RNNCell', 'RNNBase', 'LSTM', 'LSTMCell', 'Linear', 'Bilinear', 'LazyLinear', 'Identity',
  'Conv1d', 'Conv2d', 'Conv3d', 'ConvTranspose1d', 'ConvTranspose2d', 'ConvTranspose3d', 'Dropout', 'Dropout1d',
  'Dropout2d', 'Dropout3d', 'AlphaDropout', 'Flatten', 'Unflatten', 'Fold', 'Unfold', 'Embedding', 'EmbeddingBag',
  'BatchNorm1d', 'BatchNorm2d', 'BatchNorm3d', 'LayerNorm', 'GroupNorm', 'RMSNorm', 'InstanceNorm1d', 'InstanceNorm2d',
  'InstanceNorm3d', 'SyncBatchNorm', 'LocalResponseNorm', 'MaxPool1d', 'MaxPool2d', 'MaxPool3d', 'AvgPool1d',
  'AvgPool2d', 'AvgPool3d', 'AdaptiveAvgPool1d', 'AdaptiveAvgPool2d', 'AdaptiveAvgPool3d', 'AdaptiveMaxPool1d',
  'AdaptiveMaxPool2d', 'AdaptiveMaxPool3d', 'Upsample', 'PixelShuffle', 'PixelUnshuffle', 'ZeroPad2d',
  'MultiheadAttention', 'Transformer', 'Module', 'ModuleList', 'ModuleDict', 'Sequential', 'Parameter',
  'ParameterList', 'ParameterDict', 'L1Loss', 'MSELoss', 'NLLLoss', 'CrossEntropyLoss', 'BCELoss', 'BCEWithLogitsLoss',
  'AdaptiveLogSoftmaxWithLoss', 'CosineSimilarity', 'PairwiseDistance', 'ChannelShuffle',
]);
const TORCH_F_OTHER: ReadonlySet<string> = new Set([
  'linear', 'bilinear', 'conv1d', 'conv2d', 'conv3d', 'dropout', 'dropout1d', 'dropout2d', 'dropout3d', 'pad',
  'interpolate', 'upsample', 'normalize', 'layer_norm', 'group_norm', 'batch_norm', 'instance_norm', 'rms_norm',
  'embedding', 'one_hot', 'max_pool1d', 'max_pool2d', 'avg_pool1d', 'avg_pool2d', 'gumbel_softmax', 'cross_entropy',
  'mse_loss', 'l1_loss', 'nll_loss', 'binary_cross_entropy', 'scaled_dot_product_attention', 'cosine_similarity',
  'unfold', 'fold', 'pixel_shuffle', 'grid_sample', 'affine_grid',
]);

/** True for a getattr key that is a real non-activation attribute of the namespace (never an ACT008). */
export function isOtherAttribute(reg: RegistryId, key: string): boolean {
  if (reg === 'torch-getattr-nn') return TORCH_NN_OTHER.has(key);
  if (reg === 'torch-getattr-F') return TORCH_F_OTHER.has(key);
  return false;
}

/** How the registry is written, for messages: 'ACT2FN', "timm's get_act_layer", … */
export function registryLabel(reg: RegistryId): string {
  switch (reg) {
    case 'hf-act2fn':
      return 'ACT2FN';
    case 'hf-act2cls':
      return 'ACT2CLS';
    case 'hf-get-activation':
      return 'get_activation (ACT2FN)';
    case 'timm-get-act-layer':
      return 'get_act_layer';
    case 'timm-create-act-layer':
      return 'create_act_layer';
    case 'timm-get-act-fn':
      return 'get_act_fn';
    case 'mm-build-activation':
      return 'build_activation_layer';
    case 'keras-activations-get':
      return 'keras.activations.get';
    case 'torch-getattr-nn':
      return 'torch.nn';
    case 'torch-getattr-F':
      return 'torch.nn.functional';
  }
}

/**
 * "Did you mean": keys of this registry close to `key` (same letters ignoring case and '_' first,
 * then edit distance ≤ max(2, ⌊len/3⌋)), at most 5, best first.
 */
export function suggestRegistryKeys(reg: RegistryId, key: string): string[] {
  const k = normalizeKey(reg, key);
  const norm = (s: string) => s.toLowerCase().replace(/[_-]/g, '');
  const limit = Math.max(2, Math.floor(k.length / 3));
  const scored: Array<[string, number]> = [];
  for (const cand of registryKeys(reg)) {
    if (cand === k) continue;
    const s = norm(cand) === norm(k) ? -1 : editDistance(k.toLowerCase(), cand.toLowerCase());
    if (s <= limit) scored.push([cand, s]);
  }
  return scored.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).slice(0, 5).map(([c]) => c);
}
