/**
 * Early cut-off (issue 14): an edit inside text the analysis never read changes nothing it found.
 *
 * Typing a digit into `nn.Linear(768, 3072)` or `embed_dim=768` changes the text of one number;
 * if nothing the analysis computed came from that text, the new analysis is the previous one with
 * its positions moved through the edit. Measured on timm's 110 model files (8 keystrokes each, a
 * digit typed after `(`, `,` or `=`): the name graph of regions.ts redid 58% of the statements,
 * yet the findings and sites changed in 1 keystroke of 797, and in 90% of them no text at the
 * edit had been read at all.
 *
 * What "read" means, kept on both paths the analysis reads text through:
 * - syntax nodes: a mirrored node (parse/mirror.ts) is flagged when its `text` is read — by the
 *   walk, the passes after it, the rules; flags live as long as the node, across analyses, and
 *   pass to the new node of the same place when an edit is cut off;
 * - ranges: `ir.textAt` (rules' quick fixes, sites' `from` text) records the offsets it read,
 *   carried through later edits.
 * An edit is cut off when exactly one top-level statement changed, its new syntax has the same
 * shape (types, fields, children) with the nodes outside the edit where they were (moved by it),
 * and no node overlapping the edit, nor any recorded range, was read. Then every item of the
 * previous analysis is carried over, its ranges mapped through the edit; no pass runs again.
 *
 * Typed layer widths (`nn.Linear(|64, 32)`): a number the extraction only stores — an argument's
 * value and text (syntax.ts argOf), a layer's `units` / `inFeatures` (tables.ts widthArgs) — is
 * flagged *captured* instead of read (syntax.ts capturedNumber); any other reader of it flags it
 * read as usual. An edit whose changed nodes are captured numbers (still numbers) is cut off with
 * those stored values patched in the carried IR: the arguments at the number's offsets get the new
 * text and value, the layers whose width table points at such an argument the new width. Nothing
 * else in the analysis came from the number, but the rules read widths and argument values, so the
 * rules of the edit's name groups (regions.ts) run again on those groups' items, as after a partial
 * analysis. On the generated torch-lib file the bench's edit (a width in a module-level
 * `nn.Sequential`) redid a name group of 108 statements; now it redoes none.
 */
import type { Node } from 'web-tree-sitter';
import type { Arg, Layer } from '../ir';
import type { Range } from '../types';
import type { MirrorNode } from '../parse/mirror';
import type { SourceDoc } from '../parse/source';
import type { EditSpan } from '../parse/parse';
import { eachHeld, isRange, RegionsFailed, type Carry } from './carry';
import { settle, type ExtractSession, type Patched } from './incremental';
import type { StatementLog } from './regions';
import { NUMBER_TYPES, numberOfText } from './syntax';
import { widthArgs, type WidthArg } from './tables';

/** A node's text without flagging it read (MirrorNode.peekText), for readers whose answer no analysis carries over. */
export function peekText(node: Node): string {
  const m = node as unknown as Partial<MirrorNode>;
  return m.peekText ? m.peekText() : node.text;
}

/** Per session: the program offsets `ir.textAt` read ([start, end) pairs), those of earlier analyses carried through the edits since. */
const textReads = new WeakMap<ExtractSession, number[]>();

/** Records that the analysis of `session` read the text of program offsets [start, end). */
export function recordRead(session: ExtractSession, start: number, end: number): void {
  const list = textReads.get(session);
  if (list) list.push(start, end);
  else textReads.set(session, [start, end]);
}

