/**
 * The early cut-off (./cutoff.ts) decided before the copy and the walk, for the commonest keystroke:
 * a digit typed into a number, a character into a comment or a docstring, that nothing read.
 *
 * The cut-off of cutoff.ts compares the new mirrored statement with the old one, so the statement
 * is first copied out of wasm again and walked again: on a real file whose edited statement is a
 * class of a thousand lines (an Angular component, a model class of timm) that copy, the walk and
 * the comparison were 60 % of a keystroke that in the end changed nothing. Here the edit is checked
 * against the new parse tree at one place instead, and the old copy of the statement is patched:
 *
 * - the edit lies inside one leaf token of the old copy (a number, a comment, a string's text), and neither that
 *   leaf nor any node above it in its statement was read (MirrorNode.read: their text changed) —
 *   when one was, the patched copy is still walked and analyzed again instead of a new copy;
 * - in the new tree, the smallest node spanning where that token now lies is a leaf of the same type
 *   spanning exactly the token's old extent moved by the edit, and the statement holds no error.
 *
 * Then the new tree has the old one's shape: every token but that one has the same text, so it is
 * lexed the same in the same parser state, and that one has the same symbol; the parse, a function of
 * the symbols, is the same. The old copy's offsets after the token move by the edit, every node reads
 * the new text, and the statement's facts are replayed unchanged (the walk did not read the token).
 *
 * Numbers, comments and strings (docstrings): the name index of regions.ts reads names, and strings
 * that spell one, without flagging them (peekText) and keys what it read by statement, so a changed
 * name, or a string that spells one before or after the edit, goes through the regular path, where
 * the statement is new.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { MirrorNode } from '../parse/mirror';
import type { EditSpan } from '../parse/lines';
import type { Boundary } from './cutoff';
import { stringNames } from './regions';

const LEAVES = new Set(['integer', 'float', 'number', 'comment', 'string_content', 'string_fragment']);
/** The text of strings, which the name index reads (unflagged) when it spells a name. */
const STRINGS = new Set(['string_content', 'string_fragment']);

/** The deepest node of `root` (a mirrored statement) that spans [start, end) (start < end), or undefined. */
function deepest(root: MirrorNode, start: number, end: number): MirrorNode | undefined {
  if (root.startIndex > start || root.endIndex < end) return undefined;
  let n = root;
  for (;;) {
    const next = n.children.find((c) => c.startIndex <= start && end <= c.endIndex);
    if (!next) return n;
    n = next;
  }
}

/**
 * Patches `old`, the mirrored top-level statement the edit falls in (already in the previous text's
 * offsets), into the new text when the edit changes one number, comment or string text (see the file comment),
 * and says how positions at an insertion point move, and whether the token or a node above it was
 * read (then the statement is walked again and its name group analyzed again, but not copied out of
 * wasm again), with the token patched (a number the IR holds as it is is patched there too:
 * cutoff.ts); undefined (nothing touched) otherwise.
 */
export function patchLeaf(old: MirrorNode, tree: Tree, program: string, span: EditSpan): { boundary: Boundary; read: boolean; leaf: MirrorNode } | undefined {
  const delta = span.newEnd - span.oldEnd;
  let leaf: MirrorNode | undefined;
  let fresh: Node | null;
  if (span.oldEnd > span.start) {
    // Text replaced or deleted: the old token holds it; the new one must lie where it lay, moved.
    leaf = deepest(old, span.start, span.oldEnd);
    if (!leaf || leaf.endIndex + delta <= leaf.startIndex) return undefined;
    fresh = tree.rootNode.descendantForIndex(leaf.startIndex, leaf.endIndex + delta);
  } else {
    // Text inserted: the new token holds it; the old one must have lain where it lies, less the insertion.
    fresh = tree.rootNode.descendantForIndex(span.start, span.newEnd);
    if (!fresh || fresh.endIndex - delta <= fresh.startIndex) return undefined;
    leaf = deepest(old, fresh.startIndex, fresh.endIndex - delta);
  }
  if (!leaf || !fresh || leaf.children.length > 0 || !LEAVES.has(leaf.type)) return undefined;
  if (fresh.type !== leaf.type || fresh.childCount > 0 || fresh.startIndex !== leaf.startIndex || fresh.endIndex !== leaf.endIndex + delta) return undefined;
  if (leaf.startIndex > span.start || span.oldEnd > leaf.endIndex) return undefined;
  // A string the name index counts as a name, before or after, changes the name graph: not patched.
  if (STRINGS.has(leaf.type) && (stringNames(leaf.peekText()) || stringNames(program.slice(fresh.startIndex, fresh.endIndex)))) return undefined;
  let read = false;
  for (let n: MirrorNode | null = leaf; n && n !== old.parent && !read; n = n.parent) read = n.read;
  // The statement, top level of the new tree, where the token lies: no error in it.
  let top: Node | null = fresh;
  while (top && top.parent && top.parent.parent) top = top.parent;
  if (!top || top.hasError || top.startIndex !== old.startIndex || top.endIndex !== old.endIndex + delta) return undefined;

  // Nodes that end at the token's end or later (the token, the nodes above it) end later by delta;
  // nodes that start there or later (after the token) start later by it.
  const at = leaf.endIndex;
  const insertion = span.start === span.oldEnd;
  const boundary: Boundary = { startsMove: new Set(), endsMove: new Set() };
  const stack: MirrorNode[] = [old];
  while (stack.length > 0) {
    const n = stack.pop()!;
    const s = n.startIndex >= at ? n.startIndex + delta : n.startIndex;
    const e = n.endIndex >= at ? n.endIndex + delta : n.endIndex;
    if (insertion && n.startIndex === span.start) boundary.startsMove.add(s !== n.startIndex);
    if (insertion && n.endIndex === span.start) boundary.endsMove.add(e !== n.endIndex);
    n.moveOne(program, s, e);
    for (const c of n.children) stack.push(c);
  }
  return { boundary, read, leaf };
}
