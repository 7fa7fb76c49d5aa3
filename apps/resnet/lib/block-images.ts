import type { FeatureImage, FeatureImagesQueryResult } from '@branchscope/client';

type FeatureImagesAnswer = FeatureImagesQueryResult['featureImages'];
type RenderJob = NonNullable<FeatureImagesAnswer['job']>;

/** A block's feature images gathered from its `featureImages` requests (one per {@link unitChunks} run). */
export interface BlockImages {
  /** Every image stored so far, in unit order as asked. */
  stored: FeatureImage[];
  /** The render jobs still storing the rest, one per request with missing units; none once all are stored. */
  jobs: RenderJob[];
}

/** The answers of a block's `featureImages` requests, in the order asked, merged into one grid's images and jobs. */
export function mergeImageAnswers(answers: readonly FeatureImagesAnswer[]): BlockImages {
  const stored = answers.flatMap((a) => a.result ?? a.stored);
  const jobs = new Map<string, RenderJob>();
  for (const answer of answers) if (answer.job && !jobs.has(answer.job.id)) jobs.set(answer.job.id, answer.job);
  return { stored, jobs: [...jobs.values()] };
}