/** The previous session's reads, moved into the new text (a read that overlapped the edit covers the new text there). */
export function carryReads(previous: ExtractSession, session: ExtractSession, span: EditSpan): void {
  const old = textReads.get(previous);
  if (!old || old.length === 0) return;
  const delta = span.newEnd - span.oldEnd;
  const moved: [number, number][] = [];
  for (let k = 0; k < old.length; k += 2) {
    const s = old[k]!;
    const e = old[k + 1]!;
    if (e < span.start) moved.push([s, e]);
    else if (s > span.oldEnd) moved.push([s + delta, e + delta]);
    else moved.push([Math.min(s, span.start), Math.max(e + delta, span.newEnd)]);
  }
  // Coalesced, so an editing session's list stays as long as the distinct ranges read.
  moved.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: number[] = [];
  for (const [s, e] of moved) {
    const n = out.length;
    if (n > 0 && s <= out[n - 1]!) out[n - 1] = Math.max(out[n - 1]!, e);
    else out.push(s, e);
  }
  const now = textReads.get(session);
  textReads.set(session, now ? out.concat(now) : out);
}

function readsTouch(previous: ExtractSession, span: EditSpan): boolean {
  const list = textReads.get(previous);
  if (!list) return false;
  for (let k = 0; k < list.length; k += 2) if (list[k]! <= span.oldEnd && list[k + 1]! >= span.start) return true;
  return false;
}

/**
 * How positions at a pure insertion point move: text typed at offset o lies after the nodes that
 * end there (unless one took it in) and before the nodes that start there (unless one took it in,
 * as a number does a digit typed before it). Per side, whether such nodes moved by the insertion;
 * both answers seen, or none, leaves the side undecided.
 */
export interface Boundary {
  startsMove: Set<boolean>;
  endsMove: Set<boolean>;
}

/**
 * A number whose text changed and that the IR holds as it is (MirrorNode.captured): every argument
 * at its old offsets gets the new text and value, and the widths of the layers read from such an
 * argument the new value (throughEdit).
 */
interface Patch {
  /** Old program offsets of the number. */
  start: number;
  end: number;
  text: string;
  value: number;
}

/**
 * Whether the new statement is the old one with only unread text changed (see the file comment),
 * or captured numbers (`patches`); on success the read and captured flags pass to the new nodes,
 * and the answer says how positions at an insertion point move.
 */
function unreadChange(oldRoot: MirrorNode, newRoot: MirrorNode, span: EditSpan, patches: Patch[]): Boundary | undefined {
  const delta = span.newEnd - span.oldEnd;
  const insertion = span.start === span.oldEnd;
  const boundary: Boundary = { startsMove: new Set(), endsMove: new Set() };
  const pairs: MirrorNode[] = [oldRoot, newRoot];
  const flagged: MirrorNode[] = [];
  const captured: MirrorNode[] = [];
  for (let k = 0; k < pairs.length; k += 2) {
    const n = pairs[k]!;
    const m = pairs[k + 1]!;
    if (n.type !== m.type || n.fieldName !== m.fieldName || n.isNamed !== m.isNamed || n.children.length !== m.children.length) return undefined;
    // Its text is the same when it lies before the edit where it was, or after it, moved by it;
    // else (it overlaps the edit, or took the typed text in at its edge) its text changed.
    const same = (n.endIndex <= span.start && m.startIndex === n.startIndex && m.endIndex === n.endIndex) || (n.startIndex >= span.oldEnd && m.startIndex === n.startIndex + delta && m.endIndex === n.endIndex + delta);
    if (!same && (n.read || n.endIndex < span.start || n.startIndex > span.oldEnd)) return undefined;
    if (!same && n.captured) {
      // A number the IR holds as it is (a layer width): patched, if it is still a number (the
      // types match: a leaf of the same type).
      const text = m.peekText();
      const value = numberOfText(text);
      if (!NUMBER_TYPES.has(n.type) || n.children.length !== 0 || Number.isNaN(value)) return undefined;
      patches.push({ start: n.startIndex, end: n.endIndex, text, value });
    }
    if (insertion && n.startIndex === span.start) boundary.startsMove.add(m.startIndex !== n.startIndex);
    if (insertion && n.endIndex === span.start) boundary.endsMove.add(m.endIndex !== n.endIndex);
    if (n.read) flagged.push(m);
    if (n.captured) captured.push(m);
    for (let c = 0; c < n.children.length; c++) pairs.push(n.children[c]!, m.children[c]!);
  }
  for (const m of flagged) m.read = true;
  for (const m of captured) m.captured = true;
  return boundary;
}

