import { ModelsQuery, apiUrlFromEnv, createBranchscopeClient, describeQueryError, query, weightsSummary } from '@branchscope/client';
import type { ModelSummary } from '@branchscope/client';
import { ErrorPanel } from '@branchscope/ui';
import { modelGroups, type ModelGroup } from '../../lib/model-groups';
import { specializationHref } from '../../lib/specialization-format';
import { viewLinks } from '../../lib/view-links';

// The catalogue lives in the API, which starts after the build: render on every request.
export const dynamic = 'force-dynamic';

export default async function Home() {
  return (
    <>
      <h1>branchscope</h1>
      <p className="caption">
        A workbench for studying <em>branch specialization</em>: when a layer is split into branches, related
        features clump into one branch.
      </p>
      <section aria-labelledby="views">
        <h2 id="views">Views</h2>
        <ul className="views">
          <li>
            <a href="/alexnet">AlexNet</a>
            <span>
              {' '}
              a model&apos;s first layer and the conv it feeds: first-layer filters and next-layer feature images by
              branch with colour index, and first-layer units by the singular vectors of |W|. Branched (AlexNet&apos;s
              grouped conv2, a first layer in N branches) or not (the controls).
            </span>
          </li>
          <li>
            <a href="/inception">InceptionV1 5x5</a>
            <span> Concat blocks as branch grids by category, enrichment with its chance probability, labelling.</span>
          </li>
          <li>
            <a href="/resnet">ResNet blocks</a>
            <span> residual blocks drawn as parallel branches beside the residual stream, with each block&apos;s units.</span>
          </li>
        </ul>
      </section>
      <section aria-labelledby="models">
        <h2 id="models">Models</h2>
        <p className="caption">
          Grouped by what their weights are: only trained and imported models say anything about what training learns.
          Each row links to the views that can show the model, chosen by its structure, and to its specialization report.
        </p>
        <ModelList />
      </section>
    </>
  );
}

async function ModelList() {
  let models: ModelSummary[];
  try {
    ({ models } = await query(createBranchscopeClient(apiUrlFromEnv()), ModelsQuery, {}));
  } catch (error) {
    return <ErrorPanel title="the models" {...describeQueryError(error)} />;
  }
  if (models.length === 0) return <p className="caption">The catalogue is empty.</p>;
  return (
    <>
      {modelGroups(models).map((group) => (
        <ModelGroupTable key={group.kind} group={group} />
      ))}
    </>
  );
}

function ModelGroupTable({ group }: { group: ModelGroup }) {
  const headingId = `models-${group.kind.toLowerCase()}`;
  return (
    <section className="model-group" data-weights-kind={group.kind} aria-labelledby={headingId}>
      <h3 id={headingId}>
        {group.title} <span className="count">({group.models.length})</span>
      </h3>
      <p className="caption">{group.about}</p>
      {group.models.length === 0 ? null : (
        <table className="models">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Id</th>
              <th scope="col">Weights</th>
              <th scope="col">Views</th>
              <th scope="col">Input</th>
            </tr>
          </thead>
          <tbody>
            {group.models.map((model) => (
              <tr key={model.id} data-model={model.id} data-weights-kind={model.weights.kind}>
                <td>{model.name}</td>
                <td>
                  <code>{model.id}</code>
                </td>
                <td>{weightsSummary(model.weights)}</td>
                <td>
                  {/* Plain <a>: each view is another zone, so this is a full navigation. */}
                  <span className="view-links">
                    {viewLinks(model.id, model.views).map((link) => (
                      <a key={link.view} href={link.href} data-view={link.view}>
                        {link.label}
                      </a>
                    ))}
                    <a href={specializationHref(model.id)} data-report="specialization">
                      Specialization report
                    </a>
                  </span>
                </td>
                <td>{model.inputShape.join(' × ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
