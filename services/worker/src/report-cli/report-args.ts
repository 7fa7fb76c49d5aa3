/** What `npm run report` was asked for. */
export interface ReportArgs {
  /** A model id (built-in, demo, or stored in BRANCHSCOPE_DB) or a model file or folder (ONNX, GraphDef, TF.js). */
  model: string;
  /** Layers to report on; empty for the default (the first layer and the first branched layer). */
  layers: string[];
  json: boolean;
}

export const REPORT_USAGE = 'usage: npm run report -- --model <id | file.onnx | graph.pb | tfjs-folder> [--layer NAME]... [--json]';

/**
 * Parses `--model X` (or `--model=X`), any number of `--layer NAME` and `--json`.
 * @throws Error naming the argument that is unknown, repeated or missing its value, with the usage line.
 */
export function parseReportArgs(argv: readonly string[]): ReportArgs {
  let model: string | undefined;
  const layers: string[] = [];
  let json = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? argv[++i];
      if (v === undefined || v === '' || (inline === undefined && v.startsWith('--'))) throw new Error(`${flag} needs a value\n${REPORT_USAGE}`);
      return v;
    };
    if (flag === '--model') {
      if (model !== undefined) throw new Error(`--model is given twice\n${REPORT_USAGE}`);
      model = value();
    } else if (flag === '--layer') layers.push(value());
    else if (flag === '--json' && inline === undefined) json = true;
    else throw new Error(`unknown argument '${arg}'\n${REPORT_USAGE}`);
  }
  if (model === undefined) throw new Error(`--model is missing\n${REPORT_USAGE}`);
  return { model, layers, json };
}
