/**
 * Carrying the previous analysis over (issue 14, with regions.ts): the items of the statements an
 * edit does not reach — models, losses, links, activation sites, exports, config classes, rule
 * findings — keep their objects, or are copied with their ranges moved to where their statements
 * now are (objects shared between items stay shared), and are merged with the items of the
 * statements analyzed again, in source order.
 */
import { compareRanges, type ProgramIR } from '../ir';
import type { SourceDoc } from '../parse/source';
import type { Position, Range } from '../types';
import type { ExtractSession } from './incremental';

/** How the previous analysis' items are carried over into this one. */
export interface Carry {
  /** The previous statement a range of the previous analysis lies in (-1: before the first). */
  oldIndex(r: Range): number;
  /** The statement a range of this analysis lies in. */
  newIndex(r: Range): number;
  /** Whether the previous statement j is carried over (kept, and its group not redone). */
  kept(j: number): boolean;
  /** The new statement of a carried previous statement. */
  newOf(j: number): number;
  /**
   * A carried item as it is now: itself when nothing it reaches moved (no carried statement did, or
   * only statements it does not reach), else a copy whose ranges moved with their statements
   * (objects shared between items stay shared). Throws RegionsFailed
   * when the item reaches into a statement that is redone: the regions were wrong, analyze in full.
   */
  move<T>(item: T): T;
  /** Set when every previous item is carried, in its order (an edit cut off: cutoff.ts): mergeIR only moves them. */
  keepsAll?: boolean;
}

