/**
 * What the inlay hints show, as data (the editor words and places them, src/vscode/inlayHints.ts):
 *   defaults  — after an activation call, the parameters it leaves to the framework's default,
 *               spelled as that framework does: `nn.LeakyReLU(` ▸ `negative_slope=0.01`
 *   resolved  — at an activation the analyzer found through a value (a factory argument, a
 *               registry lookup, a partial, a config): the function it resolves to ▸ `GELU(tanh)`
 *   carries   — (mode `all`) at each loss a model output meets: what it receives ▸ `logits`
 * Pure: reads the IR only.
 */
import type { ActivationRef, LossExpects, ProgramIR } from './ir';
import type { ParamValue } from './math/types';
import { agrees, carriesOf, type Carries } from './outline';
import { isCallSite, shownParams, type ShownParam } from './params';
import type { Position, Range } from './types';

export type InlayMode = 'defaults' | 'all' | 'off';

export interface HintAt extends Position {
  cell?: number;
}

export type InlayDatum =
  | {
      kind: 'defaults';
      at: HintAt;
      /** The omitted parameters with the framework's defaults. */
      params: ShownParam[];
      /** Text before the first parameter: '' right after `(`, ', ' after other arguments. */
      prefix: string;
      /** tfjs layers take a config object: wrap the parameters in `{…}` when the call has none. */
      object: 'none' | 'wrap' | 'inside';
      activation: string;
    }
  | {
      kind: 'resolved';
      at: HintAt;
      /** How the value was found (ActivationRef.via: argument, default, partial, registry, config). */
      via: string;
      /** 'GELU(tanh)'; with alternatives: several. */
      choices: string[];
    }
  | {
      kind: 'carries';
      at: HintAt;
      carries: Carries;
      loss: string;
      expects: LossExpects;
      model: string;
      agrees?: boolean;
    };

/** The fields the value-resolution step adds to ActivationRef (optional until it is everywhere). */
type Resolvable = ActivationRef & { via?: unknown; alternatives?: unknown };

function at(r: Range, which: 'start' | 'end', columnDelta = 0): HintAt {
  const p = r[which];
  const out: HintAt = { line: p.line, column: Math.max(0, p.column + columnDelta) };
  if (r.cell !== undefined) out.cell = r.cell;
  return out;
}

function key(p: HintAt): string {
  return `${p.cell ?? ''}:${p.line}:${p.column}`;
}

/** 'GELU(tanh)', 'Leaky ReLU(slope=0.1)', 'ReLU': the catalog name with the params that differ from its defaults. */
export function compactName(ref: Pick<ActivationRef, 'name' | 'resolved' | 'params'>): string {
  const entry = ref.resolved?.entry;
  if (!entry) return ref.name;
  const parts: string[] = [];
  for (const p of entry.params) {
    if (p.name === 'axis' || p.name === 'dim' || p.name === 'variant') continue;
    const v = ref.params[p.name];
    const d = (p as { default?: ParamValue }).default;
    if (v === undefined || v === d) continue;
    if (typeof v === 'number' && !Number.isFinite(v)) continue;
    parts.push(typeof v === 'string' ? v : `${p.name}=${typeof v === 'number' ? Number(v.toPrecision(4)) : v}`);
  }
  return parts.length ? `${entry.displayName}(${parts.join(', ')})` : entry.displayName;
}

function defaultsHint(ir: ProgramIR, ref: ActivationRef): InlayDatum | undefined {
  if (!isCallSite(ref) || !ref.resolved) return undefined;
  // A value-resolved site (`act_layer()` standing for nn.GELU or a caller's nn.ReLU): the call
  // written is not the framework's constructor, so its omitted arguments are not that signature's.
  const via = (ref as Resolvable).via;
  if (typeof via === 'string' && via !== 'written') return undefined;
  const omitted = shownParams(ref, ir.language).filter((p) => !p.given);
  if (omitted.length === 0) return undefined;
  const text = ir.textAt(ref.range);
  if (!text.endsWith(')')) return undefined; // a bare reference (activation=tf.nn.relu), not a call
  const activation = ref.name;
  if (ref.kind === 'tfjs-layer') {
    const last = ref.args.at(-1);
    if (last) return { kind: 'defaults', at: at(last.fullRange, 'end'), params: omitted, prefix: ', ', object: 'inside', activation };
    const inner = text.slice(text.indexOf('(') + 1, -1).trim();
    if (inner === '') return { kind: 'defaults', at: at(ref.range, 'end', -1), params: omitted, prefix: '', object: 'wrap', activation };
    return undefined; // a config that is not an object literal: cannot tell what it sets
  }
  const before = text.slice(0, -1).trimEnd();
  const prefix = before.endsWith('(') || before.endsWith(',') ? (before.endsWith(',') ? ' ' : '') : ', ';
  return { kind: 'defaults', at: at(ref.range, 'end', -1), params: omitted, prefix, object: 'none', activation };
}

function resolvedHint(ref: Resolvable): InlayDatum | undefined {
  const via = typeof ref.via === 'string' ? ref.via : undefined;
  if (!via || via === 'written') return undefined;
  const alts = Array.isArray(ref.alternatives) ? (ref.alternatives as Array<Partial<ActivationRef>>) : [];
  const choices = [ref, ...alts]
    .filter((a): a is ActivationRef => typeof a?.name === 'string' && typeof a.params === 'object' && a.params !== null)
    .map(compactName);
  const unique = [...new Set(choices)];
  if (unique.length === 0) return undefined;
  return { kind: 'resolved', at: at(ref.range, 'end'), via, choices: unique };
}

/** The hints of one file for `mode`, in source order, at most one of each kind per position. */
export function inlayData(ir: ProgramIR, mode: InlayMode): InlayDatum[] {
  if (mode === 'off') return [];
  const out: InlayDatum[] = [];
  const seen = new Set<string>();
  const push = (d: InlayDatum | undefined) => {
    if (!d) return;
    const k = `${d.kind}|${key(d.at)}`;
    if (seen.has(k)) return;
    seen.add(k);
    out.push(d);
  };
  for (const ref of ir.activations) {
    push(resolvedHint(ref));
    push(defaultsHint(ir, ref));
  }
  if (mode === 'all') {
    for (const link of ir.links) {
      if (link.model.opaque && link.applied.length === 0) continue;
      const carries = link.model.outputs[link.outputIndex]?.ambiguous ? ({ kind: 'unknown' } as const) : carriesOf(link);
      if (carries.kind === 'unknown') continue;
      const where = link.via === 'call' ? link.range : link.loss.range;
      const d: InlayDatum = {
        kind: 'carries',
        at: at(where, 'end'),
        carries,
        loss: link.loss.name,
        expects: link.loss.expects,
        model: link.model.name ?? link.model.kind,
      };
      const a = agrees(carries, link.loss.expects);
      if (a !== undefined) d.agrees = a;
      push(d);
    }
  }
  const order = (p: HintAt) => [(p.cell ?? 0), p.line, p.column] as const;
  return out.sort((a, b) => {
    const [x, y] = [order(a.at), order(b.at)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  });
}
