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
   * A carried item as it is now: itself when no carried statement moved, else a copy whose ranges
   * moved with their statements (objects shared between items stay shared). Throws RegionsFailed
   * when the item reaches into a statement that is redone: the regions were wrong, analyze in full.
   */
  move<T>(item: T): T;
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

/** Statement starts (as the user sees them) of a session, in source order, as empty ranges; once per session. */
function starts(session: ExtractSession, doc: SourceDoc): Range[] {
  return (session.starts ??= session.offsets.map((o) => doc.range(o, o)));
}

/** Index of the statement a range lies in: the last one starting at or before it. */
function locate(list: readonly Range[], r: Range): number {
  return lastAtOrBefore(list.length, (i) => compareRanges(list[i]!, r) <= 0);
}

export function carrier(input: { previous: ExtractSession; previousDoc: SourceDoc; session: ExtractSession; doc: SourceDoc }, oldToNew: Int32Array, dirty: ReadonlySet<number>): Carry {
  const oldStarts = starts(input.previous, input.previousDoc);
  const newStarts = starts(input.session, input.doc);
  // Per previous statement: carried (kept, not redone) → how its positions move; else undefined.
  const shifts: ({ line: number; column: number; firstLine: number; cell?: number } | undefined)[] = new Array(oldStarts.length);
  let moved = false;
  for (let j = 0; j < oldStarts.length; j++) {
    const i = oldToNew[j]!;
    if (i < 0 || dirty.has(i)) continue;
    const a = oldStarts[j]!;
    const b = newStarts[i]!;
    const s = { line: b.start.line - a.start.line, column: b.start.column - a.start.column, firstLine: a.start.line, ...(b.cell !== undefined ? { cell: b.cell } : {}) };
    if (s.line !== 0 || s.column !== 0 || b.cell !== a.cell) moved = true;
    shifts[j] = s;
  }
  const oldIndex = (r: Range): number => locate(oldStarts, r);
  // One copy per object for the whole merge, so what items share (a Link's model) stays shared.
  const copies = new Map<object, unknown>();
  const copy = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    const seen = copies.get(v);
    if (seen !== undefined) return seen;
    if (isRange(v)) {
      const j = oldIndex(v);
      const s = j < 0 ? undefined : shifts[j];
      if (!s) throw new RegionsFailed();
      const at = (p: Position): Position => ({ line: p.line + s.line, column: p.line === s.firstLine ? p.column + s.column : p.column });
      const out: Range = { start: at(v.start), end: at(v.end) };
      if (s.cell !== undefined) out.cell = s.cell;
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
    for (const k of Object.keys(v)) {
      const x = (v as Record<string, unknown>)[k];
      // The catalog's entries (`resolved`) are shared, immutable, and hold no ranges of this file.
      out[k] = k === 'resolved' ? x : copy(x);
    }
    return out;
  };
  return {
    oldIndex,
    newIndex: (r) => locate(newStarts, r),
    kept: (j) => j >= 0 && shifts[j] !== undefined,
    newOf: (j) => oldToNew[j]!,
    move: <T>(item: T): T => (moved ? (copy(item) as T) : item),
  };
}

/** Thrown when a carried item turns out to reach into a redone statement: the caller analyzes in full. */
export class RegionsFailed extends Error {}

function isRange(v: object): v is Range {
  const r = v as Partial<Range>;
  return typeof r.start === 'object' && r.start !== null && typeof (r.start as Position).line === 'number' && typeof r.end === 'object' && Object.keys(v).length <= 3;
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
 */
export function mergeIR(previous: ProgramIR, part: ProgramIR, into: ProgramIR, carry: Carry, locateOld: Locate, locateNew: Locate, redone: ReadonlySet<number>): void {
  for (const list of LISTS) {
    const merged: { s: number; item: object; k: number }[] = [];
    let k = 0;
    for (const item of (previous[list] ?? []) as object[]) {
      const j = locateOld(list, item);
      if (!carry.kept(j)) continue;
      merged.push({ s: carry.newOf(j), item: carry.move(item), k: k++ });
    }
    // The partial analysis also read the imports and the config classes: their items are carried
    // over instead, and the rules run on the redone statements' items only.
    const own: object[] = [];
    for (const item of (part[list] ?? []) as object[]) {
      const s = locateNew(list, item);
      if (!redone.has(s)) continue;
      own.push(item);
      merged.push({ s, item, k: k++ });
    }
    if (part[list] !== undefined) (part as unknown as Record<string, unknown>)[list] = own;
    merged.sort((SOURCE_ORDERED as readonly string[]).includes(list) ? (a, b) => compareRanges((a.item as { range: Range }).range, (b.item as { range: Range }).range) || a.k - b.k : (a, b) => a.s - b.s || a.k - b.k);
    const out = merged.map((m) => m.item);
    if ((list === 'exports' || list === 'configs') && out.length === 0 && part[list] === undefined && previous[list] === undefined) continue;
    (into as unknown as Record<string, unknown>)[list] = out;
  }
}

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
