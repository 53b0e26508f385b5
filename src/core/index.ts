/** The core's public surface for the adapters (VS Code, CLI, bench). */
export { analyze, isRuleEnabled, noqaCodes, notebookJsonLimit, DEFAULT_MAX_CHARS } from './analyze';
export { extract } from './extract';
export { parseSource, setWasmDirectory, detectLanguage, flattenNotebook, LineIndex, type ParsedSource } from './parse';
export type * from './ir';
export type * from './types';
export type { RuleContext, RuleModule, RawFinding, RuleDocs } from './rules/types';
