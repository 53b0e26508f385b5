/**
 * The one walk over the syntax tree: records calls (in execution order), assignments, classes,
 * functions, imports and comments with their context (function, class, loop, inference).
 */
import type { Node, Tree } from 'web-tree-sitter';
import { appendFactLists, FACT_LISTS, type AssignFact, type CallFact, type ClassFact, type Facts, type FnFact, type RefFact } from './facts';
import { ImportTable, jsImports, pythonImports, type RawImport } from './imports';
import { declareFrom, functionScope, scopeOpenedBy, type ReturnFact, type Scope } from './scope';
import { callArgs, dottedPath, unwrap, type Dialect } from './syntax';

export class Stop extends Error {}

/** Deepest syntax nesting the walk descends into. */
const MAX_DEPTH = 400;

interface Ctx {
  fn?: FnFact;
  cls?: ClassFact;
  inLoop: boolean;
  loopVars: { name: string; iter: Node }[];
  inference: boolean;
  /** Shared per function / module scope: set once `.eval()` / `.fit()` ran in this scope. */
  scope: { afterTraining: boolean };
  /** The innermost lexical scope (see scope.ts). */
  lex: Scope;
}

const INFERENCE_FN = /^(predict|inference|infer|evaluate|eval|test|generate|sample|decode|serve|postprocess)/i;
const NO_GRAD = /^torch\.(no_grad|inference_mode|set_grad_enabled)$/;

function isCallType(t: string): boolean {
  return t === 'call' || t === 'call_expression' || t === 'new_expression';
}

function multipliedContext(node: Node): boolean {
  let p = node.parent;
  while (p && p.type === 'parenthesized_expression') p = p.parent;
  if (!p) return false;
  if (p.type === 'binary_operator' || p.type === 'binary_expression') {
    // An operator token's type is its text.
    const op = p.childForFieldName('operator')?.type ?? p.child(1)?.text;
    return op === '*';
  }
  return false;
}

/** Names multiplied with something: `x * gate`, `gate * x`, `x *= gate`, `x.mul(gate)`. */
function multipliedNames(node: Node): string[] {
  const t = node.type;
  const op = node.childForFieldName('operator')?.type ?? node.child(1)?.text;
  if ((t === 'binary_operator' || t === 'binary_expression') && op === '*') {
    return [node.childForFieldName('left'), node.childForFieldName('right')].flatMap((c) => (c ? (dottedPath(c)?.join('.') ?? []) : []));
  }
  if (t === 'augmented_assignment' && op === '*=') {
    const r = node.childForFieldName('right');
    const l = node.childForFieldName('left');
    return [r, l].flatMap((c) => (c ? (dottedPath(c)?.join('.') ?? []) : []));
  }
  return [];
}

function targetsOf(left: Node): string[] {
  const n = unwrap(left);
  if (n.type === 'pattern_list' || n.type === 'tuple_pattern' || n.type === 'tuple' || n.type === 'list_pattern' || n.type === 'array_pattern') {
    return n.namedChildren.flatMap((c) => targetsOf(c));
  }
  const p = dottedPath(n);
  return p ? [p.join('.')] : [];
}

/**
 * Targets of an unpacking pattern with their keys: `a, b = …` → [a, 0], [b, 1]; `const {model,
 * enc: e} = …` → [model, 'model'], [e, 'enc']. One level only; nested patterns give no target.
 */
function unpackedTargets(left: Node): { targets: string[]; keys: (number | string | undefined)[] } | undefined {
  const n = unwrap(left);
  if (n.type === 'pattern_list' || n.type === 'tuple_pattern' || n.type === 'tuple' || n.type === 'list_pattern' || n.type === 'array_pattern') {
    const targets: string[] = [];
    const keys: (number | string | undefined)[] = [];
    n.namedChildren.filter((c) => c.type !== 'comment').forEach((c, i) => {
      const p = dottedPath(c);
      if (p) targets.push(p.join('.')), keys.push(i);
    });
    return { targets, keys };
  }
  if (n.type === 'object_pattern') {
    const targets: string[] = [];
    const keys: (number | string | undefined)[] = [];
    for (const c of n.namedChildren) {
      if (c.type === 'shorthand_property_identifier_pattern') targets.push(c.text), keys.push(c.text);
      else if (c.type === 'pair_pattern') {
        const key = c.childForFieldName('key');
        const value = c.childForFieldName('value');
        if (key && value?.type === 'identifier') targets.push(value.text), keys.push(key.type === 'string' ? key.text.slice(1, -1) : key.text);
      }
    }
    return { targets, keys };
  }
  return undefined;
}

