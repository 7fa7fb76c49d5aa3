#!/usr/bin/env node
// `npm run model -- list` and `npm run model -- fetch <id>`: the pretrained-model catalogue of a running API
// (BRANCHSCOPE_API_URL, default http://127.0.0.1:4000/graphql). The API's worker downloads, verifies and imports;
// this script asks for it through GraphQL and follows the job.
import { createProgressReporter } from './lib/progress-line.mjs';

const apiUrl = process.env.BRANCHSCOPE_API_URL?.trim() || 'http://127.0.0.1:4000/graphql';
// An API token (npm run token -- create --role editor), needed where the API runs with BRANCHSCOPE_AUTH=token.
const token = process.env.BRANCHSCOPE_TOKEN?.trim();
const POLL_MS = 250;
const USAGE = `usage: npm run model -- list          the catalogue, and which models are imported
       npm run model -- fetch <id>    download, verify and import one (e.g. bvlcalexnet-8)
The API must be running (npm start); BRANCHSCOPE_API_URL says where (${apiUrl}).`;

class CliError extends Error {}

async function graphql(query, variables) {
  let response;
  try {
    /** @type {Record<string, string>} */
    const authorization = token ? { authorization: `Bearer ${token}` } : {};
    response = await fetch(apiUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...authorization }, body: JSON.stringify({ query, variables }) });
  } catch (error) {
    const reason = error.cause?.code ?? error.cause?.message ?? error.message;
    throw new CliError(`cannot reach the branchscope API at ${apiUrl} (${reason}); start it with \`npm start\`, or set BRANCHSCOPE_API_URL`);
  }
  const body = /** @type {{ errors?: { message: string }[]; data?: any }} */ (await response.json().catch(() => ({})));
  if (body.errors?.length) throw new CliError(body.errors.map((e) => e.message).join('; '));
  if (!body.data) throw new CliError(`the API at ${apiUrl} answered HTTP ${response.status} without data`);
  return body.data;
}

const size = (bytes) => (bytes == null ? '?' : `${(bytes / 1e6).toFixed(1)} MB`);

async function list() {
  const { catalogue } = await graphql('{ catalogue { id name format bytes imported model { id } } }');
  const rows = [['id', 'format', 'size', 'imported as', 'name'], ...catalogue.map((e) => [e.id, e.format, size(e.bytes), e.model?.id ?? '-', e.name])];
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  for (const row of rows) console.log(row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i]))).join('  '));
}

const JOB = 'id kind status error download { fraction bytes totalBytes done } model { id name }';

async function fetchModel(id) {
  const { fetchCatalogueModel: started } = await graphql(`mutation F($id: ID!) { fetchCatalogueModel(id: $id) { ${JOB} } }`, { id });
  const progress = createProgressReporter(id);
  if (started.status === 'SUCCEEDED') {
    progress.line(`already imported as model ${started.model?.id} (${started.model?.name})`);
    return;
  }
  let importing = false;
  for (let job = started; ; ) {
    if (job.download) progress.update(job.download);
    if (job.download?.done && !importing && job.status !== 'FAILED' && job.status !== 'CANCELLED') {
      importing = true;
      progress.line('downloaded and verified; importing');
    }
    if (job.status === 'FAILED') throw new CliError(`fetch failed: ${job.error}`);
    if (job.status === 'CANCELLED') throw new CliError(`fetch cancelled (job ${job.id}): ${job.error}`);
    if (job.status === 'SUCCEEDED') {
      progress.line(`imported as model ${job.model?.id} (${job.model?.name})`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    ({ job } = await graphql(`query J($id: ID!) { job(id: $id) { ${JOB} } }`, { id: started.id }));
  }
}

async function main(args) {
  const [command, ...rest] = args;
  if (command === 'list' && rest.length === 0) return list();
  if (command === 'fetch' && rest.length === 1) return fetchModel(rest[0]);
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') return console.log(USAGE);
  throw new CliError(`unknown command '${args.join(' ')}'\n${USAGE}`);
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof CliError ? `model: ${error.message}` : error);
  process.exit(1);
});
