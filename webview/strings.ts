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
} as const;

export type StringKey = keyof typeof EN_STRINGS;
export type Strings = Record<StringKey, string>;

export function format(template: string, ...args: readonly (string | number)[]): string {
  return template.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
}
