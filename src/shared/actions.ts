/**
 * Which code actions a finding gets, independent of the editor: its fix (preferred only when safe),
 * "fix all" for its rule in the file (safe fixes only, when there are several), a `noqa`
 * suppression, the rule's documentation; and `source.fixAll.activationLens`, every safe fix in the
 * document. The VS Code provider and the language server turn these plans into their own
 * CodeAction objects. No `vscode` import. Edits are in analyzer ranges (with `cell` for notebooks).
 */
import type { Finding, TextEdit } from '../core/types';
import { combineFixes, noqaEdit, type CommentStyle } from './fixes';
import type { Translate } from './hoverText';

export const QUICK_FIX_KIND = 'quickfix';
export const FIX_ALL_KIND = 'source.fixAll.activationLens';

export interface ActionPlan {
  title: string;
  kind: typeof QUICK_FIX_KIND | typeof FIX_ALL_KIND;
  edits?: TextEdit[];
  isPreferred?: boolean;
  /** The finding whose diagnostic this action resolves (the fix and the noqa action). */
  resolves?: Finding;
  /** "Show documentation for ACTnnn": the adapter opens the rule's page its own way. */
  docsFor?: string;
}

/** Findings that land on the document asked about (for a notebook cell: that cell only). */
export function findingsOnDocument(findings: readonly Finding[], cell: number | undefined): Finding[] {
  return findings.filter((f) => cell === undefined || f.range.cell === cell);
}

export function fixAllPlan(onDocument: readonly Finding[], t: Translate): ActionPlan | undefined {
  const edits = combineFixes(onDocument, true);
  if (!edits.length) return undefined;
  return { title: t('Fix all safe Activation Lens problems'), kind: FIX_ALL_KIND, edits };
}

export interface QuickFixOptions {
  t: Translate;
  style: CommentStyle;
  /** The text of the line a finding starts on (in its cell for notebooks), for the noqa comment. */
  lineText: (f: Finding) => string | undefined;
  /** Offer "Show documentation for …" (an editor command; the language server has none). */
  docs: boolean;
}

/** The quick fixes for the findings under the cursor, in their order; fix-all once per rule. */
export function quickFixPlans(under: readonly Finding[], onDocument: readonly Finding[], o: QuickFixOptions): ActionPlan[] {
  const { t } = o;
  const plans: ActionPlan[] = [];
  const rulesDone = new Set<string>();
  for (const f of under) {
    if (f.fix) {
      const title = f.fix.safe ? f.fix.title : t('{0} (changes what the model computes)', f.fix.title);
      plans.push({ title, kind: QUICK_FIX_KIND, edits: f.fix.edits, isPreferred: f.fix.safe, resolves: f });
    }
    if (!rulesDone.has(f.rule)) {
      rulesDone.add(f.rule);
      const same = onDocument.filter((g) => g.rule === f.rule && g.fix?.safe);
      if (same.length > 1) {
        plans.push({ title: t('Fix all {0} problems in this file', f.rule), kind: QUICK_FIX_KIND, edits: combineFixes(same, true) });
      }
    }
    const line = o.lineText(f);
    const e = line === undefined ? undefined : noqaEdit(line, f.rule, o.style);
    if (e) {
      const { line: n } = f.range.start;
      const range = { start: { line: n, column: e.start }, end: { line: n, column: e.end }, ...(f.range.cell !== undefined ? { cell: f.range.cell } : {}) };
      plans.push({ title: t('Suppress {0} on this line (noqa)', f.rule), kind: QUICK_FIX_KIND, edits: [{ range, newText: e.newText }], resolves: f });
    }
    if (o.docs) plans.push({ title: t('Show documentation for {0}', f.rule), kind: QUICK_FIX_KIND, docsFor: f.rule });
  }
  return plans;
}
