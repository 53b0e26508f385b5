/**
 * Incremental analysis after the walk (issue 14): which top-level statements an edit can change
 * the analysis of, and the facts of just those statements (carry.ts carries the rest over).
 *
 * Everything after the walk (models, losses, value resolution, rules) reads across definitions —
 * a parameter's value comes from its callers, a model from a class defined elsewhere, a loss from
 * an assignment three functions away — through **names**: a statement reaches another one by
 * naming what that one defines (a module-level name, a function or class at any depth). From the
 * changed and removed statements, a walk over a name index collects every statement that mentions
 * a name one of them defines or defines a name one of them mentions; those are analyzed again.
 *
 * What the name graph does not carry is made explicit: the whole-file lookup by name of
 * bindings.ts is logged per statement (StatementLog) and seeded with the values the carried
 * statements bind; config classes (read by every registry lookup) and imports (read everywhere)
 * go into every partial analysis, and an edited config class redoes the registry lookups, an
 * edited import everything. Anything unusual — another framework set, other options, statements
 * that changed order, a syntax error, a previous result cut short — means a full analysis.
 *
 * bench/identity.mjs --edits N checks the property over any corpus: after random edits the
 * incremental result equals a fresh analysis, views included (and test/unit/analyze/incremental.test.ts on ours).
 */
import type { Node } from 'web-tree-sitter';
import type { Loss, Model } from '../ir';
import type { BindingWatch } from './bindings';
import type { SourceDoc } from '../parse/source';
import { isConfigClass } from '../resolve/values';
import { registryForCall, registryForSubscript } from '../resolve/registries';
import { appendFactLists, type Facts } from './facts';
import type { ImportTable } from './imports';
import { carrier, lastAtOrBefore, RegionsFailed, type Carry } from './carry';
import { sameLoss } from './context';
import { peekText } from './cutoff';
import { settle, type ExtractSession } from './incremental';
import type { StatementFacts } from './walk';

/** A statement's reach in the name graph (computed once per statement facts, kept while they are). */
interface Reach {
  /** Names it defines: module-level names, functions and classes at any depth, methods (but the framework's hooks). */
  defines: string[];
  /** Every identifier it mentions (and identifier-like string contents: `activation="my_act"`). */
  uses: Set<string>;
  /** Names it assigns anywhere (locals too), and their roots: what it may bind a model or loss to (see StatementLog). */
  binds: Set<string>;
  /** A true import (`import`, `from … import`, `require`), not a module-level alias of a framework name. */
  isImport: boolean;
  config: boolean;
  registry: boolean;
}

const reachOf = new WeakMap<StatementFacts, Reach>();

const IDENT = new Set(['identifier', 'shorthand_property_identifier', 'shorthand_property_identifier_pattern', 'type_identifier']);
const STRING_TEXT = new Set(['string_content', 'string_fragment']);
const DEFINITION = new Set(['function_definition', 'class_definition', 'function_declaration', 'generator_function_declaration', 'class_declaration', 'method_definition']);
/**
 * Methods every model class defines, called through the framework (`model(x)` runs `forward`),
 * not by name from other definitions: as "defined names" they would join every class of a file.
 */
const HOOKS = new Set(['__init__', 'forward', 'call', 'build', 'constructor', 'get_config', 'from_config', 'getConfig', 'getClassName', 'compute_output_shape', 'computeOutputShape', 'extra_repr', 'reset_parameters', 'init_weights', '_init_weights', 'train_step', 'test_step', 'predict_step', 'training_step', 'validation_step', 'configure_optimizers', '__call__', '__repr__', '__str__', 'setup']);
const IDENTIFIER_LIKE = /^[A-Za-z_$][\w$]*$/;
/** Whether the name index counts a string as a use of the name it spells (`getattr(nn, 'GELU')`, registry keys). */
export function stringNames(s: string): boolean {
  return s.length < 64 && IDENTIFIER_LIKE.test(s);
}

