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
import type { ActivationRef } from '../ir';
import { getEntry } from '../math';
import type { NameBinding, ParamValue, Resolved } from '../math/types';
import { activationOfQualified, nameNodeOf, type ActValue } from '../resolve/values';
import type { Range } from '../types';
import { paramsFor, resolveName } from './activations';
import type { Extraction } from './context';
import type { CallFact } from './facts';
import { toArg, unwrap, type ArgNode } from './syntax';

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
    const binding: NameBinding | undefined =
      entry.names.find((b) => b.framework === fw && b.kind === v.kind && b.name === hit.key) ??
      entry.names.find((b) => b.framework === fw && b.kind === (fw === 'torch' ? 'torch-module' : fw === 'keras' ? 'keras-string' : 'tfjs-string')) ??
      entry.names.find((b) => b.framework === fw);
    if (!binding) return undefined;
    return { entry, binding, params: { ...binding.defaults, ...hit.params } };
  }
  if (v.registry) return undefined;
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
    const alt = refOfValue(ex, v, node, nameNode, []);
    if (seen.has(sig(alt))) continue;
    seen.add(sig(alt));
    alts.push(alt);
  }
  if (alts.length > 0) ref.alternatives = alts;
  return ref;
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
      if (!v.registry && v.via === 'written') continue;
      const lit = unwrap(v.node);
      if (lit.type !== 'string' || within(lit, site)) continue;
      this.add(refOfValue(this.ex, { ...v, args: [] }, lit, lit, []));
    }
  }

  private site(values: readonly ActValue[], node: Node, nameNode: Node, siteArgs: readonly ArgNode[]): void {
    if (values.length === 0) return;
    this.add(refOfValues(this.ex, values, node, nameNode, siteArgs));
    this.keySites(values, node);
  }

  /** Calls that make or look up an activation without naming a framework class at the callee. */
  call(call: CallFact): void {
    const { ex } = this;
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
    const registry = values.some((v) => v.registry);
    this.site(values, call.node, registry ? call.node : call.callee, call.args);
  }

  /** Bare references and names passed on. */
  ref(node: Node, qualifies: boolean): void {
    const { ex } = this;
    const parent = node.parent;
    // ACT2FN[...] / ACT2CLS[...]: the subscript is the site.
    if (parent && (parent.type === 'subscript' || parent.type === 'subscript_expression') && (parent.childForFieldName('value') ?? parent.childForFieldName('object'))?.id === node.id) {
      const values = ex.values.activations(parent);
      if (values.some((v) => v.registry)) this.site(values, parent, parent, []);
      return;
    }
    const values = ex.values.activations(node);
    if (values.length === 0) return;
    if (!qualifies && !values.some((v) => v.via === 'default' || v.via === 'argument' || v.via === 'config')) return;
    this.site(values, node, nameNodeOf(node), []);
  }
}

/** Add the sites of every mention the extractors have not recorded. */
export function extractMentions(ex: Extraction): void {
  const m = new Mentions(ex);
  for (const call of ex.facts.calls) m.call(call);
  for (const r of ex.facts.refs) {
    const q = ex.facts.imports.qualify(r.path);
    m.ref(r.node, q !== undefined);
  }
}
