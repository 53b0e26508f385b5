/**
 * The Markdown of an activation hover, built from the catalog as the site's framework defines it.
 * No `vscode` import: the translator `t` is passed in (vscode.l10n.t in the editor), so this is
 * unit-tested. The command link is the only trusted command: activationLens.plot.
 */
import { derivative, evaluate, getEntry, lookup } from '../core/math';
import type { ActivationEntry, ActivationProperties, Framework, ParamValue } from '../core/math/types';
import type { ActivationSite } from '../core/types';
import { plotMarkdown } from './hoverPlot';

export type Translate = (message: string, ...args: Array<string | number>) => string;

export const PLOT_COMMAND = 'activationLens.plot';

const FRAMEWORK_NAME: Readonly<Record<Framework, string>> = { torch: 'PyTorch', keras: 'Keras', tfjs: 'TensorFlow.js' };

function num(v: number): string {
  if (v === Infinity) return '∞';
  if (v === -Infinity) return '−∞';
  return String(Number(v.toPrecision(6)));
}

export function rangeText(r: ActivationProperties['range']): string {
  return `${r.loClosed ? '[' : '('}${num(r.lo)}, ${num(r.hi)}${r.hiClosed ? ']' : ')'}`;
}

export function propertyList(p: ActivationProperties, t: Translate): string[] {
  const out: string[] = [];
  if (p.identity) out.push(t('identity (no nonlinearity)'));
  if (p.vector) out.push(t('acts on a whole vector axis'));
  out.push(p.monotonic ? t('monotonic') : t('not monotonic'));
  out.push(p.smooth ? t('smooth') : t('not smooth (has kinks)'));
  if (p.zeroCentred) out.push(t('zero-centred'));
  if (p.nonNegative) out.push(t('non-negative output'));
  if (p.bounded) out.push(t('bounded'));
  if (p.saturatesLeft && p.saturatesRight) out.push(t('saturates on both sides'));
  else if (p.saturatesLeft) out.push(t('saturates for x → −∞'));
  else if (p.saturatesRight) out.push(t('saturates for x → +∞'));
  if (p.squashesToProbabilities) out.push(t('outputs probabilities'));
  if (p.logProbabilities) out.push(t('outputs log-probabilities'));
  if (p.selfNormalizing) out.push(t('self-normalizing'));
  if (Number.isFinite(p.maxDerivative)) out.push(t("max |f′| = {0}", num(p.maxDerivative)));
  return out;
}

function showValue(v: ParamValue): string {
  return typeof v === 'string' ? `'${v}'` : typeof v === 'number' ? num(v) : String(v);
}

/** The arguments of the plot command for this site. */
export function plotArgs(site: ActivationSite): { functions: Array<{ id: string; framework: Framework; params: Record<string, ParamValue> }> } {
  return { functions: [{ id: site.id ?? site.name, framework: site.framework, params: { ...site.params } }] };
}

export function plotLink(site: ActivationSite, label: string): string {
  return `[${label}](command:${PLOT_COMMAND}?${encodeURIComponent(JSON.stringify(plotArgs(site)))})`;
}

export interface HoverOptions {
  locale: 'en' | 'zh-cn';
  t: Translate;
  /** Leave the picture out (tests of the text). */
  picture?: boolean;
  /** Leave the plot-panel command link out (clients other than VS Code cannot run it). */
  plotLink?: boolean;
}

const REGISTRY_LABEL: Readonly<Record<string, string>> = {
  'hf-act2fn': 'ACT2FN[{0}]',
  'hf-act2cls': 'ACT2CLS[{0}]',
  'hf-get-activation': 'get_activation({0})',
  'timm-get-act-layer': 'get_act_layer({0})',
  'timm-create-act-layer': 'create_act_layer({0})',
  'timm-get-act-fn': 'get_act_fn({0})',
  'mm-build-activation': 'build_activation_layer(dict(type={0}))',
  'keras-activations-get': 'keras.activations.get({0})',
  'torch-getattr-nn': 'getattr(nn, {0})',
  'torch-getattr-F': 'getattr(F, {0})',
};

/** `GELU(approximate='tanh')`: the name as written, with the parameters set away from that spelling's defaults. */
function choiceLabel(s: ActivationSite): string {
  const resolved = lookup(s.name, s.framework);
  const defaults: Record<string, ParamValue> = { ...(resolved?.params ?? {}) };
  const set = resolved ? Object.entries(s.params).filter(([k, v]) => defaults[k] !== v) : [];
  return `\`${s.name}${set.length ? `(${set.map(([k, v]) => `${k}=${showValue(v)}`).join(', ')})` : ''}\``;
}

