/**
 * The extension never writes the user's files except through edits the user applies, and never
 * executes user code: a static scan of src/** and webview/** that fails on any new writer, process,
 * eval or broadly trusted command link. The one allowed writer is the PNG export the user asks for.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLOT_COMMAND } from '../../../src/shared/hoverText';
import { ROOT } from '../fuzz/corpus';
import { scanSource, type Hit } from './scan';

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { recursive: true })
    .map(String)
    .filter((f) => /\.(ts|mts|cts|tsx)$/.test(f) && !f.endsWith('.d.ts'))
    .map((f) => `${dir}/${f.split(path.sep).join('/')}`)
    .sort();
}

const files = [...sources('src'), ...sources('webview')];
const hits: Array<Hit & { file: string }> = files.flatMap((file) =>
  scanSource(file, readFileSync(path.join(ROOT, file), 'utf8')).map((h) => ({ ...h, file })),
);
const show = (hs: typeof hits) => hs.map((h) => `${h.file}:${h.line} ${h.kind}: ${h.what}`);

/** The PNG export: `exportPlot` (the save dialog, or a path given to the command) and the webview's Export button (the save dialog). */
const ALLOWED_WRITES = [{ file: 'src/vscode/panel/register.ts', what: 'vscode.workspace.fs.writeFile', count: 2 }];

describe('static safety scan of src/** and webview/**', () => {
  it('scans the real sources', () => {
    expect(files.length).toBeGreaterThan(50);
    expect(files).toContain('src/vscode/codeActions.ts');
    expect(files).toContain('src/cli/files.ts');
  });

  it('never executes user code: no child_process, vm, worker_threads, eval, new Function, terminals, tasks', () => {
    expect(show(hits.filter((h) => h.kind === 'exec'))).toEqual([]);
  });

  it('writes no file but the PNG export the user asks for', () => {
    const writes = hits.filter((h) => h.kind === 'write');
    const unexpected = writes.filter((h) => !ALLOWED_WRITES.some((a) => a.file === h.file && a.what === h.what));
    expect(show(unexpected)).toEqual([]);
    for (const a of ALLOWED_WRITES) expect(writes.filter((h) => h.file === a.file).length, a.file).toBe(a.count);
    // Every write there writes PNG bytes that came from the panel, to a target from the save dialog or the command's path.
    const reg = readFileSync(path.join(ROOT, ALLOWED_WRITES[0]!.file), 'utf8');
    expect(reg.match(/workspace\.fs\.writeFile\(target, bytes\)/g)).toHaveLength(2);
    expect(reg).toMatch(/showSaveDialog\(\{[\s\S]*?filters: \{ PNG: \['png'\] \}/);
  });

  it('quick fixes are WorkspaceEdits on code actions, applied only when the user picks them', () => {
    const ca = readFileSync(path.join(ROOT, 'src/vscode/codeActions.ts'), 'utf8');
    expect(ca).toMatch(/new vscode\.WorkspaceEdit\(\)/);
    expect(ca).toMatch(/\.edit = /);
    expect(show(hits.filter((h) => h.what.includes('applyEdit')))).toEqual([]);
  });

  it('command links are trusted only for the named plot command, never isTrusted = true', () => {
    expect(show(hits.filter((h) => h.kind === 'trust'))).toEqual([]);
    const hover = readFileSync(path.join(ROOT, 'src/vscode/hover.ts'), 'utf8');
    expect(hover).toMatch(/isTrusted = \{ enabledCommands: \[PLOT_COMMAND\] \}/);
    expect(PLOT_COMMAND).toBe('activationLens.plot');
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
    expect(pkg.contributes.commands.map((c) => c.command)).toContain(PLOT_COMMAND);
  });
});

describe('the scanner itself finds what it must', () => {
  const bad = `
    import { exec } from 'node:child_process';
    import { writeFileSync } from 'fs';
    import * as vm from 'vm';
    // eval('in a comment does not count'); fs.writeFileSync('x', '');
    const s = "eval('in a string does not count')";
    eval(code);
    const f = new Function('return 1');
    require(name);
    await import(\`./\${name}\`);
    fs.writeFileSync(p, data);
    await fs.promises.rm(p);
    await vscode.workspace.fs.writeFile(uri, bytes);
    await vscode.workspace.fs.delete(uri);
    await vscode.workspace.applyEdit(edit);
    vscode.window.createTerminal('t').sendText(cmd);
    md.isTrusted = true;
    const m = { isTrusted: { enabledCommands: ['a'], other: 1 } };
    setTimeout('alert(1)', 0);
  `;
  const found = scanSource('bad.ts', bad);
  const whats = found.map((h) => `${h.kind} ${h.what}`);

  it('flags every kind of violation', () => {
    for (const w of [
      'exec imports node:child_process', 'write imports writeFileSync from fs', 'exec imports vm', 'exec eval()', 'exec new Function()',
      'exec require() of a computed module name', 'write fs.writeFileSync', 'write fs.promises.rm', 'write vscode.workspace.fs.writeFile',
      'write vscode.workspace.fs.delete', 'write vscode.workspace.applyEdit', 'exec vscode.window.createTerminal', "exec vscode.window.createTerminal('t').sendText",
      'trust isTrusted = true', 'exec setTimeout with a string',
    ]) {
      expect(whats, w).toContain(w);
    }
    expect(whats.some((w) => w.startsWith('exec import() of a computed'))).toBe(true);
    expect(whats.some((w) => w.startsWith("trust isTrusted = { enabledCommands: ['a'], other: 1 }"))).toBe(true);
  });

  it('ignores comments, strings and allowed trust', () => {
    expect(found.filter((h) => h.line === 5 || h.line === 6)).toEqual([]);
    expect(scanSource('ok.ts', "md.isTrusted = { enabledCommands: [PLOT_COMMAND, 'x.y'] }; map.delete(k); fs.readFileSync(p);")).toEqual([]);
  });
});
