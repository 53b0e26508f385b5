/**
 * A translator for code outside VS Code (the language server) that reads the extension's own l10n
 * bundle (media/l10n/bundle.l10n.<lang>.json: English message → translation), formatting `{0}`,
 * `{1}` … as vscode.l10n.t does. Messages missing from the bundle stay English.
 */
import type { Translate } from './hoverText';

export function translator(bundle: Readonly<Record<string, string>> | undefined): Translate {
  return (message, ...args) => {
    const text = bundle && typeof bundle[message] === 'string' ? bundle[message]! : message;
    return text.replace(/\{(\d+)\}/g, (m, i: string) => (Number(i) < args.length ? String(args[Number(i)]) : m));
  };
}
