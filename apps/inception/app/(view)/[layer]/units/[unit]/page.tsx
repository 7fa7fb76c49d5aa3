import { FeatureImagesQuery, ModelsQuery, apiUrlFromEnv, createBranchscopeClient, describeQueryError, query } from '@branchscope/client';
import type { FeatureImage, JobState, ModelSummary } from '@branchscope/client';
import { ErrorPanel } from '@branchscope/ui';
import Link from 'next/link';
import { JobWait } from '../../../../../components/job-wait';
import { WeightsNotice } from '../../../../../components/weights-notice';
import { layerFromSegment, layerPath, withModel } from '../../../../../lib/model-href';
import { searchParam } from '../../../../../lib/search-param';
import { DEFAULT_MODEL_ID } from '../../../../../lib/view-scope';

// Renders on request only: a feature visualization is a worker job (stored afterwards, never rendered twice); the
// page answers at once and follows the job live while it renders.
export const dynamic = 'force-dynamic';

interface UnitPageProps {
  params: Promise<{ layer: string; unit: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

/** One unit's feature visualization, rendered with the API's default recipe when first asked for. */
export default async function UnitPage({ params, searchParams }: UnitPageProps) {
  const { layer: segment, unit: rawUnit } = await params;
  const layer = layerFromSegment(segment);
  const modelId = searchParam(await searchParams, 'model') ?? DEFAULT_MODEL_ID;
  const back = <Link href={withModel(layerPath(layer), modelId)}>← {layer}</Link>;
  const unit = Number(rawUnit);
  if (!/^\d+$/.test(rawUnit)) {
    return (
      <>
        <p>{back}</p>
        <ErrorPanel title={`${layer} unit ${rawUnit}`} message={`'${rawUnit}' is not a unit index (a whole number from 0)`} code="BAD_USER_INPUT" />
      </>
    );
  }
  const client = createBranchscopeClient(apiUrlFromEnv());
  let image: FeatureImage | undefined;
  let rendering: JobState | null;
  let models: ModelSummary[];
  try {
    let featureImages;
    [{ models }, { featureImages }] = await Promise.all([
      query(client, ModelsQuery, {}),
      query(client, FeatureImagesQuery, { modelId, layer, units: [unit] }),
    ]);
    // Answered at once: the image when stored, else the render job, followed live until the page refreshes.
    image = featureImages.result?.[0];
    rendering = featureImages.job;
  } catch (error) {
    return (
      <>
        <p>{back}</p>
        <ErrorPanel title={`the feature image of ${layer} unit ${unit}`} {...describeQueryError(error)} />
      </>
    );
  }
  const model = models.find((m) => m.id === modelId);
  return (
    <>
      <p>{back}</p>
      <h1>
        {layer} unit {unit}
      </h1>
      {model ? <WeightsNotice model={model} inceptionModels={models.filter((m) => m.views.includes('INCEPTION'))} /> : null}
      {rendering ? (
        <JobWait job={rendering} what={`the feature image of ${layer} unit ${unit}`} />
      ) : image ? (
        <figure className="figure">
          {/* A stored PNG served by the API under /artifacts, which the portal forwards. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={image.url} alt={`Feature visualization of ${layer} unit ${unit}`} width={image.size} height={image.size} className="feature-image" />
          <figcaption className="provenance">
            <code>{modelId}</code>; {image.steps} steps, {image.size} px, seed {image.seed}, {image.backend} backend; objective{' '}
            {image.trace.first.toFixed(3)} → {image.trace.last.toFixed(3)}; colour index {image.descriptor.colorIndex.toFixed(2)}.
          </figcaption>
        </figure>
      ) : (
        <p className="caption">The API returned no image for this unit.</p>
      )}
    </>
  );
}
