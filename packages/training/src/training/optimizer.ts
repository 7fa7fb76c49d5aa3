import * as tf from '@tensorflow/tfjs-core';

export type OptimizerName = 'sgd-momentum' | 'adam';

export interface OptimizerSettings {
  name: OptimizerName;
  learningRate: number;
  /** L2 weight decay on conv and dense weights (not biases or batch norms): added to the gradient for SGD, decoupled (AdamW) for Adam. */
  weightDecay: number;
  /** SGD momentum (default 0.9). */
  momentum?: number;
  /** Adam moment decay rates and epsilon (defaults 0.9, 0.999, 1e-8). */
  beta1?: number;
  beta2?: number;
  epsilon?: number;
}

/** What an optimizer carries between steps: the step count and its slots, named `<slot>:<variable>`. */
export interface OptimizerState {
  step: number;
  slots: Map<string, Float32Array>;
}

const SLOTS: Record<OptimizerName, string[]> = { 'sgd-momentum': ['velocity'], adam: ['m', 'v'] };

/**
 * SGD with momentum (PyTorch's form: v = μv + g, w -= lr·v) or Adam, written out here rather than taken from
 * tf.train so that their whole state is explicit and restores bit-exactly (tf.train's Adam recomputes its
 * β-powers on restore). Bias corrections are computed in double precision from the step count.
 */
export class Optimizer {
  step: number;
  readonly slots = new Map<string, tf.Variable>();

  constructor(
    readonly settings: OptimizerSettings,
    variables: Map<string, tf.Variable>,
    restored?: OptimizerState,
  ) {
    if (!SLOTS[settings.name]) throw new Error(`optimizer must be 'sgd-momentum' or 'adam', got '${String(settings.name)}'`);
    if (!(settings.learningRate > 0)) throw new Error(`learningRate must be positive, got ${settings.learningRate}`);
    if (!(settings.weightDecay >= 0)) throw new Error(`weightDecay must be >= 0, got ${settings.weightDecay}`);
    this.step = restored?.step ?? 0;
    for (const [name, v] of variables) {
      for (const slot of SLOTS[settings.name]) {
        const key = `${slot}:${name}`;
        const data = restored?.slots.get(key);
        if (restored && !data) throw new Error(`optimizer state has no slot '${key}'`);
        if (data && data.length !== v.size) throw new Error(`optimizer slot '${key}' has ${data.length} values, its variable ${v.size}`);
        this.slots.set(key, tf.tidy(() => tf.variable(data ? tf.tensor(data, v.shape) : tf.zerosLike(v), false)));
      }
    }
  }

  /** Applies one update; `decayed` names the variables that get weight decay. */
  apply(variables: Map<string, tf.Variable>, grads: Map<string, tf.Tensor>, decayed: (name: string) => boolean): void {
    this.step += 1;
    const { name, learningRate: lr, weightDecay: wd } = this.settings;
    tf.tidy(() => {
      for (const [key, w] of variables) {
        const g = grads.get(key);
        if (!g) throw new Error(`optimizer: no gradient for '${key}'`);
        const decay = wd > 0 && decayed(key);
        if (name === 'sgd-momentum') {
          const velocity = this.slots.get(`velocity:${key}`)!;
          velocity.assign(tf.add(tf.mul(velocity, this.settings.momentum ?? 0.9), decay ? tf.add(g, tf.mul(w, wd)) : g));
          w.assign(tf.sub(w, tf.mul(velocity, lr)));
        } else {
          const [b1, b2, eps] = [this.settings.beta1 ?? 0.9, this.settings.beta2 ?? 0.999, this.settings.epsilon ?? 1e-8];
          const m = this.slots.get(`m:${key}`)!;
          const v = this.slots.get(`v:${key}`)!;
          m.assign(tf.add(tf.mul(m, b1), tf.mul(g, 1 - b1)));
          v.assign(tf.add(tf.mul(v, b2), tf.mul(tf.square(g), 1 - b2)));
          const stepSize = (lr * Math.sqrt(1 - b2 ** this.step)) / (1 - b1 ** this.step);
          const update = tf.div(tf.mul(m, stepSize), tf.add(tf.sqrt(v), eps * Math.sqrt(1 - b2 ** this.step)));
          w.assign(tf.sub(decay ? tf.mul(w, 1 - lr * wd) : w, update));
        }
      }
    });
  }

  /** The state to checkpoint, read back from the slots. */
  state(): OptimizerState {
    return { step: this.step, slots: new Map([...this.slots].map(([k, v]) => [k, new Float32Array(v.dataSync())])) };
  }

  dispose(): void {
    tf.dispose([...this.slots.values()]);
    this.slots.clear();
  }
}
