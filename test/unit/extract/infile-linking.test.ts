/**
 * In-file linking (issue 12, items 1–3 and 5): models built by helpers, classes, trainers, reached
 * through tensor methods, meet their losses inside one file. Fixtures in test/fixtures/infile: each
 * NAME has the lines that must be reported marked `# expect: ACTnnn`; its twin NAME.clean has the
 * same shape with a loss that suits the output and must stay silent for those rules.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/core/analyze';
import type { SourceLanguage } from '../../../src/core/types';
import { irOf, modelSummary } from './helpers';

const dir = path.join(__dirname, '../../fixtures/infile');
const LOSS_RULES = ['ACT001', 'ACT002', 'ACT010'];

const languageOf = (file: string): SourceLanguage => (file.endsWith('.js') ? 'javascript' : 'python');

/** "ACT001 12" for every finding of the given rules. */
async function reported(file: string, rules: readonly string[]): Promise<string[]> {
  const text = readFileSync(path.join(dir, file), 'utf8');
  const { findings } = await analyze(text, { language: languageOf(file) });
  return findings.filter((f) => rules.includes(f.rule)).map((f) => `${f.rule} ${f.range.start.line + 1}`).sort();
}

/** The `expect:` markers of a fixture as "ACT001 12". */
function expected(file: string): string[] {
  const lines = readFileSync(path.join(dir, file), 'utf8').split('\n');
  const out: string[] = [];
  lines.forEach((line, i) => {
    for (const m of line.matchAll(/(?:#|\/\/) expect: ((?:ACT\d{3}[ ,]*)+)/g)) for (const id of m[1]!.split(/[ ,]+/).filter(Boolean)) out.push(`${id} ${i + 1}`);
  });
  return out.sort();
}

const files = readdirSync(dir).filter((f) => /\.(py|js)$/.test(f));
const bad = files.filter((f) => !f.includes('.clean.') && f !== 'unknowable.py');

describe('in-file fixtures: the mismatch is reported where marked', () => {
  it('every pattern has a clean twin', () => {
    expect(bad.length).toBeGreaterThanOrEqual(12);
    for (const f of bad) expect(files).toContain(f.replace(/\.(py|js)$/, '.clean.$1'));
  });
  for (const f of bad) {
    it(f, async () => {
      const want = expected(f);
      expect(want.length).toBeGreaterThan(0);
      const rules = [...new Set([...LOSS_RULES, ...want.map((w) => w.split(' ')[0]!)])];
      expect(await reported(f, rules)).toEqual(want);
    });
    const twin = f.replace(/\.(py|js)$/, '.clean.$1');
    it(`${twin} stays silent`, async () => {
      const rules = [...new Set([...LOSS_RULES, ...expected(f).map((w) => w.split(' ')[0]!)])];
      expect(await reported(twin, rules)).toEqual([]);
    });
  }
  it('unknowable.py: loaded, hub, pretrained, torchvision models and unknown parameters stay silent', async () => {
    expect(await reported('unknowable.py', LOSS_RULES)).toEqual([]);
  });
});

/** The fixtures' shapes as the IR sees them (so a silent twin is silent for the right reason). */
describe('in-file linking: what the IR links', () => {
  const ir = async (file: string) => irOf(readFileSync(path.join(dir, file), 'utf8'), languageOf(file));
  const links = async (file: string) => (await ir(file)).links.map((l) => `${l.model.opaque ? '?' : ''}${l.model.name ?? l.model.kind}->${l.loss.name}`);

  it('a helper returning nn.Sequential(*layers) built with append / extend / +=', async () => {
    const r = await ir('helper_function.clean.py');
    expect(r.links).toHaveLength(1);
    expect(modelSummary(r.links[0]!.model)).toBe('sequential ?: Sequential{Linear > ReLU} > Linear');
    // The inference-only predictor is a model, linked to no loss.
    expect(r.models.flatMap((m) => m.bindings)).toContain('predictor');
    expect(r.links.some((l) => l.model.bindings.includes('predictor'))).toBe(false);
  });

  it('a Keras builder returning keras.Sequential(list)', async () => {
    const r = await ir('keras_builder.clean.py');
    expect(modelSummary(r.links[0]!.model)).toBe('sequential ?: Dense(64)[relu] > Dense(32)[relu] > Dense');
  });

  it('add_module in __init__ and on a Sequential; OrderedDict', async () => {
    const r = await ir('add_module.clean.py');
    expect(r.models.map(modelSummary)).toEqual(['subclass Tagger: Linear(128) > relu > Linear', 'sequential head: Linear(4) > Sigmoid', 'sequential tail: Linear(2) > LogSoftmax']);
  });

  it('helper methods called from forward() are inlined with their data flow', async () => {
    const r = await ir('helper_methods.clean.py');
    const m = r.models.find((x) => x.name === 'AutoEncoder')!;
    expect(modelSummary(m)).toBe('subclass AutoEncoder: Linear > relu > Linear > Linear > relu > Linear > sigmoid');
    expect(m.outputs[0]!.final?.className).toBe('sigmoid');
  });

  it('inheritance: layers of the base, forward of the subclass, super().forward()', async () => {
    const r = await ir('inheritance.clean.py');
    const summary = r.models.map(modelSummary);
    expect(summary).toContain('subclass Classifier: Linear(64) > relu > Linear > log_softmax');
    expect(summary).toContain('subclass Regressor: Linear(64) > relu > Linear');
    // forward() of the base runs in three models; each has its own data flow and output step.
    expect(r.models.map((m) => `${m.name}:${m.outputs[0]!.final?.className}`)).toEqual(['Backbone:Linear', 'Classifier:log_softmax', 'Regressor:Linear']);
  });

  it('a trainer: self.model from the constructor, the model from an unpacked helper result, DDP', async () => {
    expect(await links('trainer.clean.py')).toEqual(['model->CrossEntropyLoss']);
  });

  it('Lightning: self(x) in training_step is the module', async () => {
    expect(await links('lightning.clean.py')).toEqual(['LitClassifier->cross_entropy']);
  });

  it('a loss computed in forward() on a layer of the module; a bare layer as the model', async () => {
    expect(await links('loss_in_forward.clean.py')).toEqual(['self.lm_head->cross_entropy', 'probe->BCEWithLogitsLoss']);
  });

  it('Keras: CustomModel(inputs, outputs) is the functional model its train_step runs', async () => {
    const r = await ir('keras_model_subclass.clean.py');
    expect(r.links.map((l) => `${l.model.kind} ${l.model.name}`)).toEqual(['functional CustomModel']);
  });

  it('tfjs: const {model} = build() and timeDistributed({layer})', async () => {
    const r = await ir('tfjs_builder.clean.js');
    expect(r.links.map((l) => modelSummary(l.model))).toEqual(['functional model: lstm > dense[softmax]']);
  });

  it('a custom Keras layer without a stored activation applied in call() stays opaque', async () => {
    const r = await ir('keras_custom_layer.clean.py');
    const other = r.models.find((m) => m.name === 'other')!;
    expect(modelSummary(other)).toBe('sequential other: ScaledDense{ScaledDense{get@gate} > relu} > Blend{}');
  });
});

describe('ModuleList depth', () => {
  it('n blocks count n deep for ACT003, and the one written activation is pointed at once', async () => {
    const text = readFileSync(path.join(dir, 'module_list_depth.py'), 'utf8');
    const [f, ...rest] = (await analyze(text, { language: 'python' })).findings.filter((x) => x.rule === 'ACT003');
    expect(rest).toEqual([]);
    expect(f!.message).toMatch(/^4 stacked hidden layers/);
    expect(f!.related ?? []).toEqual([]);
  });
});

describe('notebooks: %%backend cells are Python', () => {
  it('links a model and loss in a %%backend cell', async () => {
    const cell = (src: string) => ({ cell_type: 'code', metadata: {}, outputs: [], execution_count: null, source: src });
    const nb = {
      cells: [
        cell('%%backend torch\nimport keras\nfrom keras import layers\nmodel = keras.Sequential([layers.Dense(10, activation="softmax")])\n'),
        cell('%%backend torch\nmodel.compile(loss=keras.losses.CategoricalCrossentropy(from_logits=True))\n'),
        cell('%%bash\nmodel = keras.Sequential([layers.Dense(10, activation="softmax")])\n'),
      ],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    };
    const { findings } = await analyze(JSON.stringify(nb), { language: 'ipynb' });
    expect(findings.map((f) => `${f.rule} #${f.range.cell} ${f.range.start.line + 1}`)).toEqual(['ACT001 #0 4']);
  });
});
