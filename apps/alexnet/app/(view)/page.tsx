import { Suspense } from 'react';
import { apiUrlFromEnv, createBranchscopeClient } from '@branchscope/client';
import { ErrorPanel } from '@branchscope/ui';
import { FeatureColumns } from '../../components/feature-columns';
import { FeaturePlaceholders } from '../../components/feature-placeholders';
import { ModelPicker } from '../../components/model-picker';
import { RenderProgress } from '../../components/render-progress';
import { ScatterFigure } from '../../components/scatter-figure';
import { WeightColumns } from '../../components/weight-columns';
import { unitRangeText } from '../../lib/branch-units';
import { loadView, searchParam } from '../../lib/load-view';
import { FEATURE_PARAMS, FEATURE_UNITS_PER_BRANCH, featureUnits, loadFeatures, loadSvd, loadWeights } from '../../lib/view-queries';

// The data lives in the API, which starts after the build: render on every request.
export const dynamic = 'force-dynamic';

interface PageProps {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function AlexNetPage({ searchParams }: PageProps) {
  const client = createBranchscopeClient(apiUrlFromEnv());
  const loaded = await loadView(client, searchParam((await searchParams).model));
  const pickable = (loaded.choices.length > 0 ? loaded.choices : []).map((c) => ({ id: c.model.id, name: c.model.name }));
  if (!loaded.ok) {
    return (
      <>
        <div className="page-head">
          <h1>AlexNet</h1>
          {pickable.length > 0 ? <ModelPicker models={pickable} current={loaded.requested} /> : null}
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
  const reads = view.branches.map((b) => `branch ${b.index} reads only ${from} ${unitRangeText(b.inputUnits.start, b.inputUnits.end)}`);
  // Embed URLs always name the model, so they keep showing it if the default changes.
  const embedQuery = `?model=${encodeURIComponent(model.id)}`;

  return (
    <>
      <div className="page-head">
        <div>
          <h1>
            AlexNet: the {view.branches.length} branches of {to}
          </h1>
          <p className="lede">
            {model.name} <code>{model.id}</code> · {to} is a grouped convolution: {reads.join('; ')}.
          </p>
        </div>
        <ModelPicker models={pickable} current={model.id} />
      </div>

      <section aria-labelledby="weights-heading" className="view-section">
        <h2 id="weights-heading">First-layer weights, by branch</h2>
        <p className="caption">
          Each square is one {from} filter drawn as an RGB image, mid-grey where a weight is zero. Because each {to}{' '}
          branch reads only its own slice of {from}, training is free to give the slices different jobs: in the trained
          BVLC AlexNet one holds black-and-white Gabor filters and the other colour blobs (seeded random weights show no
          such split). The bar under each filter and the histogram give its <strong>colour index</strong>, its chroma
          energy over its total energy: 0 grey, towards 1 colourful.
        </p>
        <Suspense fallback={<p className="loading">Loading the {from} filters…</p>}>
          <WeightColumns view={view} weights={weights} />
        </Suspense>
      </section>

      <section aria-labelledby="features-heading" className="view-section">
        <h2 id="features-heading">Second-layer features, by branch</h2>
        <p className="caption">
          Feature visualizations of the first {FEATURE_UNITS_PER_BRANCH} {to} units of each branch: an input image
          optimised from noise to excite one unit (Fourier-space, colour-decorrelated parameterization with the standard
          transforms; {FEATURE_PARAMS.steps} steps at {FEATURE_PARAMS.size} px). The worker renders them once and stores
          them by content; the colour index under each is measured on the image.
        </p>
        <RenderProgress modelId={model.id} layer={to} units={featureUnits(view)} placeholderId="feature-placeholders" />
        <Suspense fallback={<FeaturePlaceholders view={view} />}>
          <FeatureColumns view={view} features={features} />
        </Suspense>
      </section>

      <section aria-labelledby="scatter-heading" className="view-section">
        <h2 id="scatter-heading">
          {from} units by the singular vectors of |W({from} → {to})|
        </h2>
        <p className="caption">
          <strong>|W|</strong> is {to}&apos;s absolute weights summed over kernel positions: one row per {from} unit, one
          column per {to} unit, each entry how strongly that {from} unit feeds that {to} unit. Each {from} unit is placed
          by its entries in the first two left <strong>singular vectors</strong> of |W|, the directions that explain most
          of it. Units feeding the same branch share their non-zero columns, so these directions separate the branches;
          colour is the branch a unit feeds.
        </p>
        <Suspense fallback={<p className="loading">Computing the factors of |W({from} → {to})|…</p>}>
          <ScatterFigure view={view} svd={svd} />
        </Suspense>
      </section>

      <footer className="embed-links">
        Embed in documentation (read-only, no chrome):{' '}
        <a href={`/alexnet/embed/weights${embedQuery}`}>/alexnet/embed/weights{embedQuery}</a> ·{' '}
        <a href={`/alexnet/embed/scatter${embedQuery}`}>/alexnet/embed/scatter{embedQuery}</a>
      </footer>
    </>
  );
}
