/** Message formatting shared by the rule modules. */
import type { Localized } from '../../math/types';
import type { RuleContext } from '../types';

/** Fills `{name}` placeholders in the message for the context's locale. */
export function fmt(ctx: Pick<RuleContext, 'locale'>, message: Localized, vars: Readonly<Record<string, string | number>> = {}): string {
  const template = message[ctx.locale] ?? message.en;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in vars ? String(vars[key]) : whole));
}

/** A Localized pair; keeps the rule modules short. */
export function l(en: string, zh: string): Localized {
  return { en, 'zh-cn': zh };
}
