/**
 * The extension's settings as plain data: defaults, types and the mapping to analyze() options.
 * No `vscode` import here, so a unit test can compare these defaults with package.json's.
 * `settings.ts` reads the values per document; nothing here is cached.
 */
import type { AnalyzeOptions, RuleConfig, Severity } from '../core/types';

export const RULE_IDS = [
  'ACT001', 'ACT002', 'ACT003', 'ACT004', 'ACT005', 'ACT006', 'ACT007',
  'ACT008', 'ACT009', 'ACT010', 'ACT011', 'ACT012', 'ACT013', 'ACT014',
] as const;

/** What a user may write per rule: keep the rule's own severity, turn it off, or pick one. */
export const RULE_LEVELS = ['default', 'off', 'error', 'warning', 'information', 'hint'] as const;
export type RuleLevel = (typeof RULE_LEVELS)[number];

export const RUN_MODES = ['onType', 'onSave'] as const;

/** activationLens.inlayHints: framework defaults (and resolved functions), also what each loss receives, or none. */
export const INLAY_MODES = ['defaults', 'all', 'off'] as const;
export type InlayHintsMode = (typeof INLAY_MODES)[number];
export type RunMode = (typeof RUN_MODES)[number];

export interface Settings {
  enable: boolean;
  run: RunMode;
  /** Milliseconds to wait after the last keystroke (run = onType). */
  debounceMs: number;
  saturatingDepth: number;
  /** Characters; larger files are skipped with a note. */
  maxFileSize: number;
  rules: Partial<Record<string, RuleLevel>>;
  inlayHints: InlayHintsMode;
  /** "Gradient through this model" above each model definition. */
  codeLens: boolean;
}

export const DEFAULTS: Readonly<Settings> = Object.freeze({
  enable: true,
  run: 'onType',
  debounceMs: 300,
  saturatingDepth: 3,
  maxFileSize: 2_000_000,
  rules: {},
  inlayHints: 'defaults',
  codeLens: true,
});

/** Settings section and keys, as package.json declares them. */
export const SECTION = 'activationLens';

/** Coerces whatever the configuration holds into valid settings (bad values fall back). */
export function normalize(raw: Partial<Record<keyof Settings, unknown>>): Settings {
  const num = (v: unknown, d: number, min: number) =>
    typeof v === 'number' && Number.isFinite(v) && v >= min ? v : d;
  const rules: Partial<Record<string, RuleLevel>> = {};
  if (raw.rules && typeof raw.rules === 'object') {
    for (const [id, level] of Object.entries(raw.rules as Record<string, unknown>)) {
      if ((RULE_LEVELS as readonly unknown[]).includes(level)) rules[id] = level as RuleLevel;
    }
  }
  return {
    enable: typeof raw.enable === 'boolean' ? raw.enable : DEFAULTS.enable,
    run: (RUN_MODES as readonly unknown[]).includes(raw.run) ? (raw.run as RunMode) : DEFAULTS.run,
    debounceMs: num(raw.debounceMs, DEFAULTS.debounceMs, 0),
    saturatingDepth: Math.floor(num(raw.saturatingDepth, DEFAULTS.saturatingDepth, 2)),
    maxFileSize: num(raw.maxFileSize, DEFAULTS.maxFileSize, 1),
    rules,
    inlayHints: (INLAY_MODES as readonly unknown[]).includes(raw.inlayHints) ? (raw.inlayHints as InlayHintsMode) : DEFAULTS.inlayHints,
    codeLens: typeof raw.codeLens === 'boolean' ? raw.codeLens : DEFAULTS.codeLens,
  };
}

/** The per-rule part of analyze()'s options. */
export function ruleConfigs(settings: Settings): Record<string, RuleConfig> {
  const out: Record<string, RuleConfig> = {};
  for (const [id, level] of Object.entries(settings.rules)) {
    if (!level || level === 'default') continue;
    out[id] = level === 'off' ? { enabled: false } : { severity: level as Severity };
  }
  return out;
}

export function analyzeOptions(
  settings: Settings,
): Pick<AnalyzeOptions, 'rules' | 'saturatingDepth' | 'maxChars'> {
  return {
    rules: ruleConfigs(settings),
    saturatingDepth: settings.saturatingDepth,
    maxChars: settings.maxFileSize,
  };
}
