#!/usr/bin/env node
// Regenerates src/graphdef/schema/graph-def-descriptor.json from the committed graph-def.proto, so the runtime never
// parses .proto text. Field names become lowerCamelCase, as in TensorFlow's protobuf JSON (what graph-def.ts reads).
import { readFileSync, writeFileSync } from 'node:fs';
import protobuf from 'protobufjs';

const dir = new URL('../src/graphdef/schema/', import.meta.url);
const root = protobuf.parse(readFileSync(new URL('graph-def.proto', dir), 'utf8')).root;
writeFileSync(new URL('graph-def-descriptor.json', dir), `${JSON.stringify(root.toJSON(), null, 1)}\n`);
