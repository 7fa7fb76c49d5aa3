import type { EnrichmentPopulation } from '@branchscope/client';

export interface EnrichmentNoteProps {
  layer: string;
  population: EnrichmentPopulation;
  layerUnits: number;
  layerLabelled: number;
  /** Whether some branch of the table has no labelled unit. */
  hasUnlabelledBranch: boolean;
  /** Whether some row is one whose probability the article states. */
  hasClaim: boolean;
}

/** Under the enrichment table: how many units are labelled, what the chance was drawn from, and what q and ★ mean. */
export function EnrichmentNote({ layer, population, layerUnits, layerLabelled, hasUnlabelledBranch, hasClaim }: EnrichmentNoteProps) {
  const labelled = `${layerLabelled} of ${layer}'s ${layerUnits} units are labelled in this set.`;
  const drawn =
    population === 'LABELLED'
      ? `p: chance of at least this many of the category's units in a branch, drawing as many units as the branch has labelled at random from the layer's ${layerLabelled} labelled units (exact hypergeometric tail); unlabelled units count for nothing.`
      : `p: chance of at least this many of the category's labelled units in a branch of this size, drawing its units at random from all ${layerUnits} units of the layer (exact hypergeometric tail); a unit nobody labelled counts as outside every category.`;
  const notLabelled = hasUnlabelledBranch ? ' "not labelled": nobody labelled a unit of that branch, so its count says nothing about the category.' : '';
  const claim = !hasClaim
    ? ''
    : population === 'LABELLED'
      ? ' ★ marks the rows whose probability "Branch Specialization" (Voss et al., 2021) states; the article draws from all units: choose all units to compare.'
      : ' ★ marks the rows whose probability "Branch Specialization" (Voss et al., 2021) states; the value shown is computed here from the labels.';
  return (
    <p className="provenance" data-enrichment-note data-population={population}>
      {labelled} {drawn}
      {notLabelled} q: Benjamini-Hochberg over the rows above.{claim}
    </p>
  );
}
