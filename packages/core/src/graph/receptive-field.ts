import type { Graph, GraphNode } from './graph';

/**
 * Where a layer's positions look in the input, per axis: output position i sees input rows (or columns)
 * `offset + i * jump` to `offset + i * jump + size - 1` (offset may be negative: padding).
 */
export interface ReceptiveField {
  /** Input pixels between neighbouring output positions. */
  jump: [number, number];
  /** Input pixels one output position sees, height and width. */
  size: [number, number];
  /** Input row and column of output position 0's first pixel. */
  offset: [number, number];
}

/** A pixel rectangle of the input, clipped to it: rows `y0` to `y1 - 1`, columns `x0` to `x1 - 1`. */
export interface PixelBox {
  y0: number;
  x0: number;
  y1: number;
  x1: number;
}

const IDENTITY: ReceptiveField = { jump: [1, 1], size: [1, 1], offset: [0, 0] };

/** The union of the fields of several inputs with the same jump (a concat or add): the widest span. */
function union(fields: ReceptiveField[], node: GraphNode): ReceptiveField {
  const [first, ...rest] = fields;
  if (!first) return IDENTITY;
  const axis = (a: 0 | 1) => {
    const jump = first.jump[a];
    for (const f of rest) {
      if (f.jump[a] !== jump) throw new Error(`receptive field: inputs of '${node.name}' have different strides (${first.jump[a]} and ${f.jump[a]} input pixels)`);
    }
    const start = Math.min(...fields.map((f) => f.offset[a]));
    const end = Math.max(...fields.map((f) => f.offset[a] + f.size[a]));
    return { jump, size: end - start, offset: start };
  };
  const y = axis(0);
  const x = axis(1);
  return { jump: [y.jump, x.jump], size: [y.size, x.size], offset: [y.offset, x.offset] };
}

/**
 * The receptive field of every spatial node of `graph` up to `layer`, from the kernels, strides, dilations and
 * pads of its convs and pools (elementwise ops keep their input's field; concat and add take the union of their
 * inputs'). Throws naming the layer when it is unknown or has no spatial positions (dense, flatten, global pool).
 */
export function receptiveField(graph: Graph, layer: string): ReceptiveField {
  const fields = new Map<string, ReceptiveField>();
  for (const node of graph.nodes) {
    const inputs = node.inputs.map((name) => fields.get(name)).filter((f): f is ReceptiveField => f !== undefined);
    let field: ReceptiveField | undefined;
    if (node.op === 'input') field = IDENTITY;
    else if (node.op === 'dense' || node.op === 'flatten' || node.op === 'globalavgpool' || node.op === 'softmax') field = undefined;
    else if (inputs.length === 0) field = undefined;
    else {
      const from = union(inputs, node);
      const window = node.conv ?? node.pool;
      if (window) {
        const dilations = node.conv?.dilations ?? [1, 1];
        const axis = (a: 0 | 1) => {
          const extent = (window.kernel[a] - 1) * dilations[a] + 1;
          return {
            jump: from.jump[a] * window.strides[a],
            size: from.size[a] + (extent - 1) * from.jump[a],
            offset: from.offset[a] - window.pads[a] * from.jump[a],
          };
        };
        const y = axis(0);
        const x = axis(1);
        field = { jump: [y.jump, x.jump], size: [y.size, x.size], offset: [y.offset, x.offset] };
      } else field = from;
    }
    if (field) fields.set(node.name, field);
    if (node.name === layer) {
      if (!field) throw new Error(`receptive field: layer '${layer}' of model '${graph.name}' (${node.op}) has no spatial positions`);
      return field;
    }
  }
  throw new Error(`receptive field: model '${graph.name}' has no layer '${layer}'`);
}

/** The input pixels output position (y, x) sees, clipped to an input of `height` x `width`. */
export function receptiveBox(field: ReceptiveField, y: number, x: number, height: number, width: number): PixelBox {
  const y0 = field.offset[0] + y * field.jump[0];
  const x0 = field.offset[1] + x * field.jump[1];
  return {
    y0: Math.max(0, y0),
    x0: Math.max(0, x0),
    y1: Math.min(height, y0 + field.size[0]),
    x1: Math.min(width, x0 + field.size[1]),
  };
}
