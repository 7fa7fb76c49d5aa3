import { ModelQuery, ModelsQuery, SpecializationReportQuery, apiUrlFromEnv, createBranchscopeClient, describeQueryError, query } from '@branchscope/client';
import type { ModelDetail, ModelSummary, QueryErrorDescription, SpecializationReportQueryResult } from '@branchscope/client';
import { ErrorPanel, RandomWeightsNotice } from '@branchscope/ui';
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { SpecializationLayer } from '../../../../components/specialization-layer';
import { SpecializationLiveJob } from '../../../../components/specialization-live-job';
import { askedLayer, offeredLayers, specializationHref } from '../../../../lib/specialization-format';
import '../specialization.css';

// The report is computed by a worker job on first ask: render on request and follow the job.
export const dynamic = 'force-dynamic';

interface SpecializationPageProps {
  params: Promise<{ model: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

type Answer = NonNullable<SpecializationReportQueryResult['model']>['specializationReport'];

export async function generateMetadata({ params }: SpecializationPageProps): Promise<Metadata> {
  const { model } = await params;
  return { title: `Specialization report of ${decodeURIComponent(model)} · branchscope` };
}

/**
 * The specialization report of any model (core's `specializationReport`, through the API): what its weights are, then
 * per reported layer the colour-index distribution, the branches' split test and the |W| factors against colour, and
 * the whole report as Markdown. While its job runs, the job is followed live and the page refreshes once it is stored.
 */
export default async function SpecializationPage({ params, searchParams }: SpecializationPageProps) {
  const modelId = decodeURIComponent((await params).model);
  const layer = askedLayer((await searchParams).layer);
  const what = layer ? `the specialization report of ${modelId} on ${layer}` : `the specialization report of ${modelId}`;
  const client = createBranchscopeClient(apiUrlFromEnv());
  // Asked at once beside the model; a bad layer is the API's BAD_USER_INPUT naming it, shown above the form.
  const asked: Promise<{ answer: Answer | null } | { problem: QueryErrorDescription }> = query(client, SpecializationReportQuery, { modelId, layer }).then(
    (data) => ({ answer: data.model?.specializationReport ?? null }),
    (error: unknown) => ({ problem: describeQueryError(error) }),
  );
  let model: ModelDetail | null;
  let models: ModelSummary[];
  try {
    const [detail, list] = await Promise.all([query(client, ModelQuery, { id: modelId }), query(client, ModelsQuery, {})]);
    model = detail.model;
    models = list.models;
  } catch (error) {
    await asked;
    return (
      <Frame modelId={modelId}>
        <ErrorPanel title={what} {...describeQueryError(error)} />
      </Frame>
    );
  }
  const reportAsked = await asked;
  if (!model) {
    return (
      <Frame modelId={modelId}>
        <ErrorPanel title={what} code="NOT_FOUND" message={`no model '${modelId}' in the catalogue`} hint="The portal's home page lists every model." />
      </Frame>
    );
  }
  const form = <LayerForm modelId={modelId} layer={layer} offered={offeredLayers(model.layers)} />;
  if ('problem' in reportAsked || !reportAsked.answer) {
    const problem = 'problem' in reportAsked ? reportAsked.problem : { message: `no model '${modelId}' in the catalogue`, code: 'NOT_FOUND' };
    return (
      <Frame modelId={modelId}>
        <ErrorPanel title={what} {...problem} />
        {form}
      </Frame>
    );
  }
  const answer = reportAsked.answer;
  const report = answer.result;
  return (
    <Frame modelId={modelId}>
      <p className="caption">
        {model.name}. The article&apos;s claims held against the model from its weights alone: per layer, the colour index of its filters and
        its distribution, whether its branches divide by colour or frequency, and how |W|&apos;s singular vectors track colour.
      </p>
      {model.weights.kind === 'SEEDED_RANDOM' ? (
        <RandomWeightsNotice
          seed={model.weights.seed}
          readingNote={model.weights.readingNote}
          realResults={models
            .filter((m) => m.weights.kind !== 'SEEDED_RANDOM')
            .map((m) => ({ name: m.name, href: specializationHref(m.id) }))}
          noRealResults="No model with trained or imported weights is in the catalogue: import a pretrained one to see a real report."
        />
      ) : null}
      {report ? (
        <>
          <p className="specialization-weights" data-weights-kind={report.weights}>
            <strong>{report.weightsStatement}</strong>
          </p>
          {report.layers.map((l) => (
            <SpecializationLayer key={l.layer} layer={l} />
          ))}
          <section aria-labelledby="markdown">
            <h2 id="markdown">Markdown</h2>
            <details className="specialization-markdown">
              <summary>The whole report as Markdown, as <code>npm run report</code> prints it, to copy into notes</summary>
              <pre tabIndex={0} aria-label="The report as Markdown">
                {report.markdown}
              </pre>
            </details>
          </section>
        </>
      ) : answer.job ? (
        <SpecializationLiveJob job={answer.job} what={what} />
      ) : (
        <ErrorPanel title={what} message="the API answered with neither a report nor a job computing it" />
      )}
      {form}
      {report ? (
        <p className="provenance">
          Computed by job <code>{report.jobId.slice(0, 8)}</code> at <time dateTime={report.computedAt}>{report.computedAt}</time>.
        </p>
      ) : null}
    </Frame>
  );
}

function Frame({ modelId, children }: { modelId: string; children: ReactNode }) {
  return (
    <>
      <h1>
        Specialization report of <code>{modelId}</code>
      </h1>
      {children}
    </>
  );
}

/** Asks the report on another layer (`?layer=`): a plain GET form, no script needed. */
function LayerForm({ modelId, layer, offered }: { modelId: string; layer: string | null; offered: string[] }) {
  return (
    <section aria-labelledby="another-layer">
      <h2 id="another-layer">Another layer</h2>
      <form className="specialization-layer-form" method="get" action={specializationHref(modelId)}>
        <label htmlFor="layer-name">Layer</label>
        <input id="layer-name" name="layer" type="text" defaultValue={layer ?? ''} list="offered-layers" placeholder="e.g. conv2" spellCheck={false} />
        <datalist id="offered-layers">
          {offered.map((name) => (
            <option key={name} value={name} />
          ))}
        </datalist>
        <button type="submit">Report</button>
        <span className="caption">
          Empty: the first layer and the first branched layer. <a href={specializationHref(modelId)}>Default layers</a>
        </span>
      </form>
    </section>
  );
}
