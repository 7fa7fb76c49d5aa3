// `npm run report -- --model <id | file> [--layer NAME] [--json]`: the specialization report of any model, as
// Markdown (or JSON), computed here from the model's weights with core's specializationReport.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { specializationMarkdown, specializationReport } from '@branchscope/core';
import { parseReportArgs } from './report-args';
import { resolveReportModel } from './report-model';

const root = fileURLToPath(new URL('../../../../', import.meta.url));

try {
  const args = parseReportArgs(process.argv.slice(2));
  const dbPath = process.env.BRANCHSCOPE_DB?.trim() || path.join(root, 'data', 'branchscope.db');
  // npm runs scripts from the repository root; a relative file is the caller's, from where npm was run.
  const local = path.resolve(process.env.INIT_CWD ?? process.cwd(), args.model);
  const model = await resolveReportModel(existsSync(local) ? local : args.model, dbPath);
  const report = specializationReport({
    model: { id: model.id, name: model.name },
    weights: model.origin,
    weightsDetail: model.detail,
    graph: model.graph,
    conv: (layer) => model.weights.conv(layer),
    layers: args.layers,
  });
  process.stdout.write(args.json ? `${JSON.stringify(report, null, 2)}\n` : specializationMarkdown(report));
} catch (error) {
  console.error(`report: ${(error as Error).message}`);
  process.exit(1);
}
