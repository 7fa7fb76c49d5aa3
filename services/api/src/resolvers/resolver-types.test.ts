import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateResolverTypes, GENERATED_URL } from '../../codegen/generate-resolver-types';

describe('generated resolver types', () => {
  it('src/generated/resolver-types.ts is what codegen makes of schema.graphql now (else: npm run codegen -w @branchscope/api)', async () => {
    expect(readFileSync(GENERATED_URL, 'utf8')).toBe(await generateResolverTypes());
  });
});
