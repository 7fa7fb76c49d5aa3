import { groupColor } from '@branchscope/ui';
import Link from 'next/link';
import type { ResidualBlockRow } from '../lib/residual-blocks';
import { stageSummary } from '../lib/residual-blocks';

export interface BlocksTableProps {
  /** The model the rows are of: each block links to its page (units as images, specialization). */
  modelId: string;
  rows: ResidualBlockRow[];
}

/** One row per residual block, linked to its page (its units and specialization): its stage, the units inside its branch, the stream width after it, its layers. */
export function BlocksTable({ modelId, rows }: BlocksTableProps) {
  const stages = stageSummary(rows).map((s) => s.stage);
  return (
    <table className="blocks" aria-label="Residual blocks">
      <thead>
        <tr>
          <th scope="col">Block</th>
          <th scope="col">Stage</th>
          <th scope="col" className="num" title="Size of the branch's unit range">
            Units inside
          </th>
          <th scope="col" className="num" title="Units of the block's Add: the residual stream's width after it">
            Stream width
          </th>
          <th scope="col">Shortcut</th>
          <th scope="col">Member layers</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.name} data-block={row.name} data-stage={row.stage} data-units={row.units}>
            <td>
              <Link href={`/blocks/${encodeURIComponent(row.name)}?model=${encodeURIComponent(modelId)}`} title={`${row.name}: its units and specialization`}>
                <code>{row.name}</code>
              </Link>
            </td>
            <td className="stage">
              <span className="swatch" aria-hidden="true" style={{ background: groupColor(stages.indexOf(row.stage)) }} />
              {row.stage}
            </td>
            <td className="num" title={`units of ${row.unitsLayer}`}>
              {row.units}
            </td>
            <td className="num">{row.streamUnits ?? '—'}</td>
            <td>{row.projection ? <span title={row.projection}>projection</span> : 'identity'}</td>
            <td className="layers">{row.layers.join(', ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
