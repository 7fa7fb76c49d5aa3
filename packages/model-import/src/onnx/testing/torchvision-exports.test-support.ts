import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One exported file: a torchvision model, its opset, whether its batch axis is dynamic, its (square) input size. */
export interface TorchvisionExport {
  name: string;
  opset: number;
  dynamic: boolean;
  size: number;
  path: string;
}

export interface TorchvisionManifest {
  torch: string;
  torchvision: string;
  seed: number;
  models: TorchvisionExport[];
}

const PYTHON = '/usr/bin/python3';
const NN_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const SCRIPT = path.join(NN_ROOT, 'scripts/export-torchvision.py');
/** The exporter script itself, for PyTorch references that rebuild its models (`@branchscope/ort-engine`'s tests). */
export const EXPORT_TORCHVISION_SCRIPT = SCRIPT;
/** Git-ignored; the script keys its folder by torch and torchvision versions and by its own hash. */
export const EXPORT_CACHE = path.join(NN_ROOT, '.cache/torchvision');

/** Why the torchvision tests cannot run here, or undefined when Debian's python3-torch and python3-torchvision import. */
export function torchvisionMissing(): string | undefined {
  const probe = spawnSync(PYTHON, ['-c', 'import torch, torchvision'], { encoding: 'utf8' });
  if (probe.status === 0) return undefined;
  const why = probe.error ? `${PYTHON} cannot run (${probe.error.message})` : `${PYTHON} cannot import torch and torchvision (${probe.stderr.trim().split('\n').pop()})`;
  return `${why}: install Debian's python3-torch and python3-torchvision (apt-get install -y python3-torch python3-torchvision; scripts/ensure-system-deps.mjs does it when run as root)`;
}

/** Exports what the cache lacks (about a minute on two cores the first time) and returns the manifest. */
export function exportTorchvision(): TorchvisionManifest {
  const out = execFileSync(PYTHON, [SCRIPT, EXPORT_CACHE], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 });
  return JSON.parse(out) as TorchvisionManifest;
}