/**
 * The node types visitNode does more with than visit their children (the walk skips its checks for
 * all others): keep in step with visitNode, scopeOpenedBy and declareFrom (scope.ts).
 */
const ACTIVE_TYPES = new Set([
  // mentions (valueRefOf)
  'attribute', 'member_expression', 'identifier',
  // scopes (scopeOpenedBy), classes and functions
  'class_definition', 'class_declaration', 'class', 'function_definition', 'function_declaration', 'function_expression', 'function', 'arrow_function', 'method_definition', 'generator_function', 'generator_function_declaration',
  // declarations (declareFrom), assignments, loops
  'assignment', 'augmented_assignment', 'assignment_expression', 'variable_declarator', 'named_expression', 'global_statement', 'nonlocal_statement', 'for_statement', 'for_in_statement', 'while_statement', 'list_comprehension', 'generator_expression', 'with_statement',
  // returns, products, comments, imports, calls
  'return_statement', 'binary_operator', 'binary_expression', 'comment', 'import_statement', 'import_from_statement', 'call', 'call_expression', 'new_expression',
]);

/** JavaScript / TypeScript only: the blocks that open a scope (scopeOpenedBy). */
const ACTIVE_JS_TYPES = new Set(['statement_block', 'switch_body']);

const REF_CONTAINERS = new Set(['argument_list', 'arguments', 'keyword_argument', 'pair', 'dictionary', 'object', 'list', 'tuple', 'array', 'default_parameter', 'typed_default_parameter', 'assignment_pattern', 'conditional_expression', 'ternary_expression', 'boolean_operator', 'binary_expression', 'parenthesized_expression', 'subscript', 'subscript_expression', 'return_statement', 'expression_statement', 'assignment', 'variable_declarator', 'optional_parameter', 'required_parameter', 'pair_pattern', 'expression_list', 'spread_element']);

const FIELDS = ['function', 'constructor', 'name', 'left', 'key', 'alias', 'pattern', 'parameter', 'type', 'object', 'attribute', 'property'];

/** The field a node fills in its parent, among the few the mention filter asks about. */
function fieldOf(node: Node, parent: Node): string | null {
  const mirrored = (node as unknown as { fieldName?: string | null }).fieldName;
  if (mirrored !== undefined) return mirrored;
  for (const f of FIELDS) if (parent.childForFieldName(f)?.id === node.id) return f;
  return null;
}

/**
 * A mention: the outermost node of a dotted name in value position. Roots that are imports (or the
 * conventional aliases) are kept wherever they stand; other names only where a value is passed on
 * (arguments, assignment values, dict / list elements, defaults, subscripts).
 */
function valueRefOf(node: Node, imports: ImportTable, lex: Scope): RefFact | undefined {
  const parent = node.parent;
  if (!parent) return undefined;
  const pt = parent.type;
  const field = fieldOf(node, parent);
  // Inner part of a longer dotted name, the callee of a call, or a name being defined / assigned.
  if ((pt === 'attribute' || pt === 'member_expression') && field === 'object') return undefined;
  if ((pt === 'attribute' && field === 'attribute') || (pt === 'member_expression' && field === 'property')) return undefined;
  if ((pt === 'call' || pt === 'call_expression') && field === 'function') return undefined;
  if (pt === 'new_expression' && field === 'constructor') return undefined;
  if (field === 'name' || field === 'left' || field === 'key' || field === 'alias' || field === 'pattern' || field === 'parameter') {
    // `x = …` targets, `def f`, keyword names, `for x in`, dict keys; but `{'a': b}` values and `a or b` operands stay
    if (pt !== 'boolean_operator' && pt !== 'binary_expression' && pt !== 'comparison_operator' && pt !== 'binary_operator') return undefined;
  }
  if (field === 'type' || pt === 'type' || pt === 'parameters' || pt === 'formal_parameters' || pt === 'lambda_parameters' || pt === 'import_statement' || pt === 'import_from_statement' || pt === 'aliased_import' || pt === 'dotted_name' || pt === 'global_statement' || pt === 'nonlocal_statement') return undefined;
  const path = dottedPath(node);
  if (!path || path.length === 0) return undefined;
  const root = path[0]!;
  if (imports.root(root) === undefined && !REF_CONTAINERS.has(pt)) return undefined;
  return { node, path, scope: lex };
}

