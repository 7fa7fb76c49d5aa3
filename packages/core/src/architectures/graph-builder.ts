import type { Graph, GraphNode, LrnAttrs, OpKind } from '../graph/graph';
import { nodeOutputShape, samePads, type Shape } from '../graph/infer-shapes';

/** Padding as [top, left, bottom, right], one value for all sides, or TensorFlow's 'same'. */
export type Padding = number | [number, number, number, number] | 'same';

export interface ConvOptions {
  stride?: number;
  pad?: Padding;
  group?: number;
  bias?: boolean;
}

export interface PoolOptions {
  stride?: number;
  pad?: Padding;
  ceil?: boolean;
}

/** Caffe's LRN: local_size 5, alpha 1e-4, beta 0.75, k 1. */
export const CAFFE_LRN: LrnAttrs = { size: 5, alpha: 1e-4, beta: 0.75, bias: 1 };

/**
 * Appends nodes in topological order and tracks their shapes, so that 'same' padding can be
 * resolved and channel counts of shape-preserving ops are taken from the input. Every method
 * returns the new node's name, which keeps architecture code a readable chain.
 */
export class GraphBuilder {
  readonly nodes: GraphNode[] = [];
  private readonly shapes = new Map<string, Shape>();

  constructor(
    inputName: string,
    private readonly inputShape: Shape,
  ) {
    this.nodes.push({ name: inputName, op: 'input', inputs: [], channels: inputShape[0] });
    this.shapes.set(inputName, inputShape);
  }

  /** Output shape of an existing node. */
  shape(name: string): Shape {
    const shape = this.shapes.get(name);
    if (!shape) throw new Error(`graph builder: no node named "${name}" yet`);
    return shape;
  }

  channels(name: string): number {
    return this.shape(name)[0];
  }

  conv(name: string, input: string, channels: number, kernel: number, o: ConvOptions = {}): string {
    const stride = o.stride ?? 1;
    return this.push({
      name,
      op: 'conv',
      inputs: [input],
      channels,
      conv: {
        kernel: [kernel, kernel],
        strides: [stride, stride],
        pads: this.pads(input, kernel, stride, o.pad ?? 0),
        dilations: [1, 1],
        group: o.group ?? 1,
        bias: o.bias ?? true,
      },
    });
  }

  pool(op: 'maxpool' | 'avgpool', name: string, input: string, kernel: number, o: PoolOptions = {}): string {
    const stride = o.stride ?? kernel;
    const pool = { kernel: [kernel, kernel] as [number, number], strides: [stride, stride] as [number, number], pads: this.pads(input, kernel, stride, o.pad ?? 0), ceilMode: o.ceil ?? false };
    return this.push({ name, op, inputs: [input], channels: this.channels(input), pool });
  }

  lrn(name: string, input: string, lrn: LrnAttrs = CAFFE_LRN): string {
    return this.push({ name, op: 'lrn', inputs: [input], channels: this.channels(input), lrn: { ...lrn } });
  }

  /** A shape-preserving single-input op without attributes: relu, batchnorm, dropout, softmax, globalavgpool, sigmoid... */
  unary(op: Extract<OpKind, 'relu' | 'batchnorm' | 'dropout' | 'softmax' | 'globalavgpool' | 'sigmoid' | 'hardswish' | 'silu'>, name: string, input: string): string {
    return this.push({ name, op, inputs: [input], channels: this.channels(input) });
  }

  flatten(name: string, input: string): string {
    const [c, h, w] = this.shape(input);
    return this.push({ name, op: 'flatten', inputs: [input], channels: c * h * w });
  }

  dense(name: string, input: string, channels: number): string {
    return this.push({ name, op: 'dense', inputs: [input], channels });
  }

  concat(name: string, inputs: string[]): string {
    const channels = inputs.reduce((sum, i) => sum + this.channels(i), 0);
    return this.push({ name, op: 'concat', inputs, channels, axis: 1 });
  }

  add(name: string, inputs: string[]): string {
    return this.push({ name, op: 'add', inputs, channels: this.channels(inputs[0]!) });
  }

  /** The stream times a gate of its channels ([C, 1, 1] or the stream's size). */
  mul(name: string, stream: string, gate: string): string {
    return this.push({ name, op: 'mul', inputs: [stream, gate], channels: this.channels(stream) });
  }

  /** Output channel i is input channel select[i]. */
  select(name: string, input: string, select: number[]): string {
    return this.push({ name, op: 'select', inputs: [input], channels: select.length, select: [...select] });
  }

  build(name: string, inputRange: [number, number], output: string): Graph {
    return { name, inputShape: [...this.inputShape], inputRange, nodes: [...this.nodes], output };
  }

  private pads(input: string, kernel: number, stride: number, pad: Padding): [number, number, number, number] {
    if (pad === 'same') {
      const [, h, w] = this.shape(input);
      return samePads([h, w], [kernel, kernel], [stride, stride]);
    }
    return typeof pad === 'number' ? [pad, pad, pad, pad] : [...pad];
  }

  private push(node: GraphNode): string {
    if (this.shapes.has(node.name)) throw new Error(`graph builder: node name "${node.name}" is used twice`);
    this.shapes.set(node.name, nodeOutputShape(node, node.inputs.map((i) => this.shape(i))));
    this.nodes.push(node);
    return node.name;
  }
}
