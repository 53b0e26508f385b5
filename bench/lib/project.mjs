// Section 7: a library as one project. The CLI's project pipeline (analyze each file, summarize it
// for the linker, link the whole project once) against the sum of the per-file analyses alone, and
// the memory the project index (the summaries) keeps.
// Input: a generated 300-file library (the default, runs anywhere), or --project FOLDER (for
// example the timm checkout: /work/corpus/huggingface+pytorch-image-models/timm).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { rotate } from './measure.mjs';
import { now, ratio, summary } from './stats.mjs';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A forced full GC, when V8 lets us (heap figures without garbage). */
function gcFunction() {
  try {
    v8.setFlagsFromString('--expose_gc');
    return vm.runInNewContext('gc');
  } catch {
    return undefined;
  }
}

const MODEL = (i, softmax) => `from functools import partial

import torch
import torch.nn as nn
import torch.nn.functional as F

from ..layers.blocks${i % 20} import FeedForward, make_block


class Net${i}(nn.Module):
    def __init__(self, n_in=${64 + i}, hidden=128, n_out=10):
        super().__init__()
        self.stem = nn.Linear(n_in, hidden)
        self.blocks = nn.Sequential(make_block(hidden), make_block(hidden${i % 3 === 0 ? ', act_layer=nn.SiLU' : ''}))
        self.mlp = FeedForward(hidden, ${i % 2 === 0 ? 'act_layer=partial(nn.LeakyReLU, negative_slope=0.2)' : 'act_layer=nn.Tanh'})
        self.drop = nn.Dropout(0.1)
        self.head = nn.Linear(hidden, n_out)

    def forward(self, x):
        x = F.relu(self.stem(x))
        x = self.blocks(x)
        x = self.drop(self.mlp(x))
        x = self.head(x)
        return ${softmax ? 'F.softmax(x, dim=-1)' : 'x'}


def build_net${i}(**kwargs):
    model = Net${i}(**kwargs)
    return model


regressor${i} = nn.Sequential(
    nn.Linear(32, 64),
    nn.ReLU(),
    nn.Linear(64, 1),
)
`;

const BLOCKS = (i) => `import torch.nn as nn


def make_block(width, act_layer=nn.GELU):
    return nn.Sequential(nn.Linear(width, width), act_layer(), nn.LayerNorm(width))


class FeedForward(nn.Module):
    def __init__(self, dim, ratio=4, act_layer=nn.${['GELU', 'ReLU', 'SiLU', 'Mish'][i % 4]}, drop=0.0):
        super().__init__()
        self.fc1 = nn.Linear(dim, dim * ratio)
        self.act = act_layer()
        self.fc2 = nn.Linear(dim * ratio, dim)
        self.drop = nn.Dropout(drop)

    def forward(self, x):
        return self.drop(self.fc2(self.act(self.fc1(x))))


class Residual${i}(nn.Module):
    def __init__(self, width):
        super().__init__()
        self.fc = nn.Linear(width, width)
        self.norm = nn.LayerNorm(width)

    def forward(self, x):
        return x + self.norm(self.fc(x).relu())
`;

const TRAIN = (i, m) => `import torch
import torch.nn as nn

from lib.models.net${m} import build_net${m}, regressor${m}
${i % 3 === 0 ? `from ..models import Net${m}\n` : ''}

def train_epoch(loader, device='cpu'):
    model = build_net${m}(n_out=10).to(device)
    criterion = nn.CrossEntropyLoss()
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3)
    model.train()
    for x, y in loader:
        optimizer.zero_grad()
        out = model(x.to(device))
        loss = criterion(out, y.to(device))
        loss.backward()
        optimizer.step()
    return loss.item()


def fit_regressor(loader):
    mse = nn.MSELoss()
    for x, t in loader:
        pred = regressor${m}(x)
        mse(pred, t).backward()
`;

const UTIL = (i) => `import math
import os


def cosine_lr(step, total, base=${(i + 1) / 1000}):
    return base * 0.5 * (1 + math.cos(math.pi * step / total))


def checkpoint_path(root, epoch):
    return os.path.join(root, f'ckpt_{epoch:04d}.pt')
`;

/** 300 files: 100 model modules, 20 layer modules (helpers and classes taking act_layer, which the models pass), 100 training scripts, 70 utilities, 10 __init__.py. */
export function generateLibrary(total = 300) {
  const files = [];
  const add = (p, text) => files.push({ path: p, text, language: 'python' });
  const nModels = Math.round(total / 3);
  add('lib/__init__.py', '');
  add('lib/layers/__init__.py', '');
  add('lib/train/__init__.py', '');
  add('lib/utils/__init__.py', '');
  add('lib/models/__init__.py', Array.from({ length: nModels }, (_, i) => `from .net${i} import Net${i}, build_net${i}\n`).join(''));
  for (let i = 0; i < 20; i++) add(`lib/layers/blocks${i}.py`, BLOCKS(i));
  for (let i = 0; i < nModels; i++) add(`lib/models/net${i}.py`, MODEL(i, i % 7 === 0));
  for (let i = 0; files.length < total - 70 && i < nModels; i++) add(`lib/train/train${i}.py`, TRAIN(i, i));
  for (let i = 0; files.length < total; i++) add(`lib/utils/util${i}.py`, UTIL(i));
  return files;
}

