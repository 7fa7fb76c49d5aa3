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
   * Let idle intra-op threads spin while waiting for work, as PyTorch's OpenMP threads do (default 'auto':
   * {@link spinWhenIdle}; `BRANCHSCOPE_ORT_SPINNING=1` or `0` decides for every session that does not say).
   * Spinning pays on idle cores and costs much on busy ones: the small 2-branch AlexNet trained at 660 images/s with
   * it against 520 without (2 threads, 2 idle cores), while InceptionV1's feature-vis step to mixed3b, batch 8, two
   * threads on two cores others were loading (load 6), took 542 ms per run with it against 350 ms without.
   */
  spinning?: boolean | 'auto';
}

/** The environment variable that turns intra-op spinning on (1) or off (0) where a session does not say. */
export const SPINNING_ENV = 'BRANCHSCOPE_ORT_SPINNING';

/**
 * Whether `threads` intra-op threads should spin: only with more than one thread and a core idle for each of them,
 * read from the 1-minute load average when the session opens (a session on a machine that gets busy later keeps
 * spinning; `BRANCHSCOPE_ORT_SPINNING=0` turns it off).
 */
export function spinWhenIdle(threads: number, load: number = os.loadavg()[0]!, cores: number = coreCount()): boolean {
  return threads > 1 && load + threads <= cores + 0.5;
}

function spinningOf(option: OrtSessionOptions['spinning'], threads: number): boolean {
  if (typeof option === 'boolean') return option;
  const forced = process.env[SPINNING_ENV];
  if (forced === '1' || forced === '0') return forced === '1';
  if (forced) throw new Error(`${SPINNING_ENV} must be 1 or 0, got '${forced}'`);
  return spinWhenIdle(threads);
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
  /** Whether its idle intra-op threads spin. */
  readonly spinning: boolean;
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
  const spinning = spinningOf(options.spinning, threads);
  const session = await ort.InferenceSession.create(bytes, {
    executionProviders: providers,
    intraOpNumThreads: threads,
    interOpNumThreads: 1,
    graphOptimizationLevel: options.optimization ?? 'all',
    logSeverityLevel: 3,
    // onnxruntime's session config entry 'session.intra_op.allow_spinning'.
    extra: { session: { intra_op: { allow_spinning: spinning ? '1' : '0' } } },
  });
  const inputNames = [...session.inputNames];
  const outputNames = [...session.outputNames];
  return {
    inputNames,
    outputNames,
    providers,
    threads,
    spinning,
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
