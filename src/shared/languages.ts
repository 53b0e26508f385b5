/** Editor language ids → analyzer languages (the VS Code extension and the language server serve the same). */
import type { SourceLanguage } from '../core/types';

export const LANGUAGES: Readonly<Record<string, SourceLanguage>> = {
  python: 'python',
  javascript: 'javascript',
  javascriptreact: 'javascript',
  typescript: 'typescript',
  typescriptreact: 'tsx',
};

/** The notebook types analyzed as a whole (the .ipynb format). */
export const NOTEBOOK_TYPES = ['jupyter-notebook'];
