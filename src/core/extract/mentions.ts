/**
 * Activation choices that are not a direct call of a framework name (src/core/resolve/values.ts
 * says what they stand for): bare references (`act_layer=nn.GELU`, `self.act = F.gelu`, dict
 * values, `activation=tf.nn.softmax`), partials, registry look-ups (`ACT2FN[config.hidden_act]`,
 * `get_act_layer('swish')`, `getattr(nn, 'ReLU')`), calls of parameters (`act_layer()`), names
 * passed on (`Block(act_layer=act_layer)`), and the literal keys those look-ups read from a
 * default or a config. Each becomes an ActivationRef in `ir.activations` with `via` and
 * `alternatives`; one site per name range.
 */
import type { Node } from 'web-tree-sitter';
import type { ActivationRef, ValueVia } from '../ir';
import { getEntry } from '../math';
import type { NameBinding, ParamValue, Resolved } from '../math/types';
import { activationOfQualified, isConfigClass, nameNodeOf, type ActValue, type DictValue } from '../resolve/values';
import { CONFIG_FIELD } from './configs';
import type { Range } from '../types';
import { paramsFor, resolveName } from './activations';
import type { Extraction } from './context';
import type { CallFact, ClassFact } from './facts';
import { findArg, stringValue, toArg, unwrap, type ArgNode, factArgs } from './syntax';
import { activationValue } from './layers';
import { lookupRegistry, type RegistryId } from '../resolve/registries';

function rangeKey(r: Range): string {
  return `${r.cell ?? ''}:${r.start.line}:${r.start.column}:${r.end.line}:${r.end.column}`;
}

/** The catalog resolution of a resolved value (registry keys through the registry's answer). */
function resolvedOf(v: ActValue): Resolved | undefined {
  const hit = v.registry?.hit;
  if (hit) {
    const entry = getEntry(hit.id);
    if (!entry) return undefined;
    const fw = hit.framework;
    const spelling = hit.spelling ?? hit.key;
    const found: NameBinding | undefined =
      entry.names.find((b) => b.framework === fw && b.name === spelling) ??
      entry.names.find((b) => b.framework === fw && b.kind === (fw === 'torch' ? 'torch-module' : fw === 'keras' ? 'keras-string' : 'tfjs-string')) ??
      entry.names.find((b) => b.framework === fw);
    if (!found) return undefined;
    // The registry's own keyword names (mm `dict(type='LeakyReLU', negative_slope=0.2)`) read the arguments.
    const binding: NameBinding = hit.argNames ? { ...found, argNames: { ...(found.argNames ?? {}), ...hit.argNames } } : found;
    return { entry, binding, params: { ...binding.defaults, ...hit.params } };
  }
  if (v.registry || v.lookup) return undefined;
  return resolveName(v.name, v.framework, [v.kind], v.module);
}

/** An IR ref for one resolved value, at a site (`node`, hover on `nameNode`). */
export function refOfValue(ex: Extraction, v: ActValue, node: Node, nameNode: Node, siteArgs: readonly ArgNode[]): ActivationRef {
  const resolved = resolvedOf(v);
  const params: Record<string, ParamValue> = paramsFor(resolved, v.args);
  const ref: ActivationRef = {
    framework: v.framework,
    kind: v.kind,
    name: v.name,
    params,
    nameRange: ex.range(nameNode),
    range: ex.range(node),
    args: siteArgs.map((a) => toArg(ex.doc, a)),
  };
  if (v.qualified) ref.qualified = v.qualified;
  if (resolved) {
    ref.resolved = resolved;
    ref.id = resolved.entry.id;
  }
  if (v.via !== 'written') ref.via = v.via;
  if (v.node.id !== nameNode.id && !within(v.node, node)) ref.valueRange = ex.range(v.node);
  if (v.from) ref.from = ex.range(v.from);
  if (v.registry) ref.registry = { id: v.registry.id, key: v.registry.key, keyRange: ex.range(v.registry.keyNode) };
  if (v.lookup) ref.lookup = v.lookup;
  return ref;
}

function within(inner: Node, outer: Node): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

