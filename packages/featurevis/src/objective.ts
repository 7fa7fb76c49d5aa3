import * as tf from '@tensorflow/tfjs-core';

/** What an objective reads in one optimisation step. */
export interface ObjectiveContext {
  /** Activations of `layer` for the current batch, NHWC. */
  activations(layer: string): tf.Tensor4D;
  /** Number of images in the batch. */
  readonly batch: number;
}

/**
 * A quantity to maximise, split into per-image contributions so a many-neurons batch can report each neuron's
 * progress; its value is the sum of the contributions. Combine with {@link Objective.plus}, `minus`, `times`.
 */
export interface Objective {
  /** Human-readable formula, e.g. `channel(conv1, 3) - 100 * diversity(conv1)`. */
  readonly description: string;
  /** Layers whose activations it reads. */
  readonly layers: readonly string[];
  /** Per-image contributions, shape [batch]. */
  perImage(context: ObjectiveContext): tf.Tensor1D;
  plus(other: Objective): Objective;
  minus(other: Objective): Objective;
  times(factor: number): Objective;
}

const union = (a: readonly string[], b: readonly string[]): string[] => [...new Set([...a, ...b])];

/** Builds an objective from its per-image contributions; the algebra comes with it. */
export function makeObjective(
  description: string,
  layers: readonly string[],
  perImage: (context: ObjectiveContext) => tf.Tensor1D,
): Objective {
  const self: Objective = {
    description,
    layers,
    perImage: (context) => tf.tidy(() => perImage(context)),
    plus: (other) =>
      makeObjective(`${description} + ${other.description}`, union(layers, other.layers), (c) =>
        tf.add(self.perImage(c), other.perImage(c)),
      ),
    minus: (other) =>
      makeObjective(`${description} - ${parenthesise(other.description)}`, union(layers, other.layers), (c) =>
        tf.sub(self.perImage(c), other.perImage(c)),
      ),
    times: (factor) => {
      if (!Number.isFinite(factor)) throw new RangeError(`objective ${description}: factor must be finite, got ${factor}`);
      return makeObjective(`${factor} * ${parenthesise(description)}`, layers, (c) => tf.mul(self.perImage(c), factor));
    },
  };
  return self;
}

const parenthesise = (d: string): string => (/ [+-] /.test(d) ? `(${d})` : d);
