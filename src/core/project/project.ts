/**
 * The project is the program: a model defined in one file that meets a loss in another.
 *
 * Per file, once (and again only when that file changes): `summarize()` keeps from its analysis
 * what other files may need — the models its top-level names stand for (exports), its imports,
 * the links whose model is a name imported from another module (placeholders, see
 * src/core/extract/imported.ts) and its noqa comments — and drops the parse tree.
 * Linking is cheap: each placeholder link is resolved through the module resolver to the model
 * the other file exports, and only the link rules (ACT001, ACT002, ACT010) run on those links.
 * A finding lands in the file of the range the rule reports (the softmax in model.py, or the loss
 * in train.py) with related information in the other file.
 */
import { isRuleEnabled, noqaCodes } from '../analyze';
import type { ActivationRef, ConfigClass, ImportedRef, Link, Model, ModuleExport, ProgramIR } from '../ir';
import { resolveSites, unknownKeys, type LookupSite } from './configs';
import { emptyIR } from '../ir';
import { rules } from '../rules';
import type { RuleContext, RuleModule } from '../rules/types';
import type { ActivationSite, AnalysisResult, AnalyzeOptions, Finding, Range, SourceLanguage } from '../types';
import { ModuleResolver, normalizePath } from './modules';

/** The rules that read links between a model output and a loss. */
export const LINK_RULES: readonly string[] = ['ACT001', 'ACT002', 'ACT010'];

/** What the project keeps of one file's analysis. */
export interface FileSummary {
  path: string;
  language: SourceLanguage;
  /** Local name → qualified name, as the file imports it (relative imports keep their dots). */
  imports: Map<string, string>;
  exports: Map<string, ModuleExport>;
  /** Links whose model is a placeholder for an imported name. */
  pending: Link[];
  /** `${cell}:${line}` → rule ids silenced there. */
  noqa: Map<string, Set<string>>;
  /** Source text of a range (fixes read it); kept only for files with exports or pending links. */
  textAt: (r: Range) => string;
  /** The module names this file imports (for the dependents of a changed file). */
  importNames: string[];
  /** Config classes and their string fields (other files' registry lookups read them). */
  configs: ConfigClass[];
  /** Registry lookups whose key this file does not say (`ACT2FN[config.hidden_act]`). */
  lookups: LookupSite[];
}

function irOf(result: AnalysisResult): ProgramIR | undefined {
  const s = result.state as { kind?: string; ir?: ProgramIR } | undefined;
  return s && s.kind === 'activation-lens-state' ? s.ir : undefined;
}

/** The summary of one analyzed file (its parse tree is not kept). */
export function summarize(path: string, language: SourceLanguage, result: AnalysisResult): FileSummary {
  const ir = irOf(result);
  const p = normalizePath(path);
  const empty: FileSummary = { path: p, language, imports: new Map(), exports: new Map(), pending: [], noqa: new Map(), textAt: () => '', importNames: [], configs: [], lookups: [] };
  if (!ir || (language !== 'python' && language !== 'ipynb')) return empty;
  const imports = new Map<string, string>();
  for (const i of ir.imports) imports.set(i.local, i.qualified);
  for (const [local, q] of ir.relativeImports ?? []) imports.set(local, q);
  const exports = new Map<string, ModuleExport>();
  for (const e of ir.exports ?? []) exports.set(e.name, e);
  const pending = ir.links.filter((l) => l.model.opaque && l.model.imported);
  const noqa = new Map<string, Set<string>>();
  for (const c of ir.comments) {
    const codes = noqaCodes(c.text);
    if (codes.length > 0) noqa.set(`${c.cell ?? ''}:${c.line}`, new Set(codes));
  }
  const configs = ir.configs ?? [];
  const lookups: LookupSite[] = [];
  const addLookups = (refs: readonly ActivationRef[]): void => {
    for (const r of refs) {
      if (r.lookup?.attr && r.lookup.classes) lookups.push({ range: r.nameRange, lookup: r.lookup });
      if (r.alternatives) addLookups(r.alternatives);
    }
  };
  addLookups(ir.activations);
  const keepText = exports.size > 0 || pending.length > 0 || configs.length > 0 || lookups.length > 0;
  return { path: p, language, imports, exports, pending, noqa, textAt: keepText ? ir.textAt : () => '', importNames: [...new Set(imports.values())], configs, lookups };
}

/** Objects (ranges, positions) → the file they belong to, marked when a link crosses files. */
class Provenance {
  private readonly marks = new WeakMap<object, string>();

  mark(root: unknown, path: string): void {
    const stack: unknown[] = [root];
    let budget = 200_000;
    while (stack.length > 0 && budget-- > 0) {
      const o = stack.pop();
      if (typeof o !== 'object' || o === null || this.marks.has(o)) continue;
      this.marks.set(o, path);
      if (Array.isArray(o)) {
        for (const v of o) stack.push(v);
        continue;
      }
      for (const [k, v] of Object.entries(o)) if (k !== 'resolved' && typeof v === 'object') stack.push(v);
    }
  }

