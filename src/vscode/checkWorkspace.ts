/**
 * "Activation Lens: Check Workspace": analyzes every model file in the workspace that is not open
 * (open ones have live diagnostics) with a cancellable progress notification, into its own
 * diagnostic collection. A file's entry is dropped when live diagnostics take it over.
 */
import * as vscode from 'vscode';
import { analyze, notebookJsonLimit } from '../core/analyze';
import type { AnalysisResult, SourceLanguage } from '../core/types';
import { analyzeOptions } from '../shared/config';
import { toDiagnostic } from './convert';
import { locale, settingsFor } from './settings';

export const CHECK_WORKSPACE_COMMAND = 'activationLens.checkWorkspace';
const INCLUDE = '**/*.{py,ipynb,js,mjs,cjs,jsx,ts,mts,cts,tsx}';
const EXCLUDE = '**/{node_modules,.git,.venv,venv,env,site-packages,__pycache__,dist,build,out,.vscode-test}/**';
const LOOKS_LIKE_A_MODEL = /torch|keras|tensorflow|tfjs/;

export function languageOfPath(path: string): SourceLanguage | undefined {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  if (ext === 'py') return 'python';
  if (ext === 'ipynb') return 'ipynb';
  if (ext === 'tsx') return 'tsx';
  if (['ts', 'mts', 'cts'].includes(ext)) return 'typescript';
  if (['js', 'mjs', 'cjs', 'jsx'].includes(ext)) return 'javascript';
  return undefined;
}

function isOpen(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.workspace.textDocuments.some((d) => d.uri.toString() === key) ||
    vscode.workspace.notebookDocuments.some((n) => n.uri.toString() === key);
}

/** Diagnostics for a file that is not open; notebook findings name their cell in the message. */
function diagnosticsOf(uri: vscode.Uri, result: AnalysisResult): vscode.Diagnostic[] {
  const out: vscode.Diagnostic[] = [];
  for (const f of result.findings) {
    if (f.range.cell === undefined) {
      const d = toDiagnostic({ kind: 'text', doc: { uri } as vscode.TextDocument }, f);
      if (d) out.push(d.diagnostic);
      continue;
    }
    const cell = f.range.cell;
    const shifted = { ...f, range: { start: { line: 0, column: 0 }, end: { line: 0, column: 0 } }, related: [],
      message: vscode.l10n.t('Cell {0}, line {1}: {2}', cell + 1, f.range.start.line + 1, f.message) };
    const d = toDiagnostic({ kind: 'text', doc: { uri } as vscode.TextDocument }, shifted);
    if (d) out.push(d.diagnostic);
  }
  return out;
}

export async function checkWorkspace(collection: vscode.DiagnosticCollection, refreshOpen: () => void): Promise<{ files: number; problems: number; cancelled: boolean }> {
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Activation Lens: checking the workspace'), cancellable: true },
    async (progress, token) => {
      refreshOpen();
      collection.clear();
      const uris = await vscode.workspace.findFiles(INCLUDE, EXCLUDE, 20_000, token);
      let files = 0;
      let problems = 0;
      for (const [i, uri] of uris.entries()) {
        if (token.isCancellationRequested) break;
        progress.report({ increment: 100 / uris.length, message: vscode.l10n.t('{0} of {1}: {2}', i + 1, uris.length, vscode.workspace.asRelativePath(uri)) });
        const language = languageOfPath(uri.path);
        const settings = settingsFor(uri);
        if (!language || !settings.enable || isOpen(uri)) continue;
        let text: string;
        // A notebook is judged by its code (analyze() measures the code cells against the limit):
        // its file, stored outputs included, is read up to notebookJsonLimit.
        const notebook = language === 'ipynb';
        try {
          const bytes = await vscode.workspace.fs.readFile(uri);
          if (bytes.byteLength > (notebook ? notebookJsonLimit(settings.maxFileSize) : settings.maxFileSize * 4)) continue;
          text = new TextDecoder().decode(bytes);
        } catch {
          continue;
        }
        if ((!notebook && text.length > settings.maxFileSize) || !LOOKS_LIKE_A_MODEL.test(text)) continue;
        const result = await analyze(text, {
          language, path: uri.path, locale: locale(), ...analyzeOptions(settings),
          isCancelled: () => token.isCancellationRequested,
        });
        if (result.skipped) continue;
        files++;
        const diagnostics = diagnosticsOf(uri, result);
        problems += diagnostics.length;
        if (diagnostics.length) collection.set(uri, diagnostics);
      }
      return { files, problems, cancelled: token.isCancellationRequested };
    },
  );
}

