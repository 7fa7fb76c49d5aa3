import type { OptimizerSettings, OptimizerState } from './optimizer';

const SLOTS = { 'sgd-momentum': ['velocity'], adam: ['m', 'v'] } as const;

/**
 * The optimizer of `optimizer.ts` (SGD with momentum in PyTorch's form, or Adam with decoupled weight decay), with
 * the same formulas, hyper-parameters, slot names (`<slot>:<variable>`) and checkpoint state, on plain
 * Float32Arrays: the ORT training engine's parameters never become tensors, so one loop per parameter updates
 * them in place between steps.
 */
export class FloatOptimizer {
  step: number;
  readonly slots = new Map<string, Float32Array>();

  constructor(
    readonly settings: OptimizerSettings,
    params: Map<string, Float32Array>,
    restored?: OptimizerState,
  ) {
    if (!SLOTS[settings.name]) throw new Error(`optimizer must be 'sgd-momentum' or 'adam', got '${String(settings.name)}'`);
    if (!(settings.learningRate > 0)) throw new Error(`learningRate must be positive, got ${settings.learningRate}`);
    if (!(settings.weightDecay >= 0)) throw new Error(`weightDecay must be >= 0, got ${settings.weightDecay}`);
    this.step = restored?.step ?? 0;
    for (const [name, w] of params) {
      for (const slot of SLOTS[settings.name]) {
        const key = `${slot}:${name}`;
        const data = restored?.slots.get(key);
        if (restored && !data) throw new Error(`optimizer state has no slot '${key}'`);
        if (data && data.length !== w.length) throw new Error(`optimizer slot '${key}' has ${data.length} values, its variable ${w.length}`);
        this.slots.set(key, data ? Float32Array.from(data) : new Float32Array(w.length));
      }
    }
  }

  /** Applies one update in place; `decayed` names the parameters that get weight decay. */
  apply(params: Map<string, Float32Array>, grads: Map<string, Float32Array>, decayed: (name: string) => boolean): void {
    this.step += 1;
    const { name, learningRate: lr, weightDecay: wd } = this.settings;
    for (const [key, w] of params) {
      const g = grads.get(key);
      if (!g) throw new Error(`optimizer: no gradient for '${key}'`);
      if (g.length !== w.length) throw new Error(`optimizer: the gradient of '${key}' has ${g.length} values, the parameter ${w.length}`);
      const decay = wd > 0 && decayed(key) ? wd : 0;
      if (name === 'sgd-momentum') {
        const velocity = this.slots.get(`velocity:${key}`)!;
        const mu = this.settings.momentum ?? 0.9;
        for (let i = 0; i < w.length; i++) {
          velocity[i] = velocity[i]! * mu + (g[i]! + w[i]! * decay);
          w[i] = w[i]! - velocity[i]! * lr;
        }
      } else {
        const [b1, b2, eps] = [this.settings.beta1 ?? 0.9, this.settings.beta2 ?? 0.999, this.settings.epsilon ?? 1e-8];
        const m = this.slots.get(`m:${key}`)!;
        const v = this.slots.get(`v:${key}`)!;
        const correction = Math.sqrt(1 - b2 ** this.step);
        const stepSize = (lr * correction) / (1 - b1 ** this.step);
        const epsilon = eps * correction;
        const shrink = 1 - lr * decay;
        for (let i = 0; i < w.length; i++) {
          const gi = g[i]!;
          m[i] = m[i]! * b1 + gi * (1 - b1);
          v[i] = v[i]! * b2 + gi * gi * (1 - b2);
          w[i] = w[i]! * shrink - (m[i]! * stepSize) / (Math.sqrt(v[i]!) + epsilon);
        }
      }
    }
  }

  /** The state to checkpoint (copies). */
  state(): OptimizerState {
    return { step: this.step, slots: new Map([...this.slots].map(([k, v]) => [k, Float32Array.from(v)])) };
  }
}