/** The first value is the site's activation; the others are its alternatives. */
export function refOfValues(ex: Extraction, values: readonly ActValue[], node: Node, nameNode: Node, siteArgs: readonly ArgNode[]): ActivationRef | undefined {
  const [main, ...rest] = values;
  if (!main) return undefined;
  const ref = refOfValue(ex, main, node, nameNode, siteArgs);
  if (ref.via === undefined && main.via === 'written' && rest.length === 0) return ref;
  // The other values, each different from the main one and from each other (same function and params = one).
  const sig = (r: ActivationRef) => `${r.id ?? r.name}|${r.framework}|${JSON.stringify(Object.entries(r.params).sort())}`;
  const seen = new Set([sig(ref)]);
  const alts: ActivationRef[] = [];
  for (const v of rest) {
    // An alternative is located where its value is written (`Block(…, act_layer=nn.SiLU)`).
    const alt = refOfValue(ex, v, v.node, v.node, []);
    if (seen.has(sig(alt))) continue;
    seen.add(sig(alt));
    alts.push(alt);
  }
  if (alts.length > 0) ref.alternatives = alts;
  return ref;
}

const PASS_THROUGH = new Set(['argument_list', 'arguments', 'keyword_argument', 'boolean_operator', 'conditional_expression', 'parenthesized_expression', 'binary_expression', 'ternary_expression']);

/** How a literal key is written where it stands: a parameter default, a caller's argument, a config field. */
export function literalVia(lit: Node): ValueVia {
  const p = lit.parent;
  const t = p?.type;
  if (t === 'default_parameter' || t === 'typed_default_parameter' || t === 'assignment_pattern' || t === 'optional_parameter' || t === 'required_parameter') return 'default';
  // getattr(config, "conv_act", "tanh"): the fallback when the attribute is missing.
  if (t === 'argument_list' && p?.parent?.childForFieldName('function')?.text === 'getattr' && p.namedChildren[2]?.id === lit.id) return 'default';
  if (t === 'keyword_argument' || t === 'argument_list' || t === 'arguments') return 'argument';
  if (t === 'assignment' || t === 'pair') return 'config';
  return 'registry';
}

export class Mentions {
  private readonly seen = new Set<string>();

  constructor(private readonly ex: Extraction) {
    for (const r of ex.ir.activations) this.seen.add(rangeKey(r.nameRange));
  }

  private add(ref: ActivationRef | undefined): void {
    if (!ref) return;
    const k = rangeKey(ref.nameRange);
    if (this.seen.has(k)) return;
    this.seen.add(k);
    this.ex.ir.activations.push(ref);
  }

  /** Literal keys read from elsewhere (a default, a config field, a caller): a site where they are written. */
  private keySites(values: readonly ActValue[], site: Node): void {
    for (const v of values) {
      if ((!v.registry && v.via === 'written') || v.lookup) continue;
      const lit = unwrap(v.node);
      if (lit.type !== 'string' || within(lit, site)) continue;
      const { from: _from, ...rest } = v;
      this.add(refOfValue(this.ex, { ...rest, args: [], via: literalVia(lit) }, lit, lit, []));
    }
  }

  /** Call / subscript nodes that are sites: names inside them (`get_act_layer(act_layer)`) need no site of their own. */
  private readonly siteNodes = new Set<number>();

  private site(values: readonly ActValue[], node: Node, nameNode: Node, siteArgs: readonly ArgNode[]): void {
    if (values.length === 0) return;
    this.add(refOfValues(this.ex, values, node, nameNode, siteArgs));
    this.siteNodes.add(node.id);
    this.keySites(values, node);
  }

  private insideSite(node: Node): boolean {
    if (this.siteNodes.size === 0) return false; // no call of the file was a site (most files): no climb
    let p = node.parent;
    for (let i = 0; p && i < 6; i++, p = p.parent) {
      if (this.siteNodes.has(p.id)) return true;
      if (!PASS_THROUGH.has(p.type) && p.type !== 'call' && p.type !== 'subscript') return false;
    }
    return false;
  }

  /** A site for values resolved by a caller (the literal, or the name that reads it). */
  values(values: readonly ActValue[], node: Node): void {
    this.site(values, node, nameNodeOf(node), []);
  }

  /** A literal key site by the libraries' conventions (see conventionSites). */
  literal(v: ActValue, lit: Node): void {
    this.add(refOfValue(this.ex, v, lit, lit, []));
  }

  /**
   * A Keras / tfjs layer built outside any model (a helper returning `Dense(units, activation=…)`):
   * its `activation` argument is still an activation choice, and a string the framework does not
   * know must reach ACT008.
   */
  layerActivation(call: CallFact): void {
    const { ex } = this;
    const q = call.qualified;
    const fw = ex.facts.dialect === 'js' ? (q?.startsWith('tf.layers.') ? 'tfjs' : undefined) : q?.startsWith('keras.layers.') ? 'keras' : undefined;
    if (!fw || !ex.frameworks.has(fw)) return;
    const act = findArg(factArgs(call, ex.facts.dialect), 'activation', fw === 'keras' && call.name === 'Activation' ? 0 : undefined);
    if (!act) return;
    const v = unwrap(act.value);
    if (this.seen.has(rangeKey(ex.range(nameNodeOf(v))))) return;
    const ref = activationValue(ex, fw, v);
    if (ref) this.add(ref);
  }

