import { FeatureImagesQuery, apiUrlFromEnv, createBranchscopeClient, describeQueryError, query } from '@branchscope/client';
import type { FeatureImage } from '@branchscope/client';
import { ErrorPanel } from '@branchscope/ui';
import Link from 'next/link';
import { MODEL_ID } from '../../../../../lib/view-scope';

// Renders on request only: a feature visualization is a worker job (stored afterwards, never rendered twice).
export const dynamic = 'force-dynamic';

interface UnitPageProps {
  params: Promise<{ layer: string; unit: string }>;
}

/** One unit's feature visualization, rendered with the API's default recipe when first asked for. */
export default async function UnitPage({ params }: UnitPageProps) {
  const { layer, unit: rawUnit } = await params;
  const back = <Link href={`/${layer}`}>← {layer}</Link>;
  const unit = Number(rawUnit);
  if (!/^\d+$/.test(rawUnit)) {
    return (
      <>
        <p>{back}</p>
        <ErrorPanel title={`${layer} unit ${rawUnit}`} message={`'${rawUnit}' is not a unit index (a whole number from 0)`} code="BAD_USER_INPUT" />
      </>
    );
  }
  let image: FeatureImage | undefined;
  try {
    ({
      featureImages: [image],
    } = await query(createBranchscopeClient(apiUrlFromEnv()), FeatureImagesQuery, { modelId: MODEL_ID, layer, units: [unit] }));
  } catch (error) {
    return (
      <>
        <p>{back}</p>
        <ErrorPanel title={`the feature image of ${layer} unit ${unit}`} {...describeQueryError(error)} />
      </>
    );
  }
  return (
    <>
      <p>{back}</p>
      <h1>
        {layer} unit {unit}
      </h1>
      {image ? (
        <figure className="figure">
          {/* A stored PNG served by the API under /artifacts, which the portal forwards. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={image.url} alt={`Feature visualization of ${layer} unit ${unit}`} width={image.size} height={image.size} className="feature-image" />
          <figcaption className="provenance">
            {image.steps} steps, {image.size} px, seed {image.seed}, {image.backend} backend; objective{' '}
            {image.trace.first.toFixed(3)} → {image.trace.last.toFixed(3)}; colour index {image.descriptor.colorIndex.toFixed(2)}.
          </figcaption>
        </figure>
      ) : (
        <p className="caption">The API returned no image for this unit.</p>
      )}
    </>
  );
}
