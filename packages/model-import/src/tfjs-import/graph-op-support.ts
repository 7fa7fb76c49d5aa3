import { attrBool, attrString, attrStrings, type GraphDefNode } from './graph-def';

/** TF ops the importer converts (Const, Identity and Placeholder are structure, not graph nodes). */
export const GRAPH_OPS = new Set([
  'Placeholder',
  'Const',
  'Identity',
  'Conv2D',
  'DepthwiseConv2dNative',
  '_FusedConv2D',
  '_FusedDepthwiseConv2dNative',
  'Relu',
  'MaxPool',
  'AvgPool',
  'ConcatV2',
  'AddV2',
  'Add',
  'BiasAdd',
  'FusedBatchNorm',
  'FusedBatchNormV2',
  'FusedBatchNormV3',
  'MatMul',
  '_FusedMatMul',
  'Reshape',
  'Softmax',
  'Mean',
]);

/** Ops fused into _FusedConv2D / _FusedMatMul that the importer unfolds. */
const FUSABLE = new Set(['BiasAdd', 'Relu']);

function problem(node: GraphDefNode): string | undefined {
  if (!GRAPH_OPS.has(node.op)) return 'has no equivalent in the graph model';
  const format = attrString(node, 'data_format');
  if (format !== undefined && format !== 'NHWC') return `uses data_format '${format}'; only NHWC is supported`;
  const fused = attrStrings(node, 'fused_ops').filter((op) => !FUSABLE.has(op));
  if (fused.length > 0) return `fuses ${fused.join(', ')}; only BiasAdd and Relu can be unfolded`;
  if (node.op.startsWith('FusedBatchNorm') && attrBool(node, 'is_training')) return 'is in training mode (is_training); freeze the model first';
  if (node.op === 'MatMul' || node.op === '_FusedMatMul') {
    if (attrBool(node, 'transpose_a')) return 'transposes its input (transpose_a)';
  }
  return undefined;
}

/** Every op the importer cannot convert, as `op 'name' (Op) <why>`. */
export function unsupportedGraphOps(nodes: readonly GraphDefNode[]): string[] {
  return nodes.flatMap((node) => {
    const why = problem(node);
    return why ? [`op '${node.name}' (${node.op}) ${why}`] : [];
  });
}
