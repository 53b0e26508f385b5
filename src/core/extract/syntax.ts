/**
 * Small helpers over tree-sitter nodes that hide the Python / JavaScript grammar differences.
 */
import type { Node } from 'web-tree-sitter';
import type { Arg, Literal } from '../ir';
import type { SourceDoc } from '../parse/source';
import type { Range } from '../types';

export type Dialect = 'py' | 'js';

/** An argument before conversion to the IR: its nodes. */
export interface ArgNode {
  name?: string;
  index?: number;
  value: Node;
  nameNode?: Node;
  full: Node;
}

/**
 * Ranges already computed, per document and node: the extractors ask for the range of the same
 * node many times (a layer, its ref, its arguments, the sites that read it). Ranges are never
 * mutated, so one object serves every asker. An entry holds the offsets it was computed from: a
 * kept statement moved into the text later in the same analysis (incremental.ts settle) gets new ones.
 */
interface DocMemo {
  ranges: Map<number, { start: number; end: number; range: Range }>;
  /** The IR argument of each argument node (toArg), with the offsets of the whole argument. */
  args: Map<ArgNode, { start: number; end: number; arg: Arg }>;
}

const docMemo = new WeakMap<SourceDoc, DocMemo>();

/**
 * Drops a document's memo once its extraction is done. The memo holds syntax nodes (the args map),
 * and so the whole mirrored tree: kept with the document, every parse the analyzer retains for
 * incremental parsing (parse.ts, up to 32) held ~6 MB of JS heap at 5,000 lines.
 */
export function releaseDoc(doc: SourceDoc): void {
  docMemo.delete(doc);
}

function memoOf(doc: SourceDoc): DocMemo {
  let memo = docMemo.get(doc);
  if (!memo) docMemo.set(doc, (memo = { ranges: new Map(), args: new Map() }));
  return memo;
}

export function rangeOf(doc: SourceDoc, node: Node): Range {
  const ranges = memoOf(doc).ranges;
  const start = node.startIndex;
  const end = node.endIndex;
  const e = ranges.get(node.id);
  if (e && e.start === start && e.end === end) return e.range;
  const range = doc.range(start, end);
  ranges.set(node.id, { start, end, range });
  return range;
}

/** Skip parentheses / `await` / TS `as` and non-null wrappers. */
export function unwrap(node: Node): Node {
  let n = node;
  for (let i = 0; i < 16; i++) {
    const t = n.type;
    if (t === 'parenthesized_expression' || t === 'await_expression' || t === 'as_expression' || t === 'non_null_expression' || t === 'satisfies_expression') {
      const inner = n.namedChild(0);
      if (!inner) return n;
      n = inner;
    } else return n;
  }
  return n;
}

/** `a.b.c` → ['a','b','c']; undefined when the expression is not a plain dotted name. */
export function dottedPath(node: Node | null): string[] | undefined {
  if (!node) return undefined;
  // Down the object chain once to check it is a dotted name (no array, no text on a miss: most
  // callees and values asked about are not), then again to read the names right to left.
  let length = 1;
  for (let n = unwrap(node); ; length++) {
    const t = n.type;
    if (t === 'identifier' || t === 'property_identifier' || t === 'this' || t === 'shorthand_property_identifier') break;
    if (t !== 'attribute' && t !== 'member_expression') return undefined;
    const obj = n.childForFieldName('object');
    if (!obj || !n.childForFieldName(t === 'attribute' ? 'attribute' : 'property')) return undefined;
    n = unwrap(obj);
  }
  const path = new Array<string>(length);
  let n = unwrap(node);
  for (let i = length - 1; i > 0; i--) {
    path[i] = n.childForFieldName(n.type === 'attribute' ? 'attribute' : 'property')!.text;
    n = unwrap(n.childForFieldName('object')!);
  }
  path[0] = n.text;
  return path;
}

