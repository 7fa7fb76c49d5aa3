import { describe, expect, it } from 'vitest';
import { kerasTopology } from './keras-topology';
import { TfjsImportError } from './tfjs-import-error';

const tensor = (layer: string) => ({ class_name: '__keras_tensor__', config: { shape: [null, 4, 4, 2], dtype: 'float32', keras_history: [layer, 0, 0] } });

describe('kerasTopology', () => {
  it('reads Keras 3 inbound nodes (keras_history) including a two-input Add', () => {
    const layers = [
      { name: 'in', class_name: 'InputLayer', config: { name: 'in', batch_shape: [null, 4, 4, 2] }, inbound_nodes: [] },
      { name: 'relu', class_name: 'ReLU', config: { name: 'relu' }, inbound_nodes: [{ args: [tensor('in')], kwargs: {} }] },
      { name: 'sum', class_name: 'Add', config: { name: 'sum' }, inbound_nodes: [{ args: [[tensor('in'), tensor('relu')]], kwargs: {} }] },
    ];
    const topology = kerasTopology({ class_name: 'Functional', config: { name: 'k3', layers, input_layers: [['in', 0, 0]], output_layers: ['sum', 0, 0] } }, 'model.json');
    expect(topology.layers.map((l) => [l.name, l.inputs])).toEqual([['in', []], ['relu', ['in']], ['sum', ['in', 'relu']]]);
    expect([topology.input, topology.output]).toEqual(['in', 'sum']);
  });

  it('turns a Sequential model into a chain behind an input layer built from batch_input_shape', () => {
    const layers = [
      { class_name: 'Flatten', config: { name: 'flat', batch_input_shape: [null, 2, 2, 1] } },
      { class_name: 'Dense', config: { name: 'fc', units: 2 } },
    ];
    const topology = kerasTopology({ model_config: { class_name: 'Sequential', config: { name: 'seq', layers } } }, 'model.json');
    expect(topology.layers.map((l) => [l.name, l.className, l.inputs])).toEqual([
      ['flat_input', 'InputLayer', []],
      ['flat', 'Flatten', ['flat_input']],
      ['fc', 'Dense', ['flat']],
    ]);
  });

  it('rejects a layer called twice (a shared layer), naming it', () => {
    const layers = [
      { name: 'in', class_name: 'InputLayer', config: { batch_input_shape: [null, 4, 4, 2] }, inbound_nodes: [] },
      { name: 'shared', class_name: 'ReLU', config: {}, inbound_nodes: [[['in', 0, 0, {}]], [['in', 0, 0, {}]]] },
    ];
    const read = () => kerasTopology({ class_name: 'Model', config: { layers, input_layers: [['in', 0, 0]], output_layers: [['shared', 1, 0]] } }, 'model.json');
    expect(read).toThrow(TfjsImportError);
    expect(read).toThrow("layer 'shared' (ReLU) is called 2 times");
  });
});