/** The last of `count` sorted entries at or before a point (`atOrBefore(i)`), or -1. */
export function lastAtOrBefore(count: number, atOrBefore: (i: number) => boolean): number {
  if (count === 0 || !atOrBefore(0)) return -1;
  let lo = 0;
  let hi = count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (atOrBefore(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/**
 * Statement starts (as the user sees them) of a session, in source order, as empty ranges; once per
 * session. Given the previous session's starts, a statement matched to a previous one shares its
 * start when the start did not move (every statement but the edited ones, on an edit within a line;
 * those before the edit otherwise): a keystroke makes few new ranges.
 */
function starts(session: ExtractSession, doc: SourceDoc, from?: { starts: readonly Range[]; matched: readonly number[] }): Range[] {
  if (session.starts) return session.starts;
  const offsets = session.offsets;
  const out = new Array<Range>(offsets.length);
  for (let i = 0; i < offsets.length; i++) {
    const o = offsets[i]!;
    const j = from ? from.matched[i]! : -1;
    const was = j >= 0 ? from!.starts[j] : undefined;
    out[i] = was && startsAt(doc, was, o) ? was : doc.range(o, o);
  }
  return (session.starts = out);
}

/** Whether `r` is what doc.range(o, o) gives, read off the line starts (plain text only; a notebook's cells map lines). */
function startsAt(doc: SourceDoc, r: Range, o: number): boolean {
  if (r.cell !== undefined || doc.segments !== undefined || doc.language === 'ipynb') return false;
  const lines = doc.lines.starts;
  const line = r.start.line;
  return line < lines.length && lines[line]! + r.start.column === o && (line + 1 >= lines.length || o < lines[line + 1]!) && o <= doc.program.length;
}

/**
 * Index of the statement a range lies in: the last one starting at or before it (-1: before the
 * first). Items are mostly looked up in source order: the previous answer (`hint`) is tried first.
 */
function locate(list: readonly Range[], r: Range, hint: { last: number }): number {
  const h = hint.last;
  if (h >= 0 && h < list.length && compareRanges(list[h]!, r) <= 0 && (h + 1 === list.length || compareRanges(list[h + 1]!, r) > 0)) return h;
  if (list.length === 0 || compareRanges(list[0]!, r) > 0) return -1;
  let lo = 0;
  let hi = list.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (compareRanges(list[mid]!, r) <= 0) lo = mid;
    else hi = mid - 1;
  }
  hint.last = lo;
  return lo;
}

export function carrier(
  input: { previous: ExtractSession; previousDoc: SourceDoc; session: ExtractSession; doc: SourceDoc; matched: readonly number[] },
  oldToNew: Int32Array,
  dirty: ReadonlySet<number>,
): Carry {
  const oldStarts = starts(input.previous, input.previousDoc);
  const newStarts = starts(input.session, input.doc, { starts: oldStarts, matched: input.matched });
  /** Previous statement j is carried over: kept, and its group not redone. */
  const kept = (j: number): boolean => j >= 0 && j < oldToNew.length && oldToNew[j]! >= 0 && !dirty.has(oldToNew[j]!);
  // Whether any carried statement moved (then carried items are copied with their ranges moved).
  let moved = false;
  for (let j = 0; j < oldStarts.length && !moved; j++) {
    if (!kept(j)) continue;
    const a = oldStarts[j]!;
    const b = newStarts[oldToNew[j]!]!;
    if (a !== b && (b.start.line !== a.start.line || b.start.column !== a.start.column || b.cell !== a.cell)) moved = true;
  }
  const oldHint = { last: -1 };
  const newHint = { last: -1 };
  const oldIndex = (r: Range): number => locate(oldStarts, r, oldHint);
  // One copy per object for the whole merge, so what items share (a Link's model) stays shared.
  const copies = new Map<object, unknown>();
  const copy = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    const seen = copies.get(v);
    if (seen !== undefined) return seen;
    if (isRange(v)) {
      const j = oldIndex(v);
      if (!kept(j)) throw new RegionsFailed();
      // How positions of statement j move: lines by its start's line shift, columns on its first line by its column shift.
      const a = oldStarts[j]!.start;
      const b = newStarts[oldToNew[j]!]!;
      const line = b.start.line - a.line;
      const column = b.start.column - a.column;
      const out: Range = {
        start: { line: v.start.line + line, column: v.start.line === a.line ? v.start.column + column : v.start.column },
        end: { line: v.end.line + line, column: v.end.line === a.line ? v.end.column + column : v.end.column },
      };
      if (b.cell !== undefined) out.cell = b.cell;
      copies.set(v, out);
      return out;
    }
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      copies.set(v, out);
      for (const x of v) out.push(copy(x));
      return out;
    }
    const out: Record<string, unknown> = {};
    copies.set(v, out);
    for (const k in v) {
      if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
      const x = (v as Record<string, unknown>)[k];
      // The catalog's entries (`resolved`) are shared, immutable, and hold no ranges of this file.
      out[k] = k === 'resolved' ? x : copy(x);
    }
    return out;
  };
  /** Whether statement j (carried) starts elsewhere now. */
  const shifted = (j: number): boolean => {
    const a = oldStarts[j]!;
    const b = newStarts[oldToNew[j]!]!;
    return a !== b && (b.start.line !== a.start.line || b.start.column !== a.start.column || b.cell !== a.cell);
  };
  /**
   * Whether nothing an item reaches moved (a line typed after it): then it is carried as it is, and
   * so is everything it reaches (entered as its own copy, so items sharing it still share it). An
   * object another item's copy copied already counts as moved, so that nothing is kept twice.
   */
  const still = (item: object): boolean => {
    // Entered as their own copies as they are reached; taken back if something moved.
    const entered: object[] = [];
    const stack: object[] = [item];
    const push = (x: object): void => void stack.push(x);
    let ok = true;
    while (stack.length > 0 && ok) {
      const v = stack.pop()!;
      const c = copies.get(v);
      if (c !== undefined) {
        ok = c === v;
        continue;
      }
      copies.set(v, v);
      entered.push(v);
      if (isRange(v)) {
        const j = oldIndex(v);
        ok = kept(j) && !shifted(j) && v.cell === newStarts[oldToNew[j]!]!.cell;
      } else eachHeld(v, push);
    }
    if (!ok) for (const v of entered) copies.delete(v);
    return ok;
  };
  return {
    oldIndex,
    newIndex: (r) => locate(newStarts, r, newHint),
    kept,
    newOf: (j) => oldToNew[j]!,
    move: <T>(item: T): T => (!moved || item === null || typeof item !== 'object' || still(item) ? item : (copy(item) as T)),
  };
}

