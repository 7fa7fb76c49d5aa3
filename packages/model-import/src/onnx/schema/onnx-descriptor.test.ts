import { readFileSync } from 'node:fs';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import descriptor from './onnx-descriptor.json';

describe('the committed ONNX schema', () => {
  it('has a JSON descriptor generated from the committed onnx.proto', () => {
    const proto = readFileSync(new URL('./onnx.proto', import.meta.url), 'utf8');
    const root = protobuf.parse(proto, { keepCase: true }).root;
    expect(JSON.parse(JSON.stringify(root.toJSON()))).toEqual(descriptor);
  });

  it('ships the Apache-2.0 licence the schema declares', () => {
    expect(readFileSync(new URL('./onnx.proto', import.meta.url), 'utf8')).toContain('SPDX-License-Identifier: Apache-2.0');
    expect(readFileSync(new URL('./LICENSE', import.meta.url), 'utf8')).toContain('Apache License');
  });
});
