import * as tf from '@tensorflow/tfjs-core';

/**
 * ReLU whose gradient is Lucid's "redirected" one, for the first steps of a render: for every image (first axis)
 * whose true ReLU gradient is zero everywhere, the incoming gradient passes through instead, except where
 * x < 0 and the gradient (of the loss being minimised) is positive, i.e. where it would push x further down.
 * Dead units can so wake up. The forward value is the plain ReLU.
 */
export function redirectedRelu<T extends tf.Tensor>(x: T): T {
  const op = tf.customGrad((...inputs) => {
    const input = inputs[0] as tf.Tensor;
    const save = inputs[1] as tf.GradSaveFunc;
    save([input]);
    return {
      value: tf.relu(input),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
        tf.tidy(() => {
          const [xs] = saved;
          const negative = tf.less(xs, 0);
          const zeros = tf.zerosLike(dy);
          const reluGrad = tf.where(negative, zeros, dy);
          const redirected = tf.where(tf.logicalAnd(negative, tf.greater(dy, 0)), zeros, dy);
          // 1 for images where the true gradient carries something, 0 where it is zero everywhere.
          const batch = xs.rank === 0 ? 1 : xs.shape[0];
          const magnitude = tf.sum(tf.abs(tf.reshape(reluGrad, [batch, -1])), 1);
          const keep = tf.reshape(tf.cast(tf.greater(magnitude, 0), 'float32'), xs.rank === 0 ? [] : [batch, ...xs.shape.slice(1).map(() => 1)]);
          return tf.add(tf.mul(keep, reluGrad), tf.mul(tf.sub(1, keep), redirected));
        }),
    };
  });
  return op(x) as T;
}
