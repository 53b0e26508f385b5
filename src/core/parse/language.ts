import type { SourceLanguage } from '../types';

const byExtension: Record<string, SourceLanguage> = {
  py: 'python',
  pyw: 'python',
  pyi: 'python',
  ipynb: 'ipynb',
  js: 'javascript',
  mjs: 'javascript',
  cjs: 'javascript',
  jsx: 'javascript',
  ts: 'typescript',
  mts: 'typescript',
  cts: 'typescript',
  tsx: 'tsx',
};

const byLanguageId: Record<string, SourceLanguage> = {
  python: 'python',
  javascript: 'javascript',
  javascriptreact: 'javascript',
  typescript: 'typescript',
  typescriptreact: 'tsx',
  'jupyter-notebook': 'ipynb',
  ipynb: 'ipynb',
};

/** The language of a file from its VS Code languageId (preferred) or its path; undefined if unsupported. */
export function detectLanguage(path?: string, languageId?: string): SourceLanguage | undefined {
  if (languageId && byLanguageId[languageId]) return byLanguageId[languageId];
  if (!path) return undefined;
  const m = /\.([A-Za-z0-9]+)$/.exec(path);
  return m ? byExtension[m[1]!.toLowerCase()] : undefined;
}
