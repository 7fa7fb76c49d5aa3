import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One exported net: its name, opset, whether its batch axis is dynamic, its (square) input size, its file. */
export interface TorchLrnExport {
  name: 'lrn_net' | 'lrn_even' | 'bvlc_alexnet';
  opset: number;
  dynamic: boolean;
  size: number;
  path: string;
}

export interface TorchLrnManifest {
  torch: string;
  seed: number;
  models: TorchLrnExport[];
}

const PYTHON = '/usr/bin/python3';
const NN_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SCRIPT = path.join(NN_ROOT, 'scripts/export-torch-lrn.py');
/** Git-ignored; the script keys its folder by the torch version and by its own hash. */
export const LRN_EXPORT_CACHE = path.join(NN_ROOT, '.cache/torch-lrn');

/** Why the PyTorch LRN tests cannot run here, or undefined when Debian's python3-torch imports. */
export function torchMissing(): string | undefined {
  const probe = spawnSync(PYTHON, ['-c', 'import torch'], { encoding: 'utf8' });
  if (probe.status === 0) return undefined;
  const why = probe.error ? `${PYTHON} cannot run (${probe.error.message})` : `${PYTHON} cannot import torch (${probe.stderr.trim().split('\n').pop()})`;
  return `${why}: install Debian's python3-torch (apt-get install -y python3-torch; scripts/ensure-system-deps.mjs torch does it when run as root)`;
}

/** Exports what the cache lacks (a few seconds) and returns the manifest. */
export function exportTorchLrn(): TorchLrnManifest {
  const out = execFileSync(PYTHON, [SCRIPT, LRN_EXPORT_CACHE], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  return JSON.parse(out) as TorchLrnManifest;
}
