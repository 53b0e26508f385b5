/** Layer kinds and loss semantics by name, shared by the three extractors. */
import type { LayerKind, LossExpects, LossTask } from '../ir';
import type { Framework } from '../math/types';

/** Which argument an affine layer's widths are read from: keyword name, else position (none: keyword only). */
export type WidthArg = readonly [name: string, index: number | undefined];

/**
 * The arguments an affine layer's `units` and (torch) `inFeatures` come from, when they are number
 * literals. The extraction reads them so (layers.ts, context.ts), and a cut-off that patches a typed
 * width recomputes them so (cutoff.ts): one table, so both agree.
 */
export function widthArgs(framework: Framework, className: string): { units?: WidthArg; inFeatures?: WidthArg } {
  if (framework === 'torch') {
    const conv = /Conv/.test(className);
    return { units: [conv ? 'out_channels' : 'out_features', 1], inFeatures: [conv ? 'in_channels' : 'in_features', 0] };
  }
  // DepthwiseConv*D has no filters: its first argument is the kernel size.
  if (/^depthwise/i.test(className)) return {};
  return { units: [/conv/i.test(className) ? 'filters' : 'units', framework === 'keras' ? 0 : undefined] };
}

export function layerKind(className: string): LayerKind | undefined {
  const n = className;
  if (/^(Lazy)?(Linear|Dense|Bilinear|EinsumDense|(Separable|Depthwise)?Conv(\d[dD])?(Transpose)?(\d[dD])?|ConvTranspose\d[dD])$/i.test(n)) return 'affine';
  if (/^(Simple)?(RNN|LSTM|GRU)(Cell)?$|^Bidirectional$|^ConvLSTM\d[dD]$|^StackedRNNCells$/i.test(n)) return 'recurrent';
  if (/Attention$|^Transformer(Encoder|Decoder)?(Layer)?$/i.test(n)) return 'attention';
  if (/Norm(alization)?(\d[dD])?$/i.test(n)) return 'normalization';
  if (/Dropout(\d[dD])?$|Noise$/i.test(n)) return 'dropout';
  if (/Pool(ing)?(\d[dD])?$|^AdaptiveAvgPool|^AdaptiveMaxPool/i.test(n)) return 'pooling';
  if (/^(Flatten|Unflatten|Reshape|Permute|RepeatVector|Cropping\d[dD]|ZeroPadding\d[dD]|UpSampling\d[dD]|Upsample|Identity)$/i.test(n)) return 'reshape';
  if (/^Embedding(Bag)?$/i.test(n)) return 'embedding';
  if (/^(Sequential|ModuleList|ModuleDict)$/.test(n)) return 'container';
  return undefined;
}

export interface LossInfo {
  name: string;
  expects: LossExpects;
  task: LossTask;
  /** Keras-style losses whose expectation depends on from_logits. */
  fromLogitsAware: boolean;
}

const REGRESSION = /^(mse|mae|mape|msle|mean_squared_error|mean_absolute_error|mean_absolute_percentage_error|mean_squared_logarithmic_error|huber|huber_loss|log_cosh|logcosh|l1_loss|l1|smooth_l1_loss|smooth_l1|mse_loss|cosine_similarity|absolute_difference|mean_pairwise_squared_error)$/;

/** CategoricalCrossentropy → categorical_crossentropy, meanSquaredError → mean_squared_error, BCEWithLogitsLoss → bce_with_logits_loss. */
export function snake(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

function info(name: string, expects: LossExpects, task: LossTask, fromLogitsAware = false): LossInfo {
  return { name, expects, task, fromLogitsAware };
}

/** torch.nn loss modules and torch.nn.functional losses. */
export function torchLoss(name: string): LossInfo | undefined {
  switch (name) {
    case 'CrossEntropyLoss':
    case 'cross_entropy':
      return info(name, 'logits', 'multiclass');
    case 'NLLLoss':
    case 'nll_loss':
      return info(name, 'log-probabilities', 'multiclass');
    case 'BCELoss':
    case 'binary_cross_entropy':
      return info(name, 'probabilities', 'binary');
    case 'BCEWithLogitsLoss':
    case 'binary_cross_entropy_with_logits':
    case 'MultiLabelSoftMarginLoss':
    case 'multilabel_soft_margin_loss':
      return info(name, 'logits', 'binary');
    case 'KLDivLoss':
    case 'kl_div':
      return info(name, 'log-probabilities', 'other');
    case 'MSELoss':
    case 'L1Loss':
    case 'SmoothL1Loss':
    case 'HuberLoss':
    case 'mse_loss':
    case 'l1_loss':
    case 'smooth_l1_loss':
    case 'huber_loss':
      return info(name, 'regression', 'regression');
    default:
      return /Loss$/.test(name) ? info(name, 'other', 'other') : undefined;
  }
}

/** Keras / tf.keras loss names in any spelling: strings, classes, functions, tf.nn *_with_logits. */
export function kerasLoss(name: string): LossInfo | undefined {
  const s = snake(name);
  if (/^(sparse_)?softmax_cross_entropy_with_logits(_v2)?$/.test(s)) return info(name, 'logits', 'multiclass');
  if (/^(sigmoid|weighted)_cross_entropy_with_logits$/.test(s)) return info(name, 'logits', 'binary');
  if (/^(sparse_)?categorical_(focal_)?crossentropy$/.test(s)) return info(name, 'probabilities', 'multiclass', true);
  if (/^binary_(focal_)?crossentropy$/.test(s)) return info(name, 'probabilities', 'binary', true);
  if (/^(kl_divergence|kld|kullback_leibler_divergence|poisson)$/.test(s)) return info(name, 'probabilities', 'other');
  if (REGRESSION.test(s)) return info(name, 'regression', 'regression');
  if (/^(hinge|squared_hinge|categorical_hinge|ctc|tversky|dice)$/.test(s)) return info(name, 'other', 'other');
  return undefined;
}

/** tfjs compile strings and tf.losses.* functions. */
export function tfjsLoss(name: string, asFunction: boolean): LossInfo | undefined {
  if (asFunction) {
    if (name === 'softmaxCrossEntropy') return info(name, 'logits', 'multiclass');
    if (name === 'sigmoidCrossEntropy') return info(name, 'logits', 'binary');
    if (name === 'logLoss') return info(name, 'probabilities', 'binary');
  }
  const s = snake(name);
  if (/^(sparse_)?categorical_crossentropy$/.test(s)) return info(name, 'probabilities', 'multiclass');
  if (s === 'binary_crossentropy') return info(name, 'probabilities', 'binary');
  if (/^(kl_divergence|kld|kullback_leibler_divergence|poisson)$/.test(s)) return info(name, 'probabilities', 'other');
  if (REGRESSION.test(s)) return info(name, 'regression', 'regression');
  if (/^(hinge|squared_hinge|categorical_hinge|cosine_proximity|compute_weighted_loss)$/.test(s)) return info(name, 'other', 'other');
  return undefined;
}

export function lossInfo(framework: Framework, name: string, asFunction = false): LossInfo | undefined {
  return framework === 'torch' ? torchLoss(name) : framework === 'keras' ? kerasLoss(name) : tfjsLoss(name, asFunction);
}
