/**
 * `check` treats the paths it is given as one project (DESIGN.md): each analyzed file is
 * summarized for the project linker (src/core/project) as it goes, and once every file is read the
 * links that cross files add their findings to the file they are reported in (related locations
 * carry the other file's display path).
 */
import * as path from 'node:path';
import { Project, summarize } from '../core/project';
import type { ActivationSite, AnalysisResult, AnalyzeOptions, Finding } from '../core/types';
import { keyOfPath, pathOfKey, pullImports, readSummary, type Analyze } from '../node/projectDisk';
import { displayPath, type SourceFile } from './files';

const key = keyOfPath;

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
    const given = [...this.project.summaries()].map((s) => s.path);
    await pullImports(this.project, given, async (target) => {
      const absolute = pathOfKey(target);
      const file: SourceFile = { display: displayPath(absolute, this.cwd), absolute, language: 'python' };
      this.pulled.set(target, file);
      const summary = await readSummary(target, analyze, options, maxSize, file.display);
      if (!summary) return false;
      this.display.set(target, file.display);
      this.project.set(summary);
      return true;
    });
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
