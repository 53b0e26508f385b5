/**
 * The framework-neutral program IR: what the extractors (src/core/extract) produce from one parse
 * tree and what the rules (src/core/rules) read. Pure data plus a few read-only helpers.
 *
 * Stability: fields are only ever ADDED here, never renamed or retyped.
 *
 * Every Range is already in the coordinates the user sees: 0-based line, UTF-16 column, and for
 * notebooks the cell index (Range.cell) with lines counted inside that cell.
 */
import type { Framework, NameKind, ParamValue, Resolved } from './math/types';
import type { Range, SourceLanguage } from './types';

/** A literal value as written: numbers, strings, booleans; `null` for None / null / undefined. */
export type Literal = number | string | boolean | null;

/** One argument of a call, as written. */
export interface Arg {
  /** Keyword name (Python `name=`, or the property key of a tfjs config object); undefined if positional. */
  name?: string;
  /** 0-based index among the positional arguments; undefined for keyword arguments. */
  index?: number;
  /** The value when it is a literal (incl. negative numbers, True/False, None, 'str', "str"). */
  value?: Literal;
  /** True when `value` is meaningful (distinguishes a literal None from "not a literal"). */
  isLiteral: boolean;
  /** Source text of the value expression. */
  text: string;
  /** Range of the value expression. */
  range: Range;
  /** Range of the keyword name (keyword arguments only). */
  nameRange?: Range;
  /** Range of the whole argument (`name=value`, `name: value`), for fixes that delete it. */
  fullRange: Range;
}

/**
 * (Added) How the code reaches an activation (src/core/resolve/values.ts): written at the site, a
 * parameter's default, an argument a caller passes, a functools.partial, a registry key
 * (`ACT2FN['gelu']`, `get_act_layer('swish')`), or a config value (`config.hidden_act`).
 */
export type ValueVia = 'written' | 'default' | 'argument' | 'partial' | 'registry' | 'config';

/** (Added) A registry lookup an activation was resolved through. */
export interface RegistryRef {
  /** The registry (src/core/resolve/registries.ts RegistryId): 'hf-act2fn', 'timm-get-act-layer', … */
  id: string;
  /** The key as written: 'gelu_new', 'swish', 'GELU'. */
  key: string;
  /** Where the key string is written (a default, a config field, the call itself). */
  keyRange: Range;
}

/** An activation named in the code, resolved through the catalog where possible. */
export interface ActivationRef {
  framework: Framework;
  /** How it is written: 'keras-string' for activation='relu', 'torch-module' for nn.ReLU(), … */
  kind: NameKind;
  /** The name as the framework spells it, last segment only: 'relu', 'LeakyReLU', 'leakyReLU'. */
  name: string;
  /** Fully qualified after import-alias resolution, when known: 'torch.nn.functional.relu'. */
  qualified?: string;
  /** Catalog resolution (lookup(name, framework, [kind])); undefined when the catalog does not know it. */
  resolved?: Resolved;
  /** resolved?.entry.id, for convenience. */
  id?: string;
  /** Canonical params: the framework defaults for this spelling merged with literal args as written. */
  params: Record<string, ParamValue>;
  /** Range of the name: the string literal (with quotes) or the callee / attribute identifier. */
  nameRange: Range;
  /** Range of the whole expression: the call `nn.LeakyReLU(0.1)`, or the string literal. */
  range: Range;
  /** Arguments of the call as written ([] for strings and bare references like `tf.nn.relu`). */
  args: Arg[];
  /** (Added) How the site reaches this activation; absent = written here. */
  via?: ValueVia;
  /** (Added) Where the value is written when that is not the site (a parameter default, a config field, a caller's argument). */
  valueRange?: Range;
  /** (Added) The call that passes the value (via 'argument') or constructs the config object (via 'config'). */
  from?: Range;
  /** (Added) The other values the site may have (the default, other callers, other config constructions), same shape. */
  alternatives?: ActivationRef[];
  /** (Added) The registry lookup, when the activation is chosen by a key. */
  registry?: RegistryRef;
  /** (Added) A registry lookup whose key this file does not say (`ACT2FN[config.hidden_act]` with the config class in another file). */
  lookup?: KeyLookup;
}

/**
 * A registry lookup whose key is not known in its file. `attr` and `classes` say where the key may
 * come from: the attribute of a config object (`config.hidden_act` → 'hidden_act') and the config
 * classes the file imports that may define it ('.configuration_bert.BertConfig', as imported) — the
 * project linker (src/core/project) reads them in the other file.
 */