function reach(rec: StatementFacts, imports: ImportTable): Reach {
  const hit = reachOf.get(rec);
  if (hit) return hit;
  settle(rec.node);
  const uses = new Set<string>();
  const defines = new Set<string>(rec.declared);
  const stack: Node[] = [rec.node];
  while (stack.length > 0) {
    const n = stack.pop()!;
    const t = n.type;
    // Read without flagging (cutoff.ts): the index is made again for a statement an edit changes.
    if (IDENT.has(t)) uses.add(peekText(n));
    else if (STRING_TEXT.has(t)) {
      const s = peekText(n);
      if (stringNames(s)) uses.add(s);
    } else if (DEFINITION.has(t)) {
      const name = n.childForFieldName('name');
      const text = name ? peekText(name) : '';
      if (name && !HOOKS.has(text)) defines.add(text);
    }
    const cs = n.children;
    for (let i = cs.length - 1; i >= 0; i--) stack.push(cs[i]!);
  }
  const binds = new Set<string>();
  // The names bound are the targets themselves (`window.model = …` binds `window.model`, looked up
  // as such where `window` is declared nowhere); their roots too, as before.
  for (const a of rec.assigns) for (const t of a.targets) binds.add(t).add(t.split('.')[0]!);
  let registry = rec.calls.some((c) => c.name === 'getattr' || (c.qualified !== undefined && registryForCall(c.qualified) !== undefined));
  if (!registry) {
    for (const u of uses) {
      const q = imports.qualify([u]);
      if (q && registryForSubscript(q)) {
        registry = true;
        break;
      }
    }
  }
  const r: Reach = {
    defines: [...defines],
    uses,
    binds,
    // Imports the module-level import table holds, and nothing else: no call (but `require`), no definition.
    isImport: rec.imports.length > 0 && rec.imports.every((i) => !i.alias) && rec.calls.every((c) => c.name === 'require') && rec.functionScopes.length === 0 && rec.classes.length === 0,
    config: rec.classes.some(isConfigClass),
    registry,
  };
  reachOf.set(rec, r);
  return r;
}

/** What a partial analysis needs: the statements to analyze again and how to carry the rest over. */
export interface Regions {
  /** New statement indices whose analysis is redone (their groups). */
  dirty: Set<number>;
  /** The facts of those statements, of the imports and of the config classes, for the passes after the walk. */
  facts: Facts;
  /** Carries the previous analysis' items over. */
  carry: Carry;
  /** The values bound in the statements carried over, for the whole-file lookup by name (bindings.ts). */
  seeded: { models: Map<string, { value: Model; pos: number }[]>; losses: Map<string, { value: Loss; pos: number }[]> };
  /** Per new statement: its log carried over (moved), undefined for the statements redone. */
  logs: (StatementLog | undefined)[];
}

/** Per statement: the names its analysis bound to models / losses, and looked up by name in the whole file. */
export interface StatementLog {
  /** What it looked up by name in the whole file, per kind (consultKey): a lookup of models is not answered by a loss bound to the name. */
  consults: Set<string>;
  binds: { kind: 'models' | 'losses'; name: string; value: Model | Loss; rel: number }[];
}

type BindKind = StatementLog['binds'][number]['kind'];
const KINDS: readonly BindKind[] = ['models', 'losses'];

/** The key of a whole-file lookup of `name` among the values of one kind. */
function consultKey(kind: BindKind, name: string): string {
  return kind === 'models' ? name : `losses:${name}`;
}

/** Collects the logs of one analysis, by statement (program offsets of the statements' starts). */
export class Recorder {
  readonly logs: (StatementLog | undefined)[];
  constructor(private readonly offsets: readonly number[]) {
    this.logs = new Array(offsets.length);
  }