/** Thrown when a carried item turns out to reach into a redone statement: the caller analyzes in full. */
export class RegionsFailed extends Error {}

/**
 * Calls `f` on each object an IR object holds (array items, own properties), with its key. The
 * catalog's entries (`resolved`) are skipped: shared, immutable, and holding no ranges of this file.
 */
export function eachHeld(v: object, f: (x: object, key: number | string) => void): void {
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      const x: unknown = v[i];
      if (x !== null && typeof x === 'object') f(x, i);
    }
    return;
  }
  for (const k in v) {
    const x = (v as Record<string, unknown>)[k];
    if (k !== 'resolved' && x !== null && typeof x === 'object' && Object.prototype.hasOwnProperty.call(v, k)) f(x, k);
  }
}

/** Whether an IR object is a Range (start, end, maybe cell): counted without a key list. */
export function isRange(v: object): v is Range {
  const r = v as Partial<Range>;
  if (typeof r.start !== 'object' || r.start === null || typeof (r.start as Position).line !== 'number' || typeof r.end !== 'object') return false;
  let keys = 0;
  for (const k in v) if (Object.prototype.hasOwnProperty.call(v, k)) keys++;
  return keys <= 3;
}

/**
 * Lists kept in source order, so a partial analysis gives the same order as a whole one: the models
 * (the outline lists them) and the activation sites. The others keep the analysis' order, statement
 * by statement (rules and tests read calls inner-first, losses as extracted).
 */
const SOURCE_ORDERED = ['models', 'activations'] as const;

/** Sorts the IR's lists in source order (stable: items at one range keep the analysis' order). */
export function sortIR(ir: ProgramIR): void {
  for (const list of SOURCE_ORDERED) {
    (ir[list] as { range: Range }[]).sort((a, b) => compareRanges(a.range, b.range));
  }
}

/** The lists of the IR an analysis produces from the facts (the rest comes from the whole facts). */
const LISTS = ['models', 'losses', 'links', 'activationCalls', 'activations', 'exports', 'configs'] as const;
type ListName = (typeof LISTS)[number];

/**
 * Where an item of an IR list is, as a statement index: the previous or this analysis' statement
 * of its range; config classes by the statement defining the class.
 */
type Locate = (list: ListName, item: object) => number;

/**
 * The previous IR's items of the groups not redone (moved with their statements), plus the partial
 * analysis' items, each list in statement order; within a statement, in the order of the analysis
 * that made them (activations: source order, as a whole analysis sorts them).
 *
 * Both parts come in that order already (the previous IR was merged or sorted so, the partial
 * analysis sorted so): the few redone items are slotted in while the carried ones are copied over
 * (carried first on a tie), with no sort. Should a part not be in order, both are sorted as a
 * whole, which gives the same order.
 */
