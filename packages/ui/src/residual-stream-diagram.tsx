import { max, scaleLinear } from 'd3';
import { groupColor } from './group-color';

export interface ResidualBlockMark {
  /** Block name, e.g. `stage1_unit1`; set as `data-block`. */
  name: string;
  /** The stage the block belongs to, e.g. `stage1`; consecutive blocks of one stage are drawn together. */
  stage: string;
  /** Units inside the block's branch (its inner width); sets the branch box's length. */
  units: number;
  /** Member layers of the branch, for the hover title. */
  layers: string[];
  /** Width of the residual stream after the block, when known. */
  streamUnits?: number;
}

export interface ResidualStreamDiagramProps {
  blocks: ResidualBlockMark[];
  /** Width of the SVG in pixels (default 640); the height follows from the number of blocks. */
  width?: number;
  /** Vertical space per block in pixels (default 24). */
  rowHeight?: number;
  title?: string;
}

const STAGE_GAP = 14;
const STREAM_X = 96;
const BRANCH_X = STREAM_X + 40;
/** Room kept right of the longest box for its label: at least this, more for longer names up to half the width. */
const MIN_LABEL_ROOM = 140;
/** Average advance of an 11 px label character, for sizing labels without measuring text (server render). */
const CHAR_WIDTH = 6.4;

/**
 * The label beside a block's box, within `room` pixels: `name · units`, or, for a long name (a PyTorch export's
 * `features/features.6/features.6.1`), its last path segments, then its end after an ellipsis. The hover title keeps
 * the full name.
 */
export function blockLabel(name: string, units: number, room: number): string {
  const suffix = ` · ${units}`;
  const fits = (text: string) => (text.length + suffix.length) * CHAR_WIDTH <= room;
  if (fits(name)) return name + suffix;
  const segments = name.split('/');
  for (let i = 1; i < segments.length; i += 1) {
    const tail = `…/${segments.slice(i).join('/')}`;
    if (fits(tail)) return tail + suffix;
  }
  const chars = Math.max(1, Math.floor(room / CHAR_WIDTH) - suffix.length - 1);
  return `…${name.slice(-chars)}${suffix}`;
}

/**
 * The residual stream as a vertical line from input (top) to output, with every residual block drawn as a parallel
 * branch beside it: the branch leaves the stream, passes through a box as long as the block's inner width, and
 * rejoins the stream at a ⊕. Blocks are grouped by stage (shaded bands, labelled on the left). One
 * `<g data-block data-stage data-units>` per block with a hover title listing its member layers. Pure render.
 *
 * @throws Error naming the block when its unit count is not a non-negative integer.
 */
export function ResidualStreamDiagram({ blocks, width = 640, rowHeight = 24, title }: ResidualStreamDiagramProps) {
  for (const block of blocks) {
    if (!Number.isInteger(block.units) || block.units < 0) {
      throw new Error(`ResidualStreamDiagram: block ${block.name} has ${block.units} units; expected a non-negative integer`);
    }
  }
  const stages = stageRuns(blocks);
  const top = (title ? 30 : 8) + 22;
  const height = top + blocks.length * rowHeight + Math.max(0, stages.length - 1) * STAGE_GAP + 30;
  const longest = max(blocks, (b) => `${b.name} · ${b.units}`.length) ?? 0;
  const label = Math.max(MIN_LABEL_ROOM, Math.min(longest * CHAR_WIDTH + 8, (width - BRANCH_X) / 2));
  const length = scaleLinear()
    .domain([0, max(blocks, (b) => b.units) ?? 1])
    .range([0, Math.max(40, width - BRANCH_X - label)]);
  const rowTop = (index: number, stageIndex: number) => top + index * rowHeight + stageIndex * STAGE_GAP;
  const bottom = height - 22;

  return (
    <svg
      className="bs-residual-stream"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={title ?? `${blocks.length} residual blocks in ${stages.length} stages`}
      fontSize={11}
    >
      {title ? (
        <text x={8} y={18} fontSize={14} fontWeight={600} fill="currentColor">
          {title}
        </text>
      ) : null}
      {stages.map((stage, s) => {
        const y0 = rowTop(stage.start, s) - 2;
        const y1 = rowTop(stage.start + stage.count, s) + 2;
        return (
          <g key={`${stage.name}-${stage.start}`} className="bs-stage" data-stage={stage.name} data-blocks={stage.count}>
            <rect x={4} y={y0} width={width - 8} height={y1 - y0} rx={4} fill={s % 2 === 0 ? '#f4f6f8' : '#fafbfc'} />
            <text x={STREAM_X - 14} y={(y0 + y1) / 2} dy="0.32em" textAnchor="end" fontWeight={600} fill="currentColor">
              {stage.name}
            </text>
          </g>
        );
      })}
      <text x={STREAM_X} y={top - 10} textAnchor="middle" fill="currentColor">
        input
      </text>
      <line x1={STREAM_X} x2={STREAM_X} y1={top - 4} y2={bottom} stroke="#1f2328" strokeWidth={3} />
      <text x={STREAM_X} y={bottom + 14} textAnchor="middle" fill="currentColor">
        output
      </text>
      {blocks.map((block, i) => {
        const s = stages.findIndex((stage) => i >= stage.start && i < stage.start + stage.count);
        const y = rowTop(i, s);
        const forkY = y + 2;
        const joinY = y + rowHeight - 2;
        const midY = (forkY + joinY) / 2;
        const boxLength = Math.max(2, length(block.units));
        const color = groupColor(s);
        const stream = block.streamUnits === undefined ? '' : `; stream width after it ${block.streamUnits}`;
        return (
          <g key={block.name} className="bs-block" data-block={block.name} data-stage={block.stage} data-units={block.units}>
            <title>{`${block.name} (${block.stage}): ${block.units} units inside${stream}\nlayers: ${block.layers.join(', ')}`}</title>
            <path
              d={`M${STREAM_X},${forkY} C${STREAM_X + 24},${forkY} ${BRANCH_X - 20},${midY} ${BRANCH_X},${midY}`}
              fill="none"
              stroke={color}
              strokeWidth={1.5}
            />
            <path
              d={`M${BRANCH_X},${midY} C${BRANCH_X - 20},${midY} ${STREAM_X + 24},${joinY} ${STREAM_X + 5},${joinY}`}
              fill="none"
              stroke={color}
              strokeWidth={1.5}
            />
            <rect x={BRANCH_X} y={midY - 6} width={boxLength} height={12} rx={2} fill={color} fillOpacity={0.85} />
            <text x={BRANCH_X + boxLength + 6} y={midY} dy="0.32em" fill="currentColor">
              {blockLabel(block.name, block.units, label - 8)}
            </text>
            <circle cx={STREAM_X} cy={joinY} r={5} fill="#ffffff" stroke="#1f2328" strokeWidth={1.5} />
            <path d={`M${STREAM_X - 3},${joinY}h6M${STREAM_X},${joinY - 3}v6`} stroke="#1f2328" strokeWidth={1.5} />
          </g>
        );
      })}
    </svg>
  );
}

interface StageRun {
  name: string;
  start: number;
  count: number;
}

/** Consecutive blocks that share a stage, in order. */
function stageRuns(blocks: ResidualBlockMark[]): StageRun[] {
  const runs: StageRun[] = [];
  blocks.forEach((block, i) => {
    const last = runs.at(-1);
    if (last && last.name === block.stage) last.count += 1;
    else runs.push({ name: block.stage, start: i, count: 1 });
  });
  return runs;
}