export interface KeyLookup {
  /** The registry (RegistryId). */
  registry: string;
  /** The key expression as written: 'config.hidden_act'. */
  expression: string;
  attr?: string;
  classes?: string[];
}

/** A config class of this file and the string values its fields are given (`hidden_act: str = "gelu"`). */
export interface ConfigClass {
  name: string;
  /** Base names as written or qualified (another config class of the project may be one). */
  bases: string[];
  fields: { attr: string; value: string; range: Range }[];
  /** Fields also given a value this file cannot say (`self.dense_act_fn = act_info[-1]`): their strings are not all they may hold. */
  open?: string[];
}

export type LayerKind =
  | 'affine' //        Dense, Linear, Conv*, ConvTranspose*, Bilinear, EinsumDense
  | 'activation' //    ReLU(), Activation('relu'), Softmax(), F.relu(x) in forward, tf.layers.activation
  | 'recurrent' //     LSTM, GRU, SimpleRNN, RNN cells
  | 'attention' //     MultiheadAttention, MultiHeadAttention, Attention
  | 'normalization' // BatchNorm*, LayerNorm, GroupNorm, …
  | 'dropout'
  | 'pooling'
  | 'reshape' //       Flatten, Reshape, Permute, Unflatten, view/reshape calls
  | 'embedding'
  | 'container' //     a nested Sequential / sub-model (see Layer.inner)
  | 'other';

/** One step of a model, in execution order. */
export interface Layer {
  framework: Framework;
  /** 'Dense', 'Linear', 'Conv2d', 'dense' (tfjs), 'ReLU', 'Activation'; for functional calls 'relu'. */
  className: string;
  qualified?: string;
  kind: LayerKind;
  /** How the step is written: a layer constructor, or an activation call inside forward()/call(). */
  origin: 'layer' | 'call';
  /** Output units when a literal: Dense units, Linear out_features, Conv filters / out_channels. */
  units?: number;
  /** Input features when a literal (torch Linear in_features, Conv in_channels). */
  inFeatures?: number;
  /**
   * Convolutions: the kernel size as written (`3` → [3], `(1, 3, 3)` → [1, 3, 3]); a single number
   * stands for every axis; a tuple entry that is not a literal is null (`(1, k[1], k[2])` →
   * [1, null, null]). Added for ACT005 (factorized convolutions).
   */
  kernelSize?: (number | null)[];
  /**
   * Convolutions that mix channels only within groups: DepthwiseConv*, SeparableConv* (whose
   * depthwise half does), or a `groups=` argument that is not the literal 1. Added for ACT005.
   */
  grouped?: boolean;
  /**
   * The activation this step applies: the `activation=` of a Dense/Conv, or the activation itself
   * for activation layers (nn.ReLU(), Activation('relu'), Softmax()) and activation calls.
   * undefined = linear (no activation argument, activation=None, or an unresolvable expression; see activationArg).
   */
  activation?: ActivationRef;
  /** The `activation=` argument as written, when present (even `None`). */
  activationArg?: Arg;
  /** Keras kernel_initializer (for ACT011): value when a string literal or an initializer call name. */
  kernelInitializer?: { value?: string; text: string; range: Range };
  /** Keras/tfjs `name=` of the layer (multi-output loss dicts key on it). */
  layerName?: string;
  args: Arg[];
  /** The whole constructor / call expression. */
  range: Range;
  /** The callee (e.g. `layers.Dense`, `nn.Linear`, `F.relu`). */
  nameRange: Range;
  /** torch: the attribute it is stored in (`fc1` for self.fc1); Keras subclass: same. */
  attr?: string;
  /** Applied inside a loop (for over ModuleList / range, while). */
  inLoop?: boolean;
  /** The result gates another tensor (multiplied with it) or lives in an RNN cell / attention / SE block. */
  gated?: boolean;
  /** Nested model for kind 'container' (nn.Sequential inside a Module, a Keras sub-model). */
  inner?: Model;
  /** For origin 'call': the activation call it was made from. */
  call?: ActivationCall;
  /**
   * Data flow, when the extractor can tell: the step whose result this step consumes directly
   * (`x = self.fc1(x); x = self.fc2(x)` → fc2.input = fc1). Subclass forward()/call() order is
   * not data flow (q/k/v projections, VAE mu/logvar heads), so rules that need adjacency in a
   * subclass read this field and stay silent when it is absent. Added for the rules.
   */
  input?: Layer;
}