/** An IR Arg (syntax.ts argOf), told from other IR objects by its fields. */
function isArg(v: object): v is Arg {
  const a = v as Partial<Arg>;
  return typeof a.isLiteral === 'boolean' && typeof a.text === 'string' && typeof a.fullRange === 'object' && typeof a.range === 'object';
}

/** An IR Layer with arguments (ir.ts Layer). */
function isLayer(v: object): v is Layer {
  const l = v as Partial<Layer>;
  return typeof l.className === 'string' && typeof l.kind === 'string' && typeof l.framework === 'string' && Array.isArray(l.args);
}

/** findArg (syntax.ts) over IR arguments: by keyword, else by position. */
function argAt(args: readonly Arg[], [name, index]: WidthArg): Arg | undefined {
  return args.find((a) => a.name === name) ?? (index === undefined ? undefined : args.find((a) => a.index === index));
}

/** An offset of the old text in the new one; `moves` answers for an offset at an insertion point (Boundary). */
function through(o: number, span: EditSpan, moves: Set<boolean>): number {
  if (o === span.start && span.start === span.oldEnd) {
    // No answer (no node starts / ends there, or nodes disagree): analyze as before.
    if (moves.size !== 1) throw new RegionsFailed();
    return moves.has(true) ? o + span.newEnd - span.oldEnd : o;
  }
  if (o <= span.start) return o;
  if (o >= span.oldEnd) return o + span.newEnd - span.oldEnd;
  throw new RegionsFailed(); // an offset inside the replaced text: no answer
}

/**
 * A carry that keeps every previous item, with ranges mapped through the edit. Copy on write:
 * an object is copied when a range it reaches moves, so objects shared between items stay shared
 * (a cycle, never seen in an IR, throws RegionsFailed: analyzed as before).
 */
