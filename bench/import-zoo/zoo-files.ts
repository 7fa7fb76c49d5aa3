import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { alexnetGraph, googlenetGraph } from '@branchscope/core';
import { caffe2Twin, resnetTwin } from '@branchscope/model-import/testing';

/** Where the exported or generated files are kept between runs (git-ignored). */
export const CACHE_DIR = path.join(import.meta.dirname, '..', '.cache', 'import-zoo');
const TORCHVISION = ['alexnet', 'resnet50', 'vgg16', 'googlenet', 'mobilenet_v2'];
const PYTHON = '/usr/bin/python3';

export interface ZooFiles {
  /** Where the files come from, for the output. */
  source: string;
  files: string[];
}

/** torchvision's models with seeded random weights, exported to ONNX (opset 13) by Debian's python3-torch. */
function torchvisionFiles(): ZooFiles | undefined {
  const dir = path.join(CACHE_DIR, 'torchvision');
  try {
    execFileSync(PYTHON, ['-c', 'import torch, torchvision'], { stdio: 'ignore' });
  } catch {
    return undefined;
  }
  const out = execFileSync(PYTHON, [path.join(import.meta.dirname, 'torchvision-zoo.py'), dir, ...TORCHVISION], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  const version = execFileSync(PYTHON, ['-c', 'import torch, torchvision; print(torch.__version__, torchvision.__version__)'], { encoding: 'utf8' }).trim().replace(' ', ', torchvision ');
  return { source: `torchvision exports (torch ${version}, seeded random weights, opset 13) in ${dir}`, files: out.trim().split('\n') };
}

/** The generated twins of the ONNX zoo's files (their topologies and names, seeded weights), as bench/onnx-import.ts uses. */
function twinFiles(): ZooFiles {
  const dir = path.join(CACHE_DIR, 'twins');
  mkdirSync(dir, { recursive: true });
  const twins: Array<[string, () => Uint8Array]> = [
    ['bvlcalexnet-twin', () => caffe2Twin(alexnetGraph(), { size: 224, seed: 1, opset: 9 }).bytes],
    ['googlenet-twin', () => caffe2Twin(googlenetGraph(), { size: 224, seed: 1, opset: 12 }).bytes],
    ['resnet152-v1-twin', () => resnetTwin({ depth: 152, version: 1, size: 224, seed: 1 }).bytes],
  ];
  const files = twins.map(([name, make]) => {
    const file = path.join(dir, `${name}.onnx`);
    if (!existsSync(file)) writeFileSync(file, make());
    return file;
  });
  return { source: `generated ONNX zoo twins (seeded weights; python3-torch not found at ${PYTHON}) in ${dir}`, files };
}

/** The files to measure: torchvision exports when Debian's python3-torch is there, else the zoo twins. */
export function zooFiles(): ZooFiles {
  return torchvisionFiles() ?? twinFiles();
}
