/**
 * The models of one file as a tree, for the "Activation Lens: Models" view: each model → its steps
 * in execution order (name, units, activation with its parameters as resolved) → each output with
 * what it carries → each loss it meets and what that loss expects. Findings are attached to the
 * smallest node whose source range holds them. Each model also carries the plan for "gradient
 * through this model" (its own sequence of widths and activations). Pure data, no strings to
 * translate: the editor words it (src/shared/outlineText.ts).
 */
import { compareRanges, flatLayers, type ActivationRef, type Layer, type LayerKind, type Link, type LossExpects, type Model, type ProgramIR } from './ir';
import type { Framework, ParamValue } from './math/types';
import { shownParams, type ShownParam } from './params';
import { outputHead } from './rules/util/ir';
import type { Finding, Range, Severity, SourceLanguage } from './types';

export interface ActivationInfo {
  /** As written (last segment): 'LeakyReLU', 'relu'. */
  name: string;
  id?: string;
  /** The catalog's name: 'Leaky ReLU'; undefined for a name the catalog does not know. */
  displayName?: string;
  framework: Framework;
  params: ShownParam[];
  /** Canonical params (for the plot and the depth view). */
  canonical: Record<string, ParamValue>;
  range: Range;
}

/** What a model output carries into a loss. */
export type Carries =
  | { kind: 'logits' }
  | { kind: 'probabilities' | 'log-probabilities' | 'other'; activation: string }
  | { kind: 'unknown' };

export interface LayerOutline {
  /** The attribute (`fc2`), the Keras `name=`, else the class name. */
  label: string;
  className: string;
  kind: LayerKind;
  units?: number;
  inFeatures?: number;
  activation?: ActivationInfo;
  /** Written as an activation call in forward()/call() rather than a layer. */
  call: boolean;
  inLoop: boolean;
  gated: boolean;
  range: Range;
  findings: Finding[];
}

export interface LossOutline {
  name: string;
  expects: LossExpects;
  carries: Carries;
  /** Whether what the output carries is what the loss expects; undefined when unknown. */
  agrees?: boolean;
  via: 'compile' | 'call';
  range: Range;
  linkRange: Range;
  findings: Finding[];
}

export interface OutputOutline {
  index: number;
  name?: string;
  carries: Carries;
  /** Several returns give different steps (train / eval): what reaches a loss depends on the mode. */
  ambiguous: boolean;
  range: Range;
  losses: LossOutline[];
  findings: Finding[];
}

export interface PlanLayer {
  /** `fc2 · Sigmoid`. */
  label: string;
  /** Units as written; undefined where the code does not say (the depth view states its default). */
  units?: number;
  activation?: { id: string; framework: Framework; name: string; params: Record<string, ParamValue> };
  /** The step names an activation the catalog does not know (simulated as linear). */
  unknownActivation?: string;
}

/** The gradient-through-this-model simulation: affine steps with the activation that follows each. */
export interface DepthPlan {
  model: string;
  framework: Framework;
  /** Input features of the first affine step when written. */
  inputUnits?: number;
  layers: PlanLayer[];
  /** Steps not simulated (recurrent, attention, embedding, an activation before any affine step). */
  skipped: string[];
}

export interface ModelOutline {
  name: string;
  kind: Model['kind'];
  framework: Framework;
  range: Range;
  nameRange: Range;
  layers: LayerOutline[];
  outputs: OutputOutline[];
  /** Findings on the model itself (not on one of its steps, outputs or losses). */
  findings: Finding[];
  /** All findings on the model and its nodes. */
  problems: number;
  worst?: Severity;
  plan: DepthPlan;
}

const SEVERITY_ORDER: readonly Severity[] = ['error', 'warning', 'information', 'hint'];

export function worstOf(findings: readonly Finding[]): Severity | undefined {
  let best: number | undefined;
  for (const f of findings) {
    const i = SEVERITY_ORDER.indexOf(f.severity);
    if (i >= 0 && (best === undefined || i < best)) best = i;
  }
  return best === undefined ? undefined : SEVERITY_ORDER[best];
}

