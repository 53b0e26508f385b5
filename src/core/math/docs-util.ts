/** The docs record builder shared by the docs-* family files. */
import type { ActivationDocs } from './types';

export type EntryDocs = Readonly<Record<'en' | 'zh-cn', ActivationDocs>>;

/** Builds one language's docs record. */
export function doc(
  formula: string,
  derivative: string,
  summary: string,
  strengths: string[],
  weaknesses: string[],
  whenToUse: string,
): ActivationDocs {
  return { formula, derivative, summary, strengths, weaknesses, whenToUse };
}

