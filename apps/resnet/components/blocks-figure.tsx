import { ResidualStreamDiagram } from '@branchscope/ui';
import type { ResidualBlockRow } from '../lib/residual-blocks';

export interface BlocksFigureProps {
  modelId: string;
  rows: ResidualBlockRow[];
  width?: number;
}

/** The residual stream diagram of a model's blocks, or a line saying it has none. */
export function BlocksFigure({ modelId, rows, width = 640 }: BlocksFigureProps) {
  if (rows.length === 0) return <p className="caption">{modelId} has no residual blocks: no Add joins a parallel path.</p>;
  return (
    <ResidualStreamDiagram
      width={width}
      blocks={rows.map((r) => ({ name: r.name, stage: r.stage, units: r.units, layers: r.layers, streamUnits: r.streamUnits }))}
    />
  );
}
