/**
 * `activation-lens check`: collect files, analyze each, print one report, return the exit code.
 *
 * Exit codes (DESIGN.md): 0 no findings · 1 findings · 2 usage or I/O error.
 *  - An I/O error (a PATH that does not exist, a file or folder the OS refuses to read) is reported
 *    on stderr; every other file is still analyzed and the report still printed; the exit code is 2
 *    even when there are findings (2 wins over 1), so CI never mistakes an incomplete check for a
 *    clean one. The analyzer crashing on a file counts the same way.
 *  - Files read fine but not analyzable (binary, not UTF-8, larger than --max-size, an unsupported
 *    extension named explicitly, a broken symlink met while walking) are skipped with a message on
 *    stderr and do not change the exit code; nor do analyzer notes (broken notebook JSON, …).
 */
import type { AnalysisResult, AnalyzeOptions, Finding } from '../core/types';
import type { CheckArgs } from './args';
import { collectFiles, readSource, type FileProblem, type SourceFile } from './files';
import { applyNoqa } from './noqa';
import { CliProject } from './project';
import { formatJson } from './report/json';
import { formatSarif, type SarifMeta } from './report/sarif';
import { formatText } from './report/text';

export type AnalyzeFn = (text: string, options: AnalyzeOptions) => Promise<AnalysisResult>;

export interface FileReport {
  file: SourceFile;
  findings: Finding[];
}

export interface Io {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  /** Progress lines are shown only when stderr is a terminal. */
  stderrIsTTY: boolean;
}

function byPosition(a: Finding, b: Finding): number {
  return (
    (a.range.cell ?? -1) - (b.range.cell ?? -1) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column ||
    a.rule.localeCompare(b.rule)
  );
}

export function keepFinding(f: Finding, args: Pick<CheckArgs, 'select' | 'ignore'>): boolean {
  if (args.select && !args.select.includes(f.rule)) return false;
  return !args.ignore.includes(f.rule);
}

export async function runCheck(args: CheckArgs, analyze: AnalyzeFn, io: Io, meta: SarifMeta): Promise<number> {
  const { files, problems } = collectFiles(args.paths, io.cwd);
  const report = (p: FileProblem) => io.stderr(`${p.kind === 'io' ? 'error' : 'warning'}: ${p.display}: ${p.reason}\n`);
  problems.forEach(report);
  let ioError = problems.some((p) => p.kind === 'io');

  const reports: FileReport[] = [];
  const project = new CliProject(args.paths, io.cwd, files);
  const progress = io.stderrIsTTY && files.length > 1;
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    if (progress) io.stderr(`\r\x1b[K[${i + 1}/${files.length}] ${file.display}`);
    const read = readSource(file, args.maxSize);
    if (!read.ok) {
      if (progress) io.stderr('\r\x1b[K');
      report(read.problem);
      ioError ||= read.problem.kind === 'io';
      continue;
    }
    let result: AnalysisResult;
    try {
      result = await analyze(read.text, {
        language: file.language,
        path: file.display,
        locale: args.lang,
        select: args.select,
        ignore: args.ignore,
        maxChars: args.maxSize,
      });
    } catch (err) {
      if (progress) io.stderr('\r\x1b[K');
      io.stderr(`error: ${file.display}: internal error while analyzing: ${err instanceof Error ? err.message : String(err)}\n`);
      ioError = true;
      continue;
    }
    project.add(file, result);
    if (progress && result.notes.length > 0) io.stderr('\r\x1b[K');
    if (result.skipped) {
      // Not analyzed at all (a notebook whose code is above --max-size, say): skipped, as a file
      // above the limit is, not counted as checked.
      const why = result.notes[0] ?? 'not analyzed';
      report({ display: file.display, reason: result.skipped === 'tooLarge' ? `${why} Raise the limit with --max-size.` : why, kind: 'skipped' });
      continue;
    }
    for (const note of result.notes) io.stderr(`note: ${file.display}: ${note}\n`);
    const findings = applyNoqa(
      result.findings.filter((f) => keepFinding(f, args)),
      read.text,
      file.language,
    ).sort(byPosition);
    reports.push({ file, findings });
  }
  if (progress) io.stderr('\r\x1b[K');
  // Links across files (noqa already applied by the linker in the file each lands in).
  for (const [absolute, linked] of project.link({ locale: args.lang, select: args.select, ignore: args.ignore })) {
    const r = reports.find((x) => x.file.absolute === absolute);
    if (r) r.findings = [...r.findings, ...linked.filter((f) => keepFinding(f, args))].sort(byPosition);
  }

  const out =
    args.format === 'json' ? formatJson(reports) : args.format === 'sarif' ? formatSarif(reports, io.cwd, meta) : formatText(reports, files.length);
  io.stdout(out);
  if (ioError) return 2;
  return reports.some((r) => r.findings.length > 0) ? 1 : 0;
}