  /** Calls that make or look up an activation without naming a framework class at the callee. */
  call(call: CallFact): void {
    const { ex } = this;
    this.layerActivation(call);
    if (call.qualified && activationOfQualified(call.qualified, ex.facts.dialect)) return; // nn.GELU(): the extractors' own sites
    const values = ex.values.activations(call.node);
    if (values.length === 0) return;
    const isPartial = values.every((v) => v.via === 'partial') && values[0]!.form !== 'instance';
    if (isPartial) {
      // partial(nn.GELU, approximate='tanh'): the site is the partial, hovered on the class name.
      const first = call.args.find((a) => a.index === 0);
      this.site(values, call.node, first ? nameNodeOf(first.value) : call.callee, call.args);
      return;
    }
    const registry = values.some((v) => v.registry || v.lookup);
    this.site(values, call.node, registry ? call.node : call.callee, call.args);
  }

  /** Bare references and names passed on. */
  ref(node: Node, qualifies: boolean): void {
    const { ex } = this;
    const parent = node.parent;
    // ACT2FN[...] / ACT2CLS[...]: the subscript is the site.
    if (parent && (parent.type === 'subscript' || parent.type === 'subscript_expression') && (parent.childForFieldName('value') ?? parent.childForFieldName('object'))?.id === node.id) {
      const values = ex.values.activations(parent);
      if (values.some((v) => v.registry || v.lookup)) this.site(values, parent, parent, []);
      return;
    }
    if (!qualifies && this.insideSite(node)) return;
    const values = ex.values.activations(node);
    if (values.length === 0) return;
    if (!qualifies && !values.some((v) => v.via === 'default' || v.via === 'argument' || v.via === 'config')) return;
    this.site(values, node, nameNodeOf(node), []);
  }
}

/**
 * The libraries' own conventions, for keys whose registry call is in another file: in code that
 * imports timm, a parameter / keyword / field named `act_layer` (`*_act_layer`, `gate_layer`) takes
 * a timm activation key (timm passes them all to get_act_layer / create_act_layer); in code that
 * imports transformers, `hidden_act` (`*_hidden_act`, `hidden_activation`, `activation_function`)
 * is a key of ACT2FN. Only keys the registry knows become sites: an unknown string here is left
 * alone (no ACT008 without the look-up itself).
 */
const CONVENTIONS: { registry: RegistryId; lib: RegExp; relative: RegExp; name: RegExp }[] = [
  { registry: 'timm-get-act-layer', lib: /^timm(\.|$)/, relative: /(^|\.)(create_act|layers)\.|\.(get_act_layer|create_act_layer|get_act_fn)$/, name: /^(\w+_)?act_layer$|^gate_layer$/ },
  { registry: 'hf-act2fn', lib: /^transformers(\.|$)/, relative: /(^|\.)(activations|configuration_utils|modeling_utils)\./, name: /^(\w+_)?hidden_act$|^hidden_activation$|^activation_function$/ },
  // OpenMMLab: `act_cfg=dict(type='ReLU')` goes to build_activation_layer in mmcv's bricks.
  { registry: 'mm-build-activation', lib: /^(mmcv|mmengine|mmdet|mmseg|mmpretrain|mmpose|mmdet3d)(\.|$)/, relative: /\.(build_activation_layer|ConvModule|activation)$|(^|\.)bricks\./, name: /^(\w+_)?act_cfg$/ },
];

/** `dict(type='ReLU', inplace=True)` / `{'type': 'ReLU'}` (as the value resolver reads dicts): the type string and the other entries. */
function cfgDict(ex: Extraction, n: Node): { type: Node; params: ArgNode[] } | undefined {
  const d = ex.values.values(n).find((v): v is DictValue => v.t === 'dict' && v.node.id === n.id);
  const type = d?.entries.find((e) => e.name === 'type');
  if (!d || !type || unwrap(type.value).type !== 'string') return undefined;
  return { type: unwrap(type.value), params: d.entries.filter((e) => e.name !== 'type' && e.name !== 'inplace') };
}

