/**
 * Colors from the VS Code theme's CSS variables (--vscode-*), re-read whenever the theme changes:
 * VS Code swaps the body class (vscode-light / vscode-dark / vscode-high-contrast) and the
 * variables together, so a MutationObserver on body's class attribute sees every switch.
 */
export interface Theme {
  kind: 'light' | 'dark' | 'high-contrast';
  foreground: string;
  muted: string;
  grid: string;
  background: string;
  font: string;
  series: string[];
}

const SERIES_VARS: Array<[string, string]> = [
  ['--vscode-charts-blue', '#3794ff'],
  ['--vscode-charts-red', '#f14c4c'],
  ['--vscode-charts-green', '#89d185'],
  ['--vscode-charts-orange', '#d18616'],
  ['--vscode-charts-purple', '#b180d7'],
  ['--vscode-charts-yellow', '#cca700'],
  ['--vscode-terminal-ansiCyan', '#11a8cd'],
  ['--vscode-terminal-ansiMagenta', '#bc3fbc'],
  ['--vscode-terminal-ansiBrightBlue', '#3b8eea'],
  ['--vscode-terminal-ansiBrightGreen', '#23d18b'],
  ['--vscode-terminal-ansiBrightRed', '#f14c4c'],
  ['--vscode-terminal-ansiBrightYellow', '#f5f543'],
];

export function readTheme(): Theme {
  const style = getComputedStyle(document.body);
  const v = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  const cls = document.body.classList;
  const kind = cls.contains('vscode-high-contrast') || cls.contains('vscode-high-contrast-light')
    ? 'high-contrast'
    : cls.contains('vscode-light')
      ? 'light'
      : 'dark';
  const dark = kind !== 'light';
  return {
    kind,
    foreground: v('--vscode-editor-foreground', dark ? '#cccccc' : '#333333'),
    muted: v('--vscode-descriptionForeground', dark ? '#9d9d9d' : '#717171'),
    grid: v('--vscode-editorWidget-border', v('--vscode-panel-border', dark ? '#454545' : '#c8c8c8')),
    background: v('--vscode-editor-background', dark ? '#1e1e1e' : '#ffffff'),
    font: v('--vscode-font-family', 'sans-serif'),
    series: SERIES_VARS.map(([name, fallback]) => v(name, fallback)),
  };
}

/** Calls `onChange` with the new theme after every body class change; returns a stop function. */
export function watchTheme(onChange: (t: Theme) => void): () => void {
  const observer = new MutationObserver(() => onChange(readTheme()));
  observer.observe(document.body, { attributes: true, attributeFilter: ['class'] });
  return () => observer.disconnect();
}
