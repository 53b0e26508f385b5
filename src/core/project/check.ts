/** Analyze the files of one project, then link them: each file's own findings plus the findings of links across files. */
import { analyze } from '../analyze';
import type { AnalysisResult, AnalyzeOptions, Finding, SourceLanguage } from '../types';
import { normalizePath } from './modules';
import { Project, summarize, type ProjectFinding } from './project';

export interface ProjectFile {
  path: string;
  text: string;
  language: SourceLanguage;
}

export interface ProjectCheck {
  project: Project;
  /** Each file's own analysis (its parse state dropped). */
  results: Map<string, AnalysisResult>;
  /** Findings of links that cross files, by the file they are reported in. */
  linked: Map<string, ProjectFinding[]>;
}

export async function checkProject(files: readonly ProjectFile[], options: Omit<AnalyzeOptions, 'language'>, roots: readonly string[] = []): Promise<ProjectCheck> {
  const project = new Project(roots);
  for (const f of files) project.addPath(f.path);
  const results = new Map<string, AnalysisResult>();
  for (const f of files) {
    const result = await analyze(f.text, { ...options, language: f.language, path: f.path });
    project.set(summarize(f.path, f.language, result));
    delete result.state;
    results.set(normalizePath(f.path), result);
  }
  return { project, results, linked: project.link(options) };
}

/** A file's own findings and the project findings reported in it. */
export function findingsOf(check: ProjectCheck, path: string): Finding[] {
  const p = normalizePath(path);
  return [...(check.results.get(p)?.findings ?? []), ...(check.linked.get(p) ?? [])];
}
