import type { EnrichmentRow } from '@branchscope/client';
import { categoryColor } from '@branchscope/ui';
import { isArticleClaim } from '../lib/article-claims';
import { formatProbability } from '../lib/format-probability';

export interface EnrichmentTableProps {
  layer: string;
  rows: EnrichmentRow[];
  /** Category names in colour order, so the swatches match the unit cells. */
  categories: readonly string[];
}

/**
 * Per branch and category: how many of the category's labelled units lie in the branch, what chance alone would
 * give, and the probability of at least that many by chance. Most surprising rows first; rows the article makes a
 * claim about are marked.
 */
export function EnrichmentTable({ layer, rows, categories }: EnrichmentTableProps) {
  if (rows.length === 0) {
    return <p className="caption" data-enrichment-empty>No unit of {layer} has a label in this set yet.</p>;
  }
  const sorted = [...rows].sort((a, b) => a.logP - b.logP || a.branch.localeCompare(b.branch) || a.category.localeCompare(b.category));
  const hasClaim = sorted.some((row) => isArticleClaim(layer, row));
  return (
    <>
      <table className="enrichment" aria-label={`Enrichment of ${layer}'s branches by category`}>
        <thead>
          <tr>
            <th scope="col">Branch</th>
            <th scope="col">Category</th>
            <th scope="col" className="num" title="units of the category in the branch / labelled units of the category in the layer">
              In branch
            </th>
            <th scope="col" className="num">Branch size</th>
            <th scope="col" className="num" title="category size × branch size / layer units">Expected</th>
            <th scope="col" className="num" title="P(at least this many by chance), hypergeometric">p</th>
            <th scope="col" className="num" title="Benjamini-Hochberg q-value over the rows of this table">q</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => {
            const claim = isArticleClaim(layer, row);
            const group = categories.indexOf(row.category);
            return (
              <tr
                key={`${row.branch}|${row.category}`}
                data-branch={row.branch}
                data-category={row.category}
                data-claim={claim ? 'article' : undefined}
                className={claim ? 'claim' : row.inBranch === 0 ? 'none' : undefined}
              >
                <td>{row.branch}</td>
                <td>
                  <span className="swatch" aria-hidden="true" style={{ background: categoryColor(group < 0 ? undefined : group) }} />
                  {row.category}
                  {claim ? <span className="claim-mark" title="The article states this probability"> ★ article</span> : null}
                </td>
                <td className="num" data-in-branch={row.inBranch}>
                  {row.inBranch} / {row.categorySize}
                </td>
                <td className="num">
                  {row.branchSize} <span className="of">of {row.layerUnits}</span>
                </td>
                <td className="num">{row.expected.toFixed(2)}</td>
                <td className="num" data-p={row.p}>
                  {formatProbability(row.p, row.logP)}
                </td>
                <td className="num" data-q={row.q}>
                  {row.q > 0 ? formatProbability(row.q, Math.log(row.q)) : '< 1e-300'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p className="provenance">
        p: chance of at least this many of the category&apos;s labelled units in a branch of this size, drawing units
        at random from the layer (exact hypergeometric tail). q: Benjamini-Hochberg over the rows above.
        {hasClaim ? ' ★ marks the rows whose probability "Branch Specialization" (Voss et al., 2021) states; the value shown is computed here from the labels.' : ''}
      </p>
    </>
  );
}