/**
 * What walking one top-level statement added to the facts, kept so that a later walk of a text in
 * which the same statement (same text, same context) recurs can add it again without visiting it
 * (src/core/extract/incremental.ts). The facts of a statement depend on its subtree and on what
 * the statements before it left: the imports in force, whether `.fit()` / `.eval()` ran at module
 * level, and `global` names of the module — `key` records those. Its effects on the module-level
 * state are recorded as the changes to replay (imports, names declared in the module scope,
 * multiplied names, the training flag); `order` and call ids are renumbered when it moves.
 */
export interface StatementFacts {
  node: Node;
  /** The context it was walked in; '' when it must always be walked again. */
  key: string;
  calls: CallFact[];
  assigns: AssignFact[];
  classes: ClassFact[];
  comments: Node[];
  refs: RefFact[];
  functionScopes: Scope[];
  returns: ReturnFact[];
  scopes: [number, Scope][];
  imports: RawImport[];
  declared: string[];
  multiplied: [FnFact | undefined, string][];
  afterTraining: boolean;
  firstOrder: number;
  orders: number;
  firstId: number;
  ids: number;
}

/** Reuse across walks: the module scope taken over, and per top-level child the facts walked before. */
export interface WalkReuse {
  /**
   * The earlier walk's whole-file facts and its statements, the ones `kept` comes from: their lists
   * and tables by node are patched (the statements that left or were walked again out, the new ones
   * in) instead of being built again, and their module scope (its statements' scopes hang under it)
   * is reset and reused. The earlier facts are spent.
   */
  previous?: { facts: Facts; statements: readonly StatementFacts[] };
  /** Per top-level child of the new tree: the facts of the same (kept) node from the earlier walk. */
  kept: readonly (StatementFacts | undefined)[];
  /** Set: the facts of every top-level child, in order. */
  out: StatementFacts[];
  /** Makes a kept top-level child readable (its move into the new text is put off: incremental.ts). */
  settle?: (node: Node) => void;
  /** Filled: how many top-level children were visited, and how many were added from `kept`. */
  walked: number;
  replayed: number;
}

/** The module scope's names, recording what each statement declares there (see StatementFacts). */
class RecordingSet extends Set<string> {
  log: string[] | undefined;
  override add(value: string): this {
    this.log?.push(value);
    return super.add(value);
  }
}

export function walk(tree: Tree, dialect: Dialect, shouldStop: () => boolean, reuse?: WalkReuse): Facts {
  const w = new Walker(tree, dialect, shouldStop, reuse?.previous);
  // The module's statements one by one (what visiting the root does), each either visited or, when
  // the same statement was walked before in the same context, its recorded facts added again.
  let importKey = '';
  // The context key, made again only when one of its parts changed (a string per statement was
  // most of what the loop allocated: comparing a fresh concatenation flattens it, importKey and all).
  let key = '';
  let keyTraining: boolean | undefined;
  let keyNonLocal = -1;
  let keyImports = '';
  const children = tree.rootNode.children;
  const out: StatementFacts[] = new Array(children.length);
  w.depth = 1;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    const nonLocal = w.globalNames();
    if (keyTraining !== w.moduleTraining.afterTraining || keyNonLocal !== nonLocal || keyImports !== importKey) {
      keyTraining = w.moduleTraining.afterTraining;
      keyNonLocal = nonLocal;
      keyImports = importKey;
      key = `${keyTraining ? 1 : 0}|${[...(w.rootScope.nonLocal ?? [])].join(',')}|${importKey}`;
    }
    const kept = reuse?.kept[i];
    let rec: StatementFacts;
    if (kept && kept.node === child && kept.key === key && key !== '') {
      w.replay(kept);
      rec = kept;
      reuse!.replayed++;
    } else {
      reuse?.settle?.(child);
      rec = w.visitStatement(child, key);
      if (reuse) reuse.walked++;
    }
    out[i] = rec;
    for (const imp of rec.imports) if (!imp.relative) importKey += `${imp.local}=${imp.qualified}${imp.alias?.partial ? `(${imp.alias.partial.text})` : ''};`;
  }
  w.depth = 0;
  if (w.previous) patchFacts(w.facts, w.previous, out);
  else for (const rec of out) appendFactLists(w.facts, rec);
  if (reuse) reuse.out = out;
  return w.facts;
}

