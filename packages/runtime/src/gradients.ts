/**
 * Side-effect module: registers every TF.js gradient, so `tf.grad` works through the executor.
 * tfjs-core ships its gradient registrations only as bundler-style ESM (extensionless imports), which plain
 * Node and tsx cannot load; the union package's Node build bundles them against the same tfjs-core.
 */
import '@tensorflow/tfjs';
