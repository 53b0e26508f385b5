/**
 * The panel's user-visible strings, keyed, in English. The extension localizes each one with
 * vscode.l10n.t(english) (media/l10n/bundle.l10n.zh-cn.json holds the Simplified Chinese) and sends
 * the result in the `init` message; the webview falls back to these English texts for any key
 * it did not receive. Placeholders are {0}, {1} …
 */
export const EN_STRINGS = {
  title: 'Activation Functions',
  viewFunctions: 'Functions',
  viewDepth: 'Gradient through depth',
  exportPng: 'Export PNG',
  xFrom: 'x from',
  xTo: 'to',
  points: 'points',
  showF: 'f(x)',
  showDf: "f′(x)",
  addFunction: 'Add function…',
  remove: 'Remove',
  hide: 'Hide',
  show: 'Show',
  definition: 'Definition',
  cursorHint: 'Move the pointer over the chart to read f and f′.',
  noFunctions: 'No functions chosen. Add one above.',
  derivativeOf: '{0} (f′)',
  vectorNote: '{0} works on a vector, not element by element; shown: the first component of {1}.',
  jumpNote: 'Dashed vertical segments mark jumps of the derivative.',
  clampedNote: 'Some values overflow and are drawn at the edge.',
  layers: 'layers',
  width: 'width',
  batch: 'batch',
  seed: 'seed',
  boundTitle: "Bound on the activation's share of the gradient: max|f′|^N after N layers",
  gradTitle: 'Simulated gradient norm ‖∂L/∂W‖ per layer (layer 1 = nearest the input)',
  stdTitle: 'Spread of the activations (standard deviation) per layer',
  layerAxis: 'layer',
  depthAxis: 'N (stacked layers)',
  depthExplain:
    'A random {0}-layer MLP ({1} units per layer, zero biases, {2} inputs drawn from N(0, 1), seed {3}). Weights: Xavier (Glorot) normal for saturating functions (sigmoid, tanh, …), He normal for the ReLU family and other unbounded ones, LeCun normal for SELU. The same random direction enters the top layer for every function, so only the activation changes what reaches layer 1.',
  tableFunction: 'function',
  tableInit: 'init',
  tableMaxDf: "max|f′|",
  tableFirst: '‖∂L/∂W₁‖',
  tableLast: '‖∂L/∂W_L‖',
  tableRatio: 'layer 1 / layer L',
  noBound: 'unbounded',
  exported: 'Exported.',
  modelTitle: 'Model: {0}',
  compareFunctions: 'Compare functions instead',
  defaultWidth: 'width where unknown',
  modelExplain:
    '{0}: its {1} affine layers in execution order, each with the activation written after it (none = linear), simulated with the widths from the code, {2} inputs drawn from N(0, 1), seed {3}. Weights: {4}, zero biases. Convolutions count as dense layers with as many units as channels; normalization, dropout, pooling and reshaping steps are left out. The same random direction enters the top layer, so the chart shows how much of it each layer receives.',
  initTorch: "PyTorch's default for nn.Linear, uniform ±1/√fan_in",
  initGlorot: 'Glorot uniform (the Keras and TF.js default)',
  modelDefaultWidth: 'Units not written in the code ({0}) use the width setting: {1}.',
  modelCapped: 'Layers wider than {0} units are simulated with {0} units.',
  modelSkipped: 'Not simulated: {0}.',
  modelGradTitle: 'Simulated gradient norm ‖∂L/∂W‖ per layer of {0} (left = nearest the input)',
  modelBoundTitle: "Bound from the activations: product of max|f′| from each layer to the output",
  tableLayer: 'layer',
  tableUnits: 'units',
  tableVsTop: 'vs. top layer',
  coincides: '{0} coincides with {1}: drawn dotted on top of it.',
  sameAs: '{0} (= {1})',
} as const;

export type StringKey = keyof typeof EN_STRINGS;
export type Strings = Record<StringKey, string>;

export function format(template: string, ...args: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}
