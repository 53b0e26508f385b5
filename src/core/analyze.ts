/**
 * text → findings: the one function the adapters (VS Code, CLI, bench) call. Never throws: every
 * failure becomes a note. Parse → extract (one walk) → rules → config (select/ignore/severity) → noqa.
 */
import type { ActivationRef, ProgramIR } from './ir';
import { extract, Stop, type ExtractReuse, type ExtractSession, type ExtractStats } from './extract';
import { RegionsFailed, type Carry } from './extract/carry';
import { releaseDoc } from './extract/syntax';
import { note } from './parse/notes';
import { parseSource, type ParsedSource } from './parse/parse';
import { makeSourceDoc } from './parse/source';
import { rules } from './rules';
import type { RuleContext, RuleModule } from './rules/types';
import type { ActivationSite, AnalysisResult, AnalyzeOptions, Finding, Range } from './types';

interface AnalyzerState {
  kind: 'activation-lens-state';
  parsed: ParsedSource;
  ir: ProgramIR;
  /** Per top-level statement: the mirrored subtree and the walk's facts, for the next analysis (extract/incremental.ts). */
  session?: ExtractSession;
  stats?: ExtractStats;
  /**
   * The rules' findings before noqa, with the options they were made under: the next analysis
   * carries over those of the statements an edit does not reach (extract/regions.ts).
   */
  raw?: { findings: Finding[]; options: string };
}

/** The options a finding depends on (rule selection, severities, locale, ACT003's depth, …). */
function optionsKey(options: AnalyzeOptions): string {
  const { previous: _p, edits: _e, isCancelled: _c, timeBudgetMs: _t, ...rest } = options;
  return JSON.stringify(rest);
}

function previousState(options: AnalyzeOptions): AnalyzerState | undefined {
  const s = options.previous?.state as Partial<AnalyzerState> | undefined;
  return s && s.kind === 'activation-lens-state' && s.parsed && s.parsed.doc.language === options.language ? (s as AnalyzerState) : undefined;
}

/**
 * How much of the extraction a result re-did (statements copied and walked) and took over from the
 * previous result it was given; undefined for results without a parse.
 */
export function extractStatsOf(result: AnalysisResult | undefined): ExtractStats | undefined {
  const s = result?.state as Partial<AnalyzerState> | undefined;
  return s && s.kind === 'activation-lens-state' ? s.stats : undefined;
}

/** The IR behind a result (editor views, inlay hints); undefined for results without a parse. */
export function irOf(result: AnalysisResult | undefined): ProgramIR | undefined {
  const s = result?.state as Partial<AnalyzerState> | undefined;
  return s && s.kind === 'activation-lens-state' ? s.ir : undefined;
}

function matches(list: readonly string[] | undefined, id: string): boolean {
  return !!list && list.some((p) => p === 'ALL' || id === p || (p.length > 0 && id.startsWith(p)));
}

export function isRuleEnabled(id: string, options: AnalyzeOptions): boolean {
  const cfg = options.rules?.[id];
  if (cfg?.enabled === false) return false;
  if (matches(options.ignore, id)) return false;
  if (options.select && options.select.length > 0 && !matches(options.select, id)) return cfg?.enabled === true;
  return true;
}

/** `# noqa: ACT001, ACT002` / `// noqa: ACT001` on a line → the codes it silences on that line. */
export function noqaCodes(comment: string): string[] {
  const m = /\bnoqa\s*:\s*([A-Za-z]+\d+(?:\s*[,\s]\s*[A-Za-z]+\d+)*)/i.exec(comment);
  return m ? m[1]!.split(/[\s,]+/).filter(Boolean).map((c) => c.toUpperCase()) : [];
}

function suppressions(ir: ProgramIR): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const c of ir.comments) {
    const codes = noqaCodes(c.text);
    if (codes.length === 0) continue;
    const key = `${c.cell ?? ''}:${c.line}`;
    const set = map.get(key) ?? new Set<string>();
    for (const code of codes) set.add(code);
    map.set(key, set);
  }
  return map;
}

