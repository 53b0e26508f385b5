/**
 * Incremental extraction: the facts of the single walk (src/core/extract/walk.ts) are kept per
 * top-level statement — class, function, import, statement; in a notebook the statements of every
 * cell — together with their mirrored subtree (src/core/parse/mirror.ts). The next analysis of the
 * same document (given the previous result) takes over every statement whose text recurs
 * unchanged and error-free: its subtree is moved to its new offsets instead of being copied out of
 * wasm again, and its facts are added again instead of being walked again when the context they
 * were walked in (imports in force, module-level training state) is the same. Everything after the
 * walk — models, losses, value resolution, linking, rules — runs again over the whole facts: it is
 * cross-definition by nature and is cheap next to the copy and the walk it no longer waits on.
 *
 * A session is taken over once: the kept subtrees and facts are moved (offsets, call ids, order)
 * into the new analysis, so the previous result's session is spent; handing the same previous
 * result in again simply walks everything. The IR of the previous result holds no syntax nodes and
 * stays valid.
 */
import type { Node, Tree } from 'web-tree-sitter';
import type { SourceDoc } from '../parse/source';
import type { Range } from '../types';
import type { MirrorNode } from '../parse/mirror';
import { mirrorTree } from '../parse/mirror';
import type { GrammarName } from '../parse/wasm';
import type { EditSpan } from '../parse/parse';
import type { Facts } from './facts';
import type { NameIndex, StatementLog } from './regions';
import type { Dialect } from './syntax';
import { walk, type StatementFacts, type WalkReuse } from './walk';
import { patchLeaf } from './leafpatch';
import type { Boundary } from './cutoff';

/** The top-level statement whose old copy an edit was patched into (./leafpatch.ts), and how positions at an insertion point move. */
export interface Patched {
  index: number;
  boundary: Boundary;
  /** The token patched (cutoff.ts patches a captured number in the IR too). */
  leaf: MirrorNode;
}

export interface ExtractSession {
  readonly kind: 'activation-lens-extract-session';
  grammar: GrammarName;
  statements: StatementFacts[];
  /** The whole-file facts of its walk: the next walk patches their lists and tables by node (walk.ts patchFacts). */
  facts: Facts;
  /** The program it was made from; per statement its end offset (its text: program.slice(offsets[i], ends[i])). */
  program: string;
  ends: number[];
  /** Per statement: whether its subtree holds a syntax error (never taken over). */
  errors: boolean[];
  /** Per statement: its start offset in the program this session was made from (extract/regions.ts). */
  offsets: number[];
  /** Per statement: what its analysis bound and looked up by name (extract/regions.ts); unset until analyzed. */
  logs?: (StatementLog | undefined)[];
  /** The name graph of its statements, handed on from session to session (extract/regions.ts). */
  index?: NameIndex;
  /**
   * Set when this analysis patched a number into the IR of a statement patched before the walk
   * (leafpatch.ts, cutoff.ts): that statement and the name groups whose rules ran again. The next
   * keystroke patched the same way into the same statement has the same groups (extract/index.ts).
   */
  patchedGroups?: { rec: StatementFacts; dirty: Set<number> };
  /** Its statements' starts as the user sees them (extract/carry.ts), computed once: this session's new starts are the next one's old starts. */
  starts?: Range[];
  taken: boolean;
}

/** What one extraction re-did and what it took over (tests assert on these; the bench reports them). */
export interface ExtractStats {
  /** Top-level statements of the program. */
  statements: number;
  /** Statements whose subtree was copied out of the parse tree / taken over from the previous session. */
  mirrored: number;
  keptSubtrees: number;
  /** Statements visited by the walk / whose facts were added again without a visit. */
  walked: number;
  replayed: number;
  /** Statements whose analysis after the walk (models, losses, values, rules) was redone: all of them, or the groups an edit reached (regions.ts). */
  reanalyzed?: number;
  /** Numbers patched into the previous IR by a cut-off (extract/cutoff.ts): then the rules ran again. */
  patched?: number;
}

/** The top-level children of the tree: their offsets and whether each holds a syntax error (column-wise, exact-size: these become the session's). */
function topLevel(tree: Tree): { starts: number[]; ends: number[]; errors: boolean[]; stray: boolean } {
  const root = tree.rootNode;
  const anyError = root.hasError;
  const n = root.childCount;
  const starts: number[] = new Array(n);
  const ends: number[] = new Array(n);
  const errors: boolean[] = new Array(n);
  const cursor = tree.walk();
  try {
    if (n === 0 || !cursor.gotoFirstChild()) return { starts: [], ends: [], errors: [], stray: false };
    let i = 0;
    let stray = false;
    do {
      starts[i] = cursor.startIndex;
      ends[i] = cursor.endIndex;
      errors[i] = anyError && cursor.currentNode.hasError;
      if (errors[i] && cursor.nodeType === 'ERROR') stray = true;
      i++;
    } while (cursor.gotoNextSibling());
    return { starts, ends, errors, stray };
  } finally {
    cursor.delete();
  }
}

/**
 * Kept subtrees whose move into the new text (offsets shifted, `text` reading the new source) is
 * put off until something reads them: the walk of a statement whose context changed, the passes
 * after the walk for the statements they redo, the name graph of regions.ts. Moving every kept
 * subtree on every keystroke touched every node of the file.
 */
const pendingMoves = new WeakMap<object, PendingMove>();

interface PendingMove {
  source: string;
  delta: number;
}

/** Move a kept statement's subtree into the text it now belongs to, if that is still to do. */
export function settle(node: Node | MirrorNode): void {
  const p = pendingMoves.get(node);
  if (!p) return;
  pendingMoves.delete(node);
  (node as MirrorNode).moveTo(p.source, p.delta);
}

