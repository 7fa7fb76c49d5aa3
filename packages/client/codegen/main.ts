import { mkdirSync, writeFileSync } from 'node:fs';
import { GENERATED_URL, generateClientTypes } from './generate-client-types';

// `npm run codegen -w @branchscope/client`: writes src/generated/graphql.ts.
mkdirSync(new URL('.', GENERATED_URL), { recursive: true });
writeFileSync(GENERATED_URL, await generateClientTypes());
console.log(`codegen: wrote ${GENERATED_URL.pathname}`);
