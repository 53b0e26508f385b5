/**
 * Lexical scopes, recorded by the walk: which function / block / class declares a name, so that
 * `model` in two functions is two variables. Python: a name assigned anywhere in a function is
 * local to it (unless declared `global` / `nonlocal`); class bodies are not seen from their
 * methods. JavaScript: `const` / `let` belong to the nearest block, `var` and parameters to the
 * nearest function.
 */
import type { Node } from 'web-tree-sitter';
import type { ClassFact } from './facts';
import type { Dialect } from './syntax';
import { dottedPath, unwrap } from './syntax';

export interface Scope {
  kind: 'module' | 'function' | 'block' | 'class';
  parent?: Scope;
  node: Node;
  /** Names declared here: assignments (Python), const/let/var (JS), parameters, function and class names. */
  declared: Set<string>;
  /** Function scopes: parameter names in order ('' for a destructuring pattern). */
  params?: string[];
  /** Function scopes: the function's name (`def train`, `function train`, `const train = () => …`). */
  fnName?: string;
  /** A Python method: its first parameter is the receiver (self / cls). */
  method?: boolean;
  /** The class whose method this scope is in (for `self.x` / `this.x` names). */
  cls?: ClassFact;
  /** Python `global` / `nonlocal` names: assignments to them do not declare a local. */
  nonLocal?: Set<string>;
}

/** A `return value` (or an arrow function's expression body) of a function scope. */
export interface ReturnFact {
  /** The innermost scope of the return statement (where its value's names are looked up). */
  scope: Scope;
  /** The function it returns from. */
  fn: Scope;
  value: Node;
}

const JS_FUNCTIONS = new Set(['function_declaration', 'function_expression', 'function', 'arrow_function', 'method_definition', 'generator_function', 'generator_function_declaration']);

export function isFunctionNode(t: string): boolean {
  return t === 'function_definition' || JS_FUNCTIONS.has(t);
}

/** The nearest function (or module) scope. */
export function functionScope(s: Scope): Scope {
  let cur: Scope | undefined = s;
  while (cur && cur.kind !== 'function' && cur.kind !== 'module') cur = cur.parent;
  return cur ?? s;
}

export function declare(scope: Scope, name: string): void {
  if (scope.nonLocal?.has(name)) return;
  scope.declared.add(name);
}

/** Identifiers bound by a pattern / target: `a`, `(a, b)`, `[a, b]`, `{a, b: c}`, `a = 1`, `...rest`. */
export function patternNames(node: Node | null): string[] {
  if (!node) return [];
  const n = unwrap(node);
  switch (n.type) {
    case 'identifier':
    case 'shorthand_property_identifier_pattern':
      return [n.text];
    case 'pattern_list':
    case 'tuple_pattern':
    case 'tuple':
    case 'list_pattern':
    case 'list':
    case 'array_pattern':
    case 'object_pattern':
    case 'rest_pattern':
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern':
      return n.namedChildren.flatMap((c) => patternNames(c));
    case 'pair_pattern':
      return patternNames(n.childForFieldName('value'));
    case 'assignment_pattern':
    case 'object_assignment_pattern':
      return patternNames(n.childForFieldName('left'));
    case 'typed_parameter':
      return patternNames(n.namedChild(0));
    case 'default_parameter':
    case 'typed_default_parameter':
      return patternNames(n.childForFieldName('name'));
    case 'required_parameter':
    case 'optional_parameter':
      return patternNames(n.childForFieldName('pattern'));
    default:
      return [];
  }
}

function parameterList(node: Node, dialect: Dialect): string[] {
  const params = node.childForFieldName('parameters') ?? (dialect === 'js' ? node.childForFieldName('parameter') : null);
  if (!params) return [];
  if (params.type === 'identifier') return [params.text];
  const out: string[] = [];
  for (const p of params.namedChildren) {
    if (p.type === 'comment' || p.type === 'keyword_separator' || p.type === 'positional_separator') continue;
    const u = unwrap(p);
    const inner = u.type === 'identifier' ? u : u.type === 'typed_parameter' ? u.namedChild(0) : (u.childForFieldName('name') ?? u.childForFieldName('pattern') ?? u.childForFieldName('left'));
    out.push(inner?.type === 'identifier' ? inner.text : '');
  }
  return out;
}

/** The name a function expression is given by where it stands: `const f = () => …`, `obj.f = function …`, `{f: () => …}`. */
function expressionName(node: Node): string | undefined {
  const own = node.childForFieldName('name');
  if (own) return own.text;
  const p = node.parent;
  if (!p) return undefined;
  if (p.type === 'variable_declarator') return p.childForFieldName('name')?.type === 'identifier' ? p.childForFieldName('name')!.text : undefined;
  if (p.type === 'assignment_expression' || p.type === 'pair' || p.type === 'public_field_definition' || p.type === 'field_definition') {
    const key = p.childForFieldName('left') ?? p.childForFieldName('key') ?? p.childForFieldName('name') ?? p.childForFieldName('property');
    const path = key ? dottedPath(key) : undefined;
    return path ? path[path.length - 1] : undefined;
  }
  return undefined;
}

/**
 * The scope a node opens, if any (declaring the function / class name in the enclosing scope).
 * `inClassBody`: the node stands directly in a class body (Python methods take `self` first).
 */