function throughEdit(input: CutoffInput, boundary: Boundary, patches: readonly Patch[]): Carry {
  const { previousDoc, doc, span, previous, session } = input;
  /** The patch of an argument whose value is a patched number (at its old offsets). */
  const patchOf = (a: Arg): Patch | undefined => {
    const s = previousDoc.lines.offsetAt(a.range.start);
    const e = previousDoc.lines.offsetAt(a.range.end);
    return patches.find((p) => p.start === s && p.end === e);
  };
  /** Old argument → its patched copy. */
  const patchedArgs = new Map<Arg, Arg>();
  /**
   * The layer with the widths read from a patched argument patched (the same table as the
   * extraction's, tables.ts widthArgs). A width that is not the argument's old value did not come
   * from it as the table says: analyze as before.
   */
  const patchWidths = (layer: Layer, copy: Record<string, unknown> | undefined): Record<string, unknown> | undefined => {
    if (layer.kind !== 'affine') return copy;
    const widths = widthArgs(layer.framework, layer.className);
    for (const field of ['units', 'inFeatures'] as const) {
      const at = widths[field];
      const a = at ? argAt(layer.args, at) : undefined;
      const patched = a ? patchedArgs.get(a) : undefined;
      if (!patched || layer[field] === undefined) continue;
      if (layer[field] !== a!.value) throw new RegionsFailed();
      (copy ??= { ...layer })[field] = patched.value;
    }
    return copy;
  };
  /** The range in the new text, or undefined when its positions stay the same. */
  const mapRange = (r: Range): Range | undefined => {
    const s = previousDoc.lines.offsetAt(r.start);
    const e = previousDoc.lines.offsetAt(r.end);
    const s2 = through(s, span, boundary.startsMove);
    const e2 = through(e, span, s === e ? boundary.startsMove : boundary.endsMove);
    if (s2 === s && e2 === e) return undefined;
    const m = doc.range(s2, e2);
    return m.start.line === r.start.line && m.start.column === r.start.column && m.end.line === r.end.line && m.end.column === r.end.column ? undefined : m;
  };
  // Only ranges with a position on the edit's first line or after it can move (before it, the text
  // is the same); with as many lines as before, only those on that line.
  const editLine = previousDoc.lines.positionAt(span.start).line;
  const linesKept = previousDoc.lines.lineCount === doc.lines.lineCount;
  // Per object looked at: itself (nothing in it moves), its copy, or OPEN while it is being looked at.
  const done = new Map<object, object>();
  const OPEN = {};
  /**
   * The object as it is now: itself when no range in it moves, else its copy (made once). It runs on
   * every item of the file per cut-off keystroke, mostly answering from the line spans: that path
   * allocates nothing (the copy is made in `moved`, whose closure would otherwise be allocated here
   * on every call).
   */
  const now = (v: object): object => {
    const hit = done.get(v);
    if (hit === OPEN) throw new RegionsFailed(); // a cycle: never seen in an IR; analyze as before
    if (hit) return hit;
    const lines = linesOf(v);
    if (lines && (lines[1] < editLine || (linesKept && lines[0] > editLine))) return v;
    const out = isRange(v) ? mapRange(v) : moved(v);
    done.set(v, out ?? v);
    return out ?? v;
  };
  /** Copied on the first held object that moves (an array item or a property), or holding a patched number; undefined when neither. */
  const moved = (v: object): object | undefined => {
    done.set(v, OPEN);
    let copy: Record<string, unknown> | undefined;
    eachHeld(v, (x, k) => {
      const y = now(x);
      if (y !== x) (copy ??= (Array.isArray(v) ? v.slice() : { ...v }) as Record<string, unknown>)[k] = y;
    });
    if (patches.length > 0 && !Array.isArray(v)) {
      const p = isArg(v) ? patchOf(v) : undefined;
      if (p) {
        // A number argOf could not read (NaN) has no value to patch: analyze as before.
        if (!(v as Arg).isLiteral) throw new RegionsFailed();
        // Copied even when no range moved (a digit replaced by another).
        copy ??= { ...v };
        copy.text = p.text;
        copy.value = p.value;
        patchedArgs.set(v as Arg, copy as unknown as Arg);
      } else if (isLayer(v)) copy = patchWidths(v, copy);
    }
    return copy;
  };
  /** The last statement starting at or before the range (-1: none); a plain binary search: no closure per item. */
  const locate = (offsets: readonly number[], lines: SourceDoc, r: Range): number => {
    const o = lines.lines.offsetAt(r.start);
    if (offsets.length === 0 || offsets[0]! > o) return -1;
    let lo = 0;
    let hi = offsets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (offsets[mid]! <= o) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  return {
    oldIndex: (r) => locate(previous.offsets, previousDoc, r),
    newIndex: (r) => locate(session.offsets, doc, r),
    kept: (j) => j >= 0,
    newOf: (j) => j,
    move: <T>(item: T): T => (item !== null && typeof item === 'object' ? (now(item) as T) : item),
    keepsAll: true,
  };
}

/**
 * The first and last line of the ranges an IR object reaches, kept per object across analyses (IR
 * objects do not change once made; a moved one is a new object), so a cut-off skips whatever lies
 * away from the edit without going through it again. Undefined inside a cycle (never cached).
 */
const lineSpans = new WeakMap<object, readonly [number, number]>();
const NO_LINES: readonly [number, number] = [Infinity, -Infinity];

function linesOf(v: object): readonly [number, number] | undefined {
  // Mostly known: the cache is asked first, so that path allocates nothing.
  return lineSpans.get(v) ?? spanOf(v, new Set());
}

function spanOf(v: object, open: Set<object>): readonly [number, number] | undefined {
  if (isRange(v)) {
    const out: [number, number] = [Math.min(v.start.line, v.end.line), Math.max(v.start.line, v.end.line)];
    lineSpans.set(v, out);
    return out;
  }
  if (open.has(v)) return undefined;
  open.add(v);
  let lo = Infinity;
  let hi = -Infinity;
  let known = true;
  const add = (x: object): void => {
    const l = lineSpans.get(x) ?? spanOf(x, open);
    if (!l) known = false;
    else if (l !== NO_LINES) (lo = Math.min(lo, l[0])), (hi = Math.max(hi, l[1]));
  };
  eachHeld(v, add);
  open.delete(v);
  if (!known) return undefined;
  const out = lo === Infinity ? NO_LINES : ([lo, hi] as const);
  lineSpans.set(v, out);
  return out;
}

export interface CutoffInput {
  previous: ExtractSession;
  previousDoc: SourceDoc;
  session: ExtractSession;
  doc: SourceDoc;
  /** New statement index → index in the previous session, or -1 (incremental.ts). */
  matched: readonly number[];
  span: EditSpan;
  /** The statement the edit was patched into before the walk (./leafpatch.ts): changed, with its boundary known. */
  patched?: Patched;
}

/**
 * The carry of an edit that is cut off, with the logs of the new session (moved, made on demand), or undefined when
 * the edit may change what the analysis finds. Plain files only (notebooks are never edited
 * incrementally).
 */
export function cutoff(input: CutoffInput): { carry: Carry; logs: () => (StatementLog | undefined)[]; patched: number } | undefined {
  const { previous, session, matched, span } = input;
  const n = session.statements.length;
  const oldLogs = previous.logs;
  if (!oldLogs || previous.statements.length !== n || input.doc.segments || input.previousDoc.segments) return undefined;
  let changed = -1;
  for (let i = 0; i < n; i++) {
    if (matched[i] === i && session.statements[i] === previous.statements[i]) continue;
    if (changed >= 0) return undefined;
    changed = i;
  }
  // A patched statement is its old record, so it is not found above; nothing else may have changed.
  if (input.patched) {
    if (changed >= 0) return undefined;
    changed = input.patched.index;
  }
  if (changed < 0 || readsTouch(previous, span)) return undefined;
  const patches: Patch[] = [];
  let boundary = input.patched?.boundary;
  if (boundary) {
    // Patched into its old copy before the walk (./leafpatch.ts), unread: a captured number there
    // is patched in the IR too.
    const leaf = input.patched!.leaf;
    if (leaf.captured) {
      const text = leaf.peekText();
      const value = numberOfText(text);
      if (!NUMBER_TYPES.has(leaf.type) || Number.isNaN(value)) return undefined;
      // Its start stayed (the leaf patch moves what starts at or after the token's old end).
      patches.push({ start: leaf.startIndex, end: leaf.endIndex - (span.newEnd - span.oldEnd), text, value });
    }
  } else {
    const oldNode = previous.statements[changed]!.node as unknown as MirrorNode;
    settle(oldNode);
    const newNode = session.statements[changed]!.node as unknown as MirrorNode;
    // The same copy, patched and walked again (leafpatch.ts): what changed in it was read.
    if (previous.offsets[changed] !== session.offsets[changed] || newNode === oldNode) return undefined;
    boundary = unreadChange(oldNode, newNode, span, patches);
    if (!boundary) return undefined;
  }
  const carry = throughEdit(input, boundary, patches);
  // The logs carried over: as they are, unless a value or position in them moved. Made only when
  // the cut-off is taken (regions.ts may analyze a small group instead), in plain loops: they run
  // over every statement's log.
  const logs = (): (StatementLog | undefined)[] => {
    const out: (StatementLog | undefined)[] = new Array(n);
    for (let i = 0; i < n; i++) {
      const log = oldLogs[i];
      if (!log) continue;
      let binds: StatementLog['binds'] | undefined;
      for (let k = 0; k < log.binds.length; k++) {
        const b = log.binds[k]!;
        const value = carry.move(b.value);
        // A binding's position is where its value starts.
        const rel = through(previous.offsets[i]! + b.rel, span, boundary.startsMove) - session.offsets[i]!;
        if (value !== b.value || rel !== b.rel) (binds ??= log.binds.slice())[k] = { ...b, value, rel };
      }
      out[i] = binds ? { consults: log.consults, binds } : log;
    }
    return out;
  };
  return { carry, logs, patched: patches.length };
}
