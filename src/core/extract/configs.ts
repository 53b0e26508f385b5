/**
 * Config classes (`class BertConfig(PreTrainedConfig)`, dataclasses named *Config) and the string
 * values their fields are given — class attributes and dataclass fields, `self.x = …` in their
 * methods, `__init__` defaults stored on self, and the file's constructions. Another file's registry
 * lookup (`ACT2FN[config.hidden_act]`, src/core/resolve/lookups.ts) is resolved through them by the
 * project linker (src/core/project/configs.ts); the IR keeps them as `ir.configs`.
 */
import type { ConfigClass } from '../ir';
import { isConfigClass } from '../resolve/values';
import type { Extraction } from './context';
import type { AssignFact, ClassFact } from './facts';

/** Config fields that hold an activation key: hidden_act, pooler_act, dense_act_fn, summary_activation, activation_function, … */
export const CONFIG_FIELD = /(^|_)act(_fn)?($|_)|activation/;

const MAX_FIELDS = 200;

export function configClasses(ex: Extraction): ConfigClass[] {
  const out: ConfigClass[] = [];
  const classes = ex.facts.classes.filter(isConfigClass);
  if (classes.length === 0) return out;
  const byClass = new Map<ClassFact, Map<string, AssignFact[]>>(classes.map((c) => [c, new Map()]));
  const add = (c: ClassFact | undefined, attr: string, a: AssignFact): void => {
    const m = c && byClass.get(c);
    if (m) m.set(attr, [...(m.get(attr) ?? []), a]);
  };
  for (const a of ex.facts.assigns) {
    if (a.targets.length !== 1) continue;
    const t = a.targets[0]!;
    if (a.scope.kind === 'class' && /^\w+$/.test(t)) add(classes.find((k) => k.node.id === a.scope.node.id), t, a);
    else if (/^self\.\w+$/.test(t)) add(a.fn?.cls, t.slice(5), a);
  }
  for (const c of classes) {
    const fields: ConfigClass['fields'] = [];
    const open: string[] = [];
    for (const [attr, assigns] of byClass.get(c)!) {
      if (fields.length >= MAX_FIELDS) break;
      const strings = ex.values.fieldValues(c, attr).filter((v) => v.t === 'str');
      for (const v of strings) fields.push({ attr, value: v.value, range: ex.range(v.node) });
      // A string field also given something this file cannot say (`act_info[-1]`) is open.
      if (strings.length > 0 && assigns.some((a) => !ex.values.values(a.value).some((v) => v.t === 'str' || v.t === 'none'))) open.push(attr);
    }
    out.push({ name: c.name, bases: [...c.bases], fields, ...(open.length > 0 ? { open } : {}) });
  }
  return out;
}