function conventionSites(ex: Extraction, m: Mentions): void {
  const imports = ex.facts.imports;
  const active = CONVENTIONS.filter((c) => imports.raw.some((i) => c.lib.test(i.qualified)) || [...imports.relativeImports()].some((q) => c.relative.test(q)));
  if (active.length === 0) return;
  const hf = active.find((c) => c.registry === 'hf-act2fn');
  const considerAs = (c: (typeof CONVENTIONS)[number], value: Node | null | undefined): boolean => {
    if (!value) return false;
    if (c.registry === 'mm-build-activation') {
      const cfg = cfgDict(ex, unwrap(value));
      const key = cfg ? stringValue(cfg.type) : undefined;
      const hit = key !== undefined ? lookupRegistry(c.registry, key) : undefined;
      if (!cfg || key === undefined || !hit) return false;
      const v: ActValue = { t: 'act', form: 'instance', framework: hit.framework, kind: 'torch-module', name: key, args: cfg.params, node: cfg.type, via: literalVia(unwrap(value)), registry: { id: c.registry, key, keyNode: cfg.type, hit } };
      m.literal(v, cfg.type);
      return true;
    }
    const lit = unwrap(value);
    if (lit.type !== 'string') return false;
    const key = stringValue(lit);
    if (key === undefined) return false;
    const hit = lookupRegistry(c.registry, key);
    if (!hit) return false;
    const v: ActValue = { t: 'act', form: 'class', framework: hit.framework, kind: c.registry === 'hf-act2fn' ? 'hf-hidden-act' : 'torch-module', name: key, args: [], node: lit, via: literalVia(lit), registry: { id: c.registry, key, keyNode: lit, hit } };
    m.literal(v, lit);
    return true;
  };
  const consider = (name: string | undefined, value: Node | null | undefined): void => {
    if (!name || !value) return;
    for (const c of active) {
      if (!c.name.test(name)) continue;
      if (considerAs(c, value)) return;
    }
  };
  for (const call of ex.facts.calls) for (const a of call.args) consider(a.name, a.value);
  for (const fn of ex.facts.functionScopes) {
    for (const p of fn.node.childForFieldName('parameters')?.namedChildren ?? []) {
      if (p.type === 'default_parameter' || p.type === 'typed_default_parameter') consider(p.childForFieldName('name')?.text, p.childForFieldName('value'));
    }
  }
  for (const a of ex.facts.assigns) {
    const t = a.targets[0];
    if (a.targets.length !== 1 || !t) continue;
    // A field of a config class (`pooler_act: str = "tanh"`, `self.dense_act_fn = "gelu_new"`):
    // any name that says activation, read through ACT2FN by the modeling code.
    const cls = a.scope.kind === 'class' ? classOfScope(ex, a.scope.node) : /^self\.\w+$/.test(t) ? a.fn?.cls : undefined;
    if (cls && hf && isConfigClass(cls) && CONFIG_FIELD.test(t.split('.').pop()!)) {
      considerAs(hf, a.value);
      continue;
    }
    if (a.scope.kind === 'function') continue;
    consider(t.split('.').pop(), a.value);
  }
}

function classOfScope(ex: Extraction, node: Node): ClassFact | undefined {
  return ex.classOfNode(node);
}

/** torch.nn.Transformer*(…, activation='gelu'): torch reads the string as F.relu / F.gelu. */
const TORCH_TRANSFORMER = /^torch\.nn\.(Transformer|TransformerEncoderLayer|TransformerDecoderLayer)$/;

function transformerActivations(ex: Extraction, m: Mentions): void {
  for (const call of ex.facts.calls) {
    if (!call.qualified || !TORCH_TRANSFORMER.test(call.qualified)) continue;
    const a = call.args.find((x) => x.name === 'activation');
    if (!a) continue;
    const values: ActValue[] = [];
    for (const v of ex.values.values(a.value)) {
      if (v.t === 'str' && (v.value === 'relu' || v.value === 'gelu')) values.push({ t: 'act', form: 'function', framework: 'torch', kind: 'torch-functional', name: v.value, module: 'torch.nn.functional', args: [], node: v.node, via: v.via, ...(v.from ? { from: v.from } : {}) });
    }
    m.values(values, unwrap(a.value));
  }
}

/** Add the sites of every mention the extractors have not recorded. */
export function extractMentions(ex: Extraction): void {
  const m = new Mentions(ex);
  for (const call of ex.facts.calls) m.call(call);
  for (const r of ex.facts.refs) {
    // Through the resolver: the values it is asked next are of the same name (one qualify for both).
    const q = ex.values.qualifyRef(r.node, r.path);
    m.ref(r.node, q !== undefined);
  }
  conventionSites(ex, m);
  transformerActivations(ex, m);
}
