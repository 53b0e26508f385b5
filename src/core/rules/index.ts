// Placeholder so the analyzer runs before the rules land; the rules engineer replaces this file.
import type { RuleModule } from './types';

export const rules: RuleModule[] = [];
