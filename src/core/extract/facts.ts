/** What the single tree walk records; the framework extractors read only these. */
import type { Node } from 'web-tree-sitter';
import type { ImportTable } from './imports';
import type { ReturnFact, Scope } from './scope';
import type { ArgNode, Dialect } from './syntax';

export interface ClassFact {
  name: string;
  node: Node;
  nameNode: Node;
  /** Canonical qualified base names where resolvable, else the base's text. */
  bases: string[];
  methods: Map<string, FnFact>;
}

export interface FnFact {
  name: string;
  node: Node;
  cls?: ClassFact;
  inference: boolean;
}

export interface CallFact {
  id: number;
  node: Node;
  callee: Node;
  /** Dotted path of the callee when it is one: ['nn','Linear'], ['self','fc1'], ['x','relu']. */
  path?: string[];
  /** Canonical qualified callee through the imports: 'torch.nn.Linear'. */
  qualified?: string;
  /** Last segment of the callee ('' when the callee is not a name). */
  name: string;
  args: ArgNode[];
  fn?: FnFact;
  cls?: ClassFact;
  inLoop: boolean;
  /** Loop variables in scope: `for layer in self.layers` → {name: 'layer', iter: <self.layers>}. */
  loopVars: { name: string; iter: Node }[];
  inference: boolean;
  /** The result is multiplied with something (`x * sigmoid(g)`). */
  multiplied: boolean;
  /** Execution order (post-order: arguments before the call). */
  order: number;
  /** The call this call is an argument of (directly, or inside a list / dict / config object argument). */
  parent?: CallFact;
  parentArg?: ArgNode;
  /** `Dense(8)(x)`, `tf.layers.dense(...).apply(x)`: the call producing the callee / receiver. */
  calleeCall?: CallFact;
  /** Method calls: the receiver expression (`x` in x.relu(), `model` in model.compile()). */
  receiver?: Node;
  /** The innermost lexical scope of the call. */
  scope: Scope;
}

export interface AssignFact {
  /** Dotted text of each target: 'x', 'self.fc1'; tuple targets are listed separately. */
  targets: string[];
  /**
   * Per target, where it sits in an unpacking pattern: the position in a tuple / array pattern
   * (`ds, model, opt = load()`) or the property key of an object pattern (`const {model} = build()`);
   * undefined for a plain target. Present only when some target is unpacked.
   */
  keys?: (number | string | undefined)[];
  value: Node;
  valueCall?: CallFact;
  fn?: FnFact;
  cls?: ClassFact;
  order: number;
  inLoop: boolean;
  /** The innermost lexical scope of the assignment (where the targets are looked up / declared). */
  scope: Scope;
}

/** A dotted name used as a value (not called): `nn.GELU`, `F.gelu`, `ACT2FN`, `act_layer`. */
export interface RefFact {
  node: Node;
  path: string[];
  scope: Scope;
}

export interface Facts {
  dialect: Dialect;
  imports: ImportTable;
  calls: CallFact[];
  callByNode: Map<number, CallFact>;
  assigns: AssignFact[];
  classes: ClassFact[];
  comments: Node[];
  /** Per function (undefined = module level): names that are multiplied with another tensor. */
  multiplied: Map<FnFact | undefined, Set<string>>;
  /** The module scope; `scopeByNode` maps each scope-opening node id to its scope. */
  rootScope: Scope;
  scopeByNode: Map<number, Scope>;
  /** Function scopes in source order. */
  functionScopes: Scope[];
  returns: ReturnFact[];
  /**
   * Dotted names in value position (not a callee, not an assignment target, not a parameter
   * name) whose root is an import or a conventional alias (`nn`, `F`, `tf`), or that are
   * `self.x` / plain identifiers passed as arguments or assigned: the mentions the value resolver
   * (src/core/resolve) may turn into activation sites.
   */
  refs: RefFact[];
}

/** The lists of the facts one top-level statement adds (walk.ts StatementFacts has them too). */
export const FACT_LISTS = ['calls', 'assigns', 'classes', 'comments', 'refs', 'functionScopes', 'returns'] as const;
export type FactLists = Pick<Facts, (typeof FACT_LISTS)[number]>;

/** Appends one statement's lists to the facts (building the whole-file lists, or a partial analysis' facts). */
export function appendFactLists(to: FactLists, from: FactLists): void {
  for (const name of FACT_LISTS) {
    const list = to[name] as unknown[];
    for (const x of from[name]) list.push(x);
  }
}
