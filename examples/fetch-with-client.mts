// SVD factors and an enrichment table from the branchscope API, with @branchscope/client and a token.
//   BRANCHSCOPE_TOKEN=bst_... node --import tsx examples/fetch-with-client.mts
// BRANCHSCOPE_API_URL says where the API is (default http://127.0.0.1:4000/graphql). Prints AlexNet's conv1 -> conv2
// singular values and the enrichment of the published InceptionV1 5x5 labels in mixed3a. The SVD's job is followed
// over the API's WebSocket (the jobProgress subscription) until it ends, then the factors are asked for again.
import { apiUrlFromEnv, createBranchscopeClient, EnrichmentQuery, followJob, query, SvdFactorsQuery, type JobState } from '@branchscope/client';

const url = apiUrlFromEnv();
const token = process.env.BRANCHSCOPE_TOKEN;
if (!token) {
  console.error('set BRANCHSCOPE_TOKEN to an API token (npm run token -- create --role viewer --name NAME)');
  process.exit(1);
}
const client = createBranchscopeClient(url, { token });

/** Resolves once the job has ended; rejects unless it SUCCEEDED. */
async function jobEnd(jobId: string): Promise<void> {
  // Node 22 has a global WebSocket; before that, the `ws` package.
  const webSocketImpl = 'WebSocket' in globalThis ? undefined : (await import('ws')).default;
  let last: JobState | undefined;
  await new Promise<void>((resolve, reject) =>
    followJob({
      url,
      jobId,
      token,
      webSocketImpl,
      onState: (job) => (last = job),
      onEnd: (error) => (error ? reject(error) : resolve()),
    }),
  );
  if (last?.status !== 'SUCCEEDED') throw new Error(`the ${last?.kind} job ${jobId} ended ${last?.status}: ${last?.error}`);
}

const variables = { modelId: 'alexnet', from: 'conv1', to: 'conv2' };
let answer = (await query(client, SvdFactorsQuery, variables)).svdFactors;
while (answer.result === null) {
  await jobEnd(answer.job!.id);
  answer = (await query(client, SvdFactorsQuery, variables)).svdFactors;
}
const svd = answer.result;
console.log(`svdFactors alexnet conv1 -> conv2: ${svd.rows} x ${svd.cols}`);
console.log(`singular values: ${svd.singularValues.map((s) => s.toFixed(4)).join(' ')}`);

const { enrichment } = await query(client, EnrichmentQuery, { modelId: 'inceptionv1', labelSetId: 'published:inceptionv1-5x5', layer: 'mixed3a' });
console.log('enrichment inceptionv1 published:inceptionv1-5x5 mixed3a:');
console.log(['branch', 'category', 'inBranch', 'categorySize', 'branchSize', 'p', 'q'].join('\t'));
for (const r of enrichment) {
  console.log([r.branch, r.category, r.inBranch, r.categorySize, r.branchSize, r.p.toExponential(3), r.q.toExponential(3)].join('\t'));
}
