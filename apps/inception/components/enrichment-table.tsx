import type { EnrichmentPopulation, EnrichmentRow } from '@branchscope/client';
import { categoryColor } from '@branchscope/ui';
import { isArticleClaim } from '../lib/article-claims';
import { formatProbability } from '../lib/format-probability';
import { EnrichmentNote } from './enrichment-note';

export interface EnrichmentTableProps {
  layer: string;
  rows: EnrichmentRow[];
  /** Category names in colour order, so the swatches match the unit cells. */
  categories: readonly string[];
  /** What the rows' chance was drawn from, explained under the table. */
  population: EnrichmentPopulation;
}

const NOT_LABELLED_TITLE = 'Nobody labelled a unit of this branch in this set: its count says nothing about the category';

/**
 * Per branch and category: how many of the category's labelled units lie in the branch, how many of the branch's
 * units are labelled at all, what chance alone would give, and the probability of at least that many by chance.
 * A branch nobody labelled says "not labelled" rather than 0. Most surprising rows first, branches nobody labelled
 * last; rows the article makes a claim about are marked.
 */
export function EnrichmentTable({ layer, rows, categories, population }: EnrichmentTableProps) {
  if (rows.length === 0) {
    return <p className="caption" data-enrichment-empty>No unit of {layer} has a label in this set yet.</p>;
  }
  const unlabelled = (row: EnrichmentRow) => row.branchLabelled === 0;
  const sorted = [...rows].sort(
    (a, b) =>
      Number(unlabelled(a)) - Number(unlabelled(b)) ||
      a.logP - b.logP ||
      a.branch.localeCompare(b.branch) ||
      a.category.localeCompare(b.category),
  );
  return (
    <>
      <table className="enrichment" aria-label={`Enrichment of ${layer}'s branches by category`} data-population={population}>
        <thead>
          <tr>
            <th scope="col">Branch</th>
            <th scope="col">Category</th>
            <th scope="col" className="num" title="units of the category in the branch / labelled units of the category in the layer">
              In branch
            </th>
            <th scope="col" className="num" title="units of the branch with a label in this set / units of the branch">
              Labelled
            </th>
            <th scope="col" className="num">Branch size</th>
            <th scope="col" className="num" title="category size × branch size / layer size, over the population below">Expected</th>
            <th scope="col" className="num" title="P(at least this many by chance), hypergeometric">p</th>
            <th scope="col" className="num" title="Benjamini-Hochberg q-value over the rows of this table">q</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((row) => {
            const claim = isArticleClaim(layer, row);
            const group = categories.indexOf(row.category);
            const none = unlabelled(row);
            return (
              <tr
                key={`${row.branch}|${row.category}`}
                data-branch={row.branch}
                data-category={row.category}
                data-branch-labelled={row.branchLabelled}
                data-claim={claim ? 'article' : undefined}
                className={claim ? 'claim' : none ? 'unlabelled' : row.inBranch === 0 ? 'none' : undefined}
              >
                <td>{row.branch}</td>
                <td>
                  <span className="swatch" aria-hidden="true" style={{ background: categoryColor(group < 0 ? undefined : group) }} />
                  {row.category}
                  {claim ? <span className="claim-mark" title="The article states this probability"> ★ article</span> : null}
                </td>
                <td className="num" data-in-branch={row.inBranch} title={none ? NOT_LABELLED_TITLE : undefined}>
                  {none ? 'not labelled' : `${row.inBranch} / ${row.categorySize}`}
                </td>
                <td className="num" data-labelled={row.branchLabelled}>
                  {row.branchLabelled} <span className="of">of {row.branchSize}</span>
                </td>
                <td className="num">
                  {row.branchSize} <span className="of">of {row.layerUnits}</span>
                </td>
                <td className="num">{none ? '–' : row.expected.toFixed(2)}</td>
                <td className="num" data-p={row.p}>
                  {none ? '–' : formatProbability(row.p, row.logP)}
                </td>
                <td className="num" data-q={row.q}>
                  {none ? '–' : row.q > 0 ? formatProbability(row.q, Math.log(row.q)) : '< 1e-300'}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <EnrichmentNote
        layer={layer}
        population={population}
        layerUnits={rows[0]!.layerUnits}
        layerLabelled={rows[0]!.layerLabelled}
        hasUnlabelledBranch={rows.some(unlabelled)}
        hasClaim={rows.some((row) => isArticleClaim(layer, row))}
      />
    </>
  );
}
