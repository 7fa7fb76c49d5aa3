export interface RealResultLink {
  name: string;
  href: string;
}

export interface RandomWeightsNoticeProps {
  /** The seed the weights were drawn with, when known. */
  seed: number | null;
  /** One sentence: what can and cannot be read from a random-weight model (the API's `weights.readingNote`). */
  readingNote: string;
  /** Models this view shows with trained or imported weights, each linked to its view. */
  realResults: RealResultLink[];
  /** Said instead of the links when `realResults` is empty, e.g. how to get such a model. */
  noRealResults: string;
  /** One paragraph without the links, for chrome-free embeds. */
  compact?: boolean;
}

/**
 * A visible note (`aside[role=note][data-weights-kind="SEEDED_RANDOM"]`) over a view of a model whose weights are
 * random: that it was never trained, what can and cannot be read from it, and which models give a real result.
 */
export function RandomWeightsNotice({ seed, readingNote, realResults, noRealResults, compact = false }: RandomWeightsNoticeProps) {
  const title = (
    <strong>Random weights{seed === null ? '' : ` (seed ${seed})`}, never trained.</strong>
  );
  return (
    <aside className="bs-weights-notice" role="note" aria-label="Random weights" data-weights-kind="SEEDED_RANDOM">
      {compact ? (
        <p>
          {title} {readingNote}
        </p>
      ) : (
        <>
          <p>
            {title} {readingNote}
          </p>
          <p className="bs-weights-notice-real">
            {realResults.length === 0 ? (
              noRealResults
            ) : (
              <>
                Real results in this view:{' '}
                {realResults.map((link, i) => (
                  <span key={link.href}>
                    {i > 0 ? ', ' : ''}
                    <a href={link.href}>{link.name}</a>
                  </span>
                ))}
                .
              </>
            )}
          </p>
        </>
      )}
    </aside>
  );
}
