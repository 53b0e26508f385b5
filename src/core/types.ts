/**
 * The analyzer's public types: what adapters (VS Code, CLI, bench, fuzz) receive from
 *
 *   analyze(text: string, options: AnalyzeOptions): Promise<AnalysisResult>      (src/core/analyze.ts)
 *
 * Positions are 0-based, columns in UTF-16 code units (VS Code's convention); the CLI adds 1.
 * For notebooks (`language: 'ipynb'`, the raw .ipynb JSON as text) every range is inside one cell
 * and carries that cell's 0-based index in the notebook's `cells` array.
 */
import type { Framework } from './math/types';

export type SourceLanguage = 'python' | 'javascript' | 'typescript' | 'tsx' | 'ipynb';

export interface Position {
  line: number;
  column: number;
}

export interface Range {
  start: Position;
  end: Position;
  /** Notebooks only: 0-based index in the notebook's `cells` array. */
  cell?: number;
}

export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface TextEdit {
  range: Range;
  newText: string;
}

export interface Fix {
  /** "Remove the Softmax layer", "Use nn.LogSoftmax(dim=1)". */
  title: string;
  /** Safe: does not change what a correct model computes; only safe fixes join fix-all. */
  safe: boolean;
  edits: TextEdit[];
}

export interface RelatedLocation {
  range: Range;
  message: string;
  /** Another file of the project (project findings, src/core/project); absent = the finding's own file. */
  path?: string;
}

export interface Finding {
  rule: string; // 'ACT001'
  severity: Severity;
  message: string;
  range: Range;
  related?: RelatedLocation[];
  fix?: Fix;
}

export interface RuleConfig {
  enabled?: boolean;
  severity?: Severity;
}

export interface AnalyzeOptions {
  language: SourceLanguage;
  /** For messages only. */
  path?: string;
  /** Language of messages (rule messages and notes exist in both). Default 'en'. */
  locale?: 'en' | 'zh-cn';
  /** Rule ids to run (default: all). */
  select?: readonly string[];
  ignore?: readonly string[];
  rules?: Readonly<Record<string, RuleConfig>>;
  /** ACT003: how many stacked saturating hidden layers fire (default 3). */
  saturatingDepth?: number;
  /** Stop and return what is found after this many ms (default 2000). */
  timeBudgetMs?: number;
  /**
   * Skip with a diagnostic note above this many characters of code (default 2_000_000). For
   * notebooks it counts the code cells the analyzer reads, not the stored outputs (images, logs);
   * the notebook's JSON itself is read up to notebookJsonLimit(maxChars).
   */
  maxChars?: number;
  /** Cooperative cancellation (the editor passes one tied to its CancellationToken). */
  isCancelled?: () => boolean;
  /** Editor: reuse the previous parse tree for an incremental re-parse. */
  previous?: AnalysisResult;
  /** Editor: the edits since `previous`, for tree.edit(). */
  edits?: readonly IncrementalEdit[];
}

export interface IncrementalEdit {
  startIndex: number;
  oldEndIndex: number;
  newEndIndex: number;
  startPosition: Position;
  oldEndPosition: Position;
  newEndPosition: Position;
}

/** An activation written in the code: what hover and "plot activations in this file" use. */
export interface ActivationSite {
  /** Catalog id ('leaky_relu'), undefined when the name is unknown to the framework. */
  id?: string;
  name: string;
  framework: Framework;
  range: Range;
  /** Canonical params as written in the code merged over the framework defaults. */
  params: Record<string, number | string | boolean>;
  /**
   * (Added) How the code reaches this activation (ActivationRef.via): written here, a parameter's
   * default, a caller's argument, a functools.partial, a registry key, a config value. Absent = written.
   */
  via?: 'written' | 'default' | 'argument' | 'partial' | 'registry' | 'config';
  /** (Added) The other values the site may stand for (other callers, the default, …), same shape. */
  alternatives?: ActivationSite[];
  /** (Added) The call that passes the value (via argument) or constructs the config (via config): its range and text (cut to 80 characters). */
  from?: { range: Range; text: string };
  /** (Added) Where the value is written when that is not the site (a parameter default, a config field). */
  valueRange?: Range;
  /** (Added) The registry the activation is looked up in ('hf-act2fn', 'timm-get-act-layer', …) and the key. */
  registry?: { id: string; key: string };
  /**
   * (Added) A registry lookup whose key this file does not say (`ACT2FN[config.hidden_act]`): the
   * registry, the key expression, and the config attribute / imported config classes it may come from.
   */
  lookup?: { registry: string; expression: string; attr?: string; classes?: string[] };
  /** (Added) Where a value read in another file of the project is written (`BertConfig.hidden_act = "gelu"` in configuration_bert.py). */
  source?: { path: string; range: Range; text: string };
}

export interface AnalysisResult {
  findings: Finding[];
  activations: ActivationSite[];
  frameworks: Framework[];
  /** Problems with the input itself (broken notebook JSON, file too large, time budget hit). */
  notes: string[];
  /** True when the time budget or cancellation stopped the analysis early. */
  partial: boolean;
  /**
   * Set when nothing was analyzed because of the input's size ('tooLarge': more than maxChars of
   * code; for notebooks the code cells count, not the stored outputs) or because it is binary.
   */
  skipped?: 'tooLarge' | 'binary';
  /** Opaque state for incremental re-analysis (parse tree, cell map); adapters pass it back. */
  state?: unknown;
}
