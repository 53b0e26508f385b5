/**
 * Rule metadata for reports: from the rule modules (src/core/rules) when present, with the fixed
 * ids and short names of DESIGN.md as the fallback so SARIF always describes all 14 rules.
 */
import { rules } from '../core/rules';
import type { Severity } from '../core/types';
import { RULE_IDS } from './args';

const SHORT_NAMES: Readonly<Record<string, string>> = {
  ACT001: 'probabilities-into-logits-loss',
  ACT002: 'logits-into-probability-loss',
  ACT003: 'saturating-hidden-activation',
  ACT004: 'single-unit-softmax',
  ACT005: 'missing-nonlinearity',
  ACT006: 'softmax-implicit-dim',
  ACT007: 'double-activation',
  ACT008: 'unknown-activation',
  ACT009: 'leaky-relu-slope',
  ACT010: 'output-activation-loss-mismatch',
  ACT011: 'selu-without-lecun-normal',
  ACT012: 'log-of-softmax',
  ACT013: 'deprecated-activation-api',
  ACT014: 'activation-before-softmax',
};

export interface RuleInfo {
  id: string;
  name: string;
  /** One sentence; falls back to the short name in words. */
  summary: string;
  /** What it does + why is this bad, when the module has docs. */
  help?: string;
  defaultSeverity: Severity;
}

export function ruleInfos(lang: 'en' | 'zh-cn' = 'en'): RuleInfo[] {
  return RULE_IDS.map((id) => {
    const mod = rules.find((r) => r.id === id);
    const name = mod?.name ?? SHORT_NAMES[id];
    const summary = mod?.docs?.summary?.[lang] || mod?.docs?.summary?.en || name.replace(/-/g, ' ');
    const help = mod?.docs ? [mod.docs.whatItDoes, mod.docs.whyBad].filter(Boolean).join('\n\n') : undefined;
    return { id, name, summary, help, defaultSeverity: mod?.defaultSeverity ?? 'warning' };
  });
}