function site(ref: ActivationRef, textAt: (r: Range) => string, depth = 0): ActivationSite {
  const s: ActivationSite = { name: ref.name, framework: ref.framework, range: ref.nameRange, params: { ...ref.params } };
  if (ref.id) s.id = ref.id;
  if (ref.via && ref.via !== 'written') s.via = ref.via;
  if (ref.from) s.from = { range: ref.from, text: textAt(ref.from).replace(/\s+/g, ' ').slice(0, 80) };
  if (ref.valueRange) s.valueRange = ref.valueRange;
  if (ref.registry) s.registry = { id: ref.registry.id, key: ref.registry.key };
  if (ref.lookup) s.lookup = { ...ref.lookup, ...(ref.lookup.classes ? { classes: [...ref.lookup.classes] } : {}) };
  if (ref.alternatives && ref.alternatives.length > 0 && depth === 0) s.alternatives = ref.alternatives.map((a) => site(a, textAt, depth + 1));
  return s;
}

/** The user-facing site of each activation reference (references are immutable once analyzed). */
const sites = new WeakMap<ActivationRef, ActivationSite>();

function compareRange(a: Range, b: Range): number {
  return (a.cell ?? 0) - (b.cell ?? 0) || a.start.line - b.start.line || a.start.column - b.start.column;
}

function runRule(rule: RuleModule, ctx: RuleContext, out: Finding[], notes: string[]): void {
  try {
    const cfg = ctx.options.rules?.[rule.id];
    for (const raw of rule.check(ctx)) {
      const { severity, ...rest } = raw;
      out.push({ ...rest, rule: rule.id, severity: cfg?.severity ?? severity ?? rule.defaultSeverity });
    }
  } catch (e) {
    notes.push(note('ruleFailed', ctx.locale, rule.id, e instanceof Error ? e.message : String(e)));
  }
}

/** The previous findings of the statements carried over, moved with them; undefined when one cannot be carried. */
function carryFindings(previous: readonly Finding[], carry: Carry): Finding[] | undefined {
  const out: Finding[] = [];
  try {
    for (const f of previous) if (carry.kept(carry.oldIndex(f.range))) out.push(carry.move(f));
  } catch (e) {
    if (e instanceof RegionsFailed) return undefined;
    throw e;
  }
  return out;
}

export const DEFAULT_MAX_CHARS = 2_000_000;

/**
 * How much notebook JSON is read for a code limit of `maxChars`: stored outputs (images, logs) do
 * not count against the limit, but a file beyond this bound is not even parsed as JSON. 100 MB
 * covers notebooks with many plots (4 MB is common); JSON.parse reads that in about a second.
 */
export function notebookJsonLimit(maxChars: number = DEFAULT_MAX_CHARS): number {
  return Math.max(maxChars, 100_000_000);
}

