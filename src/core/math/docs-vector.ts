/** Docs: softmax, log_softmax, softmin, sparsemax, GLU (and a note on Maxout, which is a layer). */
import { doc, type EntryDocs } from './docs-util';

export const VECTOR_DOCS: Readonly<Record<string, EntryDocs>> = {
  softmax: {
    en: doc(
      'softmax(x)ᵢ = e^(xᵢ) / Σⱼ e^(xⱼ), computed as e^(xᵢ − max x) / Σⱼ e^(xⱼ − max x)',
      '∂yᵢ/∂xⱼ = yᵢ(δᵢⱼ − yⱼ)',
      'Turns a vector of scores into a probability distribution over the same axis. Subtracting the maximum first changes nothing mathematically and prevents overflow.',
      ['Outputs sum to 1: a categorical distribution', 'Differentiable "soft" argmax'],
      ['Over a single unit it always outputs 1', 'Saturates when one score dominates', 'Feeding its output to a loss that applies softmax again (from_logits=True, CrossEntropyLoss) is wrong'],
      'Multi-class (single-label) output layers, attention weights. With CrossEntropyLoss / from_logits=True, output raw logits instead.',
    ),
    'zh-cn': doc(
      'softmax(x)ᵢ = e^(xᵢ) / Σⱼ e^(xⱼ)，实际按 e^(xᵢ − max x) / Σⱼ e^(xⱼ − max x) 计算',
      '∂yᵢ/∂xⱼ = yᵢ(δᵢⱼ − yⱼ)',
      '把一组分数变成沿同一轴的概率分布。先减去最大值在数学上不改变结果，却能防止溢出。',
      ['输出之和为 1：类别分布', '可微的“软” argmax'],
      ['只有一个单元时输出恒为 1', '某个分数远大于其他时饱和', '把它的输出再送进会做 softmax 的损失（from_logits=True、CrossEntropyLoss）是错误的'],
      '多分类（单标签）输出层、注意力权重。若使用 CrossEntropyLoss / from_logits=True，应直接输出 logits。',
    ),
  },
  log_softmax: {
    en: doc(
      'log_softmax(x)ᵢ = xᵢ − log Σⱼ e^(xⱼ)  (log-sum-exp with the maximum subtracted)',
      '∂yᵢ/∂xⱼ = δᵢⱼ − softmax(x)ⱼ',
      'The logarithm of softmax computed directly, stable where log(softmax(x)) gives −∞.',
      ['Numerically stable log-probabilities', 'Pairs with NLLLoss'],
      ['Outputs are log-probabilities (≤ 0), not probabilities'],
      'Multi-class outputs followed by NLLLoss; always instead of log(softmax(x)).',
    ),
    'zh-cn': doc(
      'log_softmax(x)ᵢ = xᵢ − log Σⱼ e^(xⱼ)（log-sum-exp 中先减去最大值）',
      '∂yᵢ/∂xⱼ = δᵢⱼ − softmax(x)ⱼ',
      '直接计算 softmax 的对数，在 log(softmax(x)) 得到 −∞ 的地方依然稳定。',
      ['数值稳定的对数概率', '与 NLLLoss 配合使用'],
      ['输出是对数概率（≤ 0），不是概率'],
      '后接 NLLLoss 的多分类输出；任何时候都应代替 log(softmax(x))。',
    ),
  },
  softmin: {
    en: doc(
      'softmin(x) = softmax(−x)',
      '∂yᵢ/∂xⱼ = −yᵢ(δᵢⱼ − yⱼ)',
      'A probability distribution that favours the smallest entries (costs or distances).',
      ['Soft argmin'],
      ['Same pitfalls as softmax'],
      'Turning costs or distances into weights.',
    ),
    'zh-cn': doc(
      'softmin(x) = softmax(−x)',
      '∂yᵢ/∂xⱼ = −yᵢ(δᵢⱼ − yⱼ)',
      '偏向最小项（代价或距离）的概率分布。',
      ['“软” argmin'],
      ['与 softmax 有相同的陷阱'],
      '把代价或距离转换为权重。',
    ),
  },
  sparsemax: {
    en: doc(
      'sparsemax(x) = argmin over the simplex ‖p − x‖² = max(x − τ, 0), Σ = 1',
      '∂y/∂x = diag(s) − s·sᵀ/|S|, s = support indicator',
      'A softmax alternative that can give exactly zero probability to low scores (Keras 3).',
      ['Sparse, interpretable distributions'],
      ['Zero gradient outside the support'],
      'Multi-class outputs or attention where sparse weights are wanted.',
    ),
    'zh-cn': doc(
      'sparsemax(x) = 单纯形上使 ‖p − x‖² 最小的 p = max(x − τ, 0)，Σ = 1',
      '∂y/∂x = diag(s) − s·sᵀ/|S|，s 为支撑集指示向量',
      '可以给低分项精确零概率的 softmax 替代品（Keras 3）。',
      ['稀疏、可解释的分布'],
      ['支撑集之外梯度为零'],
      '需要稀疏权重的多分类输出或注意力。',
    ),
  },
  glu: {
    en: doc(
      'GLU(a‖b) = a ⊗ σ(b): the input is split in two halves along the axis',
      '∂/∂a = σ(b), ∂/∂b = a·σ(b)(1 − σ(b))',
      'Gated linear unit: one half of the features gates the other. The output has half the size along that axis. (Maxout, max over k affine pieces, is a related idea but a layer with its own weights, not a pointwise function.)',
      ['Learned, multiplicative gating; strong in language models (GLU/SwiGLU variants)'],
      ['Halves the feature size; the axis length must be even'],
      'Feed-forward blocks of Transformers and gated convolutional networks.',
    ),
    'zh-cn': doc(
      'GLU(a‖b) = a ⊗ σ(b)：输入沿该轴切成两半',
      '∂/∂a = σ(b)，∂/∂b = a·σ(b)(1 − σ(b))',
      '门控线性单元：一半特征对另一半进行门控，输出在该轴上减半。（Maxout 取 k 个仿射变换的最大值，思路相近，但它是带自身权重的层，不是逐点函数。）',
      ['可学习的乘性门控；在语言模型中表现好（GLU/SwiGLU 变体）'],
      ['特征维度减半；该轴长度必须为偶数'],
      'Transformer 的前馈块与门控卷积网络。',
    ),
  },
};
