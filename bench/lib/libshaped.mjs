// Library-shaped blocks for the generated inputs (bench/generate.mjs, kinds torch-lib and keras-lib):
// model code written the way current libraries write it, where the activation is a value that flows
// rather than a literal at the call: `act_layer=nn.GELU` parameters called as `act_layer()`,
// partials, blocks built by helper functions and layer lists, string registries (ACT2FN, timm's
// factories, getattr(nn, name), keras.activations.get), config classes read through
// `config.hidden_act`, trainers in a class; for Keras, activation parameters of helpers and custom
// layers and params dicts. Written for the benchmark (shapes only; no library code copied).
//
// Each block function takes the seeded tools `t` ({ r, pick, int }), the block index `i` and a
// `seen` record of names defined by earlier blocks (so callers refer to classes that exist).

const WIDTHS = [32, 64, 128, 256, 384, 512, 768];
const TORCH_ACTS = ['GELU', 'ReLU', 'SiLU', 'Mish', 'Hardswish', 'ELU', 'Tanh'];
const HF_ACTS = ['gelu', 'gelu_new', 'silu', 'relu', 'quick_gelu', 'gelu_pytorch_tanh', 'mish'];
const TIMM_ACTS = ['swish', 'gelu', 'relu', 'hard_swish', 'mish', 'sigmoid', 'tanh'];
const KERAS_ACTS = ['relu', 'gelu', 'swish', 'selu', 'elu', 'tanh', 'softplus'];

export const TORCH_LIB_HEADER = [
  '"""Generated library-shaped PyTorch code for the Activation Lens benchmark."""',
  'import functools',
  'from dataclasses import dataclass, field',
  'from functools import partial',
  'from typing import Callable, List, Optional',
  '',
  'import torch',
  'import torch.nn as nn',
  'import torch.nn.functional as F',
  'from timm.layers import create_act_layer, get_act_layer',
  'from transformers import PretrainedConfig',
  'from transformers.activations import ACT2FN',
  '',
  '',
];

export const KERAS_LIB_HEADER = [
  '"""Generated library-shaped Keras code for the Activation Lens benchmark."""',
  'from dataclasses import dataclass',
  '',
  'import tensorflow as tf',
  'from tensorflow import keras',
  'from tensorflow.keras import layers',
  '',
  '',
];

