// A minimal stand-in for the `vscode` module, for the cold-start benchmark only: enough for the
// extension's activate() and one diagnostics run. Unknown members become inert callables.
'use strict';

const inert = () =>
  new Proxy(function () {}, {
    get: (_t, k) => (k === 'then' ? undefined : k === Symbol.toPrimitive ? () => '' : inert()),
    apply: () => inert(),
    construct: () => inert(),
  });

const disposable = () => ({ dispose() {} });
const event = () => () => disposable();

class Position {
  constructor(line, character) {
    Object.assign(this, { line, character });
  }
}
class Range {
  constructor(a, b, c, d) {
    if (a instanceof Position) Object.assign(this, { start: a, end: b });
    else Object.assign(this, { start: new Position(a, b), end: new Position(c, d) });
  }
}
class Uri {
  constructor(scheme, path) {
    Object.assign(this, { scheme, path, fsPath: path, authority: '', query: '', fragment: '' });
  }
  static parse(s) {
    const m = /^([a-z-]+):(?:\/\/)?(.*)$/.exec(s);
    return m ? new Uri(m[1], m[2].startsWith('/') ? m[2] : `/${m[2]}`) : new Uri('file', s);
  }
  static file(p) {
    return new Uri('file', p);
  }
  static joinPath(base, ...parts) {
    return new Uri(base.scheme, [base.path, ...parts].join('/'));
  }
  with() {
    return this;
  }
  toString() {
    return `${this.scheme}://${this.path}`;
  }
}
class CancellationTokenSource {
  constructor() {
    this.token = { isCancellationRequested: false, onCancellationRequested: event() };
  }
  cancel() {
    this.token.isCancellationRequested = true;
  }
  dispose() {}
}
class EventEmitter {
  constructor() {
    this.event = event();
  }
  fire() {}
  dispose() {}
}

/** Calls of DiagnosticCollection.set: the bench waits for the first one. */
const published = [];
const listeners = [];
function onPublish(fn) {
  listeners.push(fn);
}

function createDiagnosticCollection(name) {
  const map = new Map();
  return {
    name,
    set(uri, diags) {
      map.set(String(uri), diags);
      published.push({ uri: String(uri), count: diags?.length ?? 0 });
      for (const l of listeners.splice(0)) l(published[published.length - 1]);
    },
    delete: (uri) => map.delete(String(uri)),
    get: (uri) => map.get(String(uri)),
    clear: () => map.clear(),
    forEach: (fn) => map.forEach((v, k) => fn(Uri.parse(k), v)),
    dispose() {},
  };
}

const textDocuments = [];

const vscode = {
  Position,
  Range,
  Uri,
  CancellationTokenSource,
  EventEmitter,
  Disposable: class {
    static from() {
      return disposable();
    }
    dispose() {}
  },
  Location: class {
    constructor(uri, range) {
      Object.assign(this, { uri, range });
    }
  },
  Diagnostic: class {
    constructor(range, message, severity) {
      Object.assign(this, { range, message, severity });
    }
  },
  DiagnosticRelatedInformation: class {
    constructor(location, message) {
      Object.assign(this, { location, message });
    }
  },
  DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
  // Classes constructed at module load or while publishing (esbuild's CJS interop copies only the
  // module's own keys, so the inert fallback below does not reach them): plain records.
  ...Object.fromEntries(
    ['ThemeColor', 'ThemeIcon', 'TreeItem', 'MarkdownString', 'InlayHint', 'Hover', 'CodeLens', 'CodeAction', 'WorkspaceEdit', 'Selection', 'NotebookRange', 'TabInputText', 'TabInputNotebook'].map((name) => [
      name,
      class {
        constructor(...args) {
          this.args = args;
        }
      },
    ]),
  ),
  TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
  InlayHintKind: { Type: 1, Parameter: 2 },
  TextEditorRevealType: { Default: 0, InCenter: 1, InCenterIfOutsideViewport: 2, AtTop: 3 },
  DiagnosticTag: { Unnecessary: 1, Deprecated: 2 },
  CodeActionKind: { QuickFix: { value: 'quickfix', append: () => ({}) }, SourceFixAll: { value: 'source.fixAll', append: () => ({}) } },
  NotebookCellKind: { Markup: 1, Code: 2 },
  ViewColumn: { Active: -1, Beside: -2, One: 1 },
  ProgressLocation: { Notification: 15, Window: 10 },
  env: { language: 'en', openExternal: async () => true },
  l10n: { t: (s, ...args) => String(typeof s === 'object' ? s.message : s).replace(/\{(\d+)\}/g, (_, i) => String(args[i])) },
  workspace: {
    textDocuments,
    notebookDocuments: [],
    workspaceFolders: undefined,
    getConfiguration: () => ({ get: (_k, d) => d, has: () => false, inspect: () => undefined }),
    onDidOpenTextDocument: event(),
    onDidChangeTextDocument: event(),
    onDidSaveTextDocument: event(),
    onDidCloseTextDocument: event(),
    onDidOpenNotebookDocument: event(),
    onDidChangeNotebookDocument: event(),
    onDidSaveNotebookDocument: event(),
    onDidCloseNotebookDocument: event(),
    onDidChangeConfiguration: event(),
    asRelativePath: (p) => String(p),
    fs: inert(),
  },
  window: {
    createOutputChannel: () => ({ info() {}, warn() {}, error() {}, debug() {}, trace() {}, append() {}, appendLine() {}, show() {}, dispose() {} }),
    registerWebviewPanelSerializer: () => disposable(),
    showInformationMessage: async () => undefined,
    showErrorMessage: async () => undefined,
    activeTextEditor: undefined,
    activeNotebookEditor: undefined,
    onDidChangeActiveColorTheme: event(),
  },
  languages: {
    createDiagnosticCollection,
    registerHoverProvider: () => disposable(),
    registerCodeActionsProvider: () => disposable(),
  },
  commands: { registerCommand: () => disposable(), executeCommand: async () => undefined },
};

/** A text document as the extension sees it. */
function textDocument(path, languageId, text) {
  return { uri: Uri.file(path), languageId, version: 1, getText: () => text, fileName: path, isClosed: false, lineCount: text.split('\n').length };
}

/** Known members as given; unknown ones (on the module and its namespaces) inert. */
const withFallback = (o) => new Proxy(o, { get: (t, k) => (k in t ? t[k] : typeof k === 'symbol' ? undefined : inert()) });
for (const ns of ['workspace', 'window', 'languages', 'commands', 'env', 'l10n']) vscode[ns] = withFallback(vscode[ns]);
const api = withFallback(vscode);
module.exports = { vscode: api, textDocuments, textDocument, onPublish, published };