  /** The log of the statement at program offset `pos` (made on first use), and that statement's start. */
  logAt(pos: number): { log: StatementLog; start: number } | undefined {
    const o = this.offsets;
    const i = lastAtOrBefore(o.length, (k) => o[k]! <= pos);
    if (i < 0) return undefined;
    const log = (this.logs[i] ??= { consults: new Set(), binds: [] });
    return { log, start: o[i]! };
  }

  watch<T extends Model | Loss>(kind: 'models' | 'losses', seeded?: Map<string, { value: T; pos: number }[]>): BindingWatch<T> {
    return new RecorderWatch<T>(this, kind, seeded);
  }
}

/**
 * A Recorder's watch of one kind, as an object with methods: closures made per analysis were new
 * functions each time, and V8 compiled the calls into them again on most analyses.
 */
class RecorderWatch<T extends Model | Loss> implements BindingWatch<T> {
  constructor(
    private readonly recorder: Recorder,
    private readonly kind: BindKind,
    readonly seeded: Map<string, { value: T; pos: number }[]> | undefined,
  ) {}

  bound(name: string, value: T, pos: number): void {
    const at = this.recorder.logAt(pos);
    at?.log.binds.push({ kind: this.kind, name, value, rel: pos - at.start });
  }

  consulted(name: string, pos: number): void {
    this.recorder.logAt(pos)?.log.consults.add(consultKey(this.kind, name));
  }
}

export interface RegionInput {
  previous: ExtractSession;
  previousDoc: SourceDoc;
  session: ExtractSession;
  doc: SourceDoc;
  facts: Facts;
  /** New statement index → index in the previous session, or -1 (a new or changed statement). */
  matched: readonly number[];
}

/** Above this share of statements to redo, a full analysis is simpler and no slower. */
const MAX_DIRTY_SHARE = 0.6;

/**
 * The name graph of a session's statements, handed on from session to session and updated for the
 * statements that left and came, so a keystroke goes over neither every identifier nor every
 * statement of the file again.
 */
export interface NameIndex {
  /** Name → the statements defining / mentioning it. */
  definers: Map<string, Set<StatementFacts>>;
  users: Map<string, Set<StatementFacts>>;
  /** The config classes and registry lookups. */
  configLike: Set<StatementFacts>;
  /** Imports and config classes: in every partial analysis. */
  always: Set<StatementFacts>;
  /** Name → the statements whose last analysis looked it up in the whole file (their logs' consults). */
  consulters: Map<string, Set<StatementFacts>>;
  /** Per statement: the consults entered in `consulters` (its log's set, which the logs carried over share). */
  consulted: Map<StatementFacts, ReadonlySet<string>>;
  /** Per statement: its index in the session. */
  position: Map<StatementFacts, number>;
}

function indexAdd(index: NameIndex, rec: StatementFacts, imports: ImportTable): void {
  const r = reach(rec, imports);
  if (r.isImport || r.config) index.always.add(rec);
  if (r.isImport) return;
  for (const d of r.defines) (index.definers.get(d) ?? index.definers.set(d, new Set()).get(d)!).add(rec);
  for (const u of r.uses) (index.users.get(u) ?? index.users.set(u, new Set()).get(u)!).add(rec);
  if (r.config || r.registry) index.configLike.add(rec);
}

function indexRemove(index: NameIndex, rec: StatementFacts, imports: ImportTable): void {
  const r = reach(rec, imports);
  for (const d of r.defines) index.definers.get(d)?.delete(rec);
  for (const u of r.uses) index.users.get(u)?.delete(rec);
  index.configLike.delete(rec);
  index.always.delete(rec);
  index.position.delete(rec);
  unconsult(index, rec);
}

function unconsult(index: NameIndex, rec: StatementFacts): void {
  const names = index.consulted.get(rec);
  if (!names) return;
  for (const name of names) index.consulters.get(name)?.delete(rec);
  index.consulted.delete(rec);
}

/**
 * The name index handed on to `session`, whose statements are the previous ones but for some,
 * matched by identity (extract/cutoff.ts carries a whole analysis over).
 */
