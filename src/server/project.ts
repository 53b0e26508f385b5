/**
 * The seam between the language server and cross-file analysis (the project index of issue 12:
 * a model defined in one file that meets its loss in another). The server tells the index its
 * workspace folders and, after each analysis of an open document, asks it for the findings that
 * links to the other files of the project add there; the index reads those files from disk.
 *
 * Until that index is part of the analyzer (src/core/project on the i12-project branch when this
 * server was written), `NO_PROJECT` answers with nothing: each open document is analyzed on its
 * own, as the extension does. Wiring the index in means implementing `ProjectIndex` over it (roots
 * → files collected as `check` collects them → summaries → `link()`), and passing the instance in
 * ServerOptions.project; findings it returns may point at other files through related locations.
 */
import type { AnalysisResult, AnalyzeOptions, Finding, SourceLanguage } from '../core/types';

export interface ProjectIndex {
  /** The workspace folders as file-system paths (initialize, then each didChangeWorkspaceFolders). */
  setRoots(paths: readonly string[]): void;
  /** Findings in `path` from links to other files, given the document's own fresh analysis. */
  linkedFindings(
    path: string,
    language: SourceLanguage,
    result: AnalysisResult,
    options: Omit<AnalyzeOptions, 'language'>,
  ): Promise<Finding[]>;
}

export const NO_PROJECT: ProjectIndex = {
  setRoots: () => undefined,
  linkedFindings: async () => [],
};
