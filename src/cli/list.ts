/**
 * `activation-lens list`: every activation choice in the given files and folders — "which
 * activations does this repository use?". Files are collected and read exactly as `check` does
 * (files.ts); each is analyzed with no rules and its activation sites are printed.
 *
 * JSON (DESIGN.md): {"version": 1, "files": [{"path", "activations": [{"line", "column", "endLine",
 * "endColumn", "cell"?, "framework", "name", "id", "params", "via", "alternatives"?}]}]}, positions
 * 1-based as in `check`, `id` the catalog id or null, `params` as `explain` names them (list.ts explainParams; non-finite numbers as the
 * strings "Infinity", "-Infinity", "NaN", as `explain --json` writes them), `via` one of written |
 * default | argument | partial | registry | config, `alternatives` the other values (same shape).
 * Text: `path:line:col: name → id(params) [via]`, alternatives after it (` or id(params) [via]`),
 * then a summary line.
 * Exit codes: 0, or 2 on a usage or I/O error (reported on stderr; the other files are still listed).
 */
import { lookup } from '../core/math';
import type { ActivationSite } from '../core/types';
import { exposedParams, frameworkParamName } from './explain';
import type { Lang, ListArgs } from './args';
import type { AnalyzeFn, Io } from './check';
import { jsonNumber } from './explainFormat';
import { analyzeFiles } from './analyzeFiles';
import type { SourceFile } from './files';
import { CliProject } from './project';

export interface ListReport {
  file: SourceFile;
  activations: ActivationSite[];
}

type Via = NonNullable<ActivationSite['via']>;

export interface JsonActivation {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  cell?: number;
  framework: ActivationSite['framework'];
  name: string;
  id: string | null;
  params: Record<string, number | string | boolean>;
  via: Via;
  alternatives?: JsonActivation[];
}

function byPosition(a: ActivationSite, b: ActivationSite): number {
  return (
    (a.range.cell ?? -1) - (b.range.cell ?? -1) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column ||
    a.range.end.line - b.range.end.line ||
    a.range.end.column - b.range.end.column
  );
}

function jsonParams(params: Readonly<Record<string, number | string | boolean>>): Record<string, number | string | boolean> {
  const out: Record<string, number | string | boolean> = {};
  for (const [k, v] of Object.entries(params)) out[k] = typeof v === 'number' ? jsonNumber(v) : v;
  return out;
}

/**
 * Params as `explain` prints them for the same name: the framework's own argument names
 * (`negative_slope` for torch's LeakyReLU, `alpha` for Keras'); canonical names where the name is
 * not the framework's own spelling (a registry key such as `gelu_new`).
 */
export function explainParams(s: ActivationSite): Record<string, number | string | boolean> {
  const resolved = lookup(s.name, s.framework);
  if (!resolved || resolved.entry.id !== s.id) return { ...s.params };
  const exposed = exposedParams(resolved);
  const out: Record<string, number | string | boolean> = {};
  for (const [canonical, v] of Object.entries(s.params)) {
    // fixed by the definition and left as defined (GELU's clip): explain does not show it either
    if (!exposed.has(canonical) && resolved.params[canonical] === v) continue;
    out[frameworkParamName(resolved, canonical)] = v;
  }
  return out;
}

export function toJsonActivation(s: ActivationSite, depth = 0): JsonActivation {
  const out: JsonActivation = {
    line: s.range.start.line + 1,
    column: s.range.start.column + 1,
    endLine: s.range.end.line + 1,
    endColumn: s.range.end.column + 1,
    framework: s.framework,
    name: s.name,
    id: s.id ?? null,
    params: jsonParams(explainParams(s)),
    via: s.via ?? 'written',
  };
  if (s.range.cell !== undefined) out.cell = s.range.cell;
  if (s.alternatives && s.alternatives.length > 0 && depth < 4) out.alternatives = s.alternatives.map((a) => toJsonActivation(a, depth + 1));
  return out;
}

/**
 * One site per choice: the same start, name, activation and alternatives is one line even when two
 * sites nest (`getattr(nn, 'ReLU')` inside `getattr(nn, 'ReLU')()`).
 */
