import { readFileSync } from 'node:fs';
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import descriptor from './graph-def-descriptor.json';

describe('the committed GraphDef schema', () => {
  const proto = readFileSync(new URL('./graph-def.proto', import.meta.url), 'utf8');

  it('has a JSON descriptor generated from the committed graph-def.proto', () => {
    const root = protobuf.parse(proto).root;
    expect(JSON.parse(JSON.stringify(root.toJSON()))).toEqual(descriptor);
  });

  it("keeps TensorFlow's field numbers", () => {
    const root = protobuf.Root.fromJSON(descriptor as protobuf.INamespace);
    const ids = (type: string) => Object.fromEntries(root.lookupType(type).fieldsArray.map((f) => [f.name, f.id]));
    expect(ids('tensorflow.GraphDef')).toEqual({ node: 1, library: 2, version: 3, versions: 4 });
    expect(ids('tensorflow.NodeDef')).toEqual({ name: 1, op: 2, input: 3, device: 4, attr: 5 });
    expect(ids('tensorflow.AttrValue')).toMatchObject({ list: 1, s: 2, i: 3, f: 4, b: 5, type: 6, shape: 7, tensor: 8 });
    expect(ids('tensorflow.TensorShapeProto')).toEqual({ dim: 2, unknownRank: 3 });
    expect(ids('tensorflow.TensorProto')).toMatchObject({ dtype: 1, tensorShape: 2, tensorContent: 4, floatVal: 5, intVal: 7, int64Val: 10, halfVal: 13 });
    expect(root.lookupEnum('tensorflow.DataType').values).toMatchObject({ DT_FLOAT: 1, DT_DOUBLE: 2, DT_INT32: 3, DT_INT64: 9, DT_HALF: 19 });
  });

  it('declares the Apache-2.0 licence its names and numbers come under', () => {
    expect(proto).toContain('SPDX-License-Identifier: Apache-2.0');
    expect(readFileSync(new URL('../../onnx/schema/LICENSE', import.meta.url), 'utf8')).toContain('Apache License');
  });
});
