/** Analyzer notes (problems with the input itself) in both message languages. */
type Locale = 'en' | 'zh-cn';

const NOTES = {
  tooLarge: { en: 'The file has {0} characters, more than the limit of {1}; it was not analyzed.', 'zh-cn': '文件有 {0} 个字符，超过上限 {1}，未分析。' },
  tooLargeCode: { en: 'The notebook has {0} characters of code, more than the limit of {1}; it was not analyzed.', 'zh-cn': '笔记本的代码有 {0} 个字符，超过上限 {1}，未分析。' },
  tooLargeJson: { en: 'The notebook file has {0} characters, more than the {1} a notebook may have with its outputs; it was not analyzed.', 'zh-cn': '笔记本文件（含输出）有 {0} 个字符，超过笔记本的上限 {1}，未分析。' },
  binary: { en: 'The file looks binary (it contains NUL characters); it was not analyzed.', 'zh-cn': '文件看起来是二进制文件（包含 NUL 字符），未分析。' },
  budget: { en: 'Stopped after {0} ms (time budget); results are partial.', 'zh-cn': '超过时间预算（{0} 毫秒），结果不完整。' },
  cancelled: { en: 'Cancelled; results are partial.', 'zh-cn': '已取消，结果不完整。' },
  ruleFailed: { en: 'Rule {0} failed on this file: {1}', 'zh-cn': '规则 {0} 在此文件上出错：{1}' },
  failed: { en: 'The analysis failed: {0}', 'zh-cn': '分析失败：{0}' },
  syntax: { en: 'The file has syntax errors; findings near them may be missing.', 'zh-cn': '文件有语法错误，错误附近的问题可能未被发现。' },
  badJson: { en: 'The notebook is not valid JSON ({0}); nothing was analyzed.', 'zh-cn': '笔记本不是有效的 JSON（{0}），未分析。' },
  notPython: { en: "The notebook's language is {0}, not Python; nothing was analyzed.", 'zh-cn': '笔记本的语言是 {0}，不是 Python，未分析。' },
  noCells: { en: 'The notebook has no "cells" array; nothing was analyzed.', 'zh-cn': '笔记本没有 "cells" 数组，未分析。' },
  noCode: { en: 'The notebook has no code cells.', 'zh-cn': '笔记本没有代码单元格。' },
} as const;

export type NoteKey = keyof typeof NOTES;

export function note(key: NoteKey, locale: Locale, ...args: (string | number)[]): string {
  return NOTES[key][locale].replace(/\{(\d)\}/g, (_, i: string) => String(args[Number(i)] ?? ''));
}