export function nameIndex(previous: ExtractSession, session: ExtractSession, imports: ImportTable): NameIndex {
  const old = previous.statements;
  const recs = session.statements;
  const at = previous.index?.position;
  const oldToNew = new Int32Array(old.length).fill(-1);
  const matched: number[] = new Array(recs.length).fill(-1);
  for (let i = 0; i < recs.length; i++) {
    const j = at ? at.get(recs[i]!) : i < old.length && old[i] === recs[i] ? i : undefined;
    if (j === undefined || old[j] !== recs[i]) continue;
    oldToNew[j] = i;
    matched[i] = j;
  }
  const removed: number[] = [];
  for (let j = 0; j < old.length; j++) if (oldToNew[j] === -1) removed.push(j);
  const added: number[] = [];
  for (let i = 0; i < recs.length; i++) if (matched[i] === -1) added.push(i);
  return updateIndex(previous, session, imports, matched, oldToNew, removed, added);
}

/**
 * The name index of the new session: the previous one's (built over the previous statements when it
 * has none), less the statements that left (`removed`, previous indices), plus those that came
 * (`added`, new indices). The consults are those of the previous analysis' logs of the statements
 * kept: a statement redone since it was indexed has a new log, found by its consults set.
 */
function updateIndex(previous: ExtractSession, session: ExtractSession, imports: ImportTable, matched: readonly number[], oldToNew: Int32Array, removed: readonly number[], added: readonly number[]): NameIndex {
  const old = previous.statements;
  const recs = session.statements;
  let index = previous.index;
  previous.index = undefined;
  if (!index) {
    index = { definers: new Map(), users: new Map(), configLike: new Set(), always: new Set(), consulters: new Map(), consulted: new Map(), position: new Map() };
    for (let j = 0; j < old.length; j++) {
      indexAdd(index, old[j]!, imports);
      index.position.set(old[j]!, j);
    }
  }
  for (const j of removed) indexRemove(index, old[j]!, imports);
  for (const i of added) indexAdd(index, recs[i]!, imports);
  // Positions: the kept statements keep theirs when no statement came or left before them.
  let shifted = recs.length !== old.length;
  for (let i = 0; i < recs.length && !shifted; i++) if (matched[i]! >= 0 && matched[i] !== i) shifted = true;
  if (shifted) {
    index.position.clear();
    for (let i = 0; i < recs.length; i++) index.position.set(recs[i]!, i);
  } else for (const i of added) index.position.set(recs[i]!, i);
  const logs = previous.logs ?? [];
  for (let j = 0; j < old.length; j++) {
    if (oldToNew[j]! < 0) continue;
    const rec = old[j]!;
    const names = logs[j]?.consults;
    if (index.consulted.get(rec) === names) continue;
    unconsult(index, rec);
    if (!names) continue;
    index.consulted.set(rec, names);
    for (const name of names) (index.consulters.get(name) ?? index.consulters.set(name, new Set()).get(name)!).add(rec);
  }
  session.index = index;
  return index;
}

/**
 * The regions of a re-analysis, or undefined when it must be a full one. Never throws on odd input:
 * anything it cannot vouch for returns undefined. Goes over the statements that changed, not over
 * all of them (but for a few loops that allocate nothing): it runs on every keystroke. `maxDirty`:
 * undefined as well when more statements than that are to be redone (the caller has a cheaper way);
 * given `large`, the groups are then still collected into it (a cut-off that patched numbers runs
 * the rules of those groups again: cutoff.ts). `seeds`: new statements to start from as if they
 * had changed (a statement patched before the walk is its old record: leafpatch.ts).
 */
