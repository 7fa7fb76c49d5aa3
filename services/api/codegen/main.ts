import { mkdirSync, writeFileSync } from 'node:fs';
import { GENERATED_URL, generateResolverTypes } from './generate-resolver-types';

// `npm run codegen -w @branchscope/api`: writes src/generated/resolver-types.ts.
mkdirSync(new URL('.', GENERATED_URL), { recursive: true });
writeFileSync(GENERATED_URL, await generateResolverTypes());
console.log(`codegen: wrote ${GENERATED_URL.pathname}`);
