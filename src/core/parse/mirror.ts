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
import type { Node, Tree } from 'web-tree-sitter';
import { withRawCursor, type RawRuntime } from './rawcursor';

/** The children of every leaf of a raw-mirrored tree: one shared empty array (most nodes are leaves). */
const NO_CHILDREN: MirrorNode[] = [];

export class MirrorNode {
  /** Not to be mutated: leaves share one array, and the mirror pass sets each parent's at once. */
  children: MirrorNode[] = NO_CHILDREN;
  private named: MirrorNode[] | undefined;

  constructor(
    readonly id: number,
    readonly type: string,
    readonly isNamed: boolean,
    /** The field this node fills in its parent (`function`, `arguments` …), or null. */
    readonly fieldName: string | null,
    readonly startIndex: number,
    readonly endIndex: number,
    readonly parent: MirrorNode | null,
    private readonly source: string,
  ) {}

  get text(): string {
    return this.source.slice(this.startIndex, this.endIndex);
  }

  get namedChildren(): MirrorNode[] {
    return (this.named ??= this.children.filter((c) => c.isNamed));
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

/** Copy `tree` (parsed from `source`) into MirrorNodes; iterative, so deep nesting cannot overflow. */
export function mirrorTree(tree: Tree, source: string): MirrorNode {
  return withRawCursor(tree, (raw, t) => mirrorRaw(tree, source, raw, t)) ?? mirrorPublic(tree, source);
}

/** The same pass as mirrorPublic, through direct wasm calls (see rawcursor.ts). */
function mirrorRaw(tree: Tree, source: string, raw: RawRuntime, t: number): MirrorNode {
  const language = tree.language;
  const types = language.types;
  const fields = language.fields;
  const namedByType: (boolean | undefined)[] = [];
  let nextId = 0;
  const make = (parent: MirrorNode | null): MirrorNode => {
    const typeId = raw._ts_tree_cursor_current_node_type_id_wasm(t);
    const isNamed = (namedByType[typeId] ??= language.nodeTypeIsNamed(typeId));
    const field = fields[raw._ts_tree_cursor_current_field_id_wasm(t)] ?? null;
    return new MirrorNode(nextId++, types[typeId] || 'ERROR', isNamed, field, raw._ts_tree_cursor_start_index_wasm(t), raw._ts_tree_cursor_end_index_wasm(t), parent, source);
  };
  // The children of the open nodes wait on one stack and get an exact-size array when their parent
  // closes (growing an array per parent by push allocates several times the space it keeps).
  const pending: MirrorNode[] = [];
  const firstPending: number[] = [];
  const close = (n: MirrorNode): void => {
    n.children = pending.splice(firstPending.pop()!);
  };
  const root = make(null);
  if (raw._ts_tree_cursor_goto_first_child_wasm(t) !== 1) return root;
  let parent = root;
  firstPending.push(0);
  for (;;) {
    const n = make(parent);
    pending.push(n);
    if (raw._ts_tree_cursor_goto_first_child_wasm(t) === 1) {
      parent = n;
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

function mirrorPublic(tree: Tree, source: string): MirrorNode {
  const language = tree.language;
  const types = language.types;
  const fields = language.fields;
  const namedByType: (boolean | undefined)[] = [];
  const cursor = tree.walk();
  let nextId = 0;
  const make = (parent: MirrorNode | null): MirrorNode => {
    const typeId = cursor.nodeTypeId;
    const isNamed = (namedByType[typeId] ??= language.nodeTypeIsNamed(typeId));
    const n = new MirrorNode(nextId++, types[typeId] || 'ERROR', isNamed, fields[cursor.currentFieldId] ?? null, cursor.startIndex, cursor.endIndex, parent, source);
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
      const n = make(parent);
      if (cursor.gotoFirstChild()) {
        parent = n;
        continue;
      }
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
