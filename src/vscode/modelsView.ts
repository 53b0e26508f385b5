/**
 * The "Activation Lens: Models" tree in the Explorer, for the active file or notebook. The tree's
 * data comes from buildOutline (src/core/outline.ts) over the analysis the diagnostics already hold;
 * its words from outlineText.ts. It follows editor switches and every new result (typing), keeps the
 * last file while a non-editor (the plot panel) has the focus, and explains an empty tree.
 *   activationLens.revealInEditor   (internal) shows a node's source
 *   activationLens.models.refresh   the view's refresh button
 *   activationLens.models.snapshot  (internal, tests) the tree as plain data
 */
import * as vscode from 'vscode';
import { irOf } from '../core/analyze';
import { buildOutline, type LayerOutline, type LossOutline, type ModelOutline, type OutputOutline } from '../core/outline';
import type { Finding, Range, Severity } from '../core/types';
import type { DiagnosticsController } from './diagnostics';
import {
  emptyMessage, findingText, layerText, lossText, modelText, outputText, type ItemText,
} from '../shared/outlineText';
import { settingsFor } from './settings';
import { locate, notebookOfCell, notebookSubject, subjectKey, subjectUri, textSubject, type Subject } from './subjects';

export const MODELS_VIEW = 'activationLens.models';
export const REVEAL_COMMAND = 'activationLens.revealInEditor';
export const PLOT_MODEL_COMMAND = 'activationLens.plotModel';

export type ModelNode =
  | { type: 'model'; id: string; model: ModelOutline }
  | { type: 'layer'; id: string; layer: LayerOutline }
  | { type: 'output'; id: string; output: OutputOutline }
  | { type: 'loss'; id: string; loss: LossOutline }
  | { type: 'finding'; id: string; finding: Finding };

const t = (message: string, ...args: Array<string | number>) => vscode.l10n.t(message, ...args);

const SEVERITY_ICON: Readonly<Record<Severity, vscode.ThemeIcon>> = {
  error: new vscode.ThemeIcon('error', new vscode.ThemeColor('problemsErrorIcon.foreground')),
  warning: new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')),
  information: new vscode.ThemeIcon('info', new vscode.ThemeColor('problemsInfoIcon.foreground')),
  hint: new vscode.ThemeIcon('lightbulb'),
};

function worst(findings: readonly Finding[]): Severity | undefined {
  const order: Severity[] = ['error', 'warning', 'information', 'hint'];
  return order.find((s) => findings.some((f) => f.severity === s));
}

function fileName(s: Subject): string {
  const p = subjectUri(s).path;
  return p.slice(p.lastIndexOf('/') + 1);
}

