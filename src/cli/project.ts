/**
 * `check` treats the paths it is given as one project (DESIGN.md): each analyzed file is
 * summarized for the project linker (src/core/project) as it goes, and once every file is read the
 * links that cross files add their findings to the file they are reported in (related locations
 * carry the other file's display path).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Project, summarize } from '../core/project';
import type { ActivationSite, AnalysisResult, AnalyzeOptions, Finding } from '../core/types';
import { displayPath, readSource, type SourceFile } from './files';

/** How far and how many project files given files pull in through their imports. */
const PULL_DEPTH = 6;
const PULL_MAX = 300;

type Analyze = (text: string, options: AnalyzeOptions) => Promise<AnalysisResult>;

const key = (absolute: string): string => absolute.split(path.sep).join('/');

export class CliProject {
  private readonly project: Project;
  private readonly display = new Map<string, string>();

  /** Files read only because a given file imports them (their own findings are not reported). */
  readonly pulled = new Map<string, SourceFile>();

  constructor(
    paths: readonly string[],
    private readonly cwd: string,
    files: readonly SourceFile[],
  ) {
    // The working folder is a root too: `check scripts/train.py` run from the project's top finds `pkg.model`.
    this.project = new Project([...paths.map((p) => key(path.resolve(cwd, p))), key(path.resolve(cwd))]);
    for (const f of files) this.project.addPath(key(f.absolute));
  }

  /**
   * The project files the given files import (transitively, from disk), summarized for linking:
   * `check train.py` links train.py's loss to the model in model.py, `list modeling_bert.py`
   * resolves `ACT2FN[config.hidden_act]` through configuration_bert.py. Unreadable or oversized
   * files are left out silently (they were not asked for). Analyzed without rules.
   */
  async pullImports(analyze: Analyze, options: Omit<AnalyzeOptions, 'language' | 'path' | 'maxChars'>, maxSize: number): Promise<void> {
    const queue: [string, number][] = [...this.project.summaries()].map((s) => [s.path, 0]);
    while (queue.length > 0 && this.pulled.size < PULL_MAX) {
      const [from, depth] = queue.shift()!;
      const summary = this.project.get(from);
      if (!summary || depth >= PULL_DEPTH) continue;
      for (const q of summary.importNames) {
        let target = this.project.modules.resolve(from, q);
        if (!target) {
          for (const c of this.project.modules.candidates(from, q)) {
            if (!this.project.modules.has(c) && isFile(c)) this.project.addPath(c);
          }
          target = this.project.modules.resolve(from, q);
        }
        if (!target || this.project.get(target.file) || this.pulled.has(target.file)) continue;
        const absolute = target.file.split('/').join(path.sep);
        const file: SourceFile = { display: displayPath(absolute, this.cwd), absolute, language: 'python' };
        this.pulled.set(target.file, file);
        const read = readSource(file, maxSize);
        if (!read.ok) continue;
        let result: AnalysisResult;
        try {
          result = await analyze(read.text, { ...options, ignore: ['ACT'], language: 'python', path: file.display, maxChars: maxSize });
        } catch {
          continue;
        }
        this.display.set(target.file, file.display);
        this.project.set(summarize(target.file, 'python', result));
        queue.push([target.file, depth + 1]);
      }
    }
  }

  add(file: SourceFile, result: AnalysisResult): void {
    if (file.language !== 'python' && file.language !== 'ipynb') return;
    this.display.set(key(file.absolute), file.display);
    this.project.set(summarize(key(file.absolute), file.language, result));
  }

  /**
   * A file's activation sites with the registry lookups whose key another file of the project gives
   * (`ACT2FN[config.hidden_act]` → configuration_x.py) resolved; `source.path` is a display path.
   */
  resolveSites(file: SourceFile, sites: readonly ActivationSite[]): ActivationSite[] {
    const shown = (s: ActivationSite): ActivationSite => {
      const out: ActivationSite = s.source ? { ...s, source: { ...s.source, path: this.display.get(s.source.path) ?? s.source.path } } : s;
      if (out.alternatives) out.alternatives = out.alternatives.map(shown);
      return out;
    };
    return this.project.resolveSites(key(file.absolute), sites).map(shown);
  }

  /** Findings of links across files, by the absolute path of the file they are reported in. */
  link(options: Omit<AnalyzeOptions, 'language'>): Map<string, Finding[]> {
    const out = new Map<string, Finding[]>();
    for (const [p, list] of this.project.link(options)) {
      out.set(
        this.display.has(p) ? p.split('/').join(path.sep) : p,
        list.map(({ path: _own, ...f }) => ({ ...f, ...(f.related ? { related: f.related.map((r) => ({ ...r, ...(r.path ? { path: this.display.get(r.path) ?? r.path } : {}) })) } : {}) })),
      );
    }
    return out;
  }
}

function isFile(p: string): boolean {
  try {
    return fs.statSync(p.split('/').join(path.sep)).isFile();
  } catch {
    return false;
  }
}
