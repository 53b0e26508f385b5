/**
 * registerPlotPanel(context): the plot panel's commands and its serializer.
 *
 *   activationLens.plot       {functions?: [{id, framework?, name?, params?}]} — none: a multi-select pick
 *   activationLens.plotFile   the activations the analyzer finds in the active editor, params as written
 *   activationLens.plotDepth  same arguments as plot; opens the gradient-through-depth view
 *   activationLens.plotModel  {plan} (CodeLens) or a Models-view model node: the depth view simulating
 *                             that model's own widths and activations
 *   activationLens.exportPlot {path?}: the chart as PNG to `path`, or where the save dialog says
 *   activationLens.plot.state       (internal, tests) the state the webview reported last
 *   activationLens.plot.benchmark   (internal, bench) {functions?, points?} → timings from the webview
 */
import * as vscode from 'vscode';
import type { DepthPlan } from '../../core/outline';
import {
  DEFAULT_STATE, sanitizeFunction, sanitizeModel, type FunctionSpec, type ModelSpec, type PlotState, type View,
} from '../../../webview/protocol';
import { activationsInEditor, pickFunctions } from './sources';
import { PlotPanel, VIEW_TYPE } from './plotPanel';

export const COMMANDS = {
  plot: 'activationLens.plot',
  plotFile: 'activationLens.plotFile',
  plotDepth: 'activationLens.plotDepth',
  plotModel: 'activationLens.plotModel',
  exportPlot: 'activationLens.exportPlot',
  state: 'activationLens.plot.state',
  benchmark: 'activationLens.plot.benchmark',
} as const;

const DEPTH_DEFAULTS: FunctionSpec[] = [
  { id: 'sigmoid', params: {} },
  { id: 'tanh', params: {} },
  { id: 'relu', params: {} },
];

function specsFromArgs(args: unknown): FunctionSpec[] | undefined {
  if (typeof args !== 'object' || args === null || !Array.isArray((args as { functions?: unknown }).functions)) return undefined;
  const specs = ((args as { functions: unknown[] }).functions).map(sanitizeFunction).filter((s): s is FunctionSpec => !!s);
  return specs.length > 0 ? specs : undefined;
}

function nextState(functions: FunctionSpec[], view: View): PlotState {
  const { model: _model, ...base } = PlotPanel.instance?.currentState ?? DEFAULT_STATE;
  return { ...base, view, functions: functions.slice(0, 12) };
}

/** The depth plan of a model (src/core/outline.ts) as the panel's model spec. */
export function modelSpecOf(plan: DepthPlan): ModelSpec | undefined {
  return sanitizeModel({
    name: plan.model,
    framework: plan.framework,
    inputUnits: plan.inputUnits,
    skipped: plan.skipped,
    layers: plan.layers.map((l) => ({
      label: l.label,
      units: l.units,
      fn: l.activation && { id: l.activation.id, framework: l.activation.framework, name: l.activation.name, params: l.activation.params },
    })),
  });
}

/** The plan in a command argument: `{plan}` from the CodeLens, or a Models-view node `{model: {plan}}`. */
function planFromArgs(args: unknown): DepthPlan | undefined {
  if (typeof args !== 'object' || args === null) return undefined;
  const a = args as { plan?: unknown; model?: { plan?: unknown } };
  const plan = a.plan ?? a.model?.plan;
  return typeof plan === 'object' && plan !== null && Array.isArray((plan as DepthPlan).layers) ? (plan as DepthPlan) : undefined;
}

