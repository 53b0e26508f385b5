/**
 * Output of `explain`: text for people (labels in English or Simplified Chinese) and the JSON of
 * the contract, {"name", "framework", "params", "points": [{"x", "y", "dy"}]} (plus "id"), where
 * non-finite numbers are the strings "NaN", "Infinity", "-Infinity".
 */
import type { ActivationProperties, ParamValue } from '../core/math/types';
import type { Lang } from './args';
import { FRAMEWORK_ORDER, type ExplainData } from './explain';

const LABELS = {
  en: {
    framework: 'framework',
    inferred: (name: string) => `the first of ${FRAMEWORK_ORDER.join(', ')} that knows '${name}'; choose with --framework`,
    id: 'catalog id',
    signature: 'signature',
    versions: 'Keras versions',
    formula: 'formula',
    derivative: 'derivative',
    range: 'range',
    properties: 'properties',
    parameters: 'parameters',
    none: 'none',
    default: 'default',
    deprecated: (r: string) => `deprecated: use ${r}`,
    strengths: 'strengths',
    weaknesses: 'weaknesses',
    whenToUse: 'when to use',
    maxDerivative: "max |f'|",
    flags: {
      monotonic: 'monotonic',
      zeroCentred: 'zero-centred',
      bounded: 'bounded',
      saturatesLeft: 'saturates left',
      saturatesRight: 'saturates right',
      smooth: 'smooth',
      nonNegative: 'non-negative output',
      squashesToProbabilities: 'outputs probabilities',
      logProbabilities: 'outputs log-probabilities',
      selfNormalizing: 'self-normalizing',
      vector: 'vector op (over an axis)',
      identity: 'identity (no nonlinearity)',
    },
  },
  'zh-cn': {
    framework: '框架',
    inferred: (name: string) => `按 ${FRAMEWORK_ORDER.join('、')} 的顺序，第一个认识 '${name}' 的框架；可用 --framework 指定`,
    id: '目录 id',
    signature: '签名',
    versions: 'Keras 版本',
    formula: '公式',
    derivative: '导数',
    range: '值域',
    properties: '性质',
    parameters: '参数',
    none: '无',
    default: '默认',
    deprecated: (r: string) => `已弃用：请改用 ${r}`,
    strengths: '优点',
    weaknesses: '缺点',
    whenToUse: '适用场景',
    maxDerivative: "max |f'|",
    flags: {
      monotonic: '单调',
      zeroCentred: '以零为中心',
      bounded: '有界',
      saturatesLeft: '左饱和',
      saturatesRight: '右饱和',
      smooth: '光滑',
      nonNegative: '输出非负',
      squashesToProbabilities: '输出概率',
      logProbabilities: '输出对数概率',
      selfNormalizing: '自归一化',
      vector: '向量运算（沿某一轴）',
      identity: '恒等（无非线性）',
    },
  },
} as const;

function num(x: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '∞';
  if (x === -Infinity) return '-∞';
  if (Object.is(x, -0)) return '-0';
  return String(Number(x.toPrecision(12)));
}

export function formatRange(r: ActivationProperties['range']): string {
  const lo = r.lo === -Infinity ? '(-∞' : `${r.loClosed ? '[' : '('}${num(r.lo)}`;
  const hi = r.hi === Infinity ? '∞)' : `${num(r.hi)}${r.hiClosed ? ']' : ')'}`;
  return `${lo}, ${hi}`;
}

function value(v: ParamValue): string {
  return typeof v === 'number' ? num(v) : String(v);
}

export function formatExplainText(d: ExplainData, lang: Lang): string {
  const L = LABELS[lang];
  const { entry, binding } = d.resolved;
  const docs = entry.docs[lang] ?? entry.docs.en;
  const out: string[] = [];
  out.push(`${binding.name} — ${entry.displayName}`);
  out.push(`${L.framework}: ${d.framework}${d.inferred ? ` (${L.inferred(d.requested)})` : ''}`);
  out.push(`${L.id}: ${entry.id}`);
  out.push(`${L.signature}: ${binding.signature}`);
  if (binding.variants && binding.variants.length > 0) out.push(`${L.versions}: ${binding.variants.map((v) => v.replace('keras', '')).join(', ')}`);
  if (binding.deprecated) out.push(L.deprecated(binding.deprecated.replacement));
  out.push(`${L.formula}: ${docs.formula}`);
  out.push(`${L.derivative}: ${docs.derivative}`);
  out.push(`${L.range}: ${formatRange(entry.properties.range)}`);
  const p = entry.properties;
  const flags: string[] = (Object.keys(L.flags) as Array<keyof typeof L.flags>).filter((k) => p[k] === true).map((k) => L.flags[k]);
  flags.push(`${L.maxDerivative} = ${num(p.maxDerivative)}`);
  out.push(`${L.properties}: ${flags.join(', ')}`);
  if (d.params.length === 0) {
    out.push(`${L.parameters}: ${L.none}`);
  } else {
    out.push(`${L.parameters}:`);
    for (const q of d.params) {
      const canon = q.canonical !== q.name ? ` (${q.canonical})` : '';
      const dflt = q.value !== q.defaultValue ? `  [${L.default} ${value(q.defaultValue)}]` : '';
      const desc = q.spec ? `  — ${q.spec.description[lang] ?? q.spec.description.en}` : '';
      out.push(`  ${q.name}${canon} = ${value(q.value)}${dflt}${desc}`);
    }
  }
  out.push('');
  out.push(docs.summary);
  if (docs.strengths.length > 0) out.push(`${L.strengths}:`, ...docs.strengths.map((s) => `  + ${s}`));
  if (docs.weaknesses.length > 0) out.push(`${L.weaknesses}:`, ...docs.weaknesses.map((s) => `  - ${s}`));
  out.push(`${L.whenToUse}: ${docs.whenToUse}`);
  if (d.points.length > 0) {
    out.push('');
    const rows = [['x', 'f(x)', "f'(x)"], ...d.points.map((pt) => [num(pt.x), num(pt.y), num(pt.dy)])];
    const widths = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length)));
    for (const r of rows) out.push('  ' + r.map((cell, c) => cell.padStart(widths[c])).join('   '));
  }
  return out.join('\n') + '\n';
}

/** JSON numbers, with NaN and ±Infinity as the strings the contract names. */
export function jsonNumber(x: number): number | string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  return x;
}

export function formatExplainJson(d: ExplainData): string {
  const params: Record<string, number | string | boolean> = {};
  for (const q of d.params) params[q.name] = typeof q.value === 'number' ? jsonNumber(q.value) : q.value;
  const doc = {
    name: d.resolved.binding.name,
    framework: d.framework,
    id: d.resolved.entry.id,
    params,
    points: d.points.map((pt) => ({ x: jsonNumber(pt.x), y: jsonNumber(pt.y), dy: jsonNumber(pt.dy) })),
  };
  return JSON.stringify(doc, null, 2) + '\n';
}