export interface ModelOutput {
  /** Keras output layer name / dict key, when known. */
  name?: string;
  index: number;
  /** The chain of steps from the input to this output, in execution order. */
  layers: Layer[];
  range: Range;
  /**
   * The step whose result is returned as this output, when known (subclasses: the value of
   * `return` in forward()/call()). Added for the rules; absent = the last step of `layers`.
   */
  final?: Layer;
  /**
   * Several `return`s give different steps (`if self.training: return logits` … `return
   * softmax(logits)`): what reaches a loss depends on the mode, so rules must not guess.
   */
  ambiguous?: true;
}

export interface Model {
  framework: Framework;
  kind: 'sequential' | 'functional' | 'subclass';
  /** Variable or class name: 'model', 'Net'. */
  name?: string;
  /** Every name the model object is bound to (`model`, `self.model`, `net`), used to link calls. */
  bindings: string[];
  /** All steps in execution order (for subclasses: order of use in forward()/call()). */
  layers: Layer[];
  /** One entry per model output (one for sequential and single-output models). */
  outputs: ModelOutput[];
  /** The Sequential(...) call, the class definition, or the keras.Model(...) / tf.model(...) call. */
  range: Range;
  /** The name / callee to point a finding at. */
  nameRange: Range;
  /**
   * A callable whose definition is not in this file (a loss was called on `net(x)` with `net`
   * unknown, or on a function parameter): no layers are known. Opaque models appear only in links.
   */
  opaque?: boolean;
  /**
   * Opaque models that stand for a name imported from a module that may be a file of the same
   * project (`Net()` after `from model import Net`, `net` after `from model import net`): the
   * project linker (src/core/project) replaces them by the model that file defines.
   */
  imported?: ImportedRef;
}

/** A model named through an import: what the importing file wrote, for the project linker. */
export interface ImportedRef {
  /** The qualified name through the file's imports: 'model.Net', '.models.builder.build', '..net.Net'. */
  qualified: string;
  /** True for the result of calling it (`Net()`, `build_model()`), false for the name itself (`net`). */
  call: boolean;
}

/** A top-level name of a module that other files may import, when it stands for a model. */
export interface ModuleExport {
  name: string;
  /** A class (calling it makes the model), a function returning the model, or a model value. */
  kind: 'class' | 'function' | 'value';
  model: Model;
}

export type LossExpects = 'logits' | 'probabilities' | 'log-probabilities' | 'regression' | 'other';
export type LossTask = 'multiclass' | 'binary' | 'regression' | 'other';

export interface Loss {
  framework: Framework;
  /** As written (last segment): 'categorical_crossentropy', 'CrossEntropyLoss', 'cross_entropy', 'softmaxCrossEntropy'. */
  name: string;
  qualified?: string;
  /** How it is written. */
  form: 'string' | 'object' | 'function' | 'module';
  /** What the loss expects its prediction input to be (after from_logits is applied). */
  expects: LossExpects;
  task: LossTask;
  /** Keras from_logits as written (literal); undefined when absent or not a literal. */
  fromLogits?: boolean;
  fromLogitsArg?: Arg;
  args: Arg[];
  /** The loss expression: string literal, constructor call, or function reference / call. */
  range: Range;
  nameRange: Range;
  /** Variable the loss object is stored in (`criterion`, `self.loss_fn`, `loss_object`). */
  binding?: string;
  /** Keras compile: the output name (dict key) or position (list) this loss applies to. */
  outputName?: string;
  outputIndex?: number;
}

/** Which model output reaches which loss. */
export interface Link {
  model: Model;
  loss: Loss;
  /** compile(loss=…) or a call of the loss on the model's output (criterion(model(x), y)). */
  via: 'compile' | 'call';
  /** The compile(...) call or the loss call. */
  range: Range;
  /** The model output concerned (index into model.outputs). */
  outputIndex: number;
  /** Activation calls applied to the model output on its way to the loss: loss(F.softmax(model(x)), y). */
  applied: ActivationCall[];
}

export type GateReason = 'multiplied' | 'rnn-cell' | 'attention' | 'squeeze-excitation';

