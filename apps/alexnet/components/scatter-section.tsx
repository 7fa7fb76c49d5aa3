import { Suspense } from 'react';
import type { Client } from '@branchscope/client';
import { TabStrip } from '@branchscope/ui';
import { BASE_PATH } from '../lib/base-path';
import type { LoadedView } from '../lib/load-view';
import type { AlexNetView } from '../lib/resolve-alexnet-model';
import { SCATTER_MODES } from '../lib/scatter-mode';
import type { ScatterMode } from '../lib/scatter-mode';
import type { Settled } from '../lib/settle';
import { loadSvd, loadWeights } from '../lib/view-queries';
import type { SvdFactors, WeightImage } from '@branchscope/client';
import { ScatterFigure } from './scatter-figure';

export interface ScatterSectionProps {
  client: Client;
  view: AlexNetView;
  svd: Promise<Settled<SvdFactors>>;
  weights: Promise<Settled<WeightImage[]>>;
  mode: ScatterMode;
  /** The model's unbranched control, loaded (or the problem loading it), when it has one. */
  control: LoadedView | null;
}

/**
 * The first layer's units by the singular vectors of |W(from → to)|: a toggle between colouring by branch, by colour
 * index and drawing each unit as its filter (the article's Figure 6), and, when the model has an unbranched control,
 * the control's scatter beside it in the same mode.
 */
export function ScatterSection({ client, view, svd, weights, mode, control }: ScatterSectionProps) {
  const href = (key: ScatterMode) => `${BASE_PATH}?model=${encodeURIComponent(view.model.id)}${key === 'branch' ? '' : `&scatter=${key}`}#scatter-heading`;
  const controlView = control?.ok ? control.view : null;
  const paired = controlView !== null;
  const size = paired ? { width: 500, height: 420 } : { width: 640, height: 480 };
  const loading = (v: AlexNetView) => <p className="loading">Computing the factors of |W({v.from} → {v.to})| of {v.model.id}…</p>;
  return (
    <>
      <TabStrip label="Draw the units" current={mode} tabs={SCATTER_MODES.map((m) => ({ key: m.key, label: m.label, href: href(m.key) }))} />
      <div className={paired ? 'scatter-pair' : undefined} data-scatter-mode={mode}>
        <div data-scatter-model={view.model.id}>
          {paired ? (
            <h3>
              Branched: <code>{view.model.id}</code>
            </h3>
          ) : null}
          <Suspense fallback={loading(view)}>
            <ScatterFigure view={view} svd={svd} weights={weights} mode={mode} {...size} />
          </Suspense>
        </div>
        {controlView ? (
          <div data-scatter-model={controlView.model.id} data-scatter-control>
            <h3>
              Unbranched control: <code>{controlView.model.id}</code>
            </h3>
            <Suspense fallback={loading(controlView)}>
              <ScatterFigure view={controlView} svd={loadSvd(client, controlView)} weights={loadWeights(client, controlView)} mode={mode} {...size} />
            </Suspense>
          </div>
        ) : null}
      </div>
      {control && !control.ok ? <p className="caption">The unbranched control could not be loaded: {control.problem.message}</p> : null}
      {paired ? (
        <p className="caption">
          The control is <code>{controlView.model.id}</code>: the same layers without branches, trained the same way (paired by name:{' '}
          <code>&lt;name&gt;-Nb</code> with <code>&lt;name&gt;-1b</code>). In the control nothing but the weights can separate colour from
          black-and-white units, so a colour split along a singular vector there is learned, not built in.
        </p>
      ) : null}
    </>
  );
}
