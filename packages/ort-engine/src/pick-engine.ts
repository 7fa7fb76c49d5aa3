import * as tf from '@tensorflow/tfjs-core';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { initBackend, type BackendName } from '@branchscope/runtime';
import { OnnxEmitter } from './onnx-emitter';
import { coreCount, loadOrt, type OrtModule } from './ort-session';

/** The compute engines a worker can run on, fastest first. */
export type EngineName = 'ort-cuda' | 'tfjs-node-gpu' | 'tfjs-webgpu' | 'ort-cpu' | 'tfjs-node' | 'tfjs-wasm' | 'tfjs-cpu';

export const ENGINE_ORDER: readonly EngineName[] = ['ort-cuda', 'tfjs-node-gpu', 'tfjs-webgpu', 'ort-cpu', 'tfjs-node', 'tfjs-wasm', 'tfjs-cpu'];

/** Env var that forces one engine, e.g. `BRANCHSCOPE_ENGINE=tfjs-wasm`. */
export const ENGINE_ENV = 'BRANCHSCOPE_ENGINE';

export interface PickedEngine {
  name: EngineName;
  kind: 'ort' | 'tfjs';
  /** ORT engines: the execution providers to open sessions with (`createOrtSession(bytes, { providers })`). */
  providers?: string[];
  /** TF.js engines: the backend now active. */
  backend?: BackendName;
  /** One line per faster engine that was skipped, saying why. */
  skipped: string[];
}

export interface PickEngineOptions {
  /** Where the choice and each skip are reported (one line each); default `console.info`. */
  log?: (message: string) => void;
  /** Environment to read {@link ENGINE_ENV} from; default `process.env`. */
  env?: Record<string, string | undefined>;
  /** Loads onnxruntime-node (tests replace it to simulate a machine where it fails). */
  loadOrt?: () => Promise<OrtModule>;
}

const reason = (err: unknown): string => (err instanceof Error ? err.message.split('\n')[0]! : String(err));

/** A one-node model (Relu) to open a session with: whether a provider really starts. */
function probeModel(): Uint8Array {
  const e = new OnnxEmitter('engine probe', new Set());
  e.input('x', [1]);
  e.output('y', e.op('Relu', ['x']), [1]);
  return e.encode();
}

async function tryOrtProvider(ort: OrtModule, provider: string): Promise<string | undefined> {
  try {
    const session = await ort.InferenceSession.create(probeModel(), { executionProviders: [provider], logSeverityLevel: 3 });
    await session.run({ x: new ort.Tensor('float32', Float32Array.of(-1), [1]) });
    await session.release();
    return undefined;
  } catch (err) {
    return reason(err);
  }
}

/** Whether onnxruntime-node's folder holds its CUDA provider library (fetched by its install script, not bundled). */
function cudaLibraryPresent(): boolean {
  try {
    const main = createRequire(import.meta.url).resolve('onnxruntime-node');
    const bin = path.join(path.dirname(main), '..', 'bin');
    const walk = (dir: string): boolean =>
      readdirSync(dir, { withFileTypes: true }).some((d) => (d.isDirectory() ? walk(path.join(dir, d.name)) : d.name.startsWith('libonnxruntime_providers_cuda')));
    return existsSync(bin) && walk(bin);
  } catch {
    return true; // cannot tell: let the session attempt decide
  }
}

async function optionalModule(specifier: string): Promise<unknown> {
  return import(/* @vite-ignore */ specifier);
}

type Attempt = () => Promise<{ ok: true; engine: Omit<PickedEngine, 'skipped'> } | { ok: false; why: string }>;

