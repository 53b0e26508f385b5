/**
 * A plain-JavaScript copy of a tree-sitter tree, made in one cursor pass, for the extractors.
 *
 * Why: every property of a web-tree-sitter `Node` (type, children, childForFieldName, parent …) is a
 * call into wasm that allocates fresh Node objects; the extraction asks for hundreds of thousands of
 * them on a large file and spent 4–6× the parse time doing so. The copy asks wasm once per node
 * (type, field, start, end) and answers everything else from JavaScript objects.
 *
 * `MirrorNode` implements the part of the `Node` API the extractors use; `mirrorRoot` returns it
 * typed as `Node` so the extractors stay unchanged. Node identity holds: the same syntax node is
 * always the same object, and `id` is unique within one mirrored tree.
 */
import type { Language, Node, Tree } from 'web-tree-sitter';
import { withRawCursor, type RawRuntime } from './rawcursor';

/** The children of every leaf of a raw-mirrored tree: one shared empty array (most nodes are leaves). */
const NO_CHILDREN: MirrorNode[] = [];

/**
 * Ids are unique across every mirror made in this process, not only within one tree: a subtree
 * kept from an earlier mirror (src/core/extract/incremental.ts) keeps its ids inside a new one.
 */
let nextId = 0;

/**
 * Subtrees to take over instead of copying: the mirror of top-level child `index` of the new tree
 * when an earlier mirror holds the same statement (already moved to its new offsets), else undefined.
 */
export type TopLevelReuse = (index: number) => MirrorNode | undefined;

/** Bits of MirrorNode.flags (one small integer instead of four fields: a 5,000-line file has ~40,000 nodes). */
const NAMED = 1;
const READ = 2;
const CAPTURED = 4;
/** Some child is anonymous (a token that fills a field): namedChildren is not `children` itself. */
const MIXED = 8;
/** The grammar's type id sits above the flag bits (ids are below 2^16: flags stays a small integer). */
const TYPE_SHIFT = 8;

/** namedChildren of the few nodes with an anonymous child (MIXED), made on first use. */
const namedOfMixed = new WeakMap<MirrorNode, MirrorNode[]>();

export class MirrorNode {
  // Instances are object literals made by newNode, not by a constructor (see there).
  /** Not to be mutated: leaves share one array, and the mirror pass sets each parent's at once. */
  declare children: MirrorNode[];
  declare readonly id: number;
  declare readonly type: string;
  /** The field this node fills in its parent (`function`, `arguments` …), or null. */
  declare readonly fieldName: string | null;
  /** Offsets, parent and source change only when a kept subtree moves into a new tree (moveTo). */
  declare startIndex: number;
  declare endIndex: number;
  declare parent: MirrorNode | null;
  /** NAMED | READ | CAPTURED | MIXED, and the type id (typeId). */
  private declare flags: number;
  private declare source: string;

  private constructor() {}

  get isNamed(): boolean {
    return (this.flags & NAMED) !== 0;
  }

  /** The grammar's id of `type` (0xffff for an error node): a small integer to dispatch on. */
  get typeId(): number {
    return this.flags >>> TYPE_SHIFT;
  }

  /** Set once its `text` is read (by the walk, the passes after it, the rules): extract/cutoff.ts. */
  get read(): boolean {
    return (this.flags & READ) !== 0;
  }

  set read(value: boolean) {
    this.flags = value ? this.flags | READ : this.flags & ~READ;
  }

  /**
   * Set when a number's text is taken into the IR as it is and read nowhere else (an argument's
   * value and text, a layer's width: extract/syntax.ts capturedNumber): a cut-off may then patch
   * the IR with the typed number instead of analyzing again (extract/cutoff.ts).
   */
  get captured(): boolean {
    return (this.flags & CAPTURED) !== 0;
  }

  set captured(value: boolean) {
    this.flags = value ? this.flags | CAPTURED : this.flags & ~CAPTURED;
  }

  /** Sets the children (the mirror pass, once per parent) and whether any of them is anonymous. */
  adopt(children: MirrorNode[]): void {
    this.children = children;
    for (let i = 0; i < children.length; i++) {
      if ((children[i]!.flags & NAMED) === 0) {
        this.flags |= MIXED;
        return;
      }
    }
  }

  /**
   * Moves this subtree (a top-level statement kept from an earlier mirror) into a new text: every
   * offset shifts by `delta` and `text` reads `source`; the new mirror hangs it under its root.
   */
  moveTo(source: string, delta: number): void {
    const stack: MirrorNode[] = [this];
    while (stack.length > 0) {
      const n = stack.pop()!;
      n.startIndex += delta;
      n.endIndex += delta;
      n.source = source;
      for (const c of n.children) stack.push(c);
    }
  }

  /** Moves this node alone (not its children) to [start, end) of `source` (extract/leafpatch.ts). */
  moveOne(source: string, start: number, end: number): void {
    this.startIndex = start;
    this.endIndex = end;
    this.source = source;
  }

