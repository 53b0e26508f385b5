/** `--help` texts. */

export const MAIN_HELP = `activation-lens — find activation functions in PyTorch, Keras and TensorFlow.js code and warn on misuse

Usage:
  activation-lens check [--format text|json|sarif] [--select ACT001,…] [--ignore ACT002,…] PATH…
  activation-lens list [--format text|json] [--max-size BYTES] [--lang en|zh-cn] PATH…
  activation-lens explain NAME [--framework torch|keras|tfjs] [--param k=v …] [--at x1,x2,…] [--json]
  activation-lens server --stdio
  activation-lens --help | --version
  activation-lens help check | help list | help explain | help server

Exit codes: check: 0 no findings · 1 findings · 2 usage or I/O error; list and explain: 0, or 2;
server: 0 after the client's shutdown and exit.
`;

export const CHECK_HELP = `activation-lens check [options] PATH…

Analyzes .py, .ipynb, .js, .mjs, .cjs and .ts files; folders are walked (node_modules, .git, dist,
out, .vscode-test and hidden folders are skipped; symlinks are followed, loops are safe).

Options:
  --format text|json|sarif   report format on stdout (default text)
  --select ACT001,…          run only these rules (repeatable)
  --ignore ACT002,…          do not run these rules (repeatable)
  --max-size BYTES           skip larger files with a message (default 2000000); a notebook
                             counts its code cells, not its stored outputs
  --lang en|zh-cn            language of messages (default from LANG)

Suppress one finding with "# noqa: ACT001" (Python) or "// noqa: ACT001" (JS/TS) on its line.

Exit codes:
  0  no findings
  1  findings
  2  usage error, or an I/O error: a PATH that does not exist or a file/folder that cannot be read
     (reported on stderr; the other files are still analyzed and reported; 2 wins over 1).
  Binary, non-UTF-8 and too-large files are skipped with a warning on stderr and do not change
  the exit code.
`;

export const EXPLAIN_HELP = `activation-lens explain NAME [options]

Prints an activation as a framework defines it: formula, derivative, range, properties,
parameters with that framework's defaults, and advice. NAME is any spelling the framework accepts
(LeakyReLU, leaky_relu, leakyReLU, hard_sigmoid, gelu_new, nn.GELU, …).

Options:
  --framework torch|keras|tfjs   without it, the first of torch, keras, tfjs that knows NAME
  --param k=v                    set a parameter (the framework's or the canonical name; repeatable)
  --at x1,x2,…                   print f(x) and f'(x) at these points (inf, -inf, nan accepted);
                                 for softmax-like ops f is applied to the whole vector and f' is
                                 the Jacobian's diagonal
  --json                         {"name", "framework", "id", "params", "points": [{"x", "y", "dy"}]};
                                 non-finite numbers are the strings "NaN", "Infinity", "-Infinity"
  --lang en|zh-cn                language of the text (default from LANG)

Exit codes: 0 printed · 2 usage error or unknown NAME (with suggestions).
`;

export const LIST_HELP = `activation-lens list [options] PATH…

Lists every activation choice: the activations written in the code, and those chosen through a
parameter's default or a caller's argument, a functools.partial, a registry key (ACT2FN['gelu'],
get_act_layer('swish'), build_activation_layer(dict(type='GELU')), keras.activations.get) or a
config value. Files and folders are collected as by check (.py, .ipynb, .js, .mjs, .cjs, .ts).

Each line: path:line:col: name → id(params) [via], then " or id(params) [via]" for each other value
the site may take; id is the catalog id (? when unknown), via one of written, default, argument,
partial, registry, config. In a notebook the position is path:cells[N]:line:col.

Options:
  --format text|json   report format on stdout (default text). JSON: {"version": 1, "files":
                       [{"path", "activations": [{"line", "column", "endLine", "endColumn",
                       "cell"?, "framework", "name", "id", "params", "via", "alternatives"?}]}]}
                       (1-based positions; id null when unknown; non-finite numbers as strings)
  --max-size BYTES     skip larger files with a message (default 2000000); a notebook
                       counts its code cells, not its stored outputs
  --lang en|zh-cn      language of notes and the summary (default from LANG)

Exit codes:
  0  listed
  2  usage error, or an I/O error: a PATH that does not exist or a file/folder that cannot be read
     (reported on stderr; the other files are still listed).
`;

export const SERVER_HELP = `activation-lens server --stdio [--lang en|zh-cn]

A language server (LSP over stdin/stdout) for editors other than VS Code: Neovim, Helix, Zed,
JupyterLab (jupyterlab-lsp) and any other LSP client. It gives the same diagnostics (rule code,
link to the rule's page, severity, related places), hovers (the activation's formula, properties
and picture; the rule's summary) and code actions (the fix, fix all for a rule, noqa, and every safe
fix as source.fixAll.activationLens) as the VS Code extension, for Python, JavaScript and
TypeScript files and, through LSP 3.17 notebook sync, Jupyter notebooks.

Settings: the VS Code extension's, same names, under the section "activationLens", from
initializationOptions and workspace/configuration (enable, run, debounceMs, saturatingDepth,
maxFileSize, rules). The README shows the setup for each editor.

Options:
  --stdio            required: speak LSP over stdin/stdout
  --lang en|zh-cn    language of messages when the client names none (default from LANG)

Exit codes: 0 after the client's shutdown and exit · 1 on exit without shutdown (LSP) · 2 usage error.
`;
