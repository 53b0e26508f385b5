import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Node } from 'web-tree-sitter';
import { describe, expect, it } from 'vitest';
import { parseSource } from '../../../src/core/parse';
import { mirrorTree, type MirrorNode } from '../../../src/core/parse/mirror';
import { rawCursorAvailable } from '../../../src/core/parse/rawcursor';

const EXT: Record<string, 'python' | 'javascript' | 'typescript'> = { '.py': 'python', '.js': 'javascript', '.ts': 'typescript' };
const ROOT = path.resolve(__dirname, '../../../examples');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = path.join(dir, f);
    return statSync(p).isDirectory() ? files(p) : EXT[path.extname(p)] ? [p] : [];
  });
}

/**
 * Node-for-node differences between the real tree and its mirror (empty when equal). The mirror
 * leaves out anonymous tokens that fill no field (punctuation, keywords) below the root's children.
 */
function differences(real: Node, copy: MirrorNode): string[] {
  const out: string[] = [];
  const stack: [Node, MirrorNode][] = [[real, copy]];
  while (stack.length > 0 && out.length < 5) {
    const [a, b] = stack.pop()!;
    const all = a.children.map((k, i) => [k!, a.fieldNameForChild(i)] as const);
    const kept = a.parent === null ? all : all.filter(([k, field]) => k.isNamed || field !== null || k.childCount > 0);
    const kids = kept.map(([k]) => k);
    const same = a.type === b.type && a.isNamed === b.isNamed && a.startIndex === b.startIndex && a.endIndex === b.endIndex && kids.length === b.children.length;
    if (!same) {
      out.push(`${a.type}@${a.startIndex}-${a.endIndex}/${kids.length} vs ${b.type}@${b.startIndex}-${b.endIndex}/${b.children.length}`);
      continue;
    }
    kids.forEach((k, i) => {
      if (kept[i]![1] !== b.children[i]!.fieldName) out.push(`field of child ${i} of ${a.type}@${a.startIndex}`);
      stack.push([k!, b.children[i]!]);
    });
  }
  return out;
}

describe('mirrorTree', () => {
  const examples = files(ROOT);

  it('copies every example (whole, cut in half, unbalanced) node for node', async () => {
    expect(examples.length).toBeGreaterThan(5);
    let nodes = 0;
    for (const f of examples) {
      const text = readFileSync(f, 'utf8');
      for (const variant of [text, text.slice(0, text.length >> 1), text.replace(')', ''), `${text}\n  (((`, '', '  \n# only a comment\n']) {
        const parsed = await parseSource(variant, EXT[path.extname(f)]!);
        const copy = mirrorTree(parsed.tree!, variant);
        expect(differences(parsed.tree!.rootNode, copy), `${path.basename(f)} (${variant.length} chars)`).toEqual([]);
        nodes += copy.children.length;
      }
    }
    expect(nodes).toBeGreaterThan(100);
  });

  it('uses the direct wasm cursor calls (the fast path has not silently fallen back)', async () => {
    const code = 'x = nn.Sequential(nn.Linear(2, 3), nn.ReLU())\n';
    const parsed = await parseSource(code, 'python');
    expect(rawCursorAvailable()).toBe(true);
    const root = mirrorTree(parsed.tree!, code);
    const leaf = root.children[0]!.children[0]!.children[0]!; // the identifier x
    expect(leaf.type).toBe('identifier');
    expect(leaf.children).toEqual([]);
    expect(root.children[0]!.children[0]!.children.map((c) => c.type)).toEqual(['identifier', 'call']); // no `=`
    const args = root.children[0]!.children[0]!.children[1]!.childForFieldName('arguments')!;
    expect(args.children.map((c) => c.type)).toEqual(['call', 'call']); // no `(`, `,`, `)`
  });
});
