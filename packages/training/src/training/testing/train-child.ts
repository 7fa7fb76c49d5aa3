/**
 * Child process for kill-resume.test.ts: trains the tiny graph on gratings into a checkpoint directory and
 * prints the result as one JSON line. Usage: `node --import tsx train-child.ts <checkpointDir> <epochs> [resume]`.
 * The backend comes from BRANCHSCOPE_BACKEND, so parent and children all run the same one.
 */
import { initBackend } from '@branchscope/runtime';
import { gratingsDataset, tinyTrainGraph } from '../test-support';
import { train } from '../train';
import type { TrainOptions } from '../training-types';

/** One definition of the run, shared by the killed, resumed and straight processes. */
function killResumeOptions(checkpointDir: string, epochs: number): TrainOptions {
  return {
    graph: tinyTrainGraph(),
    // Big enough that an epoch lasts long enough (hundreds of ms on wasm) to kill the run in the middle.
    dataset: gratingsDataset({ count: 1200, size: 10, cropSize: 8, seed: 'kill-resume' }),
    seed: 23,
    epochs,
    batchSize: 4,
    learningRate: 0.01,
    optimizer: 'adam',
    weightDecay: 1e-3,
    checkpointDir,
  };
}

async function main(): Promise<void> {
  const [dir, epochs, mode] = process.argv.slice(2);
  if (!dir || !Number.isInteger(Number(epochs))) throw new Error('usage: train-child.ts <checkpointDir> <epochs> [resume]');
  await initBackend(['wasm'], { log: () => {} });
  const started = Date.now();
  const result = await train({
    ...killResumeOptions(dir, Number(epochs)),
    resume: mode === 'resume',
    onEpoch: (m) => process.stderr.write(`epoch ${m.epoch} at ${Date.now() - started} ms\n`),
  });
  process.stdout.write(`${JSON.stringify({ epoch: result.epoch, resumedFrom: result.resumedFrom })}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