// ---------------------------------------------------------------- PyTorch, library-shaped
export function torchLibBlock(t, i, seen) {
  const { r, pick, int } = t;
  const w = () => pick(WIDTHS);
  const kind = int(0, 7);
  if (kind === 0) {
    // An MLP whose activation is a class passed in, called as act_layer(); a partial at module level.
    const a = w();
    seen.mlps.push(`FeedForward${i}`);
    const slope = (r() * 0.3).toFixed(2);
    return [
      `leaky_${i} = functools.partial(nn.LeakyReLU, negative_slope=${slope === '0.00' ? '0.01' : slope})`,
      '',
      '',
      `class FeedForward${i}(nn.Module):`,
      `    """Two projections around an activation chosen by the caller (block ${i})."""`,
      '',
      '    def __init__(',
      '        self,',
      '        in_features: int,',
      '        hidden_features: Optional[int] = None,',
      '        out_features: Optional[int] = None,',
      `        act_layer: Callable[..., nn.Module] = nn.${pick(TORCH_ACTS)},`,
      `        drop: float = ${(r() * 0.3).toFixed(2)},`,
      '    ):',
      '        super().__init__()',
      '        hidden_features = hidden_features or in_features',
      '        out_features = out_features or in_features',
      '        self.fc1 = nn.Linear(in_features, hidden_features)',
      '        self.act = act_layer()',
      '        self.drop1 = nn.Dropout(drop)',
      '        self.fc2 = nn.Linear(hidden_features, out_features)',
      '        self.drop2 = nn.Dropout(drop)',
      '',
      '    def forward(self, x: torch.Tensor) -> torch.Tensor:',
      '        x = self.drop1(self.act(self.fc1(x)))',
      '        return self.drop2(self.fc2(x))',
      '',
      '',
      `def feed_forward_${i}(dim=${a}, ratio=4.0):`,
      `    return FeedForward${i}(dim, int(dim * ratio), act_layer=leaky_${i})`,
      '',
      '',
      `probe_${i} = nn.Sequential(nn.Linear(${a}, ${w()}), FeedForward${i}(${w()}, act_layer=partial(nn.LeakyReLU, negative_slope=0.2)))`,
      '',
      '',
    ];
  }
  if (kind === 1) {
    // Blocks built by a helper function, stacked through a list and append.
    const c = w();
    const d = int(2, 4);
    seen.stages.push(`Stage${i}`);
    return [
      `def conv_norm_act_${i}(in_chs, out_chs, kernel_size=3, stride=1, act_layer=nn.ReLU, inplace=True):`,
      '    return nn.Sequential(',
      '        nn.Conv2d(in_chs, out_chs, kernel_size, stride=stride, padding=kernel_size // 2, bias=False),',
      '        nn.BatchNorm2d(out_chs),',
      '        act_layer(inplace=inplace),',
      '    )',
      '',
      '',
      `class Stage${i}(nn.Module):`,
      `    def __init__(self, in_chs=${c}, out_chs=${c * 2}, depth=${d}, num_classes=${int(2, 1000)}, act_layer=nn.${pick(['SiLU', 'ReLU', 'Hardswish', 'ELU'])}):`,
      '        super().__init__()',
      '        blocks = []',
      '        for idx in range(depth):',
      `            blocks.append(conv_norm_act_${i}(in_chs if idx == 0 else out_chs, out_chs, stride=2 if idx == 0 else 1, act_layer=act_layer))`,
      '        self.blocks = nn.Sequential(*blocks)',
      '        self.pool = nn.AdaptiveAvgPool2d(1)',
      `        self.fc = nn.Linear(${c * 2}, num_classes)`,
      '',
      '    def forward(self, x):',
      '        x = self.blocks(x)',
      '        x = torch.flatten(self.pool(x), 1)',
      '        return self.fc(x)',
      '',
      '',
    ];
  }
  if (kind === 2) {
    // A dataclass config read through config.hidden_act, an ACT2FN lookup, a ModuleList comprehension.
    const h = pick([256, 384, 512, 768]);
    seen.encoders.push({ model: `Encoder${i}`, config: `EncoderConfig${i}` });
    return [
      '@dataclass',
      `class EncoderConfig${i}:`,
      `    hidden_size: int = ${h}`,
      `    intermediate_size: int = ${h * 4}`,
      `    hidden_act: str = "${pick(HF_ACTS)}"`,
      `    num_layers: int = ${int(2, 12)}`,
      '    layer_norm_eps: float = 1e-12',
      `    dropout: float = ${(r() * 0.2).toFixed(2)}`,
      '    tags: List[str] = field(default_factory=list)',
      '',
      '',
      `class EncoderLayer${i}(nn.Module):`,
      `    def __init__(self, config: EncoderConfig${i}):`,
      '        super().__init__()',
      '        self.dense_in = nn.Linear(config.hidden_size, config.intermediate_size)',
      '        self.intermediate_act_fn = ACT2FN[config.hidden_act]',
      '        self.dense_out = nn.Linear(config.intermediate_size, config.hidden_size)',
      '        self.norm = nn.LayerNorm(config.hidden_size, eps=config.layer_norm_eps)',
      '        self.dropout = nn.Dropout(config.dropout)',
      '',
      '    def forward(self, hidden_states):',
      '        h = self.intermediate_act_fn(self.dense_in(hidden_states))',
      '        h = self.dropout(self.dense_out(h))',
      '        return self.norm(h + hidden_states)',
      '',
      '',
      `class Encoder${i}(nn.Module):`,
      `    def __init__(self, config: EncoderConfig${i}):`,
      '        super().__init__()',
      '        self.config = config',
      `        self.layers = nn.ModuleList([EncoderLayer${i}(config) for _ in range(config.num_layers)])`,
      '        self.pooler = nn.Linear(config.hidden_size, config.hidden_size)',
      '        self.pooler_act = nn.Tanh()',
      '',
      '    def forward(self, hidden_states):',
      '        for layer in self.layers:',
      '            hidden_states = layer(hidden_states)',
      '        return self.pooler_act(self.pooler(hidden_states[:, 0]))',
      '',
      '',
    ];
  }
  if (kind === 3) {
    // A PretrainedConfig subclass with __init__ defaults, a gated MLP through ACT2FN, a caller override.
    const h = pick([512, 768, 1024, 2048]);
    const typo = r() < 0.1;
    return [
      `class DecoderConfig${i}(PretrainedConfig):`,
      `    model_type = "decoder${i}"`,
      '',
      '    def __init__(',
      '        self,',
      `        vocab_size=${pick([32000, 50257, 65536])},`,
      `        hidden_size=${h},`,
      `        intermediate_size=${h * 4},`,
      `        hidden_act="${pick(HF_ACTS)}",`,
      `        num_hidden_layers=${int(2, 32)},`,
      '        rms_norm_eps=1e-6,',
      '        **kwargs,',
      '    ):',
      '        self.vocab_size = vocab_size',
      '        self.hidden_size = hidden_size',
      '        self.intermediate_size = intermediate_size',
      '        self.hidden_act = hidden_act',
      '        self.num_hidden_layers = num_hidden_layers',
      '        self.rms_norm_eps = rms_norm_eps',
      '        super().__init__(**kwargs)',
      '',
      '',
      `class GatedMlp${i}(nn.Module):`,
      `    def __init__(self, config: DecoderConfig${i}):`,
      '        super().__init__()',
      '        self.gate_proj = nn.Linear(config.hidden_size, config.intermediate_size, bias=False)',
      '        self.up_proj = nn.Linear(config.hidden_size, config.intermediate_size, bias=False)',
      '        self.down_proj = nn.Linear(config.intermediate_size, config.hidden_size, bias=False)',
      '        self.act_fn = ACT2FN[config.hidden_act]',
      '',
      '    def forward(self, x):',
      '        return self.down_proj(self.act_fn(self.gate_proj(x)) * self.up_proj(x))',
      '',
      '',
      `small_config_${i} = DecoderConfig${i}(hidden_size=${h / 2}, hidden_act="${typo ? 'gleu' : pick(HF_ACTS)}")`,
      `small_mlp_${i} = GatedMlp${i}(small_config_${i})`,
      '',
      '',
    ];
  }
  if (kind === 4) {
    // String registries: timm's factories and getattr(nn, name); a head built from a layer list.
    const c = w();
    const n = int(2, 1000);
    return [
      `class SqueezeExcite${i}(nn.Module):`,
      `    def __init__(self, channels=${c}, rd_ratio=0.25, act_layer="${pick(TIMM_ACTS)}", gate_layer="sigmoid"):`,
      '        super().__init__()',
      '        rd_channels = max(8, int(channels * rd_ratio))',
      '        self.conv_reduce = nn.Conv2d(channels, rd_channels, 1, bias=True)',
      '        self.act = create_act_layer(act_layer, inplace=True)',
      '        self.conv_expand = nn.Conv2d(rd_channels, channels, 1, bias=True)',
      '        self.gate = create_act_layer(gate_layer)',
      '',
      '    def forward(self, x):',
      '        s = x.mean((2, 3), keepdim=True)',
      '        s = self.conv_expand(self.act(self.conv_reduce(s)))',
      '        return x * self.gate(s)',
      '',
      '',
      `def make_head_${i}(in_features, num_classes=${n}, act_name="${pick(TORCH_ACTS)}", drop_rate=0.1):`,
      '    act_cls = getattr(nn, act_name)',
      `    head = [nn.Linear(in_features, ${w()}), act_cls()]`,
      '    head.append(nn.Dropout(drop_rate))',
      `    head.append(nn.Linear(${w()}, num_classes))`,
      '    return nn.Sequential(*head)',
      '',
      '',
      `def pre_logits_${i}(width=${c}):`,
      `    act = get_act_layer("${pick(TIMM_ACTS)}")`,
      `    return nn.Sequential(nn.Linear(${c}, width), act(), nn.LayerNorm(width))`,
      '',
      '',
    ];
  }
  if (kind === 5) {
    // A trainer in a class: the loss is an attribute, the model comes in through the constructor.
    const loss = pick(['nn.CrossEntropyLoss(label_smoothing=0.1)', 'nn.BCEWithLogitsLoss()', 'nn.CrossEntropyLoss()', 'nn.MSELoss()']);
    const mlp = seen.mlps.length ? seen.mlps[int(0, seen.mlps.length - 1)] : undefined;
    const model = mlp
      ? `${mlp}(${w()}, ${w()}, out_features=${int(2, 10)}, act_layer=partial(nn.LeakyReLU, negative_slope=0.2))`
      : `nn.Sequential(nn.Linear(${w()}, ${w()}), nn.GELU(), nn.Linear(${w()}, ${int(2, 10)}))`;
    return [
      `class Trainer${i}:`,
      `    def __init__(self, model, lr=${(r() / 100).toFixed(4)}, weight_decay=0.05, device="cpu"):`,
      '        self.model = model.to(device)',
      `        self.criterion = ${loss}`,
      '        self.optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=weight_decay)',
      '        self.device = device',
      '        self.history = []',
      '',
      '    def training_step(self, batch):',
      '        inputs, targets = batch',
      '        logits = self.model(inputs.to(self.device))',
      '        loss = self.criterion(logits, targets.to(self.device))',
      '        self.optimizer.zero_grad(set_to_none=True)',
      '        loss.backward()',
      '        self.optimizer.step()',
      '        return loss.item()',
      '',
      `    def fit(self, loader, epochs=${int(1, 30)}):`,
      '        for epoch in range(epochs):',
      '            self.model.train()',
      '            losses = [self.training_step(batch) for batch in loader]',
      '            self.history.append(sum(losses) / max(1, len(losses)))',
      '        return self.history',
      '',
      '',
      `def run_${i}(loader):`,
      `    trainer = Trainer${i}(${model})`,
      '    return trainer.fit(loader)',
      '',
      '',
    ];
  }
  if (kind === 6) {
    // A model assembled from earlier blocks by a factory taking an act_layer keyword.
    const enc = seen.encoders.length ? seen.encoders[int(0, seen.encoders.length - 1)] : undefined;
    const stage = seen.stages.length ? seen.stages[int(0, seen.stages.length - 1)] : undefined;
    const body = [];
    if (stage) body.push(`        self.backbone = ${stage}(act_layer=act_layer)`);
    else body.push(`        self.backbone = nn.Sequential(nn.Conv2d(3, ${w()}, 3, padding=1), act_layer())`);
    if (enc) body.push(`        self.text = ${enc.model}(${enc.config}(hidden_act="${pick(HF_ACTS)}"))`);
    return [
      `class Fusion${i}(nn.Module):`,
      `    def __init__(self, num_classes=${int(2, 100)}, act_layer=nn.${pick(TORCH_ACTS)}):`,
      '        super().__init__()',
      ...body,
      `        self.proj = nn.Linear(${w()}, num_classes)`,
      '',
      '    def forward(self, x):',
      '        return self.proj(self.backbone(x))',
      '',
      '',
      `def fusion_${i}(pretrained=False, **kwargs):`,
      `    model = Fusion${i}(act_layer=kwargs.pop("act_layer", nn.${pick(TORCH_ACTS)}), **kwargs)`,
      '    if pretrained:',
      `        model.load_state_dict(torch.load("fusion_${i}.pt", map_location="cpu"))`,
      '    return model',
      '',
      '',
    ];
  }
  return [
    `def warmup_cosine_${i}(step, total_steps, warmup=${int(100, 2000)}, base_lr=${(r() / 100).toFixed(4)}):`,
    '    """Plain helper code: no framework calls."""',
    '    if step < warmup:',
    '        return base_lr * step / max(1, warmup)',
    '    progress = (step - warmup) / max(1, total_steps - warmup)',
    '    return base_lr * 0.5 * (1.0 + __import__("math").cos(3.141592653589793 * progress))',
    '',
    '',
  ];
}

