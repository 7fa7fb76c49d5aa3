import { renderLayerInput, type JobHandler, type RenderFeaturesInput } from '@branchscope/jobs';
import { renderFeaturesHandler, type RenderFeaturesDeps } from './render-features-handler';

/**
 * The `render-layer` handler: the render-features handler over every unit of the layer (checked by
 * `renderLayerInput`, which allows a whole layer where a `render-features` request allows 64 units), or the share of
 * them a worker pool gave this process. Units
 * already stored are skipped, so a job run again after a kill resumes; each batch's units are stored as it ends.
 */
export function renderLayerHandler(deps: RenderFeaturesDeps): JobHandler<RenderFeaturesInput> {
  return renderFeaturesHandler(deps, (graph, input) => {
    const checked = renderLayerInput(graph, input, input.backend);
    // A pool splitting the layer across processes gives each a contiguous share of the units.
    const last = checked.units.length - 1;
    input.units.forEach((unit, i) => {
      if (!Number.isInteger(unit) || unit < 0 || unit > last || (i > 0 && unit <= input.units[i - 1]!)) {
        throw new RangeError(`a render-layer job of '${input.layer}' lists units of 0..${last}, distinct and ascending; got ${unit} at position ${i}`);
      }
    });
    return { ...checked, units: [...input.units] };
  });
}
