import type { GraphDefNode } from '../tfjs-import/graph-def';
import { GRAPH_OPS, unsupportedGraphOps } from '../tfjs-import/graph-op-support';
import { GraphDefImportError, type UnsupportedGraphDefOp } from './graphdef-import-error';

/** Ops of frozen GraphDefs that TF.js graph models never hold (the converter rewrites them), converted here. */
export const GRAPHDEF_ONLY_OPS: ReadonlySet<string> = new Set(['LRN', 'Concat']);

/** Every op type `importGraphDef` converts. */
export const SUPPORTED_GRAPHDEF_OPS: readonly string[] = [...GRAPH_OPS, ...GRAPHDEF_ONLY_OPS].sort();

/** Unsupported op types among `nodes`, in order of first use, with their counts. */
function unsupportedOps(nodes: readonly GraphDefNode[]): UnsupportedGraphDefOp[] {
  const byOp = new Map<string, UnsupportedGraphDefOp>();
  for (const node of nodes) {
    if (GRAPH_OPS.has(node.op) || GRAPHDEF_ONLY_OPS.has(node.op)) continue;
    const entry = byOp.get(node.op);
    if (entry) entry.count++;
    else byOp.set(node.op, { op: node.op, count: 1, first: node.name });
  }
  return [...byOp.values()];
}

/**
 * Refuses `nodes` (the output's data path) when they hold an op the importer does not convert (UNSUPPORTED_OPS, every
 * op type with its count and first node) or use a supported op in a way it does not (UNSUPPORTED_FEATURE, every node).
 */
export function checkGraphDefSupport(nodes: readonly GraphDefNode[], output: string): void {
  const ops = unsupportedOps(nodes);
  if (ops.length > 0) {
    const list = ops.map((o) => `${o.op} (${o.count} node${o.count === 1 ? '' : 's'}, first '${o.first}')`).join(', ');
    throw new GraphDefImportError('UNSUPPORTED_OPS', `${ops.length} op type${ops.length === 1 ? '' : 's'} on the path to '${output}' cannot be imported: ${list}`, {
      node: ops[0]!.first,
      op: ops[0]!.op,
      ops,
    });
  }
  const problems = unsupportedGraphOps(nodes.filter((n) => GRAPH_OPS.has(n.op)));
  if (problems.length > 0) {
    const first = nodes.find((n) => problems[0]!.startsWith(`op '${n.name}' (`));
    throw new GraphDefImportError('UNSUPPORTED_FEATURE', `${problems.length} node(s) cannot be imported as written:\n- ${problems.join('\n- ')}`, { node: first?.name, op: first?.op });
  }
}
