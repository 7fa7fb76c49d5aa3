import { readFileSync } from 'node:fs';
import { buildSchema, validate, type DocumentNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { generateClientTypes, GENERATED_URL, SCHEMA_URL } from '../codegen/generate-client-types';
import * as generated from './generated/graphql';

const schema = buildSchema(readFileSync(SCHEMA_URL, 'utf8'));
const documents = Object.entries(generated).filter(([name]) => name.endsWith('Document'));

describe('generated operations', () => {
  it('src/generated/graphql.ts is what codegen makes of schema.graphql and src/documents now (else: npm run codegen -w @branchscope/client)', async () => {
    expect(readFileSync(GENERATED_URL, 'utf8')).toBe(await generateClientTypes());
  });

  it('holds every operation of src/documents', () => {
    expect(documents.map(([name]) => name)).toContain('JobProgressDocument');
    expect(documents.length).toBe(33);
  });

  for (const [name, document] of documents) {
    it(`${name} validates against the API schema`, () => {
      const errors = validate(schema, document as unknown as DocumentNode);
      expect(errors.map((e) => e.message)).toEqual([]);
    });
  }
});
