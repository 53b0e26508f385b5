/**
 * A static scan of TypeScript sources (through the TypeScript parser, so comments and strings never
 * count): what could run user code, write files, or trust command links broadly.
 */
import ts from 'typescript';

export interface Hit {
  kind: 'exec' | 'write' | 'trust';
  what: string;
  line: number;
}

/** Modules whose import alone means running something outside the analyzer. */
const EXEC_MODULES = new Set(['child_process', 'vm', 'worker_threads', 'cluster', 'repl', 'inspector']);
const FS_MODULES = new Set(['fs', 'fs/promises']);
/** fs functions that change the file system. */
const FS_WRITES = new Set([
  'writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'createWriteStream', 'rm', 'rmSync', 'rmdir', 'rmdirSync',
  'unlink', 'unlinkSync', 'rename', 'renameSync', 'copyFile', 'copyFileSync', 'cp', 'cpSync', 'truncate', 'truncateSync',
  'mkdir', 'mkdirSync', 'symlink', 'symlinkSync', 'chmod', 'chmodSync', 'open', 'openSync', 'write', 'writeSync',
]);
/** VS Code API calls that write, save, or run things. */
const VSCODE_CALLS: Readonly<Record<string, Hit['kind']>> = {
  'fs.writeFile': 'write', 'fs.delete': 'write', 'fs.rename': 'write', 'fs.copy': 'write', 'fs.createDirectory': 'write',
  'workspace.applyEdit': 'write', 'workspace.save': 'write', 'workspace.saveAll': 'write', 'workspace.saveAs': 'write',
  'window.createTerminal': 'exec', 'sendText': 'exec', 'tasks.executeTask': 'exec', 'debug.startDebugging': 'exec',
};

const bare = (m: string) => m.replace(/^node:/, '');

export function scanSource(fileName: string, text: string): Hit[] {
  const sf = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const hits: Hit[] = [];
  const seen = new Set<string>();
  const add = (kind: Hit['kind'], what: string, node: ts.Node) => {
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    const key = `${node.getStart(sf)} ${kind} ${what}`;
    if (seen.has(key)) return; // one call matched by two patterns
    seen.add(key);
    hits.push({ kind, what, line });
  };

  const checkModule = (spec: string, node: ts.Node, names: readonly string[]) => {
    const m = bare(spec);
    if (EXEC_MODULES.has(m)) add('exec', `imports ${spec}`, node);
    if (FS_MODULES.has(m)) for (const n of names) if (FS_WRITES.has(n)) add('write', `imports ${n} from ${spec}`, node);
  };

  const trustValue = (value: ts.Expression, node: ts.Node) => {
    // Allowed: { enabledCommands: [ ...named commands ] } and nothing else.
    const ok =
      ts.isObjectLiteralExpression(value) &&
      value.properties.length === 1 &&
      ts.isPropertyAssignment(value.properties[0]!) &&
      value.properties[0].name.getText(sf) === 'enabledCommands' &&
      ts.isArrayLiteralExpression(value.properties[0].initializer) &&
      value.properties[0].initializer.elements.every((e) => ts.isIdentifier(e) || ts.isStringLiteral(e) || ts.isPropertyAccessExpression(e));
    if (!ok) add('trust', `isTrusted = ${value.getText(sf)}`, node);
  };

  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      const names: string[] = [];
      const b = node.importClause?.namedBindings;
      if (b && ts.isNamedImports(b)) for (const el of b.elements) names.push((el.propertyName ?? el.name).text);
      checkModule(node.moduleSpecifier.text, node, names);
    }
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      const arg = node.arguments[0];
      if (ts.isIdentifier(callee) && (callee.text === 'eval' || callee.text === 'Function')) add('exec', `${callee.text}()`, node);
      const fnName = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
      if (/^(setTimeout|setInterval)$/.test(fnName) && arg && (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg))) add('exec', `${fnName} with a string`, node);
      if ((ts.isIdentifier(callee) && callee.text === 'require') || callee.kind === ts.SyntaxKind.ImportKeyword) {
        if (arg && ts.isStringLiteral(arg)) checkModule(arg.text, node, []);
        else add('exec', `${callee.getText(sf)}() of a computed module name`, node);
      }
      if (ts.isPropertyAccessExpression(callee)) {
        const name = callee.name.text;
        const chain = callee.getText(sf).replace(/\s+/g, '');
        const owner = chain.slice(0, -name.length - 1);
        if (FS_WRITES.has(name) && /(^|\.)(fs|fsp|promises)$/.test(owner)) add('write', chain, node);
        for (const [suffix, kind] of Object.entries(VSCODE_CALLS)) {
          if (chain === suffix || chain.endsWith(`.${suffix}`)) add(kind, chain, node);
        }
      }
      if (ts.isIdentifier(callee) && FS_WRITES.has(callee.text) && /^(writeFile|writeFileSync|appendFile|appendFileSync|createWriteStream|rmSync|unlinkSync|renameSync|mkdirSync)$/.test(callee.text)) {
        add('write', `${callee.text}()`, node);
      }
    }
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Function') add('exec', 'new Function()', node);
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isPropertyAccessExpression(node.left) && node.left.name.text === 'isTrusted') {
      trustValue(node.right, node);
    }
    if (ts.isPropertyAssignment(node) && node.name.getText(sf) === 'isTrusted') trustValue(node.initializer, node);
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return hits;
}