  get text(): string {
    this.flags |= READ;
    return this.source.slice(this.startIndex, this.endIndex);
  }

  /**
   * The text, not flagged as read: for readers whose answer is made again on every analysis and
   * never carried over (the comments' `noqa`, the name index of regions.ts).
   */
  peekText(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }

  /** Not to be mutated either: it is `children` itself when every child is named (most are, see `copied`). */
  get namedChildren(): MirrorNode[] {
    if ((this.flags & MIXED) === 0) return this.children;
    let named = namedOfMixed.get(this);
    if (!named) namedOfMixed.set(this, (named = this.children.filter((c) => c.isNamed)));
    return named;
  }

  get childCount(): number {
    return this.children.length;
  }

  get namedChildCount(): number {
    return this.namedChildren.length;
  }

  child(index: number): MirrorNode | null {
    return this.children[index] ?? null;
  }

  namedChild(index: number): MirrorNode | null {
    return this.namedChildren[index] ?? null;
  }

  childForFieldName(name: string): MirrorNode | null {
    const children = this.children;
    for (let i = 0; i < children.length; i++) if (children[i]!.fieldName === name) return children[i]!;
    return null;
  }

  childrenForFieldName(name: string): MirrorNode[] {
    return this.children.filter((c) => c.fieldName === name);
  }
}

const PROTOTYPE = MirrorNode.prototype;

/**
 * A new node: an object literal with MirrorNode's prototype, not `new MirrorNode`. V8 learns per
 * object or array literal whether what it allocates lives long, and then allocates it in the old
 * generation directly (it does not for `new`); nearly every node lives as long as the analysis, and
 * copying each out of the young generation, twice, was much of the collector's work in an analysis.
 */
function newNode(id: number, type: string, typeId: number, isNamed: boolean, fieldName: string | null, startIndex: number, endIndex: number, parent: MirrorNode | null, source: string): MirrorNode {
  return { __proto__: PROTOTYPE, children: NO_CHILDREN, id, type, fieldName, startIndex, endIndex, parent, flags: (typeId << TYPE_SHIFT) | (isNamed ? NAMED : 0), source } as unknown as MirrorNode;
}

/** pending[from, from + count) as an exact-size array: literals for the usual few (see newNode). */
function childArray(pending: MirrorNode[], from: number, count: number): MirrorNode[] {
  switch (count) {
    case 1:
      return [pending[from]!];
    case 2:
      return [pending[from]!, pending[from + 1]!];
    case 3:
      return [pending[from]!, pending[from + 1]!, pending[from + 2]!];
    case 4:
      return [pending[from]!, pending[from + 1]!, pending[from + 2]!, pending[from + 3]!];
    default:
      return pending.slice(from, from + count);
  }
}

/**
 * The grammar's node type and field names as internalized strings. web-tree-sitter decodes them
 * from wasm memory, and V8 compares such strings character by character; the walk compares every
 * node's type with dozens of literals, which are internalized, so interned names compare by pointer.
 */
interface Interned {
  types: string[];
  fields: (string | null)[];
  /** Whether each type id is named, filled as ids are met (isNamedType). */
  named: (boolean | undefined)[];
}

const internedByLanguage = new WeakMap<Language, Interned>();

function internedNames(language: Language): Interned {
  let names = internedByLanguage.get(language);
  if (!names) {
    // A property key is internalized; Object.keys hands back that copy.
    const intern = (s: string): string => Object.keys({ [s]: 0 })[0]!;
    names = { types: language.types.map((t) => (t ? intern(t) : t)), fields: language.fields.map((f) => (f ? intern(f) : f)), named: [] };
    internedByLanguage.set(language, names);
  }
  return names;
}

function isNamedType(language: Language, named: (boolean | undefined)[], typeId: number): boolean {
  return (named[typeId] ??= language.nodeTypeIsNamed(typeId));
}

/**
 * Copy `tree` (parsed from `source`) into MirrorNodes; iterative, so deep nesting cannot overflow.
 * With `reuse`, top-level children it answers for are taken over (moved under the new root) and not
 * copied again.
 */
export function mirrorTree(tree: Tree, source: string, reuse?: TopLevelReuse): MirrorNode {
  return withRawCursor(tree, (raw, t) => mirrorRaw(tree, source, raw, t, reuse)) ?? mirrorPublic(tree, source, reuse);
}

/**
 * Whether a node is copied: every named node, every token that fills a field (the operator of
 * `a * b`), every child of the root (the incremental extraction counts top-level children), and an
 * anonymous node with children, if a grammar has one. Punctuation and keywords that fill no field
 * (`(`, `,`, `:`, `def`, `return` — 35–45 % of the nodes of a Python or JavaScript file) are left
 * out: nothing reads them, and copying and walking them was a third of the mirror and of the walk.
 */
function copied(isNamed: boolean, fieldId: number, atTop: boolean): boolean {
  return isNamed || fieldId !== 0 || atTop;
}