export function scopeOpenedBy(node: Node, dialect: Dialect, parent: Scope, cls: ClassFact | undefined, inClassBody: boolean): Scope | undefined {
  const t = node.type;
  if (t === 'class_definition' || t === 'class_declaration' || t === 'class') {
    const name = node.childForFieldName('name');
    if (name && t !== 'class') declare(parent, name.text);
    return { kind: 'class', parent, node, declared: new Set() };
  }
  if (isFunctionNode(t)) {
    const name = dialect === 'py' ? node.childForFieldName('name')?.text : expressionName(node);
    if (name && (t === 'function_definition' || t === 'function_declaration' || t === 'generator_function_declaration')) declare(parent, name);
    const params = parameterList(node, dialect);
    const s: Scope = { kind: 'function', parent, node, declared: new Set(params.filter((p) => p !== '')), params };
    if (dialect === 'js') for (const p of node.childForFieldName('parameters')?.namedChildren ?? []) for (const n of patternNames(p)) s.declared.add(n);
    if (name) s.fnName = name;
    if (dialect === 'py' && inClassBody) s.method = true;
    if (cls) s.cls = cls;
    return s;
  }
  if (dialect === 'js') {
    if (t === 'statement_block' && node.parent && isFunctionNode(node.parent.type)) return undefined;
    if (t === 'statement_block' || t === 'for_statement' || t === 'for_in_statement' || t === 'switch_body') {
      const s: Scope = { kind: 'block', parent, node, declared: new Set() };
      if (cls) s.cls = cls;
      return s;
    }
  }
  return undefined;
}

/** Record the names a declaration / assignment / loop header binds, in the scope they belong to. */
export function declareFrom(node: Node, dialect: Dialect, scope: Scope): void {
  const t = node.type;
  if (dialect === 'py') {
    if (t === 'assignment' || t === 'augmented_assignment' || t === 'for_statement' || t === 'named_expression') {
      const left = node.childForFieldName(t === 'named_expression' ? 'name' : 'left');
      for (const n of patternNames(left)) declare(scope, n);
    } else if (t === 'global_statement' || t === 'nonlocal_statement') {
      scope.nonLocal ??= new Set();
      for (const c of node.namedChildren) if (c.type === 'identifier') scope.nonLocal.add(c.text);
    }
    return;
  }
  if (t === 'variable_declarator') {
    const decl = node.parent;
    const target = decl?.type === 'variable_declaration' ? functionScope(scope) : scope;
    for (const n of patternNames(node.childForFieldName('name'))) declare(target, n);
  } else if (t === 'for_in_statement') {
    const kind = node.childForFieldName('kind')?.text;
    if (kind) for (const n of patternNames(node.childForFieldName('left'))) declare(kind === 'var' ? functionScope(scope) : scope, n);
  }
}

const ARMS = new Set(['else_clause', 'elif_clause', 'switch_case', 'switch_default', 'case_clause']);

/** The innermost if / elif / else / switch-case arm a node sits in (its node id; -1 outside any). */
export function branchArm(node: Node): number {
  return branchArmNode(node)?.id ?? -1;
}

/** The innermost if / elif / else / switch-case arm a node sits in, inside its function. */
export function branchArmNode(node: Node): Node | undefined {
  let prev = node;
  for (let p = node.parent; p; prev = p, p = p.parent) {
    if (ARMS.has(p.type)) return p;
    if (p.type === 'if_statement') return prev;
    if (isFunctionNode(p.type) || p.type === 'class_definition' || p.type === 'class_declaration') return undefined;
  }
  return undefined;
}

/** The scope that declares `name` as seen from `from` (class bodies are skipped from inner scopes). */
export function declaringScope(from: Scope, name: string): Scope | undefined {
  for (let s: Scope | undefined = from; s; s = s.parent) {
    if (s.kind === 'class' && s !== from) continue;
    if (s.declared.has(name)) return s;
  }
  return undefined;
}

/**
 * `a` and `b` sit in different arms of one if / elif / else statement (Python or JS), so at most
 * one of them runs: a value assigned in one arm never reaches the other (`if reparam: x =
 * self.conv(x) else: x = self.branch(x)` — the two convolutions are alternatives, not a sequence).
 */
export function exclusiveArms(a: Node, b: Node): boolean {
  // The common ancestor must be an if statement on `a`'s side of its function: most nodes have none.
  let anyIf = false;
  for (let p = a.parent; p; p = p.parent) {
    if (p.type === 'if_statement') {
      anyIf = true;
      break;
    }
    if (isFunctionNode(p.type)) break;
  }
  if (!anyIf) return false;
  const childOnPath = new Map<number, number>(); // ancestor of `a` → the id of its child towards `a`
  let prev = a;
  for (let p = a.parent; p; prev = p, p = p.parent) {
    childOnPath.set(p.id, prev.id);
    if (isFunctionNode(p.type)) break;
  }
  prev = b;
  for (let p = b.parent; p; prev = p, p = p.parent) {
    const towardsA = childOnPath.get(p.id);
    if (towardsA === undefined) {
      if (isFunctionNode(p.type)) return false;
      continue;
    }
    // p is the nearest common ancestor.
    if (p.type !== 'if_statement' || towardsA === prev.id) return false;
    const condition = p.childForFieldName('condition')?.id;
    return towardsA !== condition && prev.id !== condition;
  }
  return false;
}
