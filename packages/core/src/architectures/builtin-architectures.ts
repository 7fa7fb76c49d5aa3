import type { Graph } from '../graph/graph';
import { modelId, type ModelId } from '../ids';
import { alexnetGraph } from './alexnet';
import { googlenetGraph } from './googlenet';
import { inceptionV1Graph } from './inception-v1';
import { resnetGraph } from './resnet';
import { smallAlexnetGraph } from './small-alexnet';
import { smallInceptionGraph } from './small-inception';
import { smallResnetGraph } from './small-resnet';
import { splitFirstLayerGraph } from './split-first-layer';

export type ArchitectureFamily = 'alexnet' | 'inception' | 'resnet' | 'split-first-layer';

export interface BuiltinArchitecture {
  id: ModelId;
  name: string;
  family: ArchitectureFamily;
  /** Small enough to train on a CPU (32x32 inputs, few channels). */
  small: boolean;
  /** For a branched small variant, the id of its unbranched control. */
  control?: ModelId;
  build: () => Graph;
}

const entry = (id: string, name: string, family: ArchitectureFamily, build: () => Graph, control?: string): BuiltinArchitecture => ({
  id: modelId(id),
  name,
  family,
  small: id.startsWith('small-') || id.startsWith('split-'),
  ...(control ? { control: modelId(control) } : {}),
  build,
});

/** Every built-in architecture, full-size ones first, each small branched variant before its control. */
export function builtinArchitectures(): BuiltinArchitecture[] {
  return [
    entry('alexnet', 'AlexNet (BVLC)', 'alexnet', alexnetGraph),
    entry('inceptionv1', 'InceptionV1 (Lucid)', 'inception', inceptionV1Graph),
    entry('googlenet', 'GoogLeNet (BVLC)', 'inception', googlenetGraph),
    ...([50, 101, 152] as const).flatMap((depth) =>
      ([1, 2] as const).map((version) =>
        entry(`resnet${depth}-v${version}`, `ResNet-${depth} v${version}`, 'resnet', () => resnetGraph({ depth, version })),
      ),
    ),
    entry('small-alexnet-2b', 'Small AlexNet, 2 branches', 'alexnet', () => smallAlexnetGraph({ branches: 2 }), 'small-alexnet-1b'),
    entry('small-alexnet-1b', 'Small AlexNet, unbranched control', 'alexnet', () => smallAlexnetGraph({ branches: 1 })),
    entry('split-first-layer-4b', 'First layer in 4 branches', 'split-first-layer', () => splitFirstLayerGraph({ branches: 4 }), 'split-first-layer-1b'),
    entry('split-first-layer-1b', 'First layer unbranched control', 'split-first-layer', () => splitFirstLayerGraph({ branches: 1 })),
    entry('small-inception-branched', 'Small Inception, branched', 'inception', () => smallInceptionGraph({ branched: true }), 'small-inception-control'),
    entry('small-inception-control', 'Small Inception, single-conv control', 'inception', () => smallInceptionGraph({ branched: false })),
    entry('small-resnet-residual', 'Small ResNet, residual', 'resnet', () => smallResnetGraph({ residual: true }), 'small-resnet-plain'),
    entry('small-resnet-plain', 'Small ResNet, plain control', 'resnet', () => smallResnetGraph({ residual: false })),
  ];
}