/** The same pass as mirrorPublic, through direct wasm calls (see rawcursor.ts). */
function mirrorRaw(tree: Tree, source: string, raw: RawRuntime, t: number, reuse: TopLevelReuse | undefined): MirrorNode {
  const language = tree.language;
  const { types, fields, named } = internedNames(language);
  // The children of the open nodes wait on one stack (pending[0, top)) and get an exact-size array
  // when their parent closes (growing an array per parent by push allocates several times the
  // space it keeps). The stack is never shortened: `top` says where it ends.
  const pending: MirrorNode[] = [];
  let top = 0;
  const firstPending: number[] = [];
  const rootType = raw._ts_tree_cursor_current_node_type_id_wasm(t);
  const root = newNode(nextId++, types[rootType] || 'ERROR', rootType, isNamedType(language, named, rootType), null, raw._ts_tree_cursor_start_index_wasm(t), raw._ts_tree_cursor_end_index_wasm(t), null, source);
  if (raw._ts_tree_cursor_goto_first_child_wasm(t) !== 1) return root;
  let parent = root;
  let topIndex = 0;
  firstPending.push(0);
  for (;;) {
    const atTop = parent === root;
    const kept = atTop && reuse ? reuse(topIndex) : undefined;
    if (atTop) topIndex++;
    let descend = false;
    if (kept) {
      kept.parent = root;
      pending[top++] = kept;
    } else {
      const typeId = raw._ts_tree_cursor_current_node_type_id_wasm(t);
      const isNamed = named[typeId] ?? isNamedType(language, named, typeId);
      const fieldId = raw._ts_tree_cursor_current_field_id_wasm(t);
      // An uncopied token with children (no grammar here has one) is copied after all.
      if (copied(isNamed, fieldId, atTop) || (raw._ts_tree_cursor_goto_first_child_wasm(t) === 1 && raw._ts_tree_cursor_goto_parent_wasm(t) === 1)) {
        pending[top++] = newNode(nextId++, types[typeId] || 'ERROR', typeId, isNamed, fields[fieldId] ?? null, raw._ts_tree_cursor_start_index_wasm(t), raw._ts_tree_cursor_end_index_wasm(t), parent, source);
        descend = raw._ts_tree_cursor_goto_first_child_wasm(t) === 1;
      }
    }
    if (descend) {
      parent = pending[top - 1]!;
      firstPending.push(top);
      continue;
    }
    while (raw._ts_tree_cursor_goto_next_sibling_wasm(t) !== 1) {
      // `parent` closes: its children are the pending nodes from its first on.
      const from = firstPending.pop()!;
      if (from < top) parent.adopt(childArray(pending, from, top - from));
      top = from;
      if (raw._ts_tree_cursor_goto_parent_wasm(t) !== 1 || parent === root) return root;
      parent = parent.parent!;
    }
  }
}

function mirrorPublic(tree: Tree, source: string, reuse: TopLevelReuse | undefined): MirrorNode {
  const language = tree.language;
  const { types, fields } = internedNames(language);
  const cursor = tree.walk();
  const all = new Map<MirrorNode, MirrorNode[]>();
  let topIndex = 0;
  const make = (parent: MirrorNode | null): MirrorNode => {
    const typeId = cursor.nodeTypeId;
    const n = newNode(nextId++, types[typeId] || 'ERROR', typeId, cursor.nodeIsNamed, fields[cursor.currentFieldId] ?? null, cursor.startIndex, cursor.endIndex, parent, source);
    if (parent) add(parent, n);
    return n;
  };
  // Children gather here; each parent adopts its list at the end.
  const add = (parent: MirrorNode, child: MirrorNode): void => {
    const list = all.get(parent);
    if (list) list.push(child);
    else all.set(parent, [child]);
  };
  try {
    const root = make(null);
    if (!cursor.gotoFirstChild()) return root;
    let parent = root;
    for (;;) {
      const atTop = parent === root;
      const kept = atTop && reuse ? reuse(topIndex) : undefined;
      if (atTop) topIndex++;
      let descend = false;
      if (kept) {
        kept.parent = root;
        add(root, kept);
      } else if (copied(cursor.nodeIsNamed, cursor.currentFieldId, atTop) || cursor.currentNode.childCount > 0) {
        const n = make(parent);
        descend = cursor.gotoFirstChild();
        if (descend) parent = n;
      }
      if (descend) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent() || parent === root) return root;
        parent = parent.parent!;
      }
    }
  } finally {
    for (const [parent, children] of all) parent.adopt(children);
    cursor.delete();
  }
}

/** The mirrored root, typed as the web-tree-sitter Node the extractors are written against. */
export function mirrorRoot(tree: Tree, source: string): Node {
  return mirrorTree(tree, source) as unknown as Node;
}

/** A stand-in Tree whose only member is the mirrored `rootNode` (what the extraction walk reads). */
export function mirroredTree(tree: Tree, source: string): Tree {
  return { rootNode: mirrorRoot(tree, source) } as unknown as Tree;
}