export function mergeIR(previous: ProgramIR, part: ProgramIR, into: ProgramIR, carry: Carry, locateOld: Locate, locateNew: Locate, redone: ReadonlySet<number>): void {
  for (const list of LISTS) {
    // Source order (a range), else statement order (a statement index, `at`).
    const cmp = (SOURCE_ORDERED as readonly string[]).includes(list)
      ? (x: object, _xAt: number, y: object, _yAt: number): number => compareRanges((x as { range: Range }).range, (y as { range: Range }).range)
      : (_x: object, xAt: number, _y: object, yAt: number): number => xAt - yAt;
    // The partial analysis also read the imports and the config classes: their items are carried
    // over instead, and the rules run on the redone statements' items only.
    const own: object[] = [];
    const ownAt: number[] = [];
    for (const item of (part[list] ?? []) as object[]) {
      const s = locateNew(list, item);
      if (!redone.has(s)) continue;
      own.push(item);
      ownAt.push(s);
    }
    if (part[list] !== undefined) (part as unknown as Record<string, unknown>)[list] = own;
    const prev = (previous[list] ?? []) as object[];
    if (carry.keepsAll && own.length === 0) {
      // Nothing redone: the previous list, moved; the same array when no item in it moved (the
      // lists of an IR are never changed once made), so a keystroke allocates nothing per item.
      let moved = prev;
      for (let p = 0; p < prev.length; p++) {
        const item = carry.move(prev[p]!);
        if (item !== prev[p]) (moved === prev ? (moved = prev.slice()) : moved)[p] = item;
      }
      if (previous[list] !== undefined || part[list] !== undefined) (into as unknown as Record<string, unknown>)[list] = moved;
      // Each item in the statement it was in (a cut-off keeps every statement where it was).
      const at = statementsOf.get(prev);
      if (moved !== prev && at) statementsOf.set(moved, at);
      continue;
    }
    // The previous list's statements, when a merge made it (else each item is located by its range).
    const prevAt = statementsOf.get(prev);
    const atOld = prevAt && prevAt.length === prev.length ? prevAt : undefined;
    let ordered = true;
    for (let t = 1; t < own.length && ordered; t++) ordered = cmp(own[t - 1]!, ownAt[t - 1]!, own[t]!, ownAt[t]!) <= 0;
    let out = new Array<object>(prev.length + own.length);
    let outAt = new Array<number>(prev.length + own.length);
    let o = 0;
    let q = 0;
    let last: object | undefined;
    let lastAt = 0;
    for (let p = 0; p < prev.length && ordered; p++) {
      const j = atOld ? atOld[p]! : locateOld(list, prev[p]!);
      if (!carry.kept(j)) continue;
      const item = carry.move(prev[p]!);
      const at = carry.newOf(j);
      if (last !== undefined && cmp(last, lastAt, item, at) > 0) ordered = false;
      last = item;
      lastAt = at;
      while (q < own.length && cmp(own[q]!, ownAt[q]!, item, at) < 0) (outAt[o] = ownAt[q]!), (out[o++] = own[q++]!);
      outAt[o] = at;
      out[o++] = item;
    }
    while (q < own.length) (outAt[o] = ownAt[q]!), (out[o++] = own[q++]!);
    out.length = o;
    outAt.length = o;
    if (!ordered) {
      // Out of order (not seen so far): the carried items and the redone ones, sorted (stable: carried first).
      const all: { item: object; at: number; k: number }[] = [];
      prev.forEach((item, p) => {
        const j = atOld ? atOld[p]! : locateOld(list, item);
        if (carry.kept(j)) all.push({ item: carry.move(item), at: carry.newOf(j), k: all.length });
      });
      own.forEach((item, t) => all.push({ item, at: ownAt[t]!, k: all.length }));
      all.sort((x, y) => cmp(x.item, x.at, y.item, y.at) || x.k - y.k);
      out = all.map((m) => m.item);
      outAt = all.map((m) => m.at);
    }
    statementsOf.set(out, outAt);
    if ((list === 'exports' || list === 'configs') && out.length === 0 && part[list] === undefined && previous[list] === undefined) continue;
    (into as unknown as Record<string, unknown>)[list] = out;
  }
}

/**
 * Per list a merge made: the statement of each item (in the session of the analysis that merged it),
 * so the next merge takes the previous items' statements from here instead of locating every item
 * of the file by its range again (a binary search over the statement starts per item and keystroke).
 * Merged lists are not changed afterwards (a fresh or partial analysis makes new lists).
 */
const statementsOf = new WeakMap<readonly object[], readonly number[]>();

/** Statement locators for IR items, over one session (class names → the statement defining them). */
export function locator(session: ExtractSession, index: (r: Range) => number): Locate {
  let classes: Map<string, number> | undefined;
  return (list, item) => {
    switch (list) {
      case 'exports':
        return index((item as NonNullable<ProgramIR['exports']>[number]).model.range);
      case 'configs': {
        if (!classes) {
          classes = new Map();
          session.statements.forEach((rec, i) => {
            for (const c of rec.classes) if (!classes!.has(c.name)) classes!.set(c.name, i);
          });
        }
        return classes.get((item as { name: string }).name) ?? -1;
      }
      default:
        return index((item as { range: Range }).range);
    }
  };
}
