import { readFileSync } from 'node:fs';
import path from 'node:path';
import { extract } from '../../../src/core/extract';
import type { Layer, Model, ProgramIR } from '../../../src/core/ir';
import { parseSource } from '../../../src/core/parse';
import type { Range, SourceLanguage } from '../../../src/core/types';

export const fixture = (name: string): string => readFileSync(path.join(__dirname, '../../fixtures/extract', name), 'utf8');

export async function irOf(text: string, language: SourceLanguage): Promise<ProgramIR> {
  return extract(await parseSource(text, language));
}

/** 'Linear(16)' / 'ReLU[ReLU]' / 'Dense(10)[softmax]' / '@loop' / '@gate' */
export function layerSummary(l: Layer): string {
  let s = l.className;
  if (l.units !== undefined) s += `(${l.units})`;
  if (l.activation && l.activation.name !== l.className) s += `[${l.activation.name}]`;
  if (l.kind === 'container') s += `{${(l.inner?.layers ?? []).map(layerSummary).join(' > ')}}`;
  if (l.inLoop) s += '@loop';
  if (l.gated) s += '@gate';
  return s;
}

export const modelSummary = (m: Model): string => `${m.kind} ${m.name ?? '?'}: ${m.layers.map(layerSummary).join(' > ')}`;

/** 1-based "line:col-line:col" of a range for readable assertions. */
export const at = (r: Range): string => `${r.cell !== undefined ? `#${r.cell} ` : ''}${r.start.line + 1}:${r.start.column + 1}-${r.end.line + 1}:${r.end.column + 1}`;