export interface EnclosingCall {
  /** Last segment: 'log', 'softmax', 'mean'. */
  name: string;
  qualified?: string;
  range: Range;
  nameRange: Range;
  /** The enclosing call is itself an activation call (then also see ActivationCall.wrappedBy). */
  activation?: ActivationCall;
}

/** An activation call in expression position: F.relu(x), torch.softmax(x, 1), x.sigmoid(), tf.nn.relu(x), tf.relu(x). */
export interface ActivationCall {
  framework: Framework;
  activation: ActivationRef;
  /** The whole call expression. */
  range: Range;
  /** The call whose (first / any) argument this call is: log(softmax(x)) → log. */
  enclosingCall?: EnclosingCall;
  /** The activation call directly wrapping this one: softmax(relu(x)) → relu.wrappedBy = softmax. */
  wrappedBy?: ActivationCall;
  /** The activation call directly inside this one's input: softmax(relu(x)) → softmax.wraps = relu. */
  wraps?: ActivationCall;
  /**
   * The activation call that produced this call's input through a variable in the same function:
   * `x = F.relu(x); y = F.softmax(x)` → softmax.input = relu. Also set from `wraps`.
   */
  input?: ActivationCall;
  /** The input is a model-layer result right before: `F.softmax(self.fc(x))` → the Layer of fc. */
  inputLayer?: Layer;
  gated: boolean;
  gateReason?: GateReason;
  /** Under torch.no_grad()/inference_mode(), after model.eval(), inside predict/inference/evaluate functions. */
  inference: boolean;
  inLoop: boolean;
  /** Enclosing function / method name. */
  functionName?: string;
  /** Enclosing class name. */
  className?: string;
}

export interface ImportBinding {
  /** The local name: 'nn', 'F', 'Dense', 'tf'. */
  local: string;
  /** What it stands for: 'torch.nn', 'torch.nn.functional', 'tensorflow.keras.layers.Dense', '@tensorflow/tfjs'. */
  qualified: string;
  range: Range;
}

export interface Comment {
  /** 0-based line in user coordinates (inside the cell for notebooks). */
  line: number;
  cell?: number;
  /** The comment text including its marker (`# …`, `// …`). */
  text: string;
  range: Range;
}

export interface ProgramIR {
  /** 'python' for .py and notebooks, or the JS/TS language. */
  language: SourceLanguage;
  frameworks: Framework[];
  models: Model[];
  losses: Loss[];
  links: Link[];
  /** Activation calls in expression position, in source order. */
  activationCalls: ActivationCall[];
  /** Every activation written in the code (layer activations, activation layers, calls), in source order. */
  activations: ActivationRef[];
  imports: ImportBinding[];
  comments: Comment[];
  /** Python: top-level names standing for models (classes, model-returning functions, values), for other files of the project. */
  exports?: ModuleExport[];
  /** Config classes and their string fields (registry keys read in other files). */
  configs?: ConfigClass[];
  /** Python relative imports, local name → '.module.name' (leading dots kept), for the project linker. */
  relativeImports?: [string, string][];
  /** Source text of a range (in user coordinates; notebooks: inside the range's cell). */
  textAt(range: Range): string;
}

/** An empty IR (unknown framework, unparsable input). */
export function emptyIR(language: SourceLanguage, textAt: (r: Range) => string = () => ''): ProgramIR {
  return { language, frameworks: [], models: [], losses: [], links: [], activationCalls: [], activations: [], imports: [], comments: [], textAt };
}

/** Source order of ranges: cell, then start, then end. */
export function compareRanges(a: Range, b: Range): number {
  return (a.cell ?? 0) - (b.cell ?? 0) || a.start.line - b.start.line || a.start.column - b.start.column || a.end.line - b.end.line || a.end.column - b.end.column;
}

/** The argument by keyword name, else by positional index. */
export function getArg(args: readonly Arg[], name: string, index?: number): Arg | undefined {
  const byName = args.find((a) => a.name === name);
  if (byName || index === undefined) return byName;
  return args.find((a) => a.name === undefined && a.index === index);
}

/** The model's steps with containers expanded in place (execution order). */
export function flatLayers(model: Model): Layer[] {
  const out: Layer[] = [];
  const walk = (layers: readonly Layer[], depth: number): void => {
    for (const l of layers) {
      if (l.kind === 'container' && l.inner && depth < 8) walk(l.inner.layers, depth + 1);
      else out.push(l);
    }
  };
  walk(model.layers, 0);
  return out;
}
