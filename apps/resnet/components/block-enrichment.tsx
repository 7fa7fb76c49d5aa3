import { describeQueryError } from '@branchscope/client';
import type { EnrichmentRow, LabelSetSummary } from '@branchscope/client';
import { ErrorPanel, categoryColor } from '@branchscope/ui';

export interface BlockEnrichmentProps {
  block: string;
  /** The Add the block joins at: the layer whose branches the enrichment compares. */
  layer: string;
  labelSets: LabelSetSummary[];
  /** The chosen set; null when the model has none. */
  chosen: LabelSetSummary | null;
  /** The enrichment rows for the chosen set, or the error asking for them; absent when no set is chosen. */
  rows?: { ok: true; value: EnrichmentRow[] } | { ok: false; error: unknown };
  /** The page's URL for another label set; absent (an embed): the other sets are named, not linked. */
  hrefFor?: (labelSetId: string) => string;
}

/** A probability with 3 significant digits, in scientific notation below 0.001. */
const formatP = (p: number): string => (p >= 1e-3 ? String(Number(p.toPrecision(3))) : p.toExponential(2));

/**
 * The chosen label set's enrichment in the block: per branch of its Add and category, labelled units in the branch
 * against the hypergeometric chance of at least that many. Says so when the model has no label set, or nobody has
 * labelled a unit of this block in the chosen one.
 */
export function BlockEnrichment({ block, layer, labelSets, chosen, rows, hrefFor }: BlockEnrichmentProps) {
  if (!chosen) {
    return (
      <p className="caption" data-enrichment="no-label-set">
        No label set for this model yet: enrichment needs units labelled by category (label them on each unit&apos;s page, or create a set through the
        API&apos;s <code>createLabelSet</code>).
      </p>
    );
  }
  const picker =
    labelSets.length > 1 ? (
      <p className="caption">
        Label set:{' '}
        {labelSets.map((set, i) => (
          <span key={set.id}>
            {i > 0 ? ' · ' : ''}
            {set.id === chosen.id ? <strong aria-current="true">{set.name}</strong> : hrefFor ? <a href={hrefFor(set.id)}>{set.name}</a> : set.name}
          </span>
        ))}
      </p>
    ) : (
      <p className="caption">
        Label set: <strong>{chosen.name}</strong> ({chosen.labelCount} labels)
      </p>
    );
  if (!rows) return picker;
  if (!rows.ok) {
    return (
      <>
        {picker}
        <ErrorPanel title={`the enrichment of ${block} in '${chosen.name}'`} {...describeQueryError(rows.error)} />
      </>
    );
  }
  const labelled = rows.value.filter((r) => r.branchLabelled > 0);
  if (labelled.length === 0) {
    return (
      <>
        {picker}
        <p className="caption" data-enrichment="none-labelled">
          Nobody has labelled a unit of <code>{layer}</code> in &apos;{chosen.name}&apos; yet.
        </p>
      </>
    );
  }
  const categories = [...new Set(labelled.map((r) => r.category))].sort();
  return (
    <>
      {picker}
      <p className="caption" data-layer-labelled={labelled[0]!.layerLabelled}>
        {labelled[0]!.layerLabelled} of the {labelled[0]!.layerUnits} units of <code>{layer}</code> labelled in &apos;{chosen.name}&apos;; p is the
        hypergeometric chance of at least as many of a category in the branch.
      </p>
      <table className="blocks" aria-label={`Enrichment of ${block} by category in ${chosen.name}`} data-enrichment="rows">
        <thead>
          <tr>
            <th scope="col">Branch</th>
            <th scope="col">Category</th>
            <th scope="col" className="num">In branch</th>
            <th scope="col" className="num">Expected</th>
            <th scope="col" className="num">p</th>
            <th scope="col" className="num">q</th>
          </tr>
        </thead>
        <tbody>
          {[...labelled]
            .sort((a, b) => a.logP - b.logP)
            .map((row) => (
              <tr key={`${row.branch}|${row.category}`} data-branch={row.branch} data-category={row.category}>
                <td>{row.branch}</td>
                <td>
                  <span className="swatch" aria-hidden="true" style={{ background: categoryColor(categories.indexOf(row.category)) }} />
                  {row.category}
                </td>
                <td className="num" data-in-branch={row.inBranch}>
                  {row.inBranch} / {row.categorySize}
                </td>
                <td className="num">{row.expected.toFixed(2)}</td>
                <td className="num" data-p={row.p}>
                  {formatP(row.p)}
                </td>
                <td className="num">{formatP(row.q)}</td>
              </tr>
            ))}
        </tbody>
      </table>
    </>
  );
}