function activationInfo(ref: ActivationRef, language: SourceLanguage): ActivationInfo {
  const info: ActivationInfo = {
    name: ref.name,
    framework: ref.framework,
    params: shownParams(ref, language),
    canonical: { ...ref.params },
    range: ref.range,
  };
  if (ref.id) info.id = ref.id;
  if (ref.resolved) info.displayName = ref.resolved.entry.displayName;
  return info;
}

/** What the output behind a link carries (after any activation applied on the way to the loss). */
export function carriesOf(link: Pick<Link, 'model' | 'outputIndex' | 'applied'>): Carries {
  const head = outputHead(link as Link);
  if (!head) return { kind: 'unknown' };
  if (head.linear) return { kind: 'logits' };
  const p = head.activation?.resolved?.entry.properties;
  if (!p || !head.activation) return { kind: 'unknown' };
  if (p.identity) return { kind: 'logits' };
  const activation = head.activation.name;
  if (p.logProbabilities) return { kind: 'log-probabilities', activation };
  if (p.squashesToProbabilities) return { kind: 'probabilities', activation };
  return { kind: 'other', activation };
}

export function agrees(carries: Carries, expects: LossExpects): boolean | undefined {
  if (carries.kind === 'unknown') return undefined;
  switch (expects) {
    case 'logits':
      return carries.kind === 'logits';
    case 'probabilities':
      return carries.kind === 'probabilities';
    case 'log-probabilities':
      return carries.kind === 'log-probabilities';
    default:
      return undefined;
  }
}

/** One line, at most 48 characters: a step written as an expression can span lines. */
function oneLine(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > 48 ? `${t.slice(0, 47)}…` : t;
}

function layerLabel(l: Layer): string {
  return oneLine(l.attr ?? l.layerName ?? l.className);
}

/** The depth plan: each affine step starts a simulated layer; the activation after it is its activation. */
export function depthPlan(model: Model): DepthPlan {
  const plan: DepthPlan = { model: model.name ?? model.kind, framework: model.framework, layers: [], skipped: [] };
  const counts = new Map<string, number>();
  const named = (l: Layer): string => {
    if (l.attr ?? l.layerName) return layerLabel(l);
    const n = (counts.get(l.className) ?? 0) + 1;
    counts.set(l.className, n);
    return `${l.className} ${n}`;
  };
  let current: { layer: PlanLayer; base: string; hasActivation: boolean } | undefined;
  const setActivation = (ref: ActivationRef | undefined, from: Layer): void => {
    if (!current || current.hasActivation) {
      plan.skipped.push(ref ? `${layerLabel(from)} · ${ref.name}` : layerLabel(from));
      return;
    }
    current.hasActivation = true;
    if (!ref) return;
    current.layer.label = `${current.base} · ${ref.name}`;
    if (ref.id && ref.resolved) {
      const p = ref.resolved.entry.properties;
      if (!p.identity) {
        current.layer.activation = { id: ref.id, framework: ref.framework, name: ref.name, params: { ...ref.params } };
      }
    } else current.layer.unknownActivation = ref.name;
  };
  for (const l of flatLayers(model)) {
    if (l.kind === 'affine' && l.gated) {
      plan.skipped.push(`${layerLabel(l)} (gate)`); // a branch multiplied in (SwiGLU's w3), not a step of the chain
    } else if (l.kind === 'affine') {
      const base = named(l);
      const layer: PlanLayer = { label: `${base} · linear` };
      if (l.units !== undefined) layer.units = l.units;
      if (plan.layers.length === 0 && l.inFeatures !== undefined) plan.inputUnits = l.inFeatures;
      plan.layers.push(layer);
      current = { layer, base, hasActivation: false };
      if (l.activation) setActivation(l.activation, l);
    } else if (l.kind === 'activation') {
      setActivation(l.activation, l);
    } else if (l.kind === 'recurrent' || l.kind === 'attention' || l.kind === 'embedding' || l.kind === 'container' || (l.kind === 'other' && !/^Input(Layer)?$|^input$/.test(l.className))) {
      plan.skipped.push(layerLabel(l));
    }
    // normalization, dropout, pooling and reshape steps leave the chain as it is
  }
  return plan;
}

