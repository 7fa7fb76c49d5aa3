/** The committed ONNX schema's protobufjs types (`@branchscope/model-import/onnx-schema`), for writing ONNX files. */
export { ModelProtoType, TensorProtoType } from './onnx/onnx-proto';