/**
 * The state of one walk and its visits, as methods: made as closures inside walk(), they were new
 * functions on every walk, and V8 compiled them again and again (calls between them had recorded
 * the previous walk's functions as their targets: visit, visitNode and the binding watch recompiled
 * 67 times in 45 analyses of a 5,000-line file, ~2.2 s of background compile).
 */
class Walker {
  readonly imports: ImportTable;
  readonly declaredAtRoot = new RecordingSet();
  readonly rootScope: Scope;
  readonly callByNode: Map<number, CallFact>;
  readonly scopeByNode: Map<number, Scope>;
  /**
   * The lists stay empty during the walk (each statement's facts go to its own lists, `record`);
   * at the end they are the statements' lists end to end (patchFacts, when an earlier walk's are patched).
   */
  readonly facts: Facts;
  /** The statement being visited: what the visit finds goes to its lists. */
  record: StatementFacts | undefined;
  order = 0;
  ticks = 0;
  nextId = 0;
  /** The assignments of the statement being visited, linked to their values' calls once it is visited. */
  pendingAssigns: { fact: AssignFact; value: Node }[] | undefined;
  /**
   * Per type id (the grammar's small integer for a node type): 1 when visitNode does nothing with
   * such a node but visit its children, 2 when it does more, 0 not known yet. Most nodes are plain
   * (argument lists, statements, numbers, strings …); they skip the ~50 comparisons of their type.
   */
  readonly plainById = new Uint8Array(1024);
  depth = 0;
  readonly moduleTraining = { afterTraining: false };
  /** The module's context; fn and cls named here too: every context spread from this one then has the same shape. */
  readonly top: Ctx;

  constructor(
    tree: Tree,
    readonly dialect: Dialect,
    readonly shouldStop: () => boolean,
    readonly previous: WalkReuse['previous'],
  ) {
    this.imports = new ImportTable(dialect);
    const rootScope: Scope = previous?.facts.rootScope ?? { kind: 'module', node: tree.rootNode, declared: this.declaredAtRoot };
    // The tables by node id are taken over (ids are unique across mirrors, so a kept statement's
    // entries stay right); the earlier root's entry goes before the root scope moves to the new root.
    const callByNode = previous?.facts.callByNode ?? new Map<number, CallFact>();
    const scopeByNode = previous?.facts.scopeByNode ?? new Map<number, Scope>();
    if (previous) scopeByNode.delete(rootScope.node.id);
    scopeByNode.set(tree.rootNode.id, rootScope);
    rootScope.node = tree.rootNode;
    rootScope.declared = this.declaredAtRoot;
    delete rootScope.nonLocal;
    this.rootScope = rootScope;
    this.callByNode = callByNode;
    this.scopeByNode = scopeByNode;
    this.facts = { dialect, imports: this.imports, calls: [], callByNode, assigns: [], classes: [], comments: [], multiplied: new Map(), rootScope, scopeByNode, functionScopes: [], returns: [], refs: [] };
    this.top = { fn: undefined, cls: undefined, inLoop: false, loopVars: [], inference: false, scope: this.moduleTraining, lex: rootScope };
  }

  addImport(imp: RawImport): void {
    this.imports.add(imp);
    this.record?.imports.push(imp);
  }
  addMultiplied(fn: FnFact | undefined, names: Iterable<string>): void {
    const set = this.facts.multiplied.get(fn) ?? new Set<string>();
    for (const n of names) {
      set.add(n);
      this.record?.multiplied.push([fn, n]);
    }
    this.facts.multiplied.set(fn, set);
  }
  valueRef(node: Node, lex: Scope): RefFact | undefined {
    return valueRefOf(node, this.imports, lex);
  }

  visitChildren(node: Node, ctx: Ctx): void {
    const children = node.children;
    for (let i = 0; i < children.length; i++) this.visit(children[i]!, ctx);
  }

  /** Subtrees nested deeper than MAX_DEPTH (thousands of nested parentheses, say) are skipped: the recursion would overflow the stack, and no model definition nests that deep. */
  visit(node: Node, ctx: Ctx): void {
    if (this.depth >= MAX_DEPTH) return;
    this.depth++;
    const id = node.typeId;
    let plain = id < this.plainById.length ? this.plainById[id]! : 0;
    if (plain === 0) {
      plain = ACTIVE_TYPES.has(node.type) || (this.dialect === 'js' && ACTIVE_JS_TYPES.has(node.type)) ? 2 : 1;
      if (id < this.plainById.length) this.plainById[id] = plain;
    }
    if (plain === 1) {
      if ((++this.ticks & 1023) === 0 && this.shouldStop()) throw new Stop();
      const children = node.children;
      for (let i = 0; i < children.length; i++) this.visit(children[i]!, ctx);
    } else this.visitNode(node, ctx); // a throw ends the whole walk: no need to restore depth
    this.depth--;
  }

