/**
 * The activation catalog's public types. Everything outside src/core/math talks to the catalog
 * through these types and the functions exported from src/core/math/index.ts:
 *
 *   entries(): readonly ActivationEntry[]
 *   getEntry(id: ActivationId): ActivationEntry | undefined
 *   lookup(name: string, framework: Framework, kinds?: readonly NameKind[]): Resolved | undefined
 *   suggest(name: string, framework: Framework, kinds?: readonly NameKind[]): string[]
 *   evaluate(resolvedOrEntry, params, x) / derivative(...)   — pointwise
 *   vector(entry, params, xs) / jvp(entry, params, xs, v)     — softmax family, glu
 *
 * The catalog reads nothing and imports nothing outside src/core/math.
 */

export type Framework = 'torch' | 'keras' | 'tfjs';

/** Which framework definition applies when they differ (e.g. hard sigmoid). */
export type Variant = 'torch' | 'keras2' | 'keras3' | 'tfjs';

/** Where a name is written in code; names are case-sensitive as the framework spells them. */
export type NameKind =
  | 'keras-string' //    activation='relu'   (Keras 2 or 3, see NameBinding.variants)
  | 'keras-layer' //     layers.ReLU(), layers.LeakyReLU(), layers.Softmax()
  | 'keras-function' //  keras.activations.relu, tf.keras.activations.gelu
  | 'tf-nn' //           tf.nn.relu, tf.nn.leaky_relu, tf.math.sigmoid
  | 'tfjs-string' //     activation: 'relu'
  | 'tfjs-layer' //      tf.layers.leakyReLU(), tf.layers.softmax()
  | 'tfjs-op' //         tf.relu(x), tf.leakyRelu(x), tf.sigmoid(x)
  | 'torch-module' //    nn.ReLU(), nn.LeakyReLU(0.1)
  | 'torch-functional' // F.relu, torch.relu, torch.nn.functional.gelu
  | 'tensor-method' //   x.relu(), x.softmax(dim=-1), x.sigmoid_()
  | 'hf-hidden-act'; //  transformers hidden_act="gelu_new"

export type ParamValue = number | string | boolean;
export type Params = Readonly<Record<string, ParamValue>>;

export interface Localized {
  en: string;
  'zh-cn': string;
}

export interface ParamSpec {
  /** Canonical parameter name used by f/df: 'slope', 'alpha', 'beta', 'threshold', 'approximate'. */
  name: string;
  type: 'number' | 'boolean' | 'enum';
  options?: readonly string[];
  /** Sensible slider bounds for the plot panel. */
  min?: number;
  max?: number;
  /** (Added) The catalog's canonical default, used when neither the binding nor the caller sets it. */
  default?: ParamValue;
  description: Localized;
}

export interface NameBinding {
  framework: Framework;
  kind: NameKind;
  /** As the framework spells it: 'LeakyReLU', 'leaky_relu', 'leakyReLU', 'gelu_new'. */
  name: string;
  /**
   * (Added) The namespace the name lives in, canonical form: 'torch.nn', 'torch.nn.functional',
   * 'torch', 'torch.special', 'Tensor', 'keras.activations', 'keras.layers', 'tf.nn', 'tf.math',
   * 'tf', 'tf.layers'. Absent for strings (keras-string, tfjs-string, hf-hidden-act).
   */
  module?: string;
  /** For Keras: which major versions accept this name. */
  variants?: readonly Variant[];
  /** The framework's defaults for this spelling (canonical param names). */
  defaults: Params;
  /** The framework's own argument names → canonical names, e.g. {negative_slope: 'slope'}. */
  argNames?: Readonly<Record<string, string>>;
  /** Positional argument order in the framework's signature (canonical names), if any. */
  positional?: readonly string[];
  /** The framework's signature as text for the hover: "nn.LeakyReLU(negative_slope=0.01, inplace=False)". */
  signature: string;
  /** Deprecated spelling (e.g. F.sigmoid); the replacement to suggest. */
  deprecated?: { replacement: string };
}

export interface ActivationProperties {
  /** Output range as text and numbers, e.g. "(0, 1)" with lo=0, hi=1 (open/closed flags). */
  range: { lo: number; hi: number; loClosed: boolean; hiClosed: boolean };
  monotonic: boolean;
  zeroCentred: boolean;
  bounded: boolean;
  saturatesLeft: boolean;
  saturatesRight: boolean;
  smooth: boolean;
  nonNegative: boolean;
  /** Output is a probability (sigmoid, softmax family, hard sigmoid...). */
  squashesToProbabilities: boolean;
  /** log-probabilities (log_softmax, log_sigmoid). */
  logProbabilities: boolean;
  selfNormalizing: boolean;
  /** Pointwise function, or an op over a vector axis (softmax, log_softmax, softmin, glu). */
  vector: boolean;
  /** The identity (linear) — no nonlinearity at all. */
  identity: boolean;
  /** max |f'(x)| over x (Infinity when unbounded), for the gradient-through-depth bound. */
  maxDerivative: number;
}

export type Role = 'hidden' | 'binary-output' | 'multiclass-output' | 'multilabel-output' | 'regression-output' | 'gate';

export interface ActivationDocs {
  /** Unicode formula, e.g. "σ(x) = 1 / (1 + e⁻ˣ)". */
  formula: string;
  derivative: string;
  summary: string;
  strengths: string[];
  weaknesses: string[];
  /** Where it belongs, in prose. */
  whenToUse: string;
}

export interface ActivationEntry {
  /** Canonical snake_case id: 'leaky_relu', 'hard_sigmoid', 'gelu'. */
  id: string;
  displayName: string;
  params: readonly ParamSpec[];
  properties: ActivationProperties;
  roles: readonly Role[];
  docs: Readonly<Record<'en' | 'zh-cn', ActivationDocs>>;
  names: readonly NameBinding[];
}

/** A name resolved in a framework: the entry, the binding matched and the defaults that apply. */
export interface Resolved {
  entry: ActivationEntry;
  binding: NameBinding;
  /** Canonical params with the framework defaults for this spelling. */
  params: Params;
}