  fileOf(r: Range | undefined): string | undefined {
    if (!r) return undefined;
    return this.marks.get(r) ?? this.marks.get(r.start) ?? this.marks.get(r.end);
  }
}

export interface ProjectFinding extends Finding {
  /** The file the finding is reported in. */
  path: string;
}

interface Resolved {
  model: Model;
  path: string;
}

export class Project {
  private readonly files = new Map<string, FileSummary>();
  readonly modules: ModuleResolver;

  constructor(roots: readonly string[] = []) {
    this.modules = new ModuleResolver(roots);
  }

  /** Adds a file that exists (an importable module), before or without its summary. */
  addPath(path: string): void {
    this.modules.add(path);
  }

  set(summary: FileSummary): void {
    this.files.set(summary.path, summary);
    this.modules.add(summary.path);
  }

  delete(path: string): void {
    const p = normalizePath(path);
    this.files.delete(p);
    this.modules.delete(p);
  }

  get(path: string): FileSummary | undefined {
    return this.files.get(normalizePath(path));
  }

  get size(): number {
    return this.files.size;
  }

  summaries(): IterableIterator<FileSummary> {
    return this.files.values();
  }

  /** The project files `path` imports directly (resolved through the module resolver). */
  importsOf(path: string): string[] {
    const s = this.get(path);
    if (!s) return [];
    const out = new Set<string>();
    for (const q of s.importNames) {
      const t = this.modules.resolve(s.path, q);
      if (t) out.add(t.file);
    }
    return [...out];
  }

  /** The summarized files that import `path` directly or through other project files. */
  dependentsOf(path: string): string[] {
    const target = normalizePath(path);
    const direct = new Map<string, string[]>();
    for (const s of this.files.values()) for (const dep of this.importsOf(s.path)) direct.set(dep, [...(direct.get(dep) ?? []), s.path]);
    const out = new Set<string>();
    const stack = [target];
    while (stack.length > 0) {
      for (const d of direct.get(stack.pop()!) ?? []) if (!out.has(d) && d !== target) out.add(d), stack.push(d);
    }
    return [...out];
  }

  /** The model an imported name stands for, following re-exports (`__init__.py`) and factories. */
  resolveRef(from: string, ref: ImportedRef, depth = 0): Resolved | undefined {
    if (depth > 8) return undefined;
    const target = this.modules.resolve(from, ref.qualified);
    if (!target || target.attr.length !== 1) return undefined;
    const file = this.files.get(target.file);
    if (!file) return undefined;
    const name = target.attr[0]!;
    const exp = file.exports.get(name);
    if (exp) {
      if (ref.call === (exp.kind === 'value')) return undefined;
      const m = exp.model;
      if (m.imported) return m.opaque ? this.resolveRef(file.path, m.imported, depth + 1) : undefined;
      return m.opaque ? undefined : { model: m, path: file.path };
    }
    const reexport = file.imports.get(name);
    return reexport ? this.resolveRef(file.path, { qualified: reexport, call: ref.call }, depth + 1) : undefined;
  }

  /**
   * Findings of the links that cross files, per file they are reported in. `only` limits the
   * work to links made in those files (the dependents of a changed module).
   */
  link(options: Omit<AnalyzeOptions, 'language'> = {}, only?: ReadonlySet<string>): Map<string, ProjectFinding[]> {
    const out = new Map<string, ProjectFinding[]>();
    const locale = options.locale === 'zh-cn' ? 'zh-cn' : 'en';
    const linkRules = rules.filter((r) => LINK_RULES.includes(r.id) && isRuleEnabled(r.id, { ...options, language: 'python' }));
    this.linkKeys(options, out, only);
    if (linkRules.length === 0) {
      for (const list of out.values()) list.sort(byPosition);
      return out;
    }
    for (const file of this.files.values()) {
      if (file.pending.length === 0 || (only && !only.has(file.path))) continue;
      const prov = new Provenance();
      const links: Link[] = [];
      const models = new Set<Model>();
      const texts = new Map<string, (r: Range) => string>([[file.path, file.textAt]]);
      for (const l of file.pending) {
        const real = this.resolveRef(file.path, l.model.imported!);
        if (!real || real.model.framework !== l.loss.framework || real.path === file.path) continue;
        prov.mark(real.model, real.path);
        prov.mark({ loss: l.loss, applied: l.applied, range: l.range }, file.path);
        texts.set(real.path, this.files.get(real.path)!.textAt);
        models.add(real.model);
        links.push({ ...l, model: real.model });
      }
      if (links.length === 0) continue;
      const ir: ProgramIR = emptyIR('python', (r) => (texts.get(prov.fileOf(r) ?? file.path) ?? file.textAt)(r));
      ir.frameworks = [...new Set(links.map((l) => l.loss.framework))].sort();
      ir.models = [...models];
      ir.links = links;
      const ctx: RuleContext = { ir, options: { ...options, language: file.language }, locale };
      for (const rule of linkRules) for (const finding of this.runRule(rule, ctx, prov, file.path)) addFinding(out, finding);
    }
    for (const list of out.values()) list.sort(byPosition);
    return out;
  }

