/** Where a rule's documentation page lives. No `vscode` import (unit-tested against package.json). */
export const REPOSITORY_URL = 'https://github.com/activation-lens/activation-lens';

export function ruleDocsUrl(ruleId: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${ruleId}.md`;
}

/** The path of the rule's page inside the extension folder (shipped with it). */
export function ruleDocsPath(ruleId: string): string {
  return `docs/rules/${ruleId}.md`;
}