export class ModelsView implements vscode.TreeDataProvider<ModelNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<ModelNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private subject: Subject | undefined;
  private models: ModelOutline[] = [];
  private generation = 0;
  private readonly disposables: vscode.Disposable[] = [];
  readonly view: vscode.TreeView<ModelNode>;

  constructor(private readonly diagnostics: DiagnosticsController) {
    this.view = vscode.window.createTreeView(MODELS_VIEW, { treeDataProvider: this, showCollapseAll: true });
    this.disposables.push(
      this.view,
      this.changed,
      vscode.window.onDidChangeActiveTextEditor(() => this.follow()),
      vscode.window.onDidChangeActiveNotebookEditor(() => this.follow()),
      diagnostics.onDidPublish((key) => {
        if (this.subject && key === subjectKey(this.subject)) void this.refresh();
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        if (this.subject?.kind === 'text' && this.subject.doc === d) this.show(undefined);
      }),
      vscode.workspace.onDidCloseNotebookDocument((nb) => {
        if (this.subject?.kind === 'notebook' && this.subject.nb === nb) this.show(undefined);
      }),
      vscode.commands.registerCommand(REVEAL_COMMAND, (uri: unknown, range: unknown) => reveal(uri, range)),
      vscode.commands.registerCommand('activationLens.models.refresh', () => this.refresh()),
      vscode.commands.registerCommand('activationLens.models.snapshot', () => this.snapshot()),
    );
    this.follow();
  }

  /** The subject of the active editor; undefined with `keep` when no editor has the focus (a webview). */
  private activeSubject(): { subject?: Subject; keep: boolean } {
    const ed = vscode.window.activeTextEditor;
    if (ed) {
      const nb = notebookOfCell(ed.document);
      const s = nb ? notebookSubject(nb) : textSubject(ed.document);
      if (s) return { subject: s, keep: false };
    }
    const nbEd = vscode.window.activeNotebookEditor;
    if (nbEd) {
      const s = notebookSubject(nbEd.notebook);
      if (s) return { subject: s, keep: false };
    }
    return { keep: !ed };
  }

  private follow(): void {
    const { subject, keep } = this.activeSubject();
    if (!subject && keep && this.subject) return;
    if (subject && this.subject && subjectKey(subject) === subjectKey(this.subject)) return;
    this.show(subject);
  }

  private show(subject: Subject | undefined): void {
    this.subject = subject;
    this.models = [];
    this.view.message = subject ? undefined : emptyMessage('no-editor', '', t);
    this.changed.fire(undefined);
    if (subject) void this.refresh();
  }

  /** Re-reads the analysis of the shown file (it runs one when out of date). */
  async refresh(): Promise<void> {
    const subject = this.subject;
    if (!subject) return;
    const generation = ++this.generation;
    const doc = subject.kind === 'text' ? subject.doc : subject.nb.cellCount > 0 ? subject.nb.cellAt(0).document : undefined;
    let models: ModelOutline[] = [];
    let reason: Parameters<typeof emptyMessage>[0] | undefined;
    if (!settingsFor(subjectUri(subject)).enable) reason = 'disabled';
    else if (doc) {
      const current = await this.diagnostics.resultFor(doc, { passive: true });
      const ir = irOf(current?.result);
      if (!ir) reason = current ? 'not-analyzed' : 'no-models';
      else models = buildOutline(ir, current!.result.findings);
    }
    if (generation !== this.generation || this.subject !== subject) return;
    this.models = models;
    this.view.message = models.length > 0 ? undefined : emptyMessage(reason ?? 'no-models', fileName(subject), t);
    this.view.description = fileName(subject);
    this.changed.fire(undefined);
  }

  getChildren(node?: ModelNode): ModelNode[] {
    if (!node) return this.models.map((model, i) => ({ type: 'model', id: `${i}:${model.name}`, model }));
    const sub = (kind: string, i: number) => `${node.id}/${kind}${i}`;
    const findings = (fs: readonly Finding[]): ModelNode[] => fs.map((finding, i) => ({ type: 'finding', id: sub('f', i), finding }));
    switch (node.type) {
      case 'model':
        return [
          ...findings(node.model.findings),
          ...node.model.layers.map((layer, i): ModelNode => ({ type: 'layer', id: sub('l', i), layer })),
          ...node.model.outputs.map((output, i): ModelNode => ({ type: 'output', id: sub('o', i), output })),
        ];
      case 'layer':
        return findings(node.layer.findings);
      case 'output':
        return [...findings(node.output.findings), ...node.output.losses.map((loss, i): ModelNode => ({ type: 'loss', id: sub('k', i), loss }))];
      case 'loss':
        return findings(node.loss.findings);
      default:
        return [];
    }
  }

  getTreeItem(node: ModelNode): vscode.TreeItem {
    const { text, range, icon, expanded, context } = this.describe(node);
    const hasChildren = this.getChildren(node).length > 0;
    const item = new vscode.TreeItem(
      text.label,
      !hasChildren ? vscode.TreeItemCollapsibleState.None : expanded ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed,
    );
    item.id = `${this.subject ? subjectKey(this.subject) : ''}#${node.id}`;
    if (text.description) item.description = text.description;
    if (text.tooltip) item.tooltip = text.tooltip;
    item.iconPath = icon;
    item.contextValue = context;
    const at = this.subject && locate(this.subject, range);
    if (at) item.command = { command: REVEAL_COMMAND, title: t('Reveal in Editor'), arguments: [at.uri, at.range] };
    return item;
  }

  private describe(node: ModelNode): { text: ItemText; range: Range; icon: vscode.ThemeIcon; expanded: boolean; context: string } {
    const sev = (fs: readonly Finding[], fallback: string) => {
      const w = worst(fs);
      return w ? SEVERITY_ICON[w] : new vscode.ThemeIcon(fallback);
    };
    switch (node.type) {
      case 'model': {
        const m = node.model;
        return { text: modelText(m, t), range: m.nameRange, icon: m.worst ? SEVERITY_ICON[m.worst] : new vscode.ThemeIcon('symbol-class'), expanded: true, context: 'model' };
      }
      case 'layer': {
        const l = node.layer;
        const icon = l.kind === 'activation' ? 'pulse' : l.kind === 'affine' ? 'symbol-field' : l.kind === 'container' ? 'symbol-namespace' : 'symbol-property';
        return { text: layerText(l, t), range: l.activation && l.kind === 'activation' ? l.activation.range : l.range, icon: sev(l.findings, icon), expanded: false, context: 'layer' };
      }
      case 'output':
        return { text: outputText(node.output, t), range: node.output.range, icon: sev(node.output.findings, 'output'), expanded: true, context: 'output' };
      case 'loss':
        return { text: lossText(node.loss, t), range: node.loss.via === 'call' ? node.loss.linkRange : node.loss.range, icon: sev(node.loss.findings, 'target'), expanded: false, context: 'loss' };
      case 'finding':
        return { text: findingText(node.finding), range: node.finding.range, icon: SEVERITY_ICON[node.finding.severity] ?? SEVERITY_ICON.warning, expanded: false, context: 'finding' };
    }
  }

  /** The model outline behind a node (for the plot command). */
  modelOf(node: unknown): ModelOutline | undefined {
    const n = node as Partial<ModelNode> | undefined;
    return n && n.type === 'model' ? (n as { model: ModelOutline }).model : undefined;
  }

  /** The tree as the user sees it (tests). */
  private snapshot(): unknown {
    const walk = (node: ModelNode): unknown => {
      const item = this.getTreeItem(node);
      const icon = item.iconPath instanceof vscode.ThemeIcon ? item.iconPath.id : undefined;
      return {
        label: item.label,
        description: item.description,
        tooltip: typeof item.tooltip === 'string' ? item.tooltip : undefined,
        icon,
        contextValue: item.contextValue,
        reveal: item.command?.arguments && { uri: String(item.command.arguments[0]), line: (item.command.arguments[1] as vscode.Range).start.line },
        children: this.getChildren(node).map(walk),
      };
    };
    return {
      file: this.subject ? subjectKey(this.subject) : undefined,
      message: this.view.message,
      models: this.getChildren().map(walk),
      plans: this.models.map((m) => m.plan),
    };
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** Shows `range` of `uri` (a file, or a notebook cell: the notebook opens on that cell). */
async function reveal(uri: unknown, range: unknown): Promise<void> {
  if (!(uri instanceof vscode.Uri) || !(range instanceof vscode.Range)) return;
  if (uri.scheme === 'vscode-notebook-cell') {
    for (const nb of vscode.workspace.notebookDocuments) {
      const index = nb.getCells().findIndex((c) => c.document.uri.toString() === uri.toString());
      if (index < 0) continue;
      await vscode.window.showNotebookDocument(nb, { selections: [new vscode.NotebookRange(index, index + 1)], preserveFocus: false });
    }
  }
  const doc = await vscode.workspace.openTextDocument(uri);
  const editor = await vscode.window.showTextDocument(doc, { selection: new vscode.Selection(range.start, range.end), preserveFocus: false });
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