// ---------------------------------------------------------------- Keras, library-shaped
export function kerasLibBlock(t, i, seen) {
  const { r, pick, int } = t;
  const w = () => pick([16, 32, 64, 128, 256, 512]);
  const kind = int(0, 6);
  if (kind === 0) {
    // A helper whose activation is a parameter; a builder passing values from a params dict.
    const n = int(2, 20);
    return [
      `def dense_block_${i}(x, units, activation="${pick(KERAS_ACTS)}", dropout=${(r() * 0.4).toFixed(2)}, name=None):`,
      '    x = layers.Dense(units, activation=activation, name=name)(x)',
      '    x = layers.LayerNormalization()(x)',
      '    return layers.Dropout(dropout)(x)',
      '',
      '',
      `def build_classifier_${i}(input_dim=${w()}, params=None):`,
      `    params = params or {"units": ${w()}, "activation": "${pick(KERAS_ACTS)}", "out_activation": "softmax"}`,
      '    inputs = keras.Input(shape=(input_dim,))',
      `    x = dense_block_${i}(inputs, params["units"], activation=params["activation"])`,
      `    x = dense_block_${i}(x, ${w()}, activation="${pick(KERAS_ACTS)}")`,
      `    outputs = layers.Dense(${n}, activation=params["out_activation"])(x)`,
      '    model = keras.Model(inputs, outputs)',
      '    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])',
      '    return model',
      '',
      '',
    ];
  }
  if (kind === 1) {
    // A custom layer taking an activation name and resolving it through keras.activations.get.
    seen.layers.push(`ResidualDense${i}`);
    return [
      `class ResidualDense${i}(layers.Layer):`,
      `    def __init__(self, units=${w()}, activation="${pick(KERAS_ACTS)}", **kwargs):`,
      '        super().__init__(**kwargs)',
      '        self.units = units',
      '        self.activation = keras.activations.get(activation)',
      '        self.dense = layers.Dense(units)',
      '        self.proj = layers.Dense(units, activation=None)',
      '',
      '    def call(self, inputs):',
      '        return self.proj(inputs) + self.activation(self.dense(inputs))',
      '',
      '    def get_config(self):',
      '        config = super().get_config()',
      '        config.update({"units": self.units, "activation": keras.activations.serialize(self.activation)})',
      '        return config',
      '',
      '',
      `residual_stack_${i} = keras.Sequential(`,
      '    [',
      `        keras.Input(shape=(${w()},)),`,
      `        ResidualDense${i}(${w()}, activation="${pick(KERAS_ACTS)}"),`,
      `        ResidualDense${i}(${w()}),`,
      `        layers.Dense(${int(1, 10)}),`,
      '    ]',
      ')',
      '',
      '',
    ];
  }
  if (kind === 2) {
    // A params dict at module level read in a loop that adds layers.
    const out = int(1, 10);
    return [
      `PARAMS_${i} = {`,
      `    "hidden_units": [${w()}, ${w()}, ${w()}],`,
      `    "activation": "${pick(KERAS_ACTS)}",`,
      `    "dropout": ${(r() * 0.5).toFixed(2)},`,
      `    "output_activation": "${out === 1 ? 'sigmoid' : 'softmax'}",`,
      '}',
      '',
      '',
      `def mlp_from_params_${i}(params=PARAMS_${i}, input_dim=${w()}):`,
      '    model = keras.Sequential()',
      '    model.add(keras.Input(shape=(input_dim,)))',
      '    for units in params["hidden_units"]:',
      '        model.add(layers.Dense(units, activation=params["activation"]))',
      '        model.add(layers.Dropout(params["dropout"]))',
      `    model.add(layers.Dense(${out}, activation=params["output_activation"]))`,
      `    model.compile(optimizer="adam", loss="${out === 1 ? 'binary_crossentropy' : 'categorical_crossentropy'}")`,
      '    return model',
      '',
      '',
    ];
  }
  if (kind === 3) {
    // A dataclass config read through config.activation; layers in a list comprehension.
    return [
      '@dataclass',
      `class TowerConfig${i}:`,
      `    units: int = ${w()}`,
      `    depth: int = ${int(2, 6)}`,
      `    activation: str = "${pick(KERAS_ACTS)}"`,
      `    num_outputs: int = ${int(1, 10)}`,
      '',
      '',
      `class Tower${i}(keras.Model):`,
      `    def __init__(self, config: TowerConfig${i}):`,
      '        super().__init__()',
      '        self.blocks = [layers.Dense(config.units, activation=config.activation) for _ in range(config.depth)]',
      '        self.head = layers.Dense(config.num_outputs)',
      '',
      '    def call(self, x, training=False):',
      '        for block in self.blocks:',
      '            x = block(x)',
      '        return self.head(x)',
      '',
      '',
      `tower_${i} = Tower${i}(TowerConfig${i}(activation="${pick(KERAS_ACTS)}"))`,
      `tower_head_${i} = keras.Sequential([layers.Dense(${w()}, activation="${pick(KERAS_ACTS)}"), layers.Dense(1)])`,
      '',
      '',
    ];
  }
  if (kind === 4) {
    // A trainer in a class with a GradientTape step.
    const logits = r() < 0.85;
    const layer = seen.layers.length ? seen.layers[int(0, seen.layers.length - 1)] : undefined;
    return [
      `class Trainer${i}:`,
      `    def __init__(self, model, learning_rate=${(r() / 100).toFixed(4)}):`,
      '        self.model = model',
      `        self.loss_fn = keras.losses.BinaryCrossentropy(from_logits=${logits ? 'True' : 'False'})`,
      '        self.optimizer = keras.optimizers.Adam(learning_rate)',
      '        self.metric = keras.metrics.Mean()',
      '',
      '    def train_step(self, x, y):',
      '        with tf.GradientTape() as tape:',
      '            logits = self.model(x, training=True)',
      '            loss = self.loss_fn(y, logits)',
      '        grads = tape.gradient(loss, self.model.trainable_variables)',
      '        self.optimizer.apply_gradients(zip(grads, self.model.trainable_variables))',
      '        self.metric.update_state(loss)',
      '        return loss',
      '',
      '',
      `def train_${i}(dataset, epochs=${int(1, 20)}):`,
      '    model = keras.Sequential([',
      `        layers.Dense(${w()}, activation="${pick(KERAS_ACTS)}"),`,
      layer ? `        ${layer}(${w()}),` : `        layers.Dense(${w()}, activation="relu"),`,
      '        layers.Dense(1),',
      '    ])',
      `    trainer = Trainer${i}(model)`,
      '    for _ in range(epochs):',
      '        for x, y in dataset:',
      '            trainer.train_step(x, y)',
      '    return model',
      '',
      '',
    ];
  }
  if (kind === 5) {
    // Functional blocks stacked by a helper with an activation keyword and a residual add.
    return [
      `def residual_unit_${i}(x, filters, activation="${pick(KERAS_ACTS)}"):`,
      '    shortcut = x',
      '    x = layers.Conv2D(filters, 3, padding="same")(x)',
      '    x = layers.BatchNormalization()(x)',
      '    x = layers.Activation(activation)(x)',
      '    x = layers.Conv2D(filters, 3, padding="same")(x)',
      '    x = layers.BatchNormalization()(x)',
      '    x = layers.Add()([shortcut, x])',
      '    return layers.Activation(activation)(x)',
      '',
      '',
      `def build_resnet_${i}(shape=(32, 32, 3), filters=${w()}, depth=${int(2, 6)}, num_classes=${int(2, 100)}):`,
      '    inputs = keras.Input(shape=shape)',
      '    x = layers.Conv2D(filters, 3, padding="same")(inputs)',
      '    for _ in range(depth):',
      `        x = residual_unit_${i}(x, filters, activation="${pick(KERAS_ACTS)}")`,
      '    x = layers.GlobalAveragePooling2D()(x)',
      `    x = layers.Dense(${w()}, activation="${pick(KERAS_ACTS)}")(x)`,
      '    outputs = layers.Dense(num_classes)(x)',
      '    return keras.Model(inputs, outputs)',
      '',
      '',
    ];
  }
  return [
    `def shard_paths_${i}(paths, num_shards=${int(2, 16)}):`,
    '    """Plain helper code: no framework calls."""',
    '    shards = [[] for _ in range(num_shards)]',
    '    for k, p in enumerate(sorted(paths)):',
    '        shards[k % num_shards].append(p)',
    '    return [s for s in shards if s]',
    '',
    '',
  ];
}
