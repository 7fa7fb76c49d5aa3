import type { EnrichmentPopulation } from '@branchscope/client';
import Link from 'next/link';

export interface PopulationChoiceProps {
  current: EnrichmentPopulation;
  /** The link that shows the table over `population`, keeping the rest of the URL. */
  hrefFor: (population: EnrichmentPopulation) => string;
}

const CHOICES: readonly { population: EnrichmentPopulation; text: string; title: string }[] = [
  { population: 'ALL_UNITS', text: 'all units', title: "Draw each branch from all of the layer's units, as the article does" },
  { population: 'LABELLED', text: 'labelled units only', title: "Draw each branch's labelled units from the layer's labelled units" },
];

/** Two links that choose what the enrichment's chance draws from; the choice lives in the URL (`?population=`). */
export function PopulationChoice({ current, hrefFor }: PopulationChoiceProps) {
  return (
    <nav className="population-choice" aria-label="Chance drawn from">
      Chance drawn from:{' '}
      {CHOICES.map(({ population, text, title }, i) => (
        <span key={population}>
          {i > 0 ? ' · ' : null}
          <Link href={hrefFor(population)} title={title} data-population={population} aria-current={population === current ? 'true' : undefined}>
            {text}
          </Link>
        </span>
      ))}
    </nav>
  );
}