export function registerPlotPanel(context: vscode.ExtensionContext): void {
  const uri = context.extensionUri;
  const show = (functions: FunctionSpec[], view: View) => {
    const panel = PlotPanel.show(uri, nextState(functions, view));
    panel.onExportRequested = (bytes) => void saveAs(bytes);
    return panel;
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(COMMANDS.plot, async (args?: unknown) => {
      const specs = specsFromArgs(args) ?? (await pickFunctions(PlotPanel.instance?.currentState.functions));
      if (specs) show(specs, 'functions');
    }),
    vscode.commands.registerCommand(COMMANDS.plotDepth, async (args?: unknown) => {
      const specs = specsFromArgs(args) ?? PlotPanel.instance?.currentState.functions;
      show(specs && specs.length > 0 ? specs : DEPTH_DEFAULTS, 'depth');
    }),
    vscode.commands.registerCommand(COMMANDS.plotModel, (args?: unknown) => {
      const plan = planFromArgs(args);
      const model = plan && modelSpecOf(plan);
      if (!model) {
        void vscode.window.showInformationMessage(vscode.l10n.t('This model has no layers the depth view can simulate.'));
        return;
      }
      const functions = uniqueFunctions(model);
      const panel = PlotPanel.show(uri, { ...nextState(functions.length > 0 ? functions : DEPTH_DEFAULTS, 'depth'), model });
      panel.onExportRequested = (bytes) => void saveAs(bytes);
    }),
    vscode.commands.registerCommand(COMMANDS.plotFile, async () => {
      const found = await activationsInEditor();
      if (found === undefined) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Open a Python, JavaScript or TypeScript file or a notebook first.'));
      } else if (found.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('No activation functions found in this file.'));
      } else {
        show(found, 'functions');
      }
    }),
    vscode.commands.registerCommand(COMMANDS.exportPlot, async (args?: { path?: unknown }) => exportPlot(args)),
    vscode.commands.registerCommand(COMMANDS.state, () => {
      const p = PlotPanel.instance;
      return p && { state: p.currentState, reported: p.reported, viewColumn: p.panel.viewColumn, visible: p.panel.visible };
    }),
    vscode.commands.registerCommand(COMMANDS.benchmark, async (args?: { functions?: number; points?: number }) => {
      const panel = PlotPanel.instance;
      if (!panel) return undefined;
      const marks = await panel.benchmark(args?.functions ?? 8, args?.points ?? 1000);
      return { ...panel.lastPerf, ...marks };
    }),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        PlotPanel.revive(panel, uri, state).onExportRequested = (bytes) => void saveAs(bytes);
      },
    }),
    { dispose: () => PlotPanel.instance?.dispose() },
  );
}

/** The model's distinct activations (they stay on the Functions tab). */
function uniqueFunctions(model: ModelSpec): FunctionSpec[] {
  const seen = new Set<string>();
  const out: FunctionSpec[] = [];
  for (const l of model.layers) {
    if (!l.fn) continue;
    const key = JSON.stringify([l.fn.id, l.fn.framework, l.fn.params]);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(l.fn);
    }
  }
  return out;
}

/** Writes the chart as PNG; returns the file's URI as a string, or undefined. */
async function exportPlot(args?: { path?: unknown }): Promise<string | undefined> {
  const panel = PlotPanel.instance;
  if (!panel) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open the plot panel first.'));
    return undefined;
  }
  const path = typeof args?.path === 'string' && args.path.length > 0 ? args.path : undefined;
  // A caller-given path is honoured only for an absolute .png file: the command never overwrites
  // anything else the user has (a source file, a notebook) without the save dialog.
  if (path && !isPngPath(path)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('Export needs an absolute path ending in .png.'));
    return undefined;
  }
  const target = path ? vscode.Uri.file(path) : await askTarget();
  if (!target) return undefined;
  const bytes = await panel.exportPng();
  if (!bytes) {
    void vscode.window.showErrorMessage(vscode.l10n.t('The chart could not be exported.'));
    return undefined;
  }
  await vscode.workspace.fs.writeFile(target, bytes);
  return target.toString();
}

/** An absolute path to a .png file (POSIX or Windows drive form). */
export function isPngPath(path: string): boolean {
  return /\.png$/i.test(path) && (path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path));
}

function askTarget(): Thenable<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  return vscode.window.showSaveDialog({
    defaultUri: folder ? vscode.Uri.joinPath(folder, 'activation-plot.png') : undefined,
    filters: { PNG: ['png'] },
    saveLabel: vscode.l10n.t('Export PNG'),
  });
}

/** The webview's Export button: ask where, then write. */
async function saveAs(bytes: Uint8Array): Promise<void> {
  const target = await askTarget();
  if (target) await vscode.workspace.fs.writeFile(target, bytes);
}