  /**
   * The file's activation sites with the registry lookups whose key lives in another file resolved
   * (`ACT2FN[config.hidden_act]` → the config class's `hidden_act`), see configs.ts.
   */
  resolveSites(path: string, sites: readonly ActivationSite[]): ActivationSite[] {
    const p = normalizePath(path);
    if (!sites.some((s) => s.lookup)) return [...sites];
    return resolveSites(this, p, sites, (file, r) => this.files.get(file)?.textAt(r) ?? '');
  }

  /**
   * One rule over a linked IR: each finding in the file its range belongs to (`from` when the range
   * is not marked), unless noqa silences it there; related places get their file; a fix is kept
   * only when every edit is in the reported file (one WorkspaceEdit per document).
   */
  private runRule(rule: RuleModule, ctx: RuleContext, prov: Provenance, from: string): ProjectFinding[] {
    let raw;
    try {
      raw = rule.check(ctx);
    } catch {
      return [];
    }
    const cfg = ctx.options.rules?.[rule.id];
    const out: ProjectFinding[] = [];
    for (const f of raw) {
      const path = prov.fileOf(f.range) ?? from;
      if (this.files.get(path)?.noqa.get(`${f.range.cell ?? ''}:${f.range.start.line}`)?.has(rule.id)) continue;
      const { severity, fix, related, ...rest } = f;
      const finding: ProjectFinding = { ...rest, rule: rule.id, severity: cfg?.severity ?? severity ?? rule.defaultSeverity, path };
      if (related) finding.related = related.map((r) => ({ ...r, path: r.path ?? prov.fileOf(r.range) ?? from }));
      if (fix && fix.edits.every((e) => (prov.fileOf(e.range) ?? path) === path)) finding.fix = fix;
      out.push(finding);
    }
    return out;
  }

  /** ACT008 for config values another file reads through a registry that does not know them. */
  private linkKeys(options: Omit<AnalyzeOptions, 'language'>, out: Map<string, ProjectFinding[]>, only?: ReadonlySet<string>): void {
    const rule = rules.find((r) => r.id === 'ACT008');
    if (!rule || !isRuleEnabled(rule.id, { ...options, language: 'python' })) return;
    const locale = options.locale === 'zh-cn' ? 'zh-cn' : 'en';
    for (const file of this.files.values()) {
      if (file.lookups.length === 0 || (only && !only.has(file.path))) continue;
      const bad = unknownKeys(this, file.path, file.lookups);
      if (bad.length === 0) continue;
      const prov = new Provenance();
      const refs: ActivationRef[] = bad.map(({ registry, key }) => {
        const keyRange = { ...key.range, start: { ...key.range.start }, end: { ...key.range.end } };
        prov.mark(keyRange, key.path);
        return { framework: 'torch', kind: 'hf-hidden-act', name: key.value, params: {}, nameRange: keyRange, range: keyRange, args: [], via: 'config', registry: { id: registry, key: key.value, keyRange } };
      });
      const ir: ProgramIR = emptyIR('python', (r) => (this.files.get(prov.fileOf(r) ?? file.path)?.textAt ?? file.textAt)(r));
      ir.frameworks = ['torch'];
      ir.activations = refs;
      for (const finding of this.runRule(rule, { ir, options: { ...options, language: file.language }, locale }, prov, file.path)) {
        const r = finding.range;
        const via = bad.find((b) => b.key.range.start.line === r.start.line && b.key.range.start.column === r.start.column && b.key.path === finding.path);
        if (via) finding.related = [{ path: file.path, range: via.lookup.range, message: relatedMessage(locale, file.textAt(via.lookup.range).replace(/\s+/g, ' ').slice(0, 80) || via.lookup.lookup.expression) }];
        addFinding(out, finding);
      }
    }
  }
}

function relatedMessage(locale: 'en' | 'zh-cn', expression: string): string {
  return locale === 'zh-cn' ? `在此通过 ${expression} 读取` : `read here through ${expression}`;
}

function rangeKey(r: Range): string {
  return `${r.cell ?? ''}:${r.start.line}:${r.start.column}:${r.end.line}:${r.end.column}`;
}

/** One finding per rule, place and message; the related places of duplicates are merged. */
function addFinding(out: Map<string, ProjectFinding[]>, f: ProjectFinding): void {
  const list = out.get(f.path) ?? [];
  out.set(f.path, list);
  const same = list.find((g) => g.rule === f.rule && g.message === f.message && rangeKey(g.range) === rangeKey(f.range));
  if (!same) {
    list.push(f);
    return;
  }
  for (const r of f.related ?? []) {
    if (!(same.related ??= []).some((s) => s.path === r.path && rangeKey(s.range) === rangeKey(r.range))) same.related.push(r);
  }
  if (same.fix && f.fix !== undefined && same.fix !== f.fix) delete same.fix;
}

function byPosition(a: Finding, b: Finding): number {
  return (a.range.cell ?? 0) - (b.range.cell ?? 0) || a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column || a.rule.localeCompare(b.rule);
}


