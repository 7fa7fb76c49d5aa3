import { Suspense } from 'react';
import { apiUrlFromEnv, createBranchscopeClient, weightsSummary } from '@branchscope/client';
import { EmbedCode, ErrorPanel, ModelPicker, pickerModels } from '@branchscope/ui';
import { FeatureColumns } from '../../components/feature-columns';
import { FeaturePlaceholders } from '../../components/feature-placeholders';
import { FeaturesCaption, ScatterCaption, StructureSentence, WeightsCaption, viewHeading } from '../../components/layout-captions';
import { ScatterSection } from '../../components/scatter-section';
import { WeightColumns } from '../../components/weight-columns';
import { WeightsNotice } from '../../components/weights-notice';
import { BASE_PATH } from '../../lib/base-path';
import { controlModelFor } from '../../lib/control-model';
import { scatterMode } from '../../lib/scatter-mode';
import { loadView, searchParam } from '../../lib/load-view';
import { FEATURE_UNITS_PER_COLUMN } from '../../lib/resolve-alexnet-model';
import { FEATURE_PARAMS, loadFeatures, loadSvd, loadWeights } from '../../lib/view-queries';

// The data lives in the API, which starts after the build: render on every request.
export const dynamic = 'force-dynamic';

interface PageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function AlexNetPage({ searchParams }: PageProps) {
  const client = createBranchscopeClient(apiUrlFromEnv());
  const params = await searchParams;
  const loaded = await loadView(client, searchParam(params.model));
  const pickable = pickerModels(loaded.choices);
  if (!loaded.ok) {
    return (
      <>
        <div className="page-head">
          <h1>AlexNet view</h1>
          {pickable.length > 0 ? <ModelPicker models={pickable} current={loaded.requested} action={BASE_PATH} /> : null}
        </div>
        <ErrorPanel title={loaded.title} {...loaded.problem} />
      </>
    );
  }
  const { view } = loaded;
  const { from, to, model } = view;
  // Start every query now, the quick ones first, so the slow feature render queues behind them on the worker.
  const svd = loadSvd(client, view);
  const weights = loadWeights(client, view);
  const features = loadFeatures(client, view);
  const mode = scatterMode(searchParam(params.scatter));
  const controlModel = controlModelFor(model.id, loaded.choices);
  const control = controlModel ? await loadView(client, controlModel.id) : null;
  // Embed URLs always name the model, so they keep showing it if the default changes.
  const embedQuery = `?model=${encodeURIComponent(model.id)}`;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>{viewHeading(view)}</h1>
          <p className="lede">
            {model.name} <code>{model.id}</code> · <span data-weights-kind={model.weights.kind}>{weightsSummary(model.weights)}</span> ·{' '}
            <StructureSentence view={view} />
          </p>
        </div>
        <ModelPicker models={pickable} current={model.id} action={BASE_PATH} />
      </div>
      <WeightsNotice model={model} choices={loaded.choices} />

      <section aria-labelledby="weights-heading" className="view-section">
        <h2 id="weights-heading">First-layer weights{view.layout === 'unbranched' ? '' : ', by branch'}</h2>
        <WeightsCaption view={view} />
        <Suspense fallback={<p className="loading">Loading the {from} filters…</p>}>
          <WeightColumns view={view} weights={weights} />
        </Suspense>
      </section>

      <section aria-labelledby="features-heading" className="view-section">
        <h2 id="features-heading">Second-layer features{view.layout === 'grouped' ? ', by branch' : ''}</h2>
        <FeaturesCaption view={view} perColumn={FEATURE_UNITS_PER_COLUMN} steps={FEATURE_PARAMS.steps} size={FEATURE_PARAMS.size} />
        <Suspense fallback={<FeaturePlaceholders view={view} />}>
          <FeatureColumns view={view} features={features} />
        </Suspense>
      </section>

      <section aria-labelledby="scatter-heading" className="view-section">
        <h2 id="scatter-heading">
          {from} units by the singular vectors of |W({from} → {to})|
        </h2>
        <ScatterCaption view={view} />
        <ScatterSection client={client} view={view} svd={svd} weights={weights} mode={mode} control={control} />
      </section>

      <footer className="embed-links">
        <EmbedCode path={`/alexnet/embed/weights${embedQuery}`} title={`the ${from} filters of ${model.id}`} height={520} />
        <EmbedCode path={`/alexnet/embed/scatter${embedQuery}`} title={`the ${from} units of ${model.id} by the singular vectors of |W|`} height={560} />
      </footer>
    </>
  );
}
