/** The webview's strings, localized on the extension side (vscode.l10n) and sent in `init`. */
import * as vscode from 'vscode';
import { EN_STRINGS, type Strings } from '../../../webview/strings';
import type { Locale } from '../../../webview/protocol';

export function localizedStrings(): Strings {
  const out = {} as Record<string, string>;
  for (const [key, en] of Object.entries(EN_STRINGS)) out[key] = vscode.l10n.t(en);
  return out as Strings;
}

export function panelLocale(): Locale {
  return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}