/** How the code reaches the value: "default", "passed by `Block(…)` at line 12", "ACT2FN['gelu_new'], config value". */
function choiceVia(s: ActivationSite, t: Translate): string {
  const call = s.from ? `${s.from.text.split('(')[0]}(…)` : '';
  const line = s.from ? s.from.range.start.line + 1 : 0;
  const parts: string[] = [];
  switch (s.via ?? 'written') {
    case 'default':
      parts.push(t('parameter default'));
      break;
    case 'argument':
      parts.push(s.from ? t('passed by `{0}` at line {1}', call, line) : t('passed by a caller'));
      break;
    case 'partial':
      parts.push(t('functools.partial'));
      break;
    case 'config':
      if (s.source) parts.push(t('config value `{0}` in {1}:{2}', s.source.text, baseName(s.source.path), s.source.range.start.line + 1));
      else parts.push(s.from ? t('config value set by `{0}` at line {1}', call, line) : t('config default'));
      break;
    case 'registry':
      break;
    default:
      parts.push(t('written here'));
  }
  if (s.registry) {
    const key = `'${s.registry.key}'`;
    parts.push(t('registry key {0}', `\`${(REGISTRY_LABEL[s.registry.id] ?? '{0}').replace('{0}', key)}\``));
  }
  return parts.join(', ');
}

/** "Resolved here: `GELU` (parameter default) or `SiLU` (passed by `Block(…)` at line 12)". */
export function choiceText(site: ActivationSite, t: Translate): string | undefined {
  const alts = site.alternatives ?? [];
  if ((site.via === undefined || site.via === 'written') && alts.length === 0) return undefined;
  const one = (s: ActivationSite) => `${choiceLabel(s)} (${choiceVia(s, t)})`;
  return `${t('Resolved here')}: ${[site, ...alts].map(one).join(` ${t('or')} `)}`;
}

function baseName(p: string): string {
  return p.slice(p.replace(/\\/g, '/').lastIndexOf('/') + 1);
}

/**
 * A registry lookup whose key the file does not give (`ACT2FN[config.hidden_act]`, the config class
 * in another file out of reach): what it reads, where the key may come from, and the values known.
 */
export function lookupHover(site: ActivationSite, o: HoverOptions): string | undefined {
  const l = site.lookup;
  if (!l || site.id) return undefined;
  const { t } = o;
  const label = (REGISTRY_LABEL[l.registry] ?? '{0}').replace('{0}', l.expression);
  const lines = [`**\`${label}\`** — ${FRAMEWORK_NAME[site.framework]}`, '', t('An activation chosen by a registry key that this file does not give.')];
  if (l.attr) {
    const classes = (l.classes ?? []).map((q) => `\`${q.split('.').pop()}\``).join(', ');
    lines.push('', classes ? t('The key is the config attribute `{0}` of {1}, defined in another file.', l.attr, classes) : t('The key is the config attribute `{0}`.', l.attr));
  }
  const alts = site.alternatives ?? [];
  if (alts.length > 0) lines.push('', `${t('Known values')}: ${alts.map((a) => `${choiceLabel(a)} (${choiceVia(a, t)})`).join(` ${t('or')} `)}`);
  lines.push('', t('Open the folder as a workspace, or run `activation-lens list` on it, to resolve the key through the project.'));
  return lines.join('\n');
}

/** Markdown for one activation site, or undefined when the catalog does not know it. */
export function activationHover(site: ActivationSite, o: HoverOptions): string | undefined {
  const resolved = lookup(site.name, site.framework);
  const entry: ActivationEntry | undefined = (site.id ? getEntry(site.id) : undefined) ?? resolved?.entry;
  if (!entry) return lookupHover(site, o);
  const { t } = o;
  const docs = entry.docs[o.locale] ?? entry.docs.en;
  const binding = resolved && resolved.entry.id === entry.id ? resolved.binding : entry.names.find((n) => n.framework === site.framework);
  const defaults = binding?.defaults ?? {};
  const params: Record<string, ParamValue> = { ...defaults, ...site.params };
  const lines: string[] = [];
  lines.push(`**${entry.displayName}** — ${FRAMEWORK_NAME[site.framework]}`);
  if (binding) lines.push('', '```text', binding.signature, '```');
  if (binding?.deprecated) lines.push('', t('Deprecated: use `{0}`.', binding.deprecated.replacement));
  const choice = choiceText(site, t);
  if (choice) lines.push('', choice);
  if (o.picture !== false && !entry.properties.vector) {
    const f = (x: number) => evaluate(entry, params, x);
    const df = (x: number) => derivative(entry, params, x);
    lines.push('', plotMarkdown(t('{0} and its derivative', entry.displayName), f, df));
  }
  if (o.plotLink !== false) lines.push('', plotLink({ ...site, id: entry.id, params }, t('Open in the plot panel')));
  lines.push('', `${t('Formula')}: \`${docs.formula}\`  `, `${t('Derivative')}: \`${docs.derivative}\`  `);
  lines.push(`${t('Output range')}: \`${rangeText(entry.properties.range)}\`  `);
  lines.push('', `${t('Properties')}: ${propertyList(entry.properties, t).join(', ')}`);
  const shown = entry.params.filter((p) => p.name in params);
  if (shown.length) {
    lines.push('', `${t('Parameters in this file ({0})', FRAMEWORK_NAME[site.framework])}:`);
    for (const p of shown) {
      const v = params[p.name]!;
      const isDefault = p.name in defaults && defaults[p.name] === v;
      const note = isDefault ? t('{0} default', FRAMEWORK_NAME[site.framework]) : t('set here');
      lines.push(`- \`${p.name}\` = \`${showValue(v)}\` (${note}) — ${p.description[o.locale] ?? p.description.en}`);
    }
  }
  lines.push('', docs.summary);
  lines.push('', `${t('When to use')}: ${docs.whenToUse}`);
  return lines.join('\n');
}
