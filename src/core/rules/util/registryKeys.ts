/**
 * ACT008 for registry keys: `ACT2FN["gleu"]`, `get_act_layer('swishh')`,
 * `build_activation_layer(dict(type='GELUU'))`, a config `hidden_act="gleu"` read through ACT2FN —
 * a key the registry does not know, reported on the string literal where the key is written, with
 * "did you mean" in that registry's words.
 *
 * Registries that raise on any unknown key (transformers' ACT2FN/ACT2CLS/get_activation: KeyError;
 * timm's factories: KeyError; keras.activations.get: ValueError) report every unknown key.
 * Registries that also hold other things report only a near miss: mmcv's MODELS (shared with every
 * module type and with the project's own @MODELS.register_module() classes) and getattr on torch.nn /
 * torch.nn.functional (which have many non-activation attributes).
 */
import type { ActivationRef } from '../../ir';
import type { Localized } from '../../math/types';
import { editDistance } from '../../math';
import {
  isOtherAttribute,
  isRegistryKey,
  registryLabel,
  suggestRegistryKeys,
  type RegistryId,
} from '../../resolve/registries';
import type { Range } from '../../types';
import type { RawFinding, RuleContext } from '../types';
import { replace, requote } from './edits';
import { fmt } from './message';

/** The resolve engine's registry fields on a site (ir.ts ActivationRef.registry / alternatives). */
type Site = ActivationRef & {
  registry?: { id: string; key: string; keyRange: Range };
  alternatives?: ActivationRef[];
};

export interface RegistryMessages {
  hfNoKey: Localized;
  timmNoKey: Localized;
  mmNoKey: Localized;
  kerasNoKey: Localized;
  torchNoAttr: Localized;
  didYouMean: Localized;
  fix: Localized;
}

const KNOWN: ReadonlySet<string> = new Set<RegistryId>([
  'hf-act2fn', 'hf-act2cls', 'hf-get-activation', 'timm-get-act-layer', 'timm-create-act-layer', 'timm-get-act-fn',
  'mm-build-activation', 'keras-activations-get', 'torch-getattr-nn', 'torch-getattr-F',
]);

const norm = (s: string) => s.toLowerCase().replace(/[_-]/g, '');

/** Registries that hold more than activations: only a near miss is a typo. */
function nearMissOnly(reg: RegistryId): boolean {
  return reg === 'mm-build-activation' || reg === 'torch-getattr-nn' || reg === 'torch-getattr-F';
}

function baseMessage(reg: RegistryId, m: RegistryMessages): Localized {
  if (reg.startsWith('hf-')) return m.hfNoKey;
  if (reg.startsWith('timm-')) return m.timmNoKey;
  if (reg === 'mm-build-activation') return m.mmNoKey;
  if (reg === 'keras-activations-get') return m.kerasNoKey;
  return m.torchNoAttr;
}

/** Every site and its alternatives (a config value may reach a registry only as an alternative). */
function* allSites(sites: readonly ActivationRef[], depth = 0): Generator<Site> {
  for (const s of sites as readonly Site[]) {
    yield s;
    if (s.alternatives && depth < 4) yield* allSites(s.alternatives, depth + 1);
  }
}

export function registryUnknownKeys(ctx: RuleContext, m: RegistryMessages): RawFinding[] {
  const out: RawFinding[] = [];
  const seen = new Set<string>();
  for (const site of allSites(ctx.ir.activations)) {
    const r = site.registry;
    if (!r || !KNOWN.has(r.id) || r.key === '') continue;
    const reg = r.id as RegistryId;
    if (isRegistryKey(reg, r.key)) continue;
    const at = r.keyRange;
    const where = `${at.cell ?? ''}:${at.start.line}:${at.start.column}`;
    if (seen.has(where)) continue;
    seen.add(where);
    // The closest keys only: 'gleu' → 'gelu' (not also 'relu'); a same-letters key ('Gelu' → 'gelu') alone.
    const score = (s: string) => (norm(s) === norm(r.key) ? -1 : editDistance(s.toLowerCase(), r.key.toLowerCase()));
    let suggestions = suggestRegistryKeys(reg, r.key);
    const best0 = suggestions.length > 0 ? score(suggestions[0]!) : 0;
    suggestions = suggestions.filter((s) => score(s) === best0);
    if (nearMissOnly(reg)) {
      if (isOtherAttribute(reg, r.key)) continue;
      suggestions = suggestions.filter((s) => score(s) <= 1);
      if (suggestions.length === 0) continue;
    }
    const base = fmt(ctx, baseMessage(reg, m), { registry: registryLabel(reg), key: r.key });
    const shown = suggestions.slice(0, 3).map((s) => `'${s}'`).join(', ');
    const message = suggestions.length > 0 ? fmt(ctx, m.didYouMean, { message: base, suggestions: shown }) : base;
    const best = suggestions[0];
    const text = ctx.ir.textAt(at);
    const sameLetters = suggestions.filter((s) => norm(s) === norm(r.key));
    const fix = best && /^['"]/.test(text)
      ? { title: fmt(ctx, m.fix, { name: best }), safe: sameLetters.length === 1 && sameLetters[0] === best, edits: [replace(at, requote(text, best))] }
      : undefined;
    out.push({ message, range: at, ...(fix ? { fix } : {}) });
  }
  return out;
}
