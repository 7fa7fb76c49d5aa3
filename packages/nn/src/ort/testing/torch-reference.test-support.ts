/** Test support: PyTorch autograd's gradients for the same inputs, through scripts/torch-input-gradient.py. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PYTHON = '/usr/bin/python3';
const SCRIPT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../scripts/torch-input-gradient.py');

const raw = (data: Float32Array): Uint8Array => new Uint8Array(data.buffer, data.byteOffset, data.byteLength);

/** dLoss/dinput in PyTorch for a torchvision model of export-torchvision.py, loss = sum(output · seed). */
export function torchInputGradient(name: string, batch: number, input: Float32Array, seed: Float32Array): Float32Array {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'torch-grad-'));
  try {
    const [inFile, seedFile, outFile] = ['input.f32', 'seed.f32', 'grad.f32'].map((f) => path.join(dir, f));
    writeFileSync(inFile!, raw(input));
    writeFileSync(seedFile!, raw(seed));
    execFileSync(PYTHON, [SCRIPT, 'input', name, String(batch), inFile!, seedFile!, outFile!], { stdio: ['ignore', 'ignore', 'inherit'] });
    const bytes = readFileSync(outFile!);
    return new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