/** The .py files under a folder (sorted, hidden folders skipped), as project files. */
export function readLibrary(root) {
  const files = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      if (name.startsWith('.') || name === 'node_modules' || name === '__pycache__') continue;
      const p = path.join(dir, name);
      const st = statSync(p);
      if (st.isDirectory()) walk(p);
      else if (name.endsWith('.py')) files.push({ path: path.relative(path.dirname(root), p).split(path.sep).join('/'), text: readFileSync(p, 'utf8'), language: 'python' });
    }
  };
  walk(root);
  return files;
}

/** The heap the Project of one core keeps for these files (after a forced GC), or undefined without a GC. */
async function indexMemory(core, files, root, analyzeOne, gc) {
  if (!gc) return { indexMB: undefined, summarized: 0 };
  await tick();
  gc();
  const before = process.memoryUsage().heapUsed;
  const p = new core.Project([root]);
  for (const f of files) p.addPath(f.path);
  for (const f of files) {
    p.set(core.summarize(f.path, f.language, await analyzeOne(core, f)));
    await tick();
  }
  for (let i = 0; i < 3; i++) await tick();
  gc();
  const indexMB = (process.memoryUsage().heapUsed - before) / 2 ** 20;
  const summarized = p.size;
  p.link({}); // keep it alive up to here
  return { indexMB, summarized };
}

/**
 * Per round, side by side: (a) analyze() of every file, summed; (b) the project pipeline as the
 * CLI runs it: analyze() + summarize() + Project.set() per file, then one Project.link().
 * The link step is also reported alone. Memory: JS heap held by the Project (summaries only).
 * `cores`: [{ label, core }], the last one the core of the table; each round runs every core, in
 * rotating order. A core without a project index (an older src/) gets the per-file sum only.
 */
export async function measureProject(cores, files, { rounds = 5, root = 'lib' } = {}) {
  const analyzeOne = (core, f) => core.analyze(f.text, { language: f.language, path: f.path, timeBudgetMs: 60_000 });
  const per = cores.map(() => ({ perFile: [], project: [], link: [], ownFindings: 0, linkedFindings: 0 }));
  for (const c of cores) for (const f of files.slice(0, 20)) await analyzeOne(c.core, f); // warm-up: grammar, JIT
  for (let r = 0; r < rounds; r++) {
    for (const k of rotate([...cores.keys()], r)) {
      const { core } = cores[k];
      const m = per[k];
      // (a) the per-file sum
      let sum = 0;
      m.ownFindings = 0;
      for (const f of files) {
        const t0 = now();
        const res = await analyzeOne(core, f);
        sum += now() - t0;
        m.ownFindings += res.findings.length;
        await tick();
      }
      m.perFile.push(sum);
      if (!core.Project) continue;
      // (b) the project pipeline
      let total = 0;
      const p = new core.Project([root]);
      for (const f of files) p.addPath(f.path);
      for (const f of files) {
        const t0 = now();
        const res = await analyzeOne(core, f);
        p.set(core.summarize(f.path, f.language, res));
        total += now() - t0;
        await tick();
      }
      const t0 = now();
      const linked = p.link({});
      const dt = now() - t0;
      total += dt;
      m.link.push(dt);
      m.project.push(total);
      m.linkedFindings = [...linked.values()].reduce((n, l) => n + l.length, 0);
    }
  }
  // Memory of the index: heap with the Project built, minus the heap without it.
  const gc = gcFunction();
  const byCore = [];
  for (const [k, c] of cores.entries()) {
    const m = per[k];
    const x = { label: c.label, ownFindings: m.ownFindings, perFile: summary(m.perFile) };
    if (c.core.Project) {
      Object.assign(x, { linkedFindings: m.linkedFindings, project: summary(m.project), link: summary(m.link), projectOverPerFile: ratio(m.project, m.perFile) });
      Object.assign(x, await indexMemory(c.core, files, root, analyzeOne, gc));
    }
    byCore.push(x);
  }
  const { label: _, ...last } = byCore[byCore.length - 1];
  const out = { files: files.length, lines: files.reduce((n, f) => n + f.text.split('\n').length, 0), ...last };
  if (cores.length > 1) {
    out.byCore = byCore;
    const a = per[per.length - 1];
    const b = per[0];
    out.afterOverBefore = { perFile: ratio(a.perFile, b.perFile), project: a.project.length && b.project.length ? ratio(a.project, b.project) : undefined };
  }
  return out;
}