export async function analyze(text: string, options: AnalyzeOptions): Promise<AnalysisResult> {
  const locale = options.locale === 'zh-cn' ? 'zh-cn' : 'en';
  const result: AnalysisResult = { findings: [], activations: [], frameworks: [], notes: [], partial: false };
  // The budget counts this analysis' own work, from its first check (inside the parse): not the
  // wait for the grammar to load, nor other analyses started at the same time and run before it.
  let started: number | undefined;
  const budget = options.timeBudgetMs ?? 2000;
  let stopReason: 'budget' | 'cancelled' | undefined;
  const shouldStop = (): boolean => {
    if (stopReason) return true;
    try {
      if (options.isCancelled?.()) stopReason = 'cancelled';
    } catch {
      stopReason = 'cancelled';
    }
    const now = Date.now();
    started ??= now;
    if (!stopReason && now - started > budget) stopReason = 'budget';
    return stopReason !== undefined;
  };
  const finishPartial = (): void => {
    result.partial = true;
    result.notes.push(stopReason === 'cancelled' ? note('cancelled', locale) : note('budget', locale, budget));
  };
  try {
    const src = typeof text === 'string' ? text : String(text ?? '');
    const maxChars = options.maxChars ?? DEFAULT_MAX_CHARS;
    const notebook = options.language === 'ipynb';
    // A notebook is judged by its code: the JSON is read (up to a generous bound, outputs and all),
    // then the code cells the analyzer reads are measured against the limit.
    if (notebook ? src.length > notebookJsonLimit(maxChars) : src.length > maxChars) {
      result.notes.push(notebook ? note('tooLargeJson', locale, src.length, notebookJsonLimit(maxChars)) : note('tooLarge', locale, src.length, maxChars));
      result.skipped = 'tooLarge';
      return result;
    }
    if (src.slice(0, 8192).includes('\u0000')) {
      result.notes.push(note('binary', locale));
      result.skipped = 'binary';
      return result;
    }
    const doc = notebook ? makeSourceDoc(src, 'ipynb') : undefined;
    if (doc && doc.program.length > maxChars) {
      result.notes.push(note('tooLargeCode', locale, doc.program.length, maxChars));
      result.skipped = 'tooLarge';
      return result;
    }
    const prevState = previousState(options);
    const previous = prevState?.parsed;
    const parsed = await parseSource(src, options.language, { ...(doc ? { doc } : {}), ...(previous ? { previous } : {}), ...(options.edits ? { edits: options.edits } : {}), shouldStop });
    for (const n of parsed.doc.noteKeys) result.notes.push(note(n.key, locale, ...n.args));
    if (!parsed.tree) {
      if (stopReason) finishPartial();
      return result;
    }
    if (parsed.tree.rootNode.hasError) result.notes.push(note('syntax', locale));
    let ir: ProgramIR;
    const key = optionsKey(options);
    const reuse: ExtractReuse = prevState?.session ? { previous: prevState.session } : {};
    if (prevState?.session && prevState.raw?.options === key) Object.assign(reuse, { previousIR: prevState.ir, previousDoc: prevState.parsed.doc });
    try {
      ir = extract(parsed, shouldStop, reuse);
    } catch (e) {
      if (e instanceof Stop) {
        finishPartial();
        return result;
      }
      throw e;
    } finally {
      releaseDoc(parsed.doc);
    }
    result.frameworks = ir.frameworks;
    // A site carried over unmoved from the previous analysis (extract/carry.ts) is the same object: its answer too.
    result.activations = ir.activations.map((r) => {
      const hit = sites.get(r);
      if (hit) return hit;
      const s = site(r, (x) => ir.textAt(x));
      sites.set(r, s);
      return s;
    });
    const state: AnalyzerState = { kind: 'activation-lens-state', parsed, ir, ...(reuse.session ? { session: reuse.session } : {}), ...(reuse.stats ? { stats: reuse.stats } : {}) };
    result.state = state;
    const runRules = (on: ProgramIR, out: Finding[]): void => {
      const ctx: RuleContext = { ir: on, options, locale };
      for (const rule of rules) {
        if (!isRuleEnabled(rule.id, options)) continue;
        if (shouldStop()) {
          if (!result.partial) finishPartial();
          break;
        }
        runRule(rule, ctx, out, result.notes);
      }
    };
    const findings: Finding[] = [];
    const notesBefore = result.notes.length;
    const part = reuse.part;
    const carried = part && prevState?.raw ? carryFindings(prevState.raw.findings, part.carry) : undefined;
    if (part && carried) {
      // Only the groups of statements the edit reached were analyzed again: their rules, plus the
      // previous findings of every other group (moved with their statements).
      runRules(part.ir, findings);
      findings.push(...carried);
    } else runRules(ir, findings);
    // Carried over next time only when complete: no rule failed, no budget ran out.
    if (!result.partial && result.notes.length === notesBefore) state.raw = { findings: [...findings], options: key };
    const noqa = suppressions(ir);
    result.findings = findings
      .filter((f) => !noqa.get(`${f.range.cell ?? ''}:${f.range.start.line}`)?.has(f.rule))
      .sort((a, b) => compareRange(a.range, b.range) || a.rule.localeCompare(b.rule));
  } catch (e) {
    result.notes.push(note('failed', locale, e instanceof Error ? e.message : String(e)));
  }
  return result;
}
