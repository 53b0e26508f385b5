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

export class MirrorNode {
  /** Not to be mutated: leaves share one array, and the mirror pass sets each parent's at once. */
  children: MirrorNode[] = NO_CHILDREN;
  private named: MirrorNode[] | undefined;
  /** Set once its `text` is read (by the walk, the passes after it, the rules): extract/cutoff.ts. */
  read = false;
  /**
   * Set when a number's text is taken into the IR as it is and read nowhere else (an argument's
   * value and text, a layer's width: extract/syntax.ts capturedNumber): a cut-off may then patch
   * the IR with the typed number instead of analyzing again (extract/cutoff.ts).
   */
  captured = false;

  constructor(
    readonly id: number,
    readonly type: string,
    readonly isNamed: boolean,
    /** The field this node fills in its parent (`function`, `arguments` …), or null. */
    readonly fieldName: string | null,
    /** Offsets, parent and source change only when a kept subtree moves into a new tree (moveTo). */
    public startIndex: number,
    public endIndex: number,
    public parent: MirrorNode | null,
    private source: string,
  ) {}

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
    this.read = true;
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
    return (this.named ??= this.children.every((c) => c.isNamed) ? this.children : this.children.filter((c) => c.isNamed));
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
    for (const c of this.children) if (c.fieldName === name) return c;
    return null;
  }

  childrenForFieldName(name: string): MirrorNode[] {
    return this.children.filter((c) => c.fieldName === name);
  }
}

/**
 * The grammar's node type and field names as internalized strings. web-tree-sitter decodes them
 * from wasm memory, and V8 compares such strings character by character; the walk compares every
 * node's type with dozens of literals, which are internalized, so interned names compare by pointer.
 */
const internedByLanguage = new WeakMap<Language, { types: string[]; fields: (string | null)[] }>();

function internedNames(language: Language): { types: string[]; fields: (string | null)[] } {
  let names = internedByLanguage.get(language);
  if (!names) {
    // A property key is internalized; Object.keys hands back that copy.
    const intern = (s: string): string => Object.keys({ [s]: 0 })[0]!;
    names = { types: language.types.map((t) => (t ? intern(t) : t)), fields: language.fields.map((f) => (f ? intern(f) : f)) };
    internedByLanguage.set(language, names);
  }
  return names;
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
  const { types, fields } = internedNames(language);
  const namedByType: (boolean | undefined)[] = [];
  const make = (parent: MirrorNode | null, typeId: number, isNamed: boolean, fieldId: number): MirrorNode =>
    new MirrorNode(nextId++, types[typeId] || 'ERROR', isNamed, fields[fieldId] ?? null, raw._ts_tree_cursor_start_index_wasm(t), raw._ts_tree_cursor_end_index_wasm(t), parent, source);
  // The children of the open nodes wait on one stack and get an exact-size array when their parent
  // closes (growing an array per parent by push allocates several times the space it keeps).
  const pending: MirrorNode[] = [];
  const firstPending: number[] = [];
  const close = (n: MirrorNode): void => {
    const from = firstPending.pop()!;
    if (from < pending.length) n.children = pending.splice(from);
  };
  const rootType = raw._ts_tree_cursor_current_node_type_id_wasm(t);
  const root = make(null, rootType, (namedByType[rootType] ??= language.nodeTypeIsNamed(rootType)), 0);
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
      pending.push(kept);
    } else {
      const typeId = raw._ts_tree_cursor_current_node_type_id_wasm(t);
      const isNamed = (namedByType[typeId] ??= language.nodeTypeIsNamed(typeId));
      const fieldId = raw._ts_tree_cursor_current_field_id_wasm(t);
      if (copied(isNamed, fieldId, atTop)) {
        pending.push(make(parent, typeId, isNamed, fieldId));
        descend = raw._ts_tree_cursor_goto_first_child_wasm(t) === 1;
      } else if (raw._ts_tree_cursor_goto_first_child_wasm(t) === 1) {
        raw._ts_tree_cursor_goto_parent_wasm(t);
        pending.push(make(parent, typeId, isNamed, fieldId));
        descend = raw._ts_tree_cursor_goto_first_child_wasm(t) === 1;
      }
    }
    if (descend) {
      parent = pending[pending.length - 1]!;
      firstPending.push(pending.length);
      continue;
    }
    while (raw._ts_tree_cursor_goto_next_sibling_wasm(t) !== 1) {
      close(parent);
      if (raw._ts_tree_cursor_goto_parent_wasm(t) !== 1 || parent === root) return root;
      parent = parent.parent!;
    }
  }
}

function mirrorPublic(tree: Tree, source: string, reuse: TopLevelReuse | undefined): MirrorNode {
  const language = tree.language;
  const { types, fields } = internedNames(language);
  const cursor = tree.walk();
  let topIndex = 0;
  const make = (parent: MirrorNode | null): MirrorNode => {
    const n = new MirrorNode(nextId++, types[cursor.nodeTypeId] || 'ERROR', cursor.nodeIsNamed, fields[cursor.currentFieldId] ?? null, cursor.startIndex, cursor.endIndex, parent, source);
    if (parent) {
      if (parent.children === NO_CHILDREN) parent.children = [n];
      else parent.children.push(n);
    }
    return n;
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
        if (root.children === NO_CHILDREN) root.children = [kept];
        else root.children.push(kept);
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
