import * as ort from 'onnxruntime-node';
import { decodeMessage, ModelProtoType } from '../onnx-proto';
import type { ModelProtoMessage } from '../proto-messages';

/**
 * Runs a model in onnxruntime-node and returns the named tensors, intermediate ones included: they are added as
 * graph outputs to a copy of the ModelProto (onnxruntime only returns graph outputs).
 */
export async function runOrt(bytes: Uint8Array, feeds: Record<string, ort.Tensor>, tensors: readonly string[]): Promise<Map<string, Float32Array>> {
  const message = decodeMessage<ModelProtoMessage>(ModelProtoType, bytes, 'the model');
  const graph = message.graph!;
  const present = new Set((graph.output ?? []).map((o) => o.name));
  graph.output = [...(graph.output ?? []), ...tensors.filter((t) => !present.has(t)).map((name) => ({ name }))];
  const copy = ModelProtoType.encode(message).finish();
  const session = await ort.InferenceSession.create(copy, { graphOptimizationLevel: 'disabled' });
  try {
    // Every graph output, not a list of fetches: onnxruntime-node 1.22 labels a partial fetch list wrongly (as the
    // first graph outputs rather than the tensors asked for).
    const results = await session.run(feeds);
    return new Map(tensors.map((t) => [t, results[t]!.data as Float32Array]));
  } finally {
    await session.release();
  }
}