function siteKey(s: ActivationSite): string {
  const { endLine: _l, endColumn: _c, ...rest } = toJsonActivation(s);
  return JSON.stringify(rest);
}

export function formatListJson(reports: readonly ListReport[]): string {
  const doc = { version: 1, files: reports.map((r) => ({ path: r.file.display, activations: r.activations.map((a) => toJsonActivation(a)) })) };
  return JSON.stringify(doc, null, 2) + '\n';
}

function formatValue(v: number | string | boolean): string {
  if (typeof v === 'string') return `'${v}'`;
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  return Number.isFinite(v) ? String(v) : Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf';
}

/** `gelu(approximate='tanh') [registry]`; an unknown name is `?`. */
function choice(s: ActivationSite): string {
  const params = Object.entries(explainParams(s)).map(([k, v]) => `${k}=${formatValue(v)}`).join(', ');
  return `${s.id ?? '?'}(${params}) [${s.via ?? 'written'}]`;
}

const SUMMARY = {
  en: (sites: number, files: number, listed: number, skipped: number) =>
    `${sites} activation site${sites === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'} (${listed} file${listed === 1 ? '' : 's'} listed${skipped > 0 ? `, ${skipped} skipped` : ''}).`,
  'zh-cn': (sites: number, files: number, listed: number, skipped: number) =>
    `${files} 个文件中共有 ${sites} 处激活函数（列出 ${listed} 个文件${skipped > 0 ? `，跳过 ${skipped} 个` : ''}）。`,
} as const;

export function formatListText(reports: readonly ListReport[], filesSeen: number, lang: Lang): string {
  const lines: string[] = [];
  let sites = 0;
  for (const { file, activations } of reports) {
    for (const s of activations) {
      const where = s.range.cell !== undefined ? `cells[${s.range.cell}]:` : '';
      const alts = (s.alternatives ?? []).map((a) => ` or ${choice(a)}`).join('');
      lines.push(`${file.display}:${where}${s.range.start.line + 1}:${s.range.start.column + 1}: ${s.name} → ${choice(s)}${alts}`);
      sites++;
    }
  }
  const withSites = reports.filter((r) => r.activations.length > 0).length;
  if (lines.length > 0) lines.push('');
  lines.push(SUMMARY[lang](sites, withSites, reports.length, filesSeen - reports.length));
  return lines.join('\n') + '\n';
}

/** Sorted, one line per choice (see siteKey). */
function distinct(sites: readonly ActivationSite[]): ActivationSite[] {
  const seen = new Set<string>();
  return [...sites].sort(byPosition).filter((s) => {
    const k = siteKey(s);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

export async function runList(args: ListArgs, analyze: AnalyzeFn, io: Io): Promise<number> {
  const reports: ListReport[] = [];
  // The paths are one project, as for `check`: a registry key read from a config class in another
  // file (`ACT2FN[config.hidden_act]`, the config in configuration_x.py) is resolved there.
  let project: CliProject | undefined;
  const { files, ioError } = await analyzeFiles(
    {
      paths: args.paths,
      maxSize: args.maxSize,
      // No rule runs: 'ACT' is a prefix of every rule id (analyze's select/ignore match prefixes).
      options: { locale: args.lang, ignore: ['ACT'] },
      onFiles: (all) => {
        project = new CliProject(args.paths, io.cwd, all);
      },
      onAnalyzed: (file, result) => project?.add(file, result),
      onResult: (file, result) => {
        reports.push({ file, activations: [...result.activations] });
      },
    },
    analyze,
    io,
  );
  // Config classes in files the given ones import (`list modeling_bert.py` reads configuration_bert.py).
  await project?.pullImports(analyze, { locale: args.lang }, args.maxSize);
  for (const r of reports) r.activations = distinct(project ? project.resolveSites(r.file, r.activations) : r.activations);
  io.stdout(args.format === 'json' ? formatListJson(reports) : formatListText(reports, files.length, args.lang));
  return ioError ? 2 : 0;
}
