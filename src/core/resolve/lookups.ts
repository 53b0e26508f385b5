/**
 * Registry lookups whose key the file does not say: `ACT2FN[config.hidden_act]` in a Hugging Face
 * modeling file, where `config` is an instance of a config class defined in configuration_x.py.
 * The lookup is still an activation choice (a site with an unknown id); this module says where its
 * key may come from, so that the project linker (src/core/project/configs.ts) can read it there:
 *
 *   ACT2FN[config.hidden_act]                 → attr 'hidden_act'
 *   ACT2FN[self.config.pooler_hidden_act]     → attr 'pooler_hidden_act'
 *   self.act = config.feat_extract_activation; ACT2FN[self.act]   → attr 'feat_extract_activation'
 *   get_activation(getattr(config, "summary_activation", None))   → attr 'summary_activation'
 *
 * and which imported classes may hold it: the parameter's annotation when it names an imported
 * class (`def __init__(self, config: BertConfig)`), else every config-like class the file imports
 * (`from .configuration_bert import BertConfig`): the linker keeps those that define the attribute.
 */
import type { Node } from 'web-tree-sitter';
import type { KeyLookup } from '../ir';
import type { Scope } from '../extract/scope';
import { declaringScope } from '../extract/scope';
import { dottedPath, stringValue, unwrap } from '../extract/syntax';
import { annotationName, parameterNode, type ValueResolver } from './values';

/** Base classes of config classes, never a config of the project themselves. */
const CONFIG_BASES = new Set(['PretrainedConfig', 'PreTrainedConfig']);

const MAX_HOPS = 4;

export function keyLookup(r: ValueResolver, registry: string, keyNode: Node): KeyLookup | undefined {
  const n = unwrap(keyNode);
  const expression = n.text.replace(/\s+/g, ' ').slice(0, 80);
  if (!expression) return undefined;
  const out: KeyLookup = { registry, expression };
  const origin = attrOrigin(r, n, 0);
  if (origin) {
    out.attr = origin.attr;
    const classes = importedConfigs(r, origin.root);
    if (classes.length > 0) out.classes = classes;
  }
  return out;
}

interface Origin {
  attr: string;
  /** The expression of the config object (`config`, `self.config`), when written. */
  root?: Node;
}

/** The config attribute a key expression reads, following a few plain assignments. */
function attrOrigin(r: ValueResolver, node: Node, hops: number): Origin | undefined {
  const n = unwrap(node);
  if (hops > MAX_HOPS) return undefined;
  if (n.type === 'attribute') {
    const obj = n.childForFieldName('object');
    const attr = n.childForFieldName('attribute')?.text;
    if (!obj || !attr) return undefined;
    const path = dottedPath(n);
    // self.act: what the class assigns to it (`self.act = config.hidden_act`).
    if (path && path.length === 2 && path[0] === 'self') {
      const cls = r.scopeAt(n).cls;
      const assigns = cls ? (r.selfAssigns(cls).get(attr) ?? []) : [];
      if (assigns.length === 1) return attrOrigin(r, assigns[0]!.value, hops + 1);
      if (assigns.length > 1) return undefined;
    }
    return { attr, root: obj };
  }
  if (n.type === 'identifier') {
    const scope = r.scopeAt(n);
    const home = declaringScope(scope, n.text);
    if (!home) return undefined;
    const assigns = r.assignsIn(home, n.text).filter((a) => a.value.endIndex <= n.startIndex);
    const last = assigns[assigns.length - 1];
    return last && last.targets.length === 1 ? attrOrigin(r, last.value, hops + 1) : undefined;
  }
  if (n.type === 'call') {
    // getattr(config, "summary_activation", None)
    const fn = n.childForFieldName('function');
    const args = n.childForFieldName('arguments')?.namedChildren ?? [];
    if (fn?.text !== 'getattr' || args.length < 2) return undefined;
    const attr = stringValue(unwrap(args[1]!));
    return attr && /^[A-Za-z_]\w*$/.test(attr) ? { attr, root: args[0]! } : undefined;
  }
  if (n.type === 'conditional_expression' || n.type === 'boolean_operator') {
    for (const c of n.namedChildren) {
      const o = attrOrigin(r, c, hops + 1);
      if (o) return o;
    }
  }
  return undefined;
}

/** The config classes the file imports that `root` may be an instance of, as imported ('.configuration_bert.BertConfig'). */
function importedConfigs(r: ValueResolver, root: Node | undefined): string[] {
  const imports = r.facts.imports;
  const qualifiedOf = (local: string): string | undefined => imports.relative(local) ?? imports.raw.find((i) => i.local === local)?.qualified;
  // The annotation of the parameter the object is (`config: BertConfig`), or of `self.config`'s source.
  const annotated = root ? annotationOf(r, root) : undefined;
  if (annotated) {
    const q = qualifiedOf(annotated);
    if (q && !CONFIG_BASES.has(annotated)) return [q];
  }
  const out: string[] = [];
  for (const [local, q] of imports.relativeEntries()) if (isConfigName(local)) out.push(q);
  for (const i of imports.raw) if (isConfigName(i.local) && /^transformers\./.test(i.qualified)) out.push(i.qualified);
  return [...new Set(out)];
}

function isConfigName(local: string): boolean {
  return /Config$/.test(local) && !CONFIG_BASES.has(local);
}

function annotationOf(r: ValueResolver, root: Node): string | undefined {
  let n = unwrap(root);
  if (n.type === 'attribute') {
    // self.config → the parameter `self.config = config` stores
    const path = dottedPath(n);
    const cls = path && path.length === 2 && path[0] === 'self' ? r.scopeAt(n).cls : undefined;
    const assigns = cls ? (r.selfAssigns(cls).get(path![1]!) ?? []) : [];
    if (assigns.length !== 1) return undefined;
    n = unwrap(assigns[0]!.value);
  }
  if (n.type !== 'identifier') return undefined;
  const home: Scope | undefined = declaringScope(r.scopeAt(n), n.text);
  if (!home || home.kind !== 'function' || !home.params?.includes(n.text)) return undefined;
  const p = parameterNode(home.node, n.text);
  return p?.type ? annotationName(p.type) : undefined;
}
