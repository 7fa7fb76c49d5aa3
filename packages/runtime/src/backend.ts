import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The TensorFlow.js backends branchscope knows how to start, fastest first. */
export type BackendName = 'node-gpu' | 'node' | 'wasm' | 'cpu';

const ALL: readonly BackendName[] = ['node-gpu', 'node', 'wasm', 'cpu'];

/** The name each backend registers under in tfjs-core's engine. */
const TF_NAME: Record<BackendName, string> = { 'node-gpu': 'tensorflow', node: 'tensorflow', wasm: 'wasm', cpu: 'cpu' };

/** Env var that forces one backend, e.g. `BRANCHSCOPE_BACKEND=wasm`. */
export const BACKEND_ENV = 'BRANCHSCOPE_BACKEND';

export interface InitBackendOptions {
  /** Where the choice is reported; defaults to `console.info`. */
  log?: (message: string) => void;
  /** Environment to read {@link BACKEND_ENV} from; defaults to `process.env`. */
  env?: Record<string, string | undefined>;
}

let chosen: BackendName | undefined;

/** Loads a module that may be absent; the specifier is a variable so bundlers and tsc leave it alone. */
async function optionalImport(specifier: string): Promise<void> {
  await import(/* @vite-ignore */ specifier);
}

let wasmPathsSet = false;

async function loadWasm(): Promise<void> {
  const wasm = await import('@tensorflow/tfjs-backend-wasm');
  if (!wasmPathsSet) {
    // In Node the .wasm binaries must be read from the package's dist folder, not fetched relative to a page.
    const require = createRequire(import.meta.url);
    const dist = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm'));
    wasm.setWasmPaths(dist + path.sep);
    wasmPathsSet = true;
  }
}

const PACKAGE: Partial<Record<BackendName, string>> = {
  'node-gpu': '@tensorflow/tfjs-node-gpu',
  node: '@tensorflow/tfjs-node',
};

const LOADERS: Record<BackendName, () => Promise<void>> = {
  'node-gpu': () => optionalImport(PACKAGE['node-gpu']!),
  node: () => optionalImport(PACKAGE.node!),
  wasm: loadWasm,
  cpu: async () => {},
};

const reason = (err: unknown): string => (err instanceof Error ? err.message.split('\n')[0] : String(err));

/** Tries one backend; returns why it is unavailable, or undefined once it is the active backend. */
async function tryBackend(name: BackendName): Promise<string | undefined> {
  try {
    await LOADERS[name]();
  } catch (err) {
    // The native packages stay out of package.json (their install downloads libtensorflow), so say how to add one.
    const pkg = PACKAGE[name];
    const missing = (err as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' || /Cannot find (package|module)/.test(reason(err));
    if (pkg && missing) return `${pkg} is not installed (optional: npm install ${pkg}@${tf.version_core})`;
    return `cannot load its package (${reason(err)})`;
  }
  const tfName = TF_NAME[name];
  if (tf.findBackendFactory(tfName) == null) {
    return `its package loaded but registered no '${tfName}' backend with this @tensorflow/tfjs-core ${tf.version_core} (every @tensorflow/* package must be the same version)`;
  }
  try {
    if (!(await tf.setBackend(tfName))) return `tf.setBackend('${tfName}') failed to initialise it`;
    await tf.ready();
  } catch (err) {
    return `tf.setBackend('${tfName}') threw: ${reason(err)}`;
  }
  return undefined;
}

function parseForced(value: string | undefined): BackendName | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const name = value.trim() as BackendName;
  if (!ALL.includes(name)) {
    throw new Error(`${BACKEND_ENV}='${value}' is not a backend; use one of ${ALL.join(', ')}`);
  }
  return name;
}

/**
 * Picks and activates the TensorFlow.js backend for this process: the first of `preference` (default
 * node-gpu, node, wasm, cpu) that loads and initialises. `BRANCHSCOPE_BACKEND` forces one, overriding
 * `preference`, and a forced backend that cannot start is an error rather than a silent fallback.
 * Call it once, from a process entry point; library code never chooses the backend.
 *
 * @returns the backend now active.
 */
export async function initBackend(preference: BackendName[] = [...ALL], options: InitBackendOptions = {}): Promise<BackendName> {
  const log = options.log ?? ((m: string) => console.info(m));
  const forced = parseForced((options.env ?? process.env)[BACKEND_ENV]);
  const candidates = forced ? [forced] : preference;
  if (candidates.length === 0) throw new Error('initBackend: the preference list is empty');
  for (const name of candidates) {
    if (!ALL.includes(name)) throw new Error(`initBackend: '${String(name)}' is not a backend; use one of ${ALL.join(', ')}`);
  }

  const failures: string[] = [];
  for (const name of candidates) {
    const why = await tryBackend(name);
    if (why === undefined) {
      chosen = name;
      const skipped = failures.length > 0 ? ` (skipped ${failures.join('; ')})` : '';
      log(`[runtime] TensorFlow.js backend: ${name}${skipped}`);
      return name;
    }
    failures.push(`${name}: ${why}`);
  }
  if (forced) {
    throw new Error(`${BACKEND_ENV}=${forced} forces the '${forced}' backend, but it is unavailable: ${failures[0].slice(forced.length + 2)}`);
  }
  throw new Error(`initBackend: none of the requested backends could start: ${failures.join('; ')}`);
}

/**
 * The backend chosen by {@link initBackend}, or undefined if it has not run (or tfjs was since switched to a
 * backend outside {@link BackendName}).
 */
export function currentBackend(): BackendName | undefined {
  const active = tf.engine().backendName;
  if (chosen !== undefined && TF_NAME[chosen] === active) return chosen;
  if (active === 'wasm' || active === 'cpu') return active;
  return undefined;
}