interface Slot {
  range: Range;
  findings: Finding[];
}

function contains(r: Range, f: Range): boolean {
  if ((r.cell ?? -1) !== (f.cell ?? -1)) return false;
  const before = (a: Range['start'], b: Range['start']) => a.line < b.line || (a.line === b.line && a.column <= b.column);
  return before(r.start, f.start) && before(f.start, r.end);
}

function size(r: Range): number {
  return (r.end.line - r.start.line) * 10_000 + (r.end.column - r.start.column);
}

/** Each finding goes to the smallest slot whose range holds its start; the rest are returned. */
function attach(findings: readonly Finding[], slots: readonly Slot[]): Finding[] {
  const left: Finding[] = [];
  for (const f of findings) {
    let best: Slot | undefined;
    for (const s of slots) if (contains(s.range, f.range) && (!best || size(s.range) < size(best.range))) best = s;
    if (best) best.findings.push(f);
    else left.push(f);
  }
  return left;
}

/**
 * The tree of the file's models. Left out: opaque models (known only from a loss call), and
 * modules without a single step that meet no loss (a LayerNorm or RMSNorm class, say).
 */
export function buildOutline(ir: ProgramIR, findings: readonly Finding[]): ModelOutline[] {
  const out: ModelOutline[] = [];
  const slots: Slot[] = [];
  for (const model of ir.models) {
    if (model.opaque) continue;
    if (model.layers.length === 0 && !ir.links.some((k) => k.model === model)) continue;
    const layers = flatLayers(model).map((l): LayerOutline => {
      const node: LayerOutline = {
        label: layerLabel(l),
        className: oneLine(l.className),
        kind: l.kind,
        call: l.origin === 'call',
        inLoop: !!l.inLoop,
        gated: !!l.gated,
        range: l.range,
        findings: [],
      };
      if (l.units !== undefined) node.units = l.units;
      if (l.inFeatures !== undefined) node.inFeatures = l.inFeatures;
      if (l.activation) node.activation = activationInfo(l.activation, ir.language);
      return node;
    });
    const outputs = model.outputs.map((o, index): OutputOutline => {
      const losses = ir.links
        .filter((k) => k.model === model && k.outputIndex === index)
        // Source order of the link (the loss call or compile), whatever order the analysis found them in.
        .sort((a, b) => compareRanges(a.range, b.range))
        .map((k): LossOutline => {
          const carries = o.ambiguous ? ({ kind: 'unknown' } as const) : carriesOf(k);
          const node: LossOutline = {
            name: k.loss.name,
            expects: k.loss.expects,
            carries,
            via: k.via,
            range: k.loss.range,
            linkRange: k.range,
            findings: [],
          };
          const a = agrees(carries, k.loss.expects);
          if (a !== undefined) node.agrees = a;
          return node;
        });
      const node: OutputOutline = {
        index,
        carries: o.ambiguous ? { kind: 'unknown' } : carriesOf({ model, outputIndex: index, applied: [] }),
        ambiguous: !!o.ambiguous,
        range: o.range,
        losses,
        findings: [],
      };
      if (o.name) node.name = o.name;
      return node;
    });
    const m: ModelOutline = {
      name: model.name ?? model.kind,
      kind: model.kind,
      framework: model.framework,
      range: model.range,
      nameRange: model.nameRange,
      layers,
      outputs,
      findings: [],
      problems: 0,
      plan: depthPlan(model),
    };
    slots.push(m, ...layers, ...outputs);
    // A loss is reached through its link (the loss call or compile) and defined at its own range.
    for (const o of outputs) {
      for (const loss of o.losses) slots.push({ range: loss.linkRange, findings: loss.findings }, loss);
    }
    out.push(m);
  }
  attach(findings, slots);
  for (const m of out) {
    const all = [
      ...m.findings,
      ...m.layers.flatMap((l) => l.findings),
      ...m.outputs.flatMap((o) => [...o.findings, ...o.losses.flatMap((k) => k.findings)]),
    ];
    m.problems = all.length;
    const w = worstOf(all);
    if (w) m.worst = w;
  }
  return out;
}
