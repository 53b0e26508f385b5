// The whole-file facts of an incremental walk (src/core/extract/walk.ts patchFacts): the previous
// walk's lists and tables by node, patched, must be exactly what building them from the statements
// gives, and must describe the same calls, assignments and names as a fresh walk of the new text.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { coverOf, parseSource } from '../../../src/core/parse/parse';
import type { Facts } from '../../../src/core/extract/facts';
import { incrementalFacts, type ExtractSession } from '../../../src/core/extract/incremental';
import { Prng } from '../fuzz/prng';
import { editOf } from '../parse/editOf';

const ROOT = path.resolve(__dirname, '../../..');
const LISTS = ['calls', 'assigns', 'classes', 'comments', 'refs', 'functionScopes', 'returns'] as const;

/** What of the facts does not depend on node identity (kept nodes keep their ids, fresh ones get new ones). */
function shape(f: Facts): unknown {
  return {
    calls: f.calls.map((c) => [c.id, c.order, c.name, c.qualified, c.path?.join('.'), c.inference, c.parent?.id, c.calleeCall?.id]),
    assigns: f.assigns.map((a) => [a.order, a.targets.join(), a.valueCall?.id]),
    lengths: LISTS.map((k) => f[k].length),
    multiplied: [...f.multiplied].map(([fn, names]) => [fn?.name, [...names].sort()]),
    declared: [...f.rootScope.declared].sort(),
    imports: f.imports.raw.map((i) => `${i.local}=${i.qualified}`),
  };
}

/** The patched lists are the statements' lists end to end; the tables hold the statements' entries and no other. */
function consistent(facts: Facts, session: ExtractSession): void {
  for (const k of LISTS) {
    const want = session.statements.flatMap((rec) => rec[k] as unknown[]);
    expect(facts[k].length, k).toBe(want.length);
    expect(want.every((x, i) => facts[k][i] === x), k).toBe(true);
  }
  let calls = 0;
  let scopes = 1; // the root's
  for (const rec of session.statements) {
    for (const c of rec.calls) expect(facts.callByNode.get(c.node.id)).toBe(c);
    for (const [id, scope] of rec.scopes) expect(facts.scopeByNode.get(id)).toBe(scope);
    calls += rec.calls.length;
    scopes += rec.scopes.length;
  }
  expect(facts.callByNode.size).toBe(calls);
  expect(facts.scopeByNode.size).toBe(scopes);
  expect(facts.scopeByNode.get(facts.rootScope.node.id)).toBe(facts.rootScope);
}

const SNIPPETS = ['1', 'x', '\n', '(', ')', ',', 'import torch.nn as nn\n', 'model.fit(x)\n', 'y = x * gate\n', 'act = nn.Tanh\n', 'def f(a):\n    return F.relu(a)\n'];

describe('incremental walk: patched whole-file facts', () => {
  it('equal the statements\' facts and a fresh walk over random edits (by position and by text)', async () => {
    const sources = ['examples/torch/cnn_classifier.py', 'examples/torch/vae_decoder.py', 'examples/keras/functional_regression.py', 'examples/keras/mnist_mlp.py'].map((f) => path.join(ROOT, f));
    const rand = new Prng(5);
    for (const f of sources) {
      let text = readFileSync(f, 'utf8');
      let parsed = await parseSource(text, 'python');
      let previous = incrementalFacts(parsed.tree!, text, parsed.grammar, 'py', () => false, undefined).session;
      for (let step = 0; step < 30; step++) {
        const at = rand.int(text.length + 1);
        const edit = rand.chance(0.6) ? editOf(text, at, at, rand.pick(SNIPPETS)) : editOf(text, at, Math.min(text.length, at + 1 + rand.int(20)), '');
        const next = await parseSource(edit.next, 'python', { previous: parsed, edits: [edit.edit] });
        const bySpan = rand.chance(0.5);
        const inc = incrementalFacts(next.tree!, edit.next, next.grammar, 'py', () => false, previous, bySpan ? coverOf([edit.edit]) : undefined);
        consistent(inc.facts, inc.session);
        const fresh = await parseSource(edit.next, 'python');
        const whole = incrementalFacts(fresh.tree!, edit.next, fresh.grammar, 'py', () => false, undefined);
        expect(shape(inc.facts), `${path.basename(f)} step ${step}`).toEqual(shape(whole.facts));
        text = edit.next;
        parsed = next;
        previous = inc.session;
      }
      // Handed in again, a spent session is not taken over: a whole walk, still consistent.
      const again = incrementalFacts(parsed.tree!, text, parsed.grammar, 'py', () => false, previous);
      expect(again.stats.replayed).toBeGreaterThan(0);
      const twice = incrementalFacts(parsed.tree!, text, parsed.grammar, 'py', () => false, previous);
      expect(twice.stats.replayed).toBe(0);
      consistent(twice.facts, twice.session);
    }
  });
});
