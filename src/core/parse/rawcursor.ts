/**
 * Direct calls into web-tree-sitter's wasm cursor functions, for the one pass that copies a tree.
 *
 * Why: web-tree-sitter's `TreeCursor` copies the cursor into the runtime's transfer buffer before
 * every call and back after it (four `setValue` and four `getValue` calls each time, through
 * emscripten's generic accessors); copying a 5,000-line file asks ~6 questions per node and spent
 * about 40 % of its time in that copying. The wasm functions themselves read the cursor from the
 * transfer buffer and write it back after a move, so it can stay there for the whole pass.
 *
 * This relies on web-tree-sitter 0.27's runtime (pinned in package.json): the exports emscripten
 * puts on the options object given to `Parser.init` and the transfer buffer `_ts_init` returns.
 * `rawRuntime()` is undefined whenever that object is not the live runtime (another caller
 * initialized web-tree-sitter first, a different version), and the mirror then uses the public API.
 */
import type { Tree, TreeCursor } from 'web-tree-sitter';

/** The wasm exports the pass uses; all take the tree's address and read the cursor from the transfer buffer. */
export interface RawRuntime {
  _ts_init(): number;
  _ts_tree_cursor_current_node_type_id_wasm(tree: number): number;
  _ts_tree_cursor_current_field_id_wasm(tree: number): number;
  _ts_tree_cursor_start_index_wasm(tree: number): number;
  _ts_tree_cursor_end_index_wasm(tree: number): number;
  _ts_tree_cursor_goto_first_child_wasm(tree: number): number;
  _ts_tree_cursor_goto_next_sibling_wasm(tree: number): number;
  _ts_tree_cursor_goto_parent_wasm(tree: number): number;
  HEAP32: Int32Array;
}

const NEEDED: (keyof RawRuntime)[] = [
  '_ts_init',
  '_ts_tree_cursor_current_node_type_id_wasm',
  '_ts_tree_cursor_current_field_id_wasm',
  '_ts_tree_cursor_start_index_wasm',
  '_ts_tree_cursor_end_index_wasm',
  '_ts_tree_cursor_goto_first_child_wasm',
  '_ts_tree_cursor_goto_next_sibling_wasm',
  '_ts_tree_cursor_goto_parent_wasm',
];

let runtime: RawRuntime | undefined;
let transfer = 0;

/** Called with the options object given to `Parser.init`, once that init has resolved. */
export function adoptRuntime(options: object): void {
  const o = options as Partial<Record<keyof RawRuntime, unknown>>;
  if (!NEEDED.every((k) => typeof o[k] === 'function') || !(o.HEAP32 instanceof Int32Array)) return;
  runtime = options as RawRuntime;
  transfer = runtime._ts_init();
}

/**
 * A cursor over `tree` whose moves and reads are direct wasm calls. `run` must not touch any other
 * tree-sitter object (they share the transfer buffer); the public cursor is brought up to date
 * before it is handed back and deleted.
 */
export function withRawCursor<R>(tree: Tree, run: (raw: RawRuntime, treeAddress: number) => R): R | undefined {
  const raw = runtime;
  const address = (tree as unknown as { 0?: unknown })[0];
  if (!raw || typeof address !== 'number') return undefined;
  const cursor = tree.walk();
  try {
    void cursor.nodeTypeId; // copies the fresh cursor into the transfer buffer
    const result = run(raw, address);
    // The moves may have reallocated the cursor's stack: take its state back before delete() frees it.
    const heap = raw.HEAP32; // re-read: emscripten replaces the views when memory grows
    const slots = cursor as unknown as Record<number, number>;
    for (let i = 0; i < 4; i++) slots[i] = heap[(transfer >> 2) + i]!;
    return result;
  } finally {
    (cursor as TreeCursor).delete();
  }
}

/** Whether the direct calls are in use (tests check that the fast path has not silently gone). */
export function rawCursorAvailable(): boolean {
  return runtime !== undefined;
}
