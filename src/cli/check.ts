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
import { analyzeFiles } from './analyzeFiles';
import type { SourceFile } from './files';
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
  const reports: FileReport[] = [];
  let project: CliProject | undefined;
  const { files, ioError } = await analyzeFiles(
    {
      paths: args.paths,
      maxSize: args.maxSize,
      options: { locale: args.lang, select: args.select, ignore: args.ignore },
      onFiles: (files) => (project = new CliProject(args.paths, io.cwd, files)),
      onAnalyzed: (file, result) => project?.add(file, result),
      onResult: (file, result, text) => {
        const findings = applyNoqa(
          result.findings.filter((f) => keepFinding(f, args)),
          text,
          file.language,
        ).sort(byPosition);
        reports.push({ file, findings });
      },
    },
    analyze,
    io,
  );
  // The project files the given ones import, read from disk for the links (`check train.py` and model.py).
  await project!.pullImports(analyze, { locale: args.lang }, args.maxSize);
  // Links across files (noqa already applied by the linker in the file each lands in). A finding in
  // a file read only for its imports is reported when it involves a given file (its related place).
  const given = new Set(reports.map((r) => r.file.display));
  for (const [absolute, linked] of project!.link({ locale: args.lang, select: args.select, ignore: args.ignore })) {
    let r = reports.find((x) => x.file.absolute === absolute);
    const kept = linked.filter((f) => keepFinding(f, args));
    if (!r) {
      const pulled = [...project!.pulled.values()].find((f) => f.absolute === absolute);
      const involved = kept.filter((f) => f.related?.some((x) => x.path !== undefined && given.has(x.path)));
      if (!pulled || involved.length === 0) continue;
      r = { file: pulled, findings: [] };
      reports.push(r);
      r.findings = involved.sort(byPosition);
      continue;
    }
    r.findings = [...r.findings, ...kept].sort(byPosition);
  }

  const out =
    args.format === 'json' ? formatJson(reports) : args.format === 'sarif' ? formatSarif(reports, io.cwd, meta) : formatText(reports, files.length, reports.filter((r) => !files.some((f) => f.absolute === r.file.absolute)).length);
  io.stdout(out);
  if (ioError) return 2;
  return reports.some((r) => r.findings.length > 0) ? 1 : 0;
}
