import type { ModelDetail } from '@branchscope/client';

/** One residual block as the view shows it. */
export interface ResidualBlockRow {
  name: string;
  /** `stage1`, ... from the block name, or `stage N` counted from changes of inner width when names carry none. */
  stage: string;
  /** Units inside the branch: its unit range's size (ResNet's bottleneck width). */
  units: number;
  /** The layer whose units those are, e.g. `stage1_unit1_conv2`. */
  unitsLayer: string;
  /** Width of the residual stream after the block (the Add's units), when the layer is known. */
  streamUnits: number | undefined;
  /**
   * The layer the shortcut takes when it is a projection: a conv or its batch norm that only the Add reads. Null for
   * an identity, which the block's branch reads too, even where it is a conv's output (the linear bottlenecks of
   * MobileNetV2/V3 and EfficientNet end their blocks on a conv, not an activation).
   */
  projection: string | null;
  layers: string[];
}

const STAGE_NAME = /^(.*?(?:stage|layer)\d+)(?=[_./-])/i;

/**
 * The model's residual blocks in graph order, each with its stage, inner width, stream width and shortcut kind.
 * Blocks of other kinds (Concat, grouped, gates) are left out.
 */
export function residualBlocks(model: ModelDetail): ResidualBlockRow[] {
  const layers = new Map(model.layers.map((l) => [l.name, l]));
  const readers = new Map<string, number>();
  for (const layer of model.layers) for (const input of layer.inputs) readers.set(input, (readers.get(input) ?? 0) + 1);
  const residual = model.branchedBlocks.filter((b) => b.kind === 'RESIDUAL');
  const named = residual.every((b) => STAGE_NAME.test(b.name));
  let stageCount = 0;
  let lastWidth: number | undefined;
  return residual.map((block) => {
    const branch = block.branches[0];
    if (!branch) throw new Error(`residual block ${block.name} of ${model.id} has no branch`);
    const units = branch.units.end - branch.units.start;
    if (units !== lastWidth) stageCount += 1;
    lastWidth = units;
    const output = layers.get(block.output);
    const members = new Set(block.branches.flatMap((b) => b.layers));
    const shortcut = output?.inputs.find((input) => !members.has(input));
    const shortcutLayer = shortcut === undefined ? undefined : layers.get(shortcut);
    const projection =
      shortcutLayer && (shortcutLayer.op === 'conv' || shortcutLayer.op === 'batchnorm') && readers.get(shortcutLayer.name) === 1 ? shortcutLayer.name : null;
    return {
      name: block.name,
      stage: named ? (STAGE_NAME.exec(block.name)?.[1] ?? block.name) : `stage ${stageCount}`,
      units,
      unitsLayer: branch.units.layer,
      streamUnits: output?.units,
      projection,
      layers: branch.layers,
    };
  });
}

/** Stages in order with their number of blocks and inner widths (distinct, in order). */
export function stageSummary(rows: readonly ResidualBlockRow[]): { stage: string; blocks: number; widths: number[] }[] {
  const stages: { stage: string; blocks: number; widths: number[] }[] = [];
  for (const row of rows) {
    let last = stages.at(-1);
    if (!last || last.stage !== row.stage) {
      last = { stage: row.stage, blocks: 0, widths: [] };
      stages.push(last);
    }
    last.blocks += 1;
    if (!last.widths.includes(row.units)) last.widths.push(row.units);
  }
  return stages;
}
