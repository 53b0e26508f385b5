/** The project linker: imports between the files of one project, and the findings of the links that cross them. */
export { LINK_RULES, Project, summarize, type FileSummary, type ProjectFinding } from './project';
export { checkProject, findingsOf, type ProjectCheck, type ProjectFile } from './check';
export { ModuleResolver, dirname, joinPath, normalizePath, type ModuleTarget } from './modules';
export { MAX_PROJECT_FILES, MAY_MATTER, mayMatter, SKIPPED_PROJECT_DIRS } from './scope';
