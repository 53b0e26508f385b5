/**
 * The words of the Models view and the inlay hints, from the pure data of src/core/outline.ts and
 * src/core/inlay.ts. No `vscode` import: the translator `t` is passed in (vscode.l10n.t in the
 * editor), so this is unit-tested.
 */
import type { InlayDatum } from '../core/inlay';
import type { LossExpects } from '../core/ir';
import type { Framework } from '../core/math/types';
import type { ActivationInfo, Carries, LayerOutline, LossOutline, ModelOutline, OutputOutline } from '../core/outline';
import type { Finding } from '../core/types';
import type { Translate } from './hoverText';

export interface ItemText {
  label: string;
  description?: string;
  tooltip?: string;
}

const FRAMEWORK: Readonly<Record<Framework, string>> = { torch: 'PyTorch', keras: 'Keras', tfjs: 'TensorFlow.js' };

/** `LeakyReLU(negative_slope=0.01)`, `relu`, `GELU(approximate='none')`. */
export function activationText(a: ActivationInfo): string {
  if (a.params.length === 0) return a.name;
  return `${a.name}(${a.params.map((p) => `${p.name}=${p.value}`).join(', ')})`;
}

/** What an output carries; with a regression loss, an output without activation is a linear output, not logits. */
export function carriesText(c: Carries, t: Translate, expects?: LossExpects): string {
  switch (c.kind) {
    case 'logits':
      return expects === 'regression' ? t('linear output') : t('logits');
    case 'probabilities':
      return t('{0} probabilities', c.activation);
    case 'log-probabilities':
      return t('{0} log-probabilities', c.activation);
    case 'other':
      return t('{0} outputs', c.activation);
    default:
      return t('unknown');
  }
}

export function expectsText(e: LossExpects, t: Translate): string {
  switch (e) {
    case 'logits':
      return t('logits');
    case 'probabilities':
      return t('probabilities');
    case 'log-probabilities':
      return t('log-probabilities');
    case 'regression':
      return t('real values (regression)');
    default:
      return t('its own input');
  }
}

function problems(n: number, t: Translate): string {
  return n === 1 ? t('1 problem') : t('{0} problems', n);
}

export function modelText(m: ModelOutline, t: Translate): ItemText {
  const kind = m.kind === 'sequential' ? t('sequential') : m.kind === 'functional' ? t('functional') : t('subclass');
  const parts = [`${FRAMEWORK[m.framework]} ${kind}`, m.layers.length === 1 ? t('1 step') : t('{0} steps', m.layers.length)];
  if (m.problems > 0) parts.push(problems(m.problems, t));
  return { label: m.name, description: parts.join(' · ') };
}

export function layerText(l: LayerOutline, t: Translate): ItemText {
  const parts: string[] = [];
  if (l.label !== l.className) parts.push(l.className);
  if (l.kind === 'affine') {
    if (l.units !== undefined) parts.push(l.inFeatures !== undefined ? `${l.inFeatures} → ${l.units}` : t('{0} units', l.units));
    parts.push(l.activation ? activationText(l.activation) : t('linear'));
  } else if (l.activation) {
    parts.push(activationText(l.activation));
  }
  if (l.inLoop) parts.push(t('in a loop'));
  if (l.gated) parts.push(t('gate'));
  const tips: string[] = [];
  if (l.activation?.displayName) {
    tips.push(`${l.activation.displayName}: ${activationText(l.activation)}`);
    const defaults = l.activation.params.filter((p) => !p.given).map((p) => p.name);
    if (defaults.length) tips.push(t('Framework defaults (not written): {0}', defaults.join(', ')));
  } else if (l.activation) {
    tips.push(t('{0} is not an activation the catalog knows.', l.activation.name));
  }
  tips.push(...l.findings.map(findingLine));
  return { label: l.label, description: parts.join(' · '), ...(tips.length ? { tooltip: tips.join('\n') } : {}) };
}

export function outputText(o: OutputOutline, t: Translate): ItemText {
  const label = o.name ? t('output {0}', o.name) : t('output');
  const description = o.ambiguous ? t('depends on the code path (several returns)') : carriesText(o.carries, t);
  return { label, description };
}

export function lossText(k: LossOutline, t: Translate): ItemText {
  const parts = [t('expects {0}', expectsText(k.expects, t))];
  if (k.agrees === false) parts.push(t('receives {0}', carriesText(k.carries, t, k.expects)));
  const tooltip = [
    t('{0} expects {1}; the model output reaching it carries {2}.', k.name, expectsText(k.expects, t), carriesText(k.carries, t, k.expects)),
    ...k.findings.map(findingLine),
  ].join('\n');
  return { label: k.name, description: parts.join(' · '), tooltip };
}

function findingLine(f: Finding): string {
  return `${f.rule}: ${f.message}`;
}

export function findingText(f: Finding): ItemText {
  return { label: f.rule, description: f.message, tooltip: findingLine(f) };
}

/** Why the view is empty. */
export function emptyMessage(reason: 'no-editor' | 'disabled' | 'no-models' | 'not-analyzed', file: string, t: Translate): string {
  switch (reason) {
    case 'no-editor':
      return t('Open a Python, JavaScript or TypeScript file or a Jupyter notebook to see its models here.');
    case 'disabled':
      return t('Activation Lens is turned off for {0} (activationLens.enable).', file);
    case 'not-analyzed':
      return t('{0} could not be analyzed: see the Activation Lens output channel.', file);
    default:
      return t('No models in {0}. The view lists nn.Sequential and nn.Module models, Keras Sequential, functional and subclassed models, and tf.sequential / tf.model models, with the losses they meet.', file);
  }
}

/** The label and tooltip of one inlay hint. */
export function hintText(d: InlayDatum, t: Translate): { label: string; tooltip: string } {
  switch (d.kind) {
    case 'defaults': {
      const inner = d.params.map((p) => (d.object === 'none' ? `${p.name}=${p.value}` : `${p.name}: ${p.value}`)).join(', ');
      const label = d.object === 'wrap' ? `{${inner}}` : `${d.prefix}${inner}`;
      return { label, tooltip: t('Not written: the default {0} uses.', d.activation) };
    }
    case 'resolved':
      return { label: `▸ ${d.choices.join(' | ')}`, tooltip: t('The activation this resolves to (found through: {0}).', d.via) };
    case 'carries':
      return {
        label: `▸ ${carriesText(d.carries, t, d.expects)}`,
        tooltip: t('{0} receives the output of {1}: {2}. It expects {3}.', d.loss, d.model, carriesText(d.carries, t, d.expects), expectsText(d.expects, t)),
      };
  }
}
