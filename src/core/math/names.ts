/**
 * Builders for the catalog's name bindings and property records, so that the entry tables read
 * like the frameworks' own signatures. `module` is the namespace a name lives in, canonical form:
 * 'torch.nn', 'torch.nn.functional', 'torch', 'torch.special', 'Tensor', 'keras.activations',
 * 'keras.layers', 'tf.nn', 'tf.math', 'tf' (TensorFlow Python or tfjs ops), 'tf.layers'.
 */
import type {
  ActivationProperties,
  Framework,
  NameBinding,
  NameKind,
  ParamSpec,
  Params,
  Variant,
} from './types';

export interface BindOptions {
  defaults?: Params;
  argNames?: Readonly<Record<string, string>>;
  positional?: readonly string[];
  deprecated?: { replacement: string };
  variants?: readonly Variant[];
}

function bind(
  framework: Framework,
  kind: NameKind,
  module: string | undefined,
  name: string,
  signature: string,
  o: BindOptions = {},
): NameBinding {
  const out: NameBinding = { framework, kind, name, defaults: o.defaults ?? {}, signature };
  if (module !== undefined) out.module = module;
  if (o.argNames) out.argNames = o.argNames;
  if (o.positional) out.positional = o.positional;
  if (o.deprecated) out.deprecated = o.deprecated;
  if (o.variants) out.variants = o.variants;
  return out;
}

export const K2: readonly Variant[] = ['keras2'];
export const K3: readonly Variant[] = ['keras3'];
export const K23: readonly Variant[] = ['keras2', 'keras3'];

/** torch.nn module class: nn.ReLU(inplace=False). */
export const tModule = (name: string, args: string, o?: BindOptions) =>
  bind('torch', 'torch-module', 'torch.nn', name, `nn.${name}(${args})`, o);
/** torch.nn.functional: F.relu(input, inplace=False). */
export const tF = (name: string, args: string, o?: BindOptions) =>
  bind('torch', 'torch-functional', 'torch.nn.functional', name, `F.${name}(${args})`, o);
/** torch namespace function: torch.relu(input). */
export const tTorch = (name: string, args: string, o?: BindOptions, module = 'torch') =>
  bind('torch', 'torch-functional', module, name, `${module}.${name}(${args})`, o);
/** Tensor method: x.relu(). */
export const tMethod = (name: string, args: string, o?: BindOptions) =>
  bind('torch', 'tensor-method', 'Tensor', name, `Tensor.${name}(${args})`, o);
/** transformers hidden_act string (a torch-side name). */
export const hf = (name: string, defaults: Params = {}) =>
  bind('torch', 'hf-hidden-act', undefined, name, `hidden_act="${name}"`, { defaults });

/** Keras activation='name' string. */
export const kStr = (name: string, variants: readonly Variant[], o: BindOptions = {}) =>
  bind('keras', 'keras-string', undefined, name, `activation='${name}'`, { ...o, variants });
/** keras.activations.name(x, …). */
export const kFn = (name: string, args: string, variants: readonly Variant[], o: BindOptions = {}) =>
  bind('keras', 'keras-function', 'keras.activations', name, `keras.activations.${name}(${args})`, {
    ...o,
    variants,
  });
/** keras.layers.Name(…). */
export const kLayer = (name: string, args: string, variants: readonly Variant[], o: BindOptions = {}) =>
  bind('keras', 'keras-layer', 'keras.layers', name, `keras.layers.${name}(${args})`, { ...o, variants });
/** TensorFlow Python functions: tf.nn.relu, tf.math.sigmoid, tf.sigmoid. */
export const tfNn = (module: 'tf.nn' | 'tf.math' | 'tf', name: string, args: string, o?: BindOptions) =>
  bind('keras', 'tf-nn', module, name, `${module}.${name}(${args})`, o);

/** tfjs activation: 'name' string. */
export const jsStr = (name: string, o?: BindOptions) =>
  bind('tfjs', 'tfjs-string', undefined, name, `activation: '${name}'`, o);
/** tf.layers.name({…}). */
export const jsLayer = (name: string, args: string, o?: BindOptions) =>
  bind('tfjs', 'tfjs-layer', 'tf.layers', name, `tf.layers.${name}(${args})`, o);
/** tf.name(x, …) op. */
export const jsOp = (name: string, args: string, o?: BindOptions) =>
  bind('tfjs', 'tfjs-op', 'tf', name, `tf.${name}(${args})`, o);

/** Property record with everything false/finite unless given. */
export function props(p: Partial<ActivationProperties> & Pick<ActivationProperties, 'range'>): ActivationProperties {
  return {
    monotonic: false,
    zeroCentred: false,
    bounded: false,
    saturatesLeft: false,
    saturatesRight: false,
    smooth: false,
    nonNegative: false,
    squashesToProbabilities: false,
    logProbabilities: false,
    selfNormalizing: false,
    vector: false,
    identity: false,
    maxDerivative: 1,
    ...p,
  };
}

/** Range helper: r(lo, hi, '[)') etc. */
export function r(lo: number, hi: number, brackets: '()' | '[)' | '(]' | '[]' = '()'): ActivationProperties['range'] {
  return { lo, hi, loClosed: brackets[0] === '[', hiClosed: brackets[1] === ']' };
}

/** Numeric parameter spec. */
export function numParam(
  name: string,
  dflt: number,
  min: number,
  max: number,
  en: string,
  zh: string,
): ParamSpec & { default: number } {
  return { name, type: 'number', min, max, default: dflt, description: { en, 'zh-cn': zh } };
}
