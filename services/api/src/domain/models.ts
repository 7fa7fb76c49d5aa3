import type { ApiDeps } from './api-deps';
import { modelView, type ModelView } from './model-view';

/** Every stored model, by id. */
export async function listModelViews(deps: ApiDeps): Promise<ModelView[]> {
  const models = await deps.catalog.list();
  return models.map((model) => modelView(model, deps.catalog.blocks(model)));
}

/** One model, or null when no model has this id. */
export async function findModelView(deps: ApiDeps, id: string): Promise<ModelView | null> {
  const model = await deps.catalog.find(id);
  return model ? modelView(model, deps.catalog.blocks(model)) : null;
}