/** The range of a node now, also inside a kept statement whose move is still put off (no move needed). */
export function currentRange(doc: SourceDoc, node: Node): Range {
  let top: Node = node;
  while (top.parent && top.parent.parent) top = top.parent;
  const p = pendingMoves.get(top);
  const d = p ? p.delta : 0;
  return doc.range(node.startIndex + d, node.endIndex + d);
}

/** Mirror and walk `tree`, taking over what `previous` (an earlier session of the same document) already holds. */
export function incrementalFacts(
  tree: Tree,
  program: string,
  grammar: GrammarName,
  dialect: Dialect,
  shouldStop: () => boolean,
  previous: ExtractSession | undefined,
  /**
   * The span the edits since `previous` cover (parse.ts coverOf), when the caller gave edits:
   * statements wholly outside it are the same text, found by position; without it, statements are
   * matched by text.
   */
  span?: EditSpan,
): { facts: Facts; session: ExtractSession; stats: ExtractStats; matched: number[]; previous: ExtractSession | undefined; patched?: Patched; strayError: boolean } {
  const usable = previous && !previous.taken && previous.grammar === grammar ? previous : undefined;
  if (usable) usable.taken = true;
  const { starts, ends, errors, stray } = topLevel(tree);
  const n = starts.length;
  const keptFacts: (StatementFacts | undefined)[] = new Array(n);
  const matched: number[] = new Array(n).fill(-1);
  let keptSubtrees = 0;
  let patched: Patched | undefined;
  /** Subtrees taken over whose facts are not (./leafpatch.ts: a patched statement that is walked again). */
  const keptNodes: (MirrorNode | undefined)[] = [];
  // One pending move per distinct shift (most kept statements share one of two: before the edit, after it).
  const moves = new Map<number, PendingMove>();
  const take = (i: number, j: number): void => {
    const rec = usable!.statements[j]!;
    const node = rec.node as unknown as MirrorNode;
    const delta = starts[i]! - node.startIndex;
    let move = moves.get(delta);
    if (!move) moves.set(delta, (move = { source: program, delta }));
    // Moved when something reads it (settle): most kept statements are only replayed and carried.
    pendingMoves.set(node, move);
    keptFacts[i] = rec;
    matched[i] = j;
    keptSubtrees++;
  };
  if (usable && span) {
    // Before the edit: same offsets; after it: shifted by what the edit added. A statement overlapping
    // the edit is new; one that only touches it keeps its text when its extent is the old one's
    // (typing at the end of a line extends the statement: its end moves, it is new).
    const delta = span.newEnd - span.oldEnd;
    let j = 0;
    const overlapping: number[] = [];
    for (let i = 0; i < n; i++) {
      if (errors[i]) continue;
      const tStart = starts[i]!;
      const tEnd = ends[i]!;
      let start: number;
      if (tEnd <= span.start) start = tStart;
      else if (tStart >= span.newEnd) start = tStart - delta;
      else {
        overlapping.push(i);
        continue;
      }
      while (j < usable.offsets.length && usable.offsets[j]! < start) j++;
      if (j < usable.offsets.length && usable.offsets[j] === start && usable.ends[j] === tEnd - (tStart - start) && !usable.errors[j]) take(i, j++);
    }
    // One statement edited: a number, comment or string text changed in it is patched into its old copy (./leafpatch.ts).
    const i = overlapping[0];
    if (overlapping.length === 1 && i !== undefined && n === usable.offsets.length && (i === 0 || matched[i - 1] === i - 1) && (i === n - 1 || matched[i + 1] === i + 1)) {
      const rec = usable.statements[i];
      if (rec && usable.offsets[i] === starts[i] && usable.ends[i] === ends[i]! - delta && !usable.errors[i]) {
        settle(rec.node);
        const patch = patchLeaf(rec.node as unknown as MirrorNode, tree, program, span);
        if (patch) {
          keptSubtrees++;
          if (patch.read) {
            // What changed was read: walked again (a new record, so regions.ts redoes its group), not copied again.
            keptNodes[i] = rec.node as unknown as MirrorNode;
          } else {
            keptFacts[i] = rec;
            matched[i] = i;
            patched = { index: i, boundary: patch.boundary, leaf: patch.leaf };
          }
        }
      }
    }
  } else if (usable) {
    const byText = new Map<string, number[]>();
    for (let j = 0; j < usable.offsets.length; j++) {
      if (usable.errors[j]) continue;
      const text = usable.program.slice(usable.offsets[j], usable.ends[j]);
      const list = byText.get(text);
      if (list) list.push(j);
      else byText.set(text, [j]);
    }
    for (let i = 0; i < n; i++) {
      if (errors[i]) continue;
      const j = byText.get(program.slice(starts[i], ends[i]))?.shift();
      if (j !== undefined) take(i, j);
    }
  }
  const mirror = mirrorTree(tree, program, (i) => (keptFacts[i]?.node as unknown as MirrorNode | undefined) ?? keptNodes[i]);
  const reuse: WalkReuse = { kept: keptFacts, out: [], walked: 0, replayed: 0, settle };
  if (usable) reuse.previous = { facts: usable.facts, statements: usable.statements };
  const facts = walk({ rootNode: mirror } as unknown as Tree, dialect, shouldStop, reuse);
  const session: ExtractSession = { kind: 'activation-lens-extract-session', grammar, statements: reuse.out, facts, program, ends, errors, offsets: starts, taken: false };
  const stats = { statements: n, mirrored: n - keptSubtrees, keptSubtrees, walked: reuse.walked, replayed: reuse.replayed };
  return { facts, session, stats, matched, previous: usable, patched, strayError: stray };
}