  /** A node of one of ACTIVE_TYPES (see visit). */
  visitNode(node: Node, ctx: Ctx): void {
    if ((++this.ticks & 1023) === 0 && this.shouldStop()) throw new Stop();
    const t = node.type;
    if (t === 'attribute' || t === 'member_expression' || t === 'identifier') {
      const ref = this.valueRef(node, ctx.lex);
      if (ref) this.record!.refs.push(ref);
      if (t === 'identifier') return;
    }
    const opened = scopeOpenedBy(node, this.dialect, ctx.lex, ctx.cls, ctx.lex.kind === 'class');
    if (opened) {
      this.scopeByNode.set(node.id, opened);
      this.record?.scopes.push([node.id, opened]);
      if (opened.kind === 'function') {
        this.record!.functionScopes.push(opened);
        const body = t === 'arrow_function' ? node.childForFieldName('body') : null;
        if (body && body.type !== 'statement_block') this.record!.returns.push({ scope: opened, fn: opened, value: body });
      }
      ctx = { ...ctx, lex: opened };
    }
    declareFrom(node, this.dialect, ctx.lex);
    if (t === 'return_statement') {
      const v = node.namedChildren.find((c) => c.type !== 'comment');
      if (v) this.record!.returns.push({ scope: ctx.lex, fn: functionScope(ctx.lex), value: v });
    }
    if (t === 'binary_operator' || t === 'binary_expression' || t === 'augmented_assignment') {
      const names = multipliedNames(node);
      if (names.length > 0) this.addMultiplied(ctx.fn, names);
    }
    switch (t) {
      case 'comment':
        this.record!.comments.push(node);
        return;
      case 'import_statement':
      case 'import_from_statement':
        for (const imp of this.dialect === 'py' ? pythonImports(node) : jsImports(node)) this.addImport(imp);
        return;
      case 'class_definition':
      case 'class_declaration':
      case 'class': {
        const nameNode = node.childForFieldName('name');
        const bases: string[] = [];
        const sup = this.dialect === 'py' ? node.childForFieldName('superclasses') : node.namedChildren.find((c) => c.type === 'class_heritage');
        for (const b of sup?.namedChildren ?? []) {
          const base = b.type === 'extends_clause' ? b.namedChild(0) : b;
          if (!base || base.type === 'keyword_argument') continue;
          bases.push(this.imports.qualifyNode(base) ?? base.text);
        }
        const cls: ClassFact = { name: nameNode?.text ?? '', node, nameNode: nameNode ?? node, bases, methods: new Map() };
        this.record!.classes.push(cls);
        const body = node.childForFieldName('body');
        if (body) this.visit(body, { ...ctx, cls, fn: undefined, inLoop: false, loopVars: [] });
        return;
      }
      case 'function_definition':
      case 'function_declaration':
      case 'method_definition':
      case 'generator_function_declaration': {
        const name = node.childForFieldName('name')?.text ?? '';
        const fn: FnFact = { name, node, cls: ctx.cls, inference: ctx.inference || INFERENCE_FN.test(name) };
        if (ctx.cls && !ctx.fn) ctx.cls.methods.set(name, fn);
        // Parameter defaults (`act_layer=nn.GELU`) are evaluated where the function is defined.
        const params = node.childForFieldName('parameters');
        if (params) this.visit(params, { ...ctx, lex: opened?.parent ?? ctx.lex });
        const body = node.childForFieldName('body');
        if (body) this.visit(body, { ...ctx, fn, inLoop: false, loopVars: [], inference: fn.inference, scope: { afterTraining: false } });
        return;
      }
      case 'for_statement':
      case 'for_in_statement': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (right) this.visit(right, ctx);
        const loopVars = [...ctx.loopVars];
        const lp = left ? dottedPath(left) : undefined;
        if (lp && right) loopVars.push({ name: lp.join('.'), iter: right });
        const inner: Ctx = { ...ctx, inLoop: true, loopVars };
        for (const c of node.children) if (c !== left && c !== right) this.visit(c, inner);
        return;
      }
      case 'while_statement':
      case 'list_comprehension':
      case 'generator_expression':
        this.visitChildren(node, { ...ctx, inLoop: true });
        return;
      case 'with_statement': {
        const clause = node.namedChildren.find((c) => c.type === 'with_clause');
        let inference = ctx.inference;
        for (const item of clause?.namedChildren ?? []) {
          const v = item.childForFieldName('value');
          const call = v ? unwrap(v.type === 'as_pattern' ? (v.namedChild(0) ?? v) : v) : undefined;
          if (call && isCallType(call.type) && NO_GRAD.test(this.imports.qualifyNode(call.childForFieldName('function')) ?? '')) inference = true;
        }
        this.visitChildren(node, { ...ctx, inference });
        return;
      }
      case 'assignment':
      case 'augmented_assignment':
      case 'assignment_expression':
      case 'variable_declarator': {
        if (t === 'variable_declarator') for (const imp of jsImports(node)) this.addImport(imp);
        const left = node.childForFieldName(t === 'variable_declarator' ? 'name' : 'left');
        const right = node.childForFieldName(t === 'variable_declarator' ? 'value' : 'right');
        this.visitChildren(node, ctx);
        if (left && right && t === 'assignment' && ctx.lex === this.rootScope && this.dialect === 'py') {
          const alias = this.frameworkAlias(left, right);
          if (alias) this.addImport(alias);
          else if (unwrap(left).type === 'identifier' && this.imports.isAlias(unwrap(left).text)) this.addImport({ local: unwrap(left).text, qualified: '', node: left, alias: {} });
        }
        if (left && right) {
          const unpacked = unpackedTargets(left);
          const fact: AssignFact = { targets: unpacked && unpacked.keys.length > 0 && unwrap(left).type === 'object_pattern' ? unpacked.targets : targetsOf(left), keys: undefined, value: right, valueCall: undefined, fn: ctx.fn, cls: ctx.cls, order: this.order++, inLoop: ctx.inLoop, scope: ctx.lex };
          if (unpacked && fact.targets.length === unpacked.targets.length && fact.targets.every((t, i) => t === unpacked.targets[i])) fact.keys = unpacked.keys;
          this.record!.assigns.push(fact);
          this.pendingAssigns!.push({ fact, value: right });
        }
        return;
      }
      default:
        break;
    }
    if (isCallType(t)) {
      const callee = node.childForFieldName(t === 'new_expression' ? 'constructor' : 'function');
      this.visitChildren(node, ctx);
      if (!callee) return;
      const path = dottedPath(callee);
      const inner = unwrap(callee);
      let receiver: Node | undefined;
      if (inner.type === 'attribute' || inner.type === 'member_expression') receiver = inner.childForFieldName('object') ?? undefined;
      const name = path ? path[path.length - 1]! : (inner.childForFieldName(inner.type === 'attribute' ? 'attribute' : 'property')?.text ?? '');
      // RegularizedDense(100) after `RegularizedDense = partial(Dense, activation="relu")`: a Dense, with
      // the partial's keywords unless the call sets them.
      const preset = path?.length === 1 ? this.imports.partial(path[0]!) : undefined;
      const args = callArgs(node, this.dialect);
      // Every field named at once, the optional ones too (one object shape, no property added later).
      const fact: CallFact = {
        id: this.nextId++,
        node,
        callee,
        path,
        qualified: (preset?.qualified ?? this.imports.qualify(path)) || undefined,
        name,
        args: preset ? [...preset.args.filter((p) => p.name !== undefined && !args.some((a) => a.name === p.name)), ...args] : args,
        fn: ctx.fn,
        cls: ctx.cls,
        inLoop: ctx.inLoop,
        loopVars: ctx.loopVars,
        inference: ctx.inference || ctx.scope.afterTraining,
        multiplied: multipliedContext(node),
        order: this.order++,
        parent: undefined,
        parentArg: undefined,
        calleeCall: undefined,
        receiver,
        scope: ctx.lex,
      };
      this.record!.calls.push(fact);
      this.callByNode.set(node.id, fact);
      if ((name === 'eval' && fact.args.length === 0 && receiver) || name === 'fit') ctx.scope.afterTraining = true;
      if ((name === 'mul' || name === 'mul_' || name === 'multiply') && receiver) {
        const names: string[] = [];
        for (const a of fact.args) {
          const p = dottedPath(a.value);
          if (p) names.push(p.join('.'));
        }
        const rp = dottedPath(receiver);
        if (rp) names.push(rp.join('.'));
        this.addMultiplied(ctx.fn, names);
      }
      return;
    }
    this.visitChildren(node, ctx);
  }

  /**
   * `Dense = tf.keras.layers.Dense` / `RegularizedDense = partial(tf.keras.layers.Dense, activation="relu", …)`
   * at module level: the name stands for a framework name (a PyTorch / Keras / TensorFlow one) from here on.
   */
  frameworkAlias(left: Node, right: Node): RawImport | undefined {
    const l = unwrap(left);
    if (l.type !== 'identifier') return undefined;
    const r = unwrap(right);
    const qualifiedOf = (n: Node): string | undefined => {
      const q = this.imports.qualify(dottedPath(n));
      return q && /^(torch|keras|tf)\./.test(q) ? q : undefined;
    };
    if (r.type === 'attribute') {
      const q = qualifiedOf(r);
      return q ? { local: l.text, qualified: q, node: l, alias: {} } : undefined;
    }
    if (r.type !== 'call') return undefined;
    const fn = r.childForFieldName('function');
    const fq = fn ? this.imports.qualify(dottedPath(fn)) : undefined;
    if (fq !== 'functools.partial' && !(fn?.text === 'partial' && !this.imports.root('partial'))) return undefined;
    // The call was walked just before (its fact holds its arguments).
    const args = this.callByNode.get(r.id)?.args ?? [];
    const first = args.find((a) => a.index === 0);
    const q = first ? qualifiedOf(first.value) : undefined;
    if (!q || args.some((a) => a.index !== undefined && a.index > 0)) return undefined;
    return { local: l.text, qualified: q, node: l, alias: { partial: { args: args.filter((a) => a.name !== undefined), text: r.text } } };
  }

  /** How many names `global` statements at module level named so far. */
  globalNames(): number {
    return this.rootScope.nonLocal?.size ?? 0;
  }

  visitStatement(child: Node, key: string): StatementFacts {
    const rec: StatementFacts = { node: child, key, calls: [], assigns: [], classes: [], comments: [], refs: [], functionScopes: [], returns: [], scopes: [], imports: [], declared: [], multiplied: [], afterTraining: false, firstOrder: this.order, orders: 0, firstId: this.nextId, ids: 0 };
    const assigns: { fact: AssignFact; value: Node }[] = [];
    const nonLocal = this.globalNames();
    this.record = rec;
    this.pendingAssigns = assigns;
    this.declaredAtRoot.log = rec.declared;
    try {
      this.visit(child, this.top);
    } finally {
      this.record = undefined;
      this.pendingAssigns = undefined;
      this.declaredAtRoot.log = undefined;
    }
    // Every statement's lists are kept, and an array grown by push from empty has room for 17
    // entries or more: the statement keeps exact-size copies (most lists hold a few entries).
    rec.calls = exact(rec.calls);
    rec.assigns = exact(rec.assigns);
    rec.classes = exact(rec.classes);
    rec.comments = exact(rec.comments);
    rec.refs = exact(rec.refs);
    rec.functionScopes = exact(rec.functionScopes);
    rec.returns = exact(rec.returns);
    rec.scopes = exact(rec.scopes);
    rec.imports = exact(rec.imports);
    rec.declared = exact(rec.declared);
    rec.multiplied = exact(rec.multiplied);
    rec.afterTraining = this.moduleTraining.afterTraining;
    rec.orders = this.order - rec.firstOrder;
    rec.ids = this.nextId - rec.firstId;
    // A `global` statement at module level changes how later names are declared: never replayed.
    if (this.globalNames() !== nonLocal) rec.key = '';
    this.link(rec.calls, assigns);
    return rec;
  }

  replay(rec: StatementFacts): void {
    const dOrder = this.order - rec.firstOrder;
    const dId = this.nextId - rec.firstId;
    if (dOrder !== 0 || dId !== 0) {
      for (const c of rec.calls) (c.order += dOrder), (c.id += dId);
      for (const a of rec.assigns) a.order += dOrder;
      rec.firstOrder = this.order;
      rec.firstId = this.nextId;
    }
    this.order += rec.orders;
    this.nextId += rec.ids;
    // Its lists and its entries in the tables by node are the earlier walk's (patchFacts); kept
    // facts handed in without the earlier walk's whole-file facts go into new tables here.
    if (!this.previous) {
      for (const c of rec.calls) this.callByNode.set(c.node.id, c);
      for (const [id, scope] of rec.scopes) this.scopeByNode.set(id, scope);
    }
    for (const imp of rec.imports) this.imports.add(imp);
    for (const name of rec.declared) this.declaredAtRoot.add(name);
    for (const [fn, name] of rec.multiplied) {
      const set = this.facts.multiplied.get(fn) ?? new Set<string>();
      set.add(name);
      this.facts.multiplied.set(fn, set);
    }
    this.moduleTraining.afterTraining = rec.afterTraining;
  }

  // Links inside one statement: argument-of, callee-of, assignment values.
  link(calls: readonly CallFact[], assigns: readonly { fact: AssignFact; value: Node }[]): void {
    for (const call of calls) {
      const inner = unwrap(call.callee);
      const obj = isCallType(inner.type) ? inner : call.receiver ? unwrap(call.receiver) : undefined;
      if (obj && isCallType(obj.type)) call.calleeCall = this.callByNode.get(obj.id);
      let p = call.node.parent;
      let argNode: Node = call.node;
      for (let depth = 0; p && depth < 6; depth++) {
        if (p.type === 'argument_list' || p.type === 'arguments') {
          const owner = p.parent ? this.callByNode.get(p.parent.id) : undefined;
          if (owner) {
            call.parent = owner;
            call.parentArg = owner.args.find((a) => a.value.id === argNode.id || a.full.id === argNode.id);
          }
          break;
        }
        const pt = p.type;
        if (pt !== 'keyword_argument' && pt !== 'parenthesized_expression' && pt !== 'list' && pt !== 'tuple' && pt !== 'array' && pt !== 'pair' && pt !== 'object' && pt !== 'dictionary' && pt !== 'await_expression') break;
        if (pt === 'keyword_argument' || pt === 'parenthesized_expression' || pt === 'await_expression') argNode = p;
        p = p.parent;
      }
    }
    for (const { fact, value } of assigns) {
      const v = unwrap(value);
      const c = this.callByNode.get(v.id);
      if (c) fact.valueCall = c;
    }
  }
}

