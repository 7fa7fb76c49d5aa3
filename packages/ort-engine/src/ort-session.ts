import os from 'node:os';

/** The onnxruntime-node module, loaded on first use so a process that never runs ORT never pays for it. */
export type OrtModule = typeof import('onnxruntime-node');

let loading: Promise<OrtModule> | undefined;

/** Loads onnxruntime-node once (dynamic import); rejects with the loader's reason where it cannot load. */
export function loadOrt(): Promise<OrtModule> {
  loading ??= import('onnxruntime-node').then((m) => ((m as { default?: OrtModule }).default ?? m) as OrtModule);
  return loading;
}

export interface OrtSessionOptions {
  /** Intra-op threads (default: one per core, `os.availableParallelism()`). */
  threads?: number;
  /** Execution providers in order of preference (default ['cpu']); e.g. ['cuda', 'cpu']. */
  providers?: string[];
  /** onnxruntime's graph optimisation level (default 'all'). */
  optimization?: 'disabled' | 'basic' | 'extended' | 'all';
  /**
   * Let idle intra-op threads spin while waiting for work (default false). Spinning buys little on an idle machine
   * and costs much on a shared one: InceptionV1's feature-vis step to mixed3b, batch 8, two threads on two cores
   * others were loading (load 6), took 350 ms per run with spinning off against 542 ms with it on (medians, interleaved).
   */
  spinning?: boolean;
}

/** A float32 tensor crossing the session boundary: data row-major, dims as ONNX lists them. */
export interface TensorData {
  data: Float32Array;
  dims: number[];
}

/** A loaded model: run it with float32 feeds by input name; every graph output comes back by name. */
export interface OrtSession {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  /** The providers the session was created with. */
  readonly providers: readonly string[];
  readonly threads: number;
  /** Feeds: a TensorData, or a plain number for a scalar input (e.g. `redirect`). */
  run(feeds: Record<string, TensorData | number>): Promise<Record<string, TensorData>>;
  release(): Promise<void>;
}

/** Number of cores this process may use. */
export const coreCount = (): number => (typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length);

/**
 * Opens ONNX model bytes (e.g. from `buildGradientModel`) in onnxruntime-node, CPU provider and one intra-op
 * thread per core by default. Feeds are checked by name: a missing or unknown one throws naming it.
 */
export async function createOrtSession(bytes: Uint8Array, options: OrtSessionOptions = {}): Promise<OrtSession> {
  const ort = await loadOrt();
  const threads = options.threads ?? coreCount();
  if (!Number.isInteger(threads) || threads < 1) throw new Error(`createOrtSession: threads must be a positive integer, got ${threads}`);
  const providers = options.providers ?? ['cpu'];
  const session = await ort.InferenceSession.create(bytes, {
    executionProviders: providers,
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: options.optimization ?? 'all',
    logSeverityLevel: 3,
    // onnxruntime's session config entry 'session.intra_op.allow_spinning'.
    extra: { session: { intra_op: { allow_spinning: options.spinning ? '1' : '0' } } },
  });
  const inputNames = [...session.inputNames];
  const outputNames = [...session.outputNames];
  return {
    inputNames,
    outputNames,
    providers,
    threads,
    async run(feeds) {
      for (const name of inputNames) if (!(name in feeds)) throw new Error(`OrtSession.run: no feed for input '${name}' (inputs: ${inputNames.join(', ')})`);
      const tensors: Record<string, InstanceType<OrtModule['Tensor']>> = {};
      for (const [name, value] of Object.entries(feeds)) {
        if (!inputNames.includes(name)) throw new Error(`OrtSession.run: the model has no input '${name}' (inputs: ${inputNames.join(', ')})`);
        tensors[name] = typeof value === 'number' ? new ort.Tensor('float32', Float32Array.of(value), []) : new ort.Tensor('float32', value.data, value.dims);
      }
      // Every graph output, never a fetch list: onnxruntime-node 1.22 labels a partial fetch list wrongly.
      const results = await session.run(tensors);
      const out: Record<string, TensorData> = {};
      for (const name of outputNames) {
        const t = results[name]!;
        out[name] = { data: t.data as Float32Array, dims: [...t.dims] };
      }
      return out;
    },
    release: () => session.release(),
  };
}