function attempts(load: () => Promise<OrtModule>): Record<EngineName, Attempt> {
  type Loaded = { ort?: OrtModule; why?: string };
  let ortResult: Promise<Loaded> | undefined;
  const ort = (): Promise<Loaded> =>
    (ortResult ??= load().then(
      (m): Loaded => ({ ort: m }),
      (err: unknown): Loaded => ({ why: `onnxruntime-node cannot load (${reason(err)})` }),
    ));
  const tfjs = (name: EngineName, backend: BackendName): Attempt => async () => {
    try {
      await initBackend([backend], { log: () => {}, env: {} });
      return { ok: true, engine: { name, kind: 'tfjs', backend } };
    } catch (err) {
      return { ok: false, why: reason(err).replace(/^.*could start: [\w-]+: /, '') };
    }
  };
  return {
    'ort-cuda': async () => {
      const { ort: m, why } = await ort();
      if (!m) return { ok: false, why: why! };
      const listed = m.listSupportedBackends().find((b: { name: string; bundled: boolean }) => b.name === 'cuda');
      if (!listed) return { ok: false, why: 'this onnxruntime-node build has no CUDA provider' };
      if (!listed.bundled && !cudaLibraryPresent()) {
        return { ok: false, why: 'its CUDA provider library is not installed (the install script fetches it: ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node, on a machine with CUDA 12)' };
      }
      const failed = await tryOrtProvider(m, 'cuda');
      if (failed === undefined) return { ok: true, engine: { name: 'ort-cuda', kind: 'ort', providers: ['cuda', 'cpu'] } };
      const hint = listed.bundled ? '' : '; its CUDA 12 libraries are not bundled: ONNXRUNTIME_NODE_INSTALL=cuda12 npm rebuild onnxruntime-node fetches them on a GPU machine';
      return { ok: false, why: `onnxruntime's CUDA provider does not start (${failed})${hint}` };
    },
    'tfjs-node-gpu': tfjs('tfjs-node-gpu', 'node-gpu'),
    'tfjs-webgpu': async () => {
      try {
        await optionalModule('@tensorflow/tfjs-backend-webgpu');
      } catch {
        return { ok: false, why: "@tensorflow/tfjs-backend-webgpu is not installed (optional; in Node it also needs navigator.gpu from the 'webgpu' package)" };
      }
      const nav = (globalThis as { navigator?: { gpu?: unknown } }).navigator;
      if (!nav?.gpu) return { ok: false, why: "no navigator.gpu in this process (install and register the 'webgpu' package to give TF.js a GPU adapter)" };
      try {
        if (!(await tf.setBackend('webgpu'))) return { ok: false, why: "tf.setBackend('webgpu') failed to initialise it" };
        await tf.ready();
        return { ok: true, engine: { name: 'tfjs-webgpu', kind: 'tfjs' } };
      } catch (err) {
        return { ok: false, why: `tf.setBackend('webgpu') threw: ${reason(err)}` };
      }
    },
    'ort-cpu': async () => {
      const { ort: m, why } = await ort();
      if (!m) return { ok: false, why: why! };
      const failed = await tryOrtProvider(m, 'cpu');
      return failed === undefined ? { ok: true, engine: { name: 'ort-cpu', kind: 'ort', providers: ['cpu'] } } : { ok: false, why: `onnxruntime's CPU provider does not start (${failed})` };
    },
    'tfjs-node': tfjs('tfjs-node', 'node'),
    'tfjs-wasm': tfjs('tfjs-wasm', 'wasm'),
    'tfjs-cpu': tfjs('tfjs-cpu', 'cpu'),
  };
}

function describe(engine: Omit<PickedEngine, 'skipped'>): string {
  if (engine.kind === 'ort') return `${engine.name} (onnxruntime-node, providers ${engine.providers!.join(', ')}, ${coreCount()} intra-op threads on CPU)`;
  return `${engine.name} (TensorFlow.js backend ${engine.backend ?? 'webgpu'})`;
}

/**
 * Picks the fastest engine present: onnxruntime with CUDA, tfjs-node-gpu, TF.js on WebGPU, onnxruntime on the CPU,
 * then the TF.js backends (node, wasm, cpu), which stay the reference and the fallback. Logs one line per faster
 * engine skipped, saying why, and one for the choice. `BRANCHSCOPE_ENGINE` forces one, and a forced engine that
 * cannot start is an error. A TF.js choice activates its backend; an ORT choice leaves TF.js as it is.
 */
export async function pickEngine(options: PickEngineOptions = {}): Promise<PickedEngine> {
  const log = options.log ?? ((m: string) => console.info(m));
  const forcedValue = (options.env ?? process.env)[ENGINE_ENV]?.trim();
  if (forcedValue && !ENGINE_ORDER.includes(forcedValue as EngineName)) {
    throw new Error(`${ENGINE_ENV}='${forcedValue}' is not an engine; use one of ${ENGINE_ORDER.join(', ')}`);
  }
  const forced = forcedValue ? (forcedValue as EngineName) : undefined;
  const tries = attempts(options.loadOrt ?? loadOrt);
  const skipped: string[] = [];
  for (const name of forced ? [forced] : ENGINE_ORDER) {
    const result = await tries[name]();
    if (result.ok) {
      log(`[ort-engine] engine: ${describe(result.engine)}${forced ? ` (forced by ${ENGINE_ENV})` : ''}`);
      return { ...result.engine, skipped };
    }
    if (forced) throw new Error(`${ENGINE_ENV}=${forced} forces the '${forced}' engine, but it is unavailable: ${result.why}`);
    const line = `${name}: ${result.why}`;
    skipped.push(line);
    log(`[ort-engine] engine: skipped ${line}`);
  }
  throw new Error(`pickEngine: no engine starts here (${skipped.join('; ')})`);
}
