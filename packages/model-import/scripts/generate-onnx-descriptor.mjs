#!/usr/bin/env node
// Regenerates src/onnx/schema/onnx-descriptor.json from the committed onnx.proto, so the runtime never parses .proto text.
import { readFileSync, writeFileSync } from 'node:fs';
import protobuf from 'protobufjs';

const dir = new URL('../src/onnx/schema/', import.meta.url);
const root = protobuf.parse(readFileSync(new URL('onnx.proto', dir), 'utf8'), { keepCase: true }).root;
writeFileSync(new URL('onnx-descriptor.json', dir), `${JSON.stringify(root.toJSON(), null, 1)}\n`);
