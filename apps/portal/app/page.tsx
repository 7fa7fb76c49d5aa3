import { ModelsQuery, apiUrlFromEnv, createBranchscopeClient, describeQueryError, query } from '@branchscope/client';
import type { ModelSummary } from '@branchscope/client';
import { ErrorPanel } from '@branchscope/ui';

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
            <span> conv2&apos;s two branches side by side: their conv1 filters and conv2 feature images with colour index, and conv1 units by the singular vectors of |W|.</span>
          </li>
          <li>
            <a href="/inception">InceptionV1 5x5</a>
            <span> mixed3a, mixed3b and mixed4a branch grids by category, enrichment with its chance probability, labelling.</span>
          </li>
          <li>
            <a href="/resnet">ResNet blocks</a>
            <span> residual blocks drawn as parallel branches beside the residual stream, with each block&apos;s units.</span>
          </li>
        </ul>
      </section>
      <section aria-labelledby="models">
        <h2 id="models">Models</h2>
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
    <table className="models">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Id</th>
          <th scope="col">Input (channels × height × width)</th>
        </tr>
      </thead>
      <tbody>
        {models.map((model) => (
          <tr key={model.id} data-model={model.id}>
            <td>{model.name}</td>
            <td>
              <code>{model.id}</code>
            </td>
            <td>{model.inputShape.join(' × ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
