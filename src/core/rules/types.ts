/**
 * The rule interface: the contract between the analyzer driver (src/core/analyze.ts) and the rule
 * modules (src/core/rules/ACTnnn-*.ts, listed in src/core/rules/index.ts as `rules`).
 */
import type { Localized } from '../math/types';
import type { ProgramIR } from '../ir';
import type { AnalyzeOptions, Finding, Severity, SourceLanguage } from '../types';

export interface RuleContext {
  ir: ProgramIR;
  options: AnalyzeOptions;
  locale: 'en' | 'zh-cn';
}

/** What a rule returns: the driver fills in `rule` and the effective `severity`. */
export type RawFinding = Omit<Finding, 'severity' | 'rule'> & { severity?: Severity };

export interface CodeSample {
  code: string;
  language: SourceLanguage;
}

/** Docs under the fixed headings: What it does / Why is this bad? / Example / Use instead / Fix safety. */
export interface RuleDocs {
  summary: Localized;
  whatItDoes: string;
  /** What the rule deliberately leaves alone: the look-alikes of the mistake it reports. */
  notFlagged: string;
  whyBad: string;
  example: CodeSample;
  useInstead: CodeSample;
  fixSafety: string;
}

export interface RuleModule {
  /** 'ACT001' */
  id: string;
  /** 'probabilities-into-logits-loss' */
  name: string;
  defaultSeverity: Severity;
  docs: RuleDocs;
  /** Message templates by key, in both locales. */
  messages: Readonly<Record<string, Localized>>;
  /** Whether the rule can offer a fix. */
  fixable?: boolean;
  /** Pure function of the IR. Must not throw on odd IR (the driver catches and notes it anyway). */
  check(ctx: RuleContext): RawFinding[];
}
