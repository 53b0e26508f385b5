/** Reads the settings for one document, every time (never cached: they can differ per folder). */
import * as vscode from 'vscode';
import { normalize, SECTION, type Settings } from '../shared/config';

export function settingsFor(scope: vscode.ConfigurationScope | undefined): Settings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  return normalize({
    enable: c.get('enable'),
    run: c.get('run'),
    debounceMs: c.get('debounceMs'),
    saturatingDepth: c.get('saturatingDepth'),
    maxFileSize: c.get('maxFileSize'),
    rules: c.get('rules'),
    inlayHints: c.get('inlayHints'),
    codeLens: c.get('codeLens'),
  });
}

/** The locale for analyzer messages and catalog texts. */
export function locale(): 'en' | 'zh-cn' {
  return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh-cn' : 'en';
}