export function regions(input: RegionInput, maxDirty = Infinity, large?: { dirty?: Set<number> }, seeds: readonly number[] = []): Regions | undefined {
  const { previous, session, facts, matched } = input;
  const n = session.statements.length;
  const old = previous.statements;
  const oldLogs = previous.logs;
  if (!oldLogs || previous.offsets.length !== old.length || session.offsets.length !== n || oldLogs.length !== old.length) return undefined;
  const oldToNew = new Int32Array(old.length).fill(-1);
  let last = -1;
  for (let i = 0; i < n; i++) {
    const j = matched[i]!;
    if (j < 0) continue;
    // Statements that changed order: "before" / "after" between definitions changed. Full analysis.
    if (j <= last) return undefined;
    last = j;
    // Kept, but walked again (its context changed): its facts are new, so it is redone.
    if (session.statements[i] !== old[j]) continue;
    oldToNew[j] = i;
  }
  const recs = session.statements;
  /** New statement i is the previous one, unchanged and not walked again (its facts and log hold). */
  const unchanged = (i: number): boolean => matched[i]! >= 0 && oldToNew[matched[i]!] === i;
  const removed: number[] = [];
  for (let j = 0; j < old.length; j++) if (oldToNew[j] === -1) removed.push(j);
  const added: number[] = [];
  for (let i = 0; i < n; i++) if (!unchanged(i)) added.push(i);
  for (const i of added) if (reach(recs[i]!, facts.imports).isImport) return undefined;
  for (const j of removed) if (reach(old[j]!, facts.imports).isImport) return undefined;
  const index = updateIndex(previous, session, facts.imports, matched, oldToNew, removed, added);

  // Config classes are read by every registry lookup (is the attribute a field of a config class of
  // this file?): their facts go into every partial analysis, and an edited config class redoes the
  // statements with registry lookups.
  const configEdited = added.some((i) => reach(recs[i]!, facts.imports).config) || removed.some((j) => reach(old[j]!, facts.imports).config);

  // The groups the edit reaches: from the changed and removed statements, through the names they
  // define and mention (both ways), the whole-file lookups (a statement carried over that looked a
  // name up in the whole file is redone when a statement redone binds that name, or bound it
  // before: its answer may change), and config classes with registry lookups.
  const dirty = new Set<number>();
  const seen = new Set<StatementFacts>();
  const queue: { rec: StatementFacts; j: number }[] = [];
  // j: the statement's index in the previous session (its log), -1 for a new one.
  const visit = (rec: StatementFacts, j?: number): void => {
    if (seen.has(rec) || reach(rec, facts.imports).isImport) return;
    seen.add(rec);
    const i = index.position.get(rec);
    if (i !== undefined) dirty.add(i);
    queue.push({ rec, j: j ?? (i !== undefined ? matched[i]! : -1) });
  };
  for (const i of added) visit(recs[i]!, matched[i]!);
  for (const i of seeds) visit(recs[i]!, matched[i]!);
  for (const j of removed) visit(old[j]!, j);
  const limit = Math.min(MAX_DIRTY_SHARE * n, large ? Infinity : maxDirty);
  // A whole-file lookup answers the one value bound to the name anywhere (bindings.ts unique): when
  // the statements carried over already bind two different values to it (up to the kind's sameness),
  // the answer is "none" whatever the statements redone bind, and those who looked it up need not be
  // redone for it. In a file of many `buildModelN()` each binding its own `model`, an edit in one of
  // them otherwise redid every function that looks `model` up (tfjs 5,000 lines: 124 statements).
  // Whether the carried ones still differ depends on the final regions: checked again at the end.
  const held = new Map<string, { kind: BindKind; name: string }>();
  const open = new Set<string>();
  const differ = (kind: BindKind, name: string): boolean => {
    let first: Model | Loss | undefined;
    for (let j = 0; j < old.length; j++) {
      const log = oldLogs[j];
      if (!log || log.binds.length === 0 || oldToNew[j]! < 0 || dirty.has(oldToNew[j]!)) continue;
      for (const b of log.binds) {
        if (b.kind !== kind || b.name !== name) continue;
        if (first === undefined) first = b.value;
        else if (!(kind === 'models' ? first === b.value : sameLoss(first as Loss, b.value as Loss))) return true;
      }
    }
    return false;
  };
  const bound = (kind: BindKind, name: string): void => {
    const key = consultKey(kind, name);
    const cs = index.consulters.get(key);
    if (!cs || cs.size === 0 || held.has(key)) return;
    if (!open.has(key) && differ(kind, name)) held.set(key, { kind, name });
    else for (const c of cs) visit(c);
  };
  for (;;) {
    while (queue.length > 0) {
      if (dirty.size > limit) return undefined;
      const { rec, j } = queue.pop()!;
      const r = reach(rec, facts.imports);
      for (const u of r.uses) for (const d of index.definers.get(u) ?? []) visit(d);
      for (const d of r.defines) {
        for (const x of index.users.get(d) ?? []) visit(x);
        for (const x of index.definers.get(d) ?? []) visit(x);
      }
      if (configEdited && (r.config || r.registry)) for (const x of index.configLike) visit(x);
      if (index.consulters.size > 0) {
        for (const name of r.binds) for (const kind of KINDS) bound(kind, name);
        if (j >= 0) for (const b of oldLogs[j]?.binds ?? []) bound(b.kind, b.name);
      }
    }
    // The lookups held back: still answered "none" by what is carried over now? Else their
    // statements are redone after all (and the regions grow from them).
    let grown = false;
    for (const [key, { kind, name }] of held) {
      if (differ(kind, name)) continue;
      held.delete(key);
      open.add(key);
      for (const c of index.consulters.get(key) ?? []) visit(c);
      grown = true;
    }
    if (!grown) break;
  }
  if (dirty.size > limit) return undefined;
  if (dirty.size > maxDirty) {
    if (large) large.dirty = dirty;
    return undefined;
  }

  // The partial analysis reads the redone statements, the imports and the config classes, in statement order.
  const include = [...dirty];
  for (const rec of index.always) {
    const i = index.position.get(rec);
    if (i !== undefined && !dirty.has(i)) include.push(i);
  }
  include.sort((a, b) => a - b);
  const carry = carrier(input, oldToNew, dirty);
  // The statements carried over keep their logs (values moved: as they are when nothing moved), and
  // seed the whole-file lookup.
  const seeded: Regions['seeded'] = { models: new Map(), losses: new Map() };
  const logs: (StatementLog | undefined)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    if (dirty.has(i)) continue;
    const log = oldLogs[matched[i]!];
    if (!log) continue;
    let binds: StatementLog['binds'] | undefined;
    for (let k = 0; k < log.binds.length; k++) {
      const b = log.binds[k]!;
      // A value made in a statement that is redone cannot be carried: the regions were wrong.
      if (!carry.kept(carry.oldIndex(b.value.range))) throw new RegionsFailed();
      const value = carry.move(b.value);
      if (value !== b.value) binds ??= log.binds.slice(0, k);
      binds?.push(value === b.value ? b : { ...b, value });
      const byName = seeded[b.kind] as Map<string, { value: Model | Loss; pos: number }[]>;
      const list = byName.get(b.name) ?? byName.set(b.name, []).get(b.name)!;
      list.push({ value, pos: session.offsets[i]! + b.rel });
    }
    logs[i] = binds ? { consults: log.consults, binds } : log;
  }
  return { dirty, facts: subsetFacts(facts, session.statements, include), carry, seeded, logs };
}

/** The walk's facts restricted to some statements (`include`: their indices, in order); tables by node and scope stay whole. */
function subsetFacts(facts: Facts, statements: readonly StatementFacts[], include: readonly number[]): Facts {
  const sub: Facts = { ...facts, calls: [], assigns: [], classes: [], comments: [], functionScopes: [], returns: [], refs: [] };
  for (const i of include) {
    const rec = statements[i]!;
    settle(rec.node);
    appendFactLists(sub, rec);
  }
  return sub;
}
