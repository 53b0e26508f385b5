/**
 * An activation's parameters as its framework spells them: `negative_slope=0.01` for torch's
 * nn.LeakyReLU, `negative_slope=0.3` for Keras 3's LeakyReLU, `alpha: 0.3` for tfjs — which of them
 * the code gives and which it leaves to the framework's default. Read from the catalog binding the
 * name resolved to (its argNames, positional order, defaults and signature text). Pure; the models
 * view and the inlay hints both use it.
 */
import type { ActivationRef, Arg } from './ir';
import type { NameBinding, ParamValue } from './math/types';
import type { SourceLanguage } from './types';

export interface ShownParam {
  /** Canonical name in the catalog ('slope'). */
  canonical: string;
  /** The framework's own argument name ('negative_slope', 'alpha'). */
  name: string;
  /** The value as code of that language: `0.01`, `'tanh'`, `True`, `false`. */
  value: string;
  /** Written in the call (true) or the framework's default (false). */
  given: boolean;
}

/** The activation is a call whose arguments can be completed (not a string or a bare reference). */
export function isCallSite(ref: ActivationRef): boolean {
  switch (ref.kind) {
    case 'keras-string':
    case 'tfjs-string':
    case 'hf-hidden-act':
      return false;
    default:
      return true;
  }
}

/** The parameter list inside a catalog signature: "nn.LeakyReLU(negative_slope=0.01, inplace=False)". */
function signatureDefaults(signature: string): Map<string, string> {
  const out = new Map<string, string>();
  const open = signature.indexOf('(');
  const close = signature.lastIndexOf(')');
  if (open < 0 || close <= open) return out;
  let inner = signature.slice(open + 1, close).trim();
  if (inner.startsWith('{') && inner.endsWith('}')) inner = inner.slice(1, -1);
  let depth = 0;
  let start = 0;
  const parts: string[] = [];
  for (let i = 0; i <= inner.length; i++) {
    const c = inner[i];
    if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') depth--;
    if ((c === ',' && depth === 0) || i === inner.length) {
      parts.push(inner.slice(start, i).trim());
      start = i + 1;
    }
  }
  for (const p of parts) {
    const m = /^([A-Za-z_]\w*)\s*[=:]\s*(.+)$/.exec(p);
    if (m) out.set(m[1]!, m[2]!.trim());
  }
  return out;
}

/** The framework's argument name for a canonical parameter (the one its signature shows). */
export function frameworkParamName(binding: NameBinding, canonical: string): string {
  const sig = signatureDefaults(binding.signature);
  const names = Object.entries(binding.argNames ?? {}).filter(([, c]) => c === canonical).map(([n]) => n);
  return names.find((n) => sig.has(n)) ?? names[0] ?? canonical;
}

export function formatValue(v: ParamValue, language: SourceLanguage): string {
  const python = language === 'python' || language === 'ipynb';
  if (typeof v === 'boolean') return python ? (v ? 'True' : 'False') : String(v);
  if (typeof v === 'number') {
    if (v === Infinity) return python ? "float('inf')" : 'Infinity';
    return String(Number(v.toPrecision(6)));
  }
  return `'${v}'`;
}

/** Canonical names the call's arguments set (by keyword or by position). */
function givenCanonical(ref: ActivationRef, binding: NameBinding): Map<string, Arg> {
  const out = new Map<string, Arg>();
  for (const a of ref.args) {
    if (a.name !== undefined) out.set(binding.argNames?.[a.name] ?? a.name, a);
    else if (a.index !== undefined) {
      const c = binding.positional?.[a.index];
      if (c) out.set(c, a);
    }
  }
  return out;
}

/**
 * The parameters that shape the function, as the framework spells them: every parameter the
 * binding has a default for, and every catalog parameter the call sets. Empty for unknown names.
 */
export function shownParams(ref: ActivationRef, language: SourceLanguage): ShownParam[] {
  const binding = ref.resolved?.binding;
  const entry = ref.resolved?.entry;
  if (!binding || !entry) return [];
  const given = isCallSite(ref) ? givenCanonical(ref, binding) : new Map<string, Arg>();
  const sig = signatureDefaults(binding.signature);
  const known = new Set(entry.params.map((p) => p.name));
  const names = [...Object.keys(binding.defaults), ...[...given.keys()].filter((c) => known.has(c) && !(c in binding.defaults))];
  const out: ShownParam[] = [];
  for (const canonical of names) {
    const name = frameworkParamName(binding, canonical);
    const arg = given.get(canonical);
    const isGiven = arg !== undefined;
    const value = ref.params[canonical];
    const shown = arg ? arg.text : sig.get(name) ?? (value !== undefined ? formatValue(value, language) : undefined);
    if (shown === undefined) continue;
    out.push({ canonical, name, value: shown, given: isGiven });
  }
  return out;
}