/** `list` without room to grow: an exact-size copy (an empty list has no room to begin with). */
function exact<T>(list: T[]): T[] {
  return list.length === 0 ? list : list.slice();
}

/** The lists of the facts, each the concatenation of the statements' lists of the same name. */
/**
 * The whole-file facts of a walk that took over `previous`: a keystroke changes one statement or
 * a few, so the earlier lists and tables by node are patched in place rather than made again (on
 * a large file that was most of the memory a keystroke allocated, and the collections it caused
 * were what made some keystrokes slow). The statements before and after the run that changed are
 * the same objects in the same order, so their facts already stand where they belong; the run is
 * replaced. Table entries of statements that left or were walked again go (unless a new walk of
 * the same node put its own there); those of new and walked-again statements went in as they
 * were walked.
 */
function patchFacts(facts: Facts, previous: NonNullable<WalkReuse['previous']>, out: readonly StatementFacts[]): void {
  const old = previous.statements;
  const max = Math.min(old.length, out.length);
  let head = 0;
  while (head < max && old[head] === out[head]) head++;
  let tail = 0;
  while (tail < max - head && old[old.length - 1 - tail] === out[out.length - 1 - tail]) tail++;
  const left = old.slice(head, old.length - tail);
  const came = out.slice(head, out.length - tail);
  const staying = new Set(came);
  for (const rec of left) {
    if (staying.has(rec)) continue;
    for (const c of rec.calls) if (facts.callByNode.get(c.node.id) === c) facts.callByNode.delete(c.node.id);
    for (const [id, scope] of rec.scopes) if (facts.scopeByNode.get(id) === scope) facts.scopeByNode.delete(id);
  }
  for (const name of FACT_LISTS) {
    const list: unknown[] = previous.facts[name];
    let start = 0;
    for (let i = 0; i < head; i++) start += out[i]![name].length;
    let removed = 0;
    for (const rec of left) removed += rec[name].length;
    replaceRange(list, start, removed, came.map((rec) => rec[name]));
    (facts[name] as unknown[]) = list;
  }
}

/** `list` with its elements [start, start + removed) replaced by those of `parts`, in place. */
function replaceRange<T>(list: T[], start: number, removed: number, parts: readonly (readonly T[])[]): void {
  let added = 0;
  for (const part of parts) added += part.length;
  const end = list.length;
  // Room at the end first (placeholders, overwritten below: no holes in the array).
  for (let k = removed; k < added; k++) list.push(list[0]!);
  if (added !== removed) list.copyWithin(start + added, start + removed, end);
  if (added < removed) list.length = end - removed + added;
  let k = start;
  for (const part of parts) for (const x of part) list[k++] = x;
}
