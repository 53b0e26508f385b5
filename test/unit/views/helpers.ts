import { analyze, irOf } from '../../../src/core/analyze';
import type { ProgramIR } from '../../../src/core/ir';
import type { AnalysisResult, SourceLanguage } from '../../../src/core/types';

export async function analyzed(text: string, language: SourceLanguage = 'python'): Promise<{ ir: ProgramIR; result: AnalysisResult }> {
  const result = await analyze(text, { language });
  const ir = irOf(result);
  if (!ir) throw new Error(`no IR: ${result.notes.join('; ')}`);
  return { ir, result };
}

/** Identity translator with {n} placeholders filled, as vscode.l10n.t does. */
export const t = (message: string, ...args: Array<string | number>): string =>
  message.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
