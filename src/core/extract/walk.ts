/**
 * The one walk over the syntax tree: records calls (in execution order), assignments, classes,
 * functions, imports and comments with their context (function, class, loop, inference).
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { AssignFact, CallFact, ClassFact, Facts, FnFact, RefFact } from './facts';
import { ImportTable, jsImports, pythonImports } from './imports';
import { declareFrom, functionScope, scopeOpenedBy, type Scope } from './scope';
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
    const op = p.childForFieldName('operator')?.text ?? p.child(1)?.text;
    return op === '*';
  }
  return false;
}

/** Names multiplied with something: `x * gate`, `gate * x`, `x *= gate`, `x.mul(gate)`. */
function multipliedNames(node: Node): string[] {
  const t = node.type;
  const op = node.childForFieldName('operator')?.text ?? node.child(1)?.text;
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

const REF_CONTAINERS = new Set(['argument_list', 'arguments', 'keyword_argument', 'pair', 'dictionary', 'object', 'list', 'tuple', 'array', 'default_parameter', 'typed_default_parameter', 'assignment_pattern', 'conditional_expression', 'ternary_expression', 'boolean_operator', 'binary_expression', 'parenthesized_expression', 'subscript', 'subscript_expression', 'return_statement', 'expression_statement', 'assignment', 'variable_declarator', 'optional_parameter', 'required_parameter', 'pair_pattern', 'expression_list', 'spread_element']);

const FIELDS = ['function', 'constructor', 'name', 'left', 'key', 'alias', 'pattern', 'parameter', 'type'];

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
  // Inner part of a longer dotted name, the callee of a call, or a name being defined / assigned.
  if ((pt === 'attribute' || pt === 'member_expression') && parent.childForFieldName('object')?.id === node.id) return undefined;
  if ((pt === 'attribute' && parent.childForFieldName('attribute')?.id === node.id) || (pt === 'member_expression' && parent.childForFieldName('property')?.id === node.id)) return undefined;
  const field = fieldOf(node, parent);
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

export function walk(tree: Tree, dialect: Dialect, shouldStop: () => boolean): Facts {
  const imports = new ImportTable(dialect);
  const rootScope: Scope = { kind: 'module', node: tree.rootNode, declared: new Set() };
  const facts: Facts = { dialect, imports, calls: [], callByNode: new Map(), assigns: [], classes: [], comments: [], multiplied: new Map(), rootScope, scopeByNode: new Map([[tree.rootNode.id, rootScope]]), functionScopes: [], returns: [], refs: [] };
  let order = 0;
  let ticks = 0;
  let nextId = 0;
  const pendingAssigns: { fact: AssignFact; value: Node }[] = [];

  const valueRef = (node: Node, lex: Scope): RefFact | undefined => valueRefOf(node, imports, lex);

  const visitChildren = (node: Node, ctx: Ctx): void => {
    for (const c of node.children) visit(c, ctx);
  };

  // Subtrees nested deeper than MAX_DEPTH (thousands of nested parentheses, say) are skipped: the
  // recursion would overflow the stack, and no model definition nests that deep.
  let depth = 0;
  const visit = (node: Node, ctx: Ctx): void => {
    if (depth >= MAX_DEPTH) return;
    depth++;
    try {
      visitNode(node, ctx);
    } finally {
      depth--;
    }
  };

  const visitNode = (node: Node, ctx: Ctx): void => {
    if ((++ticks & 1023) === 0 && shouldStop()) throw new Stop();
    const t = node.type;
    if (t === 'attribute' || t === 'member_expression' || t === 'identifier') {
      const ref = valueRef(node, ctx.lex);
      if (ref) facts.refs.push(ref);
      if (t === 'identifier') return;
    }
    const opened = scopeOpenedBy(node, dialect, ctx.lex, ctx.cls, ctx.lex.kind === 'class');
    if (opened) {
      facts.scopeByNode.set(node.id, opened);
      if (opened.kind === 'function') {
        facts.functionScopes.push(opened);
        const body = t === 'arrow_function' ? node.childForFieldName('body') : null;
        if (body && body.type !== 'statement_block') facts.returns.push({ scope: opened, fn: opened, value: body });
      }
      ctx = { ...ctx, lex: opened };
    }
    declareFrom(node, dialect, ctx.lex);
    if (t === 'return_statement') {
      const v = node.namedChildren.find((c) => c.type !== 'comment');
      if (v) facts.returns.push({ scope: ctx.lex, fn: functionScope(ctx.lex), value: v });
    }
    if (t === 'binary_operator' || t === 'binary_expression' || t === 'augmented_assignment') {
      const names = multipliedNames(node);
      if (names.length > 0) {
        const set = facts.multiplied.get(ctx.fn) ?? new Set<string>();
        for (const n of names) set.add(n);
        facts.multiplied.set(ctx.fn, set);
      }
    }
    switch (t) {
      case 'comment':
        facts.comments.push(node);
        return;
      case 'import_statement':
      case 'import_from_statement':
        for (const imp of dialect === 'py' ? pythonImports(node) : jsImports(node)) imports.add(imp);
        return;
      case 'class_definition':
      case 'class_declaration':
      case 'class': {
        const nameNode = node.childForFieldName('name');
        const bases: string[] = [];
        const sup = dialect === 'py' ? node.childForFieldName('superclasses') : node.namedChildren.find((c) => c.type === 'class_heritage');
        for (const b of sup?.namedChildren ?? []) {
          const base = b.type === 'extends_clause' ? b.namedChild(0) : b;
          if (!base || base.type === 'keyword_argument') continue;
          bases.push(imports.qualifyNode(base) ?? base.text);
        }
        const cls: ClassFact = { name: nameNode?.text ?? '', node, nameNode: nameNode ?? node, bases, methods: new Map() };
        facts.classes.push(cls);
        const body = node.childForFieldName('body');
        if (body) visit(body, { ...ctx, cls, fn: undefined, inLoop: false, loopVars: [] });
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
        if (params) visit(params, { ...ctx, lex: opened?.parent ?? ctx.lex });
        const body = node.childForFieldName('body');
        if (body) visit(body, { ...ctx, fn, inLoop: false, loopVars: [], inference: fn.inference, scope: { afterTraining: false } });
        return;
      }
      case 'for_statement':
      case 'for_in_statement': {
        const left = node.childForFieldName('left');
        const right = node.childForFieldName('right');
        if (right) visit(right, ctx);
        const loopVars = [...ctx.loopVars];
        const lp = left ? dottedPath(left) : undefined;
        if (lp && right) loopVars.push({ name: lp.join('.'), iter: right });
        const inner: Ctx = { ...ctx, inLoop: true, loopVars };
        for (const c of node.children) if (c !== left && c !== right) visit(c, inner);
        return;
      }
      case 'while_statement':
      case 'list_comprehension':
      case 'generator_expression':
        visitChildren(node, { ...ctx, inLoop: true });
        return;
      case 'with_statement': {
        const clause = node.namedChildren.find((c) => c.type === 'with_clause');
        let inference = ctx.inference;
        for (const item of clause?.namedChildren ?? []) {
          const v = item.childForFieldName('value');
          const call = v ? unwrap(v.type === 'as_pattern' ? (v.namedChild(0) ?? v) : v) : undefined;
          if (call && isCallType(call.type) && NO_GRAD.test(imports.qualifyNode(call.childForFieldName('function')) ?? '')) inference = true;
        }
        visitChildren(node, { ...ctx, inference });
        return;
      }
      case 'assignment':
      case 'augmented_assignment':
      case 'assignment_expression':
      case 'variable_declarator': {
        if (t === 'variable_declarator') for (const imp of jsImports(node)) imports.add(imp);
        const left = node.childForFieldName(t === 'variable_declarator' ? 'name' : 'left');
        const right = node.childForFieldName(t === 'variable_declarator' ? 'value' : 'right');
        visitChildren(node, ctx);
        if (left && right) {
          const unpacked = unpackedTargets(left);
          const fact: AssignFact = { targets: unpacked && unpacked.keys.length > 0 && unwrap(left).type === 'object_pattern' ? unpacked.targets : targetsOf(left), value: right, fn: ctx.fn, cls: ctx.cls, order: order++, inLoop: ctx.inLoop, scope: ctx.lex };
          if (unpacked && fact.targets.length === unpacked.targets.length && fact.targets.every((t, i) => t === unpacked.targets[i])) fact.keys = unpacked.keys;
          facts.assigns.push(fact);
          pendingAssigns.push({ fact, value: right });
        }
        return;
      }
      default:
        break;
    }
    if (isCallType(t)) {
      const callee = node.childForFieldName(t === 'new_expression' ? 'constructor' : 'function');
      visitChildren(node, ctx);
      if (!callee) return;
      const path = dottedPath(callee);
      const inner = unwrap(callee);
      let receiver: Node | undefined;
      if (inner.type === 'attribute' || inner.type === 'member_expression') receiver = inner.childForFieldName('object') ?? undefined;
      const name = path ? path[path.length - 1]! : (inner.childForFieldName(inner.type === 'attribute' ? 'attribute' : 'property')?.text ?? '');
      const fact: CallFact = {
        id: nextId++,
        node,
        callee,
        name,
        args: callArgs(node, dialect),
        fn: ctx.fn,
        cls: ctx.cls,
        inLoop: ctx.inLoop,
        loopVars: ctx.loopVars,
        inference: ctx.inference || ctx.scope.afterTraining,
        multiplied: multipliedContext(node),
        order: order++,
        scope: ctx.lex,
      };
      if (path) fact.path = path;
      const q = imports.qualify(path);
      if (q) fact.qualified = q;
      if (receiver) fact.receiver = receiver;
      facts.calls.push(fact);
      facts.callByNode.set(node.id, fact);
      if ((name === 'eval' && fact.args.length === 0 && receiver) || name === 'fit') ctx.scope.afterTraining = true;
      if ((name === 'mul' || name === 'mul_' || name === 'multiply') && receiver) {
        const set = facts.multiplied.get(ctx.fn) ?? new Set<string>();
        for (const a of fact.args) {
          const p = dottedPath(a.value);
          if (p) set.add(p.join('.'));
        }
        const rp = dottedPath(receiver);
        if (rp) set.add(rp.join('.'));
        facts.multiplied.set(ctx.fn, set);
      }
      return;
    }
    visitChildren(node, ctx);
  };

  visit(tree.rootNode, { inLoop: false, loopVars: [], inference: false, scope: { afterTraining: false }, lex: rootScope });

  // Links that need every fact: argument-of, callee-of, assignment values.
  for (const call of facts.calls) {
    const inner = unwrap(call.callee);
    const obj = isCallType(inner.type) ? inner : call.receiver ? unwrap(call.receiver) : undefined;
    if (obj && isCallType(obj.type)) call.calleeCall = facts.callByNode.get(obj.id);
    let p = call.node.parent;
    let argNode: Node = call.node;
    for (let depth = 0; p && depth < 6; depth++) {
      if (p.type === 'argument_list' || p.type === 'arguments') {
        const owner = p.parent ? facts.callByNode.get(p.parent.id) : undefined;
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
  for (const { fact, value } of pendingAssigns) {
    const v = unwrap(value);
    const c = facts.callByNode.get(v.id);
    if (c) fact.valueCall = c;
  }
  return facts;
}
