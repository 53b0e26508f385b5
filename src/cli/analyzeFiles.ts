/**
 * The file loop `check` and `list` share: collect the files under the given paths, read each one
 * (size limit, I/O problems reported), analyze it, and hand each analyzed file to the caller.
 * Progress on a terminal, notes, skipped notebooks and internal errors are reported here, once.
 */
import type { AnalysisResult, AnalyzeOptions } from '../core/types';
import type { AnalyzeFn, Io } from './check';
import { collectFiles, readSource, type FileProblem, type SourceFile } from './files';

export interface AnalyzeFilesOptions {
  paths: readonly string[];
  maxSize: number;
  /** The analyzer's options for one file besides language, path and maxChars. */
  options: Omit<AnalyzeOptions, 'language' | 'path' | 'maxChars'>;
  /** The collected files, before any is read (check's project index needs the whole set). */
  onFiles?: (files: readonly SourceFile[]) => void;
  /** Every analysis result, before a skipped one is reported (check's project index takes them all). */
  onAnalyzed?: (file: SourceFile, result: AnalysisResult) => void;
  /** A file that was analyzed and not skipped, with its text. */
  onResult: (file: SourceFile, result: AnalysisResult, text: string) => void;
}

/** Returns every collected file and whether an I/O or internal error occurred (exit code 2). */
export async function analyzeFiles(o: AnalyzeFilesOptions, analyze: AnalyzeFn, io: Io): Promise<{ files: SourceFile[]; ioError: boolean }> {
  const { files, problems } = collectFiles([...o.paths], io.cwd);
  const report = (p: FileProblem) => io.stderr(`${p.kind === 'io' ? 'error' : 'warning'}: ${p.display}: ${p.reason}\n`);
  problems.forEach(report);
  o.onFiles?.(files);
  let ioError = problems.some((p) => p.kind === 'io');
  const progress = io.stderrIsTTY && files.length > 1;
  for (let i = 0; i < files.length; i++) {
    const file = files[i];
    if (progress) io.stderr(`\r\x1b[K[${i + 1}/${files.length}] ${file.display}`);
    const read = readSource(file, o.maxSize);
    if (!read.ok) {
      if (progress) io.stderr('\r\x1b[K');
      report(read.problem);
      ioError ||= read.problem.kind === 'io';
      continue;
    }
    let result: AnalysisResult;
    try {
      result = await analyze(read.text, { ...o.options, language: file.language, path: file.display, maxChars: o.maxSize });
    } catch (err) {
      if (progress) io.stderr('\r\x1b[K');
      io.stderr(`error: ${file.display}: internal error while analyzing: ${err instanceof Error ? err.message : String(err)}\n`);
      ioError = true;
      continue;
    }
    o.onAnalyzed?.(file, result);
    if (progress && result.notes.length > 0) io.stderr('\r\x1b[K');
    if (result.skipped) {
      // Not analyzed at all (a notebook whose code is above --max-size, say): skipped, as a file
      // above the limit is, not counted as checked.
      const why = result.notes[0] ?? 'not analyzed';
      report({ display: file.display, reason: result.skipped === 'tooLarge' ? `${why} Raise the limit with --max-size.` : why, kind: 'skipped' });
      continue;
    }
    for (const note of result.notes) io.stderr(`note: ${file.display}: ${note}\n`);
    o.onResult(file, result, read.text);
  }
  if (progress) io.stderr('\r\x1b[K');
  return { files, ioError };
}
