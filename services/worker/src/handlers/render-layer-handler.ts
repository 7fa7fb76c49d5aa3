import { renderLayerInput, type JobHandler, type RenderFeaturesInput } from '@branchscope/jobs';
import { renderFeaturesHandler, type RenderFeaturesDeps } from './render-features-handler';

/**
 * The `render-layer` handler: the render-features handler over every unit of the layer (checked by
 * `renderLayerInput`, which allows a whole layer where a `render-features` request allows 64 units). Units
 * already stored are skipped, so a job run again after a kill resumes; each batch's units are stored as it ends.
 */
export function renderLayerHandler(deps: RenderFeaturesDeps): JobHandler<RenderFeaturesInput> {
  return renderFeaturesHandler(deps, (graph, input) => {
    const checked = renderLayerInput(graph, input, input.backend);
    if (checked.units.length !== input.units.length) {
      throw new RangeError(`a render-layer job of '${input.layer}' must list all ${checked.units.length} of its units, got ${input.units.length}`);
    }
    return checked;
  });
}