/** The string value of a string literal node (no interpolation), else undefined. */
export function stringValue(node: Node): string | undefined {
  const n = unwrap(node);
  if (n.type !== 'string') return undefined;
  if (n.namedChildren.some((c) => c.type === 'interpolation' || c.type === 'template_substitution')) return undefined;
  const raw = n.text;
  const m = /^([rRbBuUfF]*)('''|"""|'|"|`)([\s\S]*)\2$/.exec(raw);
  if (!m) return undefined;
  return m[3]!.replace(/\\(.)/g, '$1');
}

/** The value of a number literal's text (Python `1_000`, `2j`, JS `10n`): NaN when it is none. */
export function numberOfText(text: string): number {
  return Number(text.replace(/_/g, '').replace(/[jJlLn]$/, ''));
}

/** Node types of a number literal (a leaf). */
export const NUMBER_TYPES: ReadonlySet<string> = new Set(['integer', 'float', 'number']);

/**
 * The text of a number literal that goes into the IR as it is and is consulted nowhere during the
 * extraction (an argument's value and text, a layer's width): read without flagging the node as
 * read, flagged as captured instead. Typing into such a number is then cut off with the IR patched
 * (extract/cutoff.ts: the patched values are those and only those), and the rules run again. Any
 * other reader of the same node flags it read as usual, and then the edit is analyzed again.
 * Undefined when the node is not a plain number literal (then read it as usual).
 */
function capturedNumberText(node: Node): string | undefined {
  if (!NUMBER_TYPES.has(node.type) || node.childCount !== 0) return undefined;
  const m = node as unknown as { captured?: boolean; peekText?: () => string };
  if (!m.peekText) return undefined;
  m.captured = true;
  return m.peekText();
}

/** A number argument's value as `literalValue` gives it (captured when it is a plain number, see capturedNumberText), else undefined. */
export function capturedNumber(node: Node): number | undefined {
  const text = capturedNumberText(node);
  const lit = text === undefined ? literalValue(node) : numberLiteral(text);
  return lit.ok && typeof lit.value === 'number' ? lit.value : undefined;
}

function numberLiteral(text: string): { ok: boolean; value?: Literal } {
  const v = numberOfText(text);
  return Number.isNaN(v) ? { ok: false } : { ok: true, value: v };
}

/** A literal value (numbers, strings, booleans, None/null/undefined, negative numbers). */
export function literalValue(node: Node): { ok: boolean; value?: Literal } {
  const n = unwrap(node);
  switch (n.type) {
    case 'integer':
    case 'float':
    case 'number':
      return numberLiteral(n.text);
    case 'string':
    case 'template_string': {
      const s = stringValue(n);
      return s === undefined ? { ok: false } : { ok: true, value: s };
    }
    case 'true':
      return { ok: true, value: true };
    case 'false':
      return { ok: true, value: false };
    case 'none':
    case 'null':
    case 'undefined':
      return { ok: true, value: null };
    case 'unary_operator':
    case 'unary_expression': {
      const arg = n.childForFieldName('argument') ?? n.namedChild(0);
      const op = n.child(0)?.text;
      if (!arg) return { ok: false };
      const inner = literalValue(arg);
      if (inner.ok && typeof inner.value === 'number') {
        if (op === '-') return { ok: true, value: -inner.value };
        if (op === '+') return inner;
      }
      return { ok: false };
    }
    default:
      return { ok: false };
  }
}

/** The argument nodes of a call. JS: a single object literal argument is read as keyword arguments. */
export function callArgs(call: Node, dialect: Dialect): ArgNode[] {
  const list = call.childForFieldName('arguments');
  if (!list) return [];
  const out: ArgNode[] = [];
  let index = 0;
  for (const child of list.namedChildren) {
    if (child.type === 'comment') continue;
    if (dialect === 'py' && child.type === 'keyword_argument') {
      const name = child.childForFieldName('name');
      const value = child.childForFieldName('value');
      if (name && value) out.push({ name: name.text, value, nameNode: name, full: child });
    } else if (dialect === 'py' && (child.type === 'list_splat' || child.type === 'dictionary_splat')) {
      continue;
    } else {
      out.push({ index: index++, value: child, full: child });
    }
  }
  // An exact-size copy: the walk keeps every call's arguments, and an array grown by push from
  // empty keeps room for 17.
  return out.length === 0 ? out : out.slice();
}

/** Properties of a JS object literal as keyword arguments. */
export function objectProps(obj: Node): ArgNode[] {
  const out: ArgNode[] = [];
  for (const child of obj.namedChildren) {
    if (child.type === 'pair') {
      const key = child.childForFieldName('key');
      const value = child.childForFieldName('value');
      if (!key || !value) continue;
      const name = key.type === 'string' ? (stringValue(key) ?? key.text) : key.text;
      out.push({ name, value, nameNode: key, full: child });
    } else if (child.type === 'shorthand_property_identifier') {
      out.push({ name: child.text, value: child, nameNode: child, full: child });
    }
  }
  return out;
}

/** Keyword-style view of a call's arguments: Python kwargs, or the JS config object's properties. */
/**
 * A call fact's arguments as `configArgs` reads them: in Python the fact's own (which include the
 * keywords a module-level `partial` alias gives, walk.ts), in JS the config object's properties.
 */
export function factArgs(call: { node: Node; args: ArgNode[] }, dialect: Dialect): ArgNode[] {
  return dialect === 'py' ? call.args : configArgs(call.node, dialect);
}

/** configArgs per call node and dialect (a node's children never change; the lists are only read). */
const configMemo = { py: new WeakMap<Node, ArgNode[]>(), js: new WeakMap<Node, ArgNode[]>() };

export function configArgs(call: Node, dialect: Dialect): ArgNode[] {
  const memo = configMemo[dialect];
  let args = memo.get(call);
  if (!args) memo.set(call, (args = configArgsOf(call, dialect)));
  return args;
}

function configArgsOf(call: Node, dialect: Dialect): ArgNode[] {
  const args = callArgs(call, dialect);
  if (dialect === 'js') {
    const obj = args.find((a) => unwrap(a.value).type === 'object');
    if (obj) return [...args.filter((a) => a !== obj), ...objectProps(unwrap(obj.value))];
  }
  return args;
}

/** The IR form of an argument (one object per argument node and document: never mutated). */
export function toArg(doc: SourceDoc, a: ArgNode): Arg {
  const args = memoOf(doc).args;
  // The argument's nodes sit in one statement and move together: the whole argument's offsets say whether it moved.
  const start = a.full.startIndex;
  const end = a.full.endIndex;
  const e = args.get(a);
  if (e && e.start === start && e.end === end) return e.arg;
  const arg = argOf(doc, a);
  args.set(a, { start, end, arg });
  return arg;
}

function argOf(doc: SourceDoc, a: ArgNode): Arg {
  // A plain number is captured, not read: its value and text are only stored (capturedNumberText).
  const captured = capturedNumberText(a.value);
  const lit = captured === undefined ? literalValue(a.value) : numberLiteral(captured);
  // The nodes of one argument are its own (toArg is memoized per argument): their ranges are made
  // here, not looked up in the document's range memo (a map insertion per node, most never asked again).
  const range = doc.range(a.value.startIndex, a.value.endIndex);
  const arg: Arg = {
    isLiteral: lit.ok,
    text: captured ?? a.value.text,
    range,
    fullRange: a.full === a.value ? range : doc.range(a.full.startIndex, a.full.endIndex),
  };
  if (a.name !== undefined) arg.name = a.name;
  if (a.index !== undefined) arg.index = a.index;
  if (lit.ok) arg.value = lit.value ?? null;
  if (a.nameNode) arg.nameRange = a.nameNode === a.full ? arg.fullRange : doc.range(a.nameNode.startIndex, a.nameNode.endIndex);
  return arg;
}

export function findArg(args: readonly ArgNode[], name: string, index?: number): ArgNode | undefined {
  return args.find((a) => a.name === name) ?? (index === undefined ? undefined : args.find((a) => a.index === index));
}

/** Elements of a list / tuple / array literal, else undefined. */
export function listElements(node: Node): Node[] | undefined {
  const n = unwrap(node);
  if (n.type === 'list' || n.type === 'tuple' || n.type === 'array') return n.namedChildren.filter((c) => c.type !== 'comment');
  return undefined;
}

export function isCall(node: Node): boolean {
  const t = unwrap(node).type;
  return t === 'call' || t === 'call_expression' || t === 'new_expression';
}
