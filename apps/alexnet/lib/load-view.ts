import { ModelQuery, ModelsQuery, describeQueryError, query } from '@branchscope/client';
import type { Client, ModelSummary, QueryErrorDescription } from '@branchscope/client';
import { alexNetChoices, DEFAULT_MODEL_ID, isViewProblem, resolveAlexNetModel } from './resolve-alexnet-model';
import type { AlexNetView } from './resolve-alexnet-model';

/** The view to draw, or the error panel to show instead, plus every model the view can show (for the picker). */
export type LoadedView =
  | { ok: true; view: AlexNetView; choices: ModelSummary[] }
  | { ok: false; title: string; problem: QueryErrorDescription; choices: ModelSummary[]; requested: string };

/** The first value of a search parameter, or null. */
export function searchParam(value: string | string[] | undefined): string | null {
  return (Array.isArray(value) ? value[0] : value) ?? null;
}

/** Reads the catalogue and the model the URL asks for (`?model=`, default `alexnet`), and resolves its view. */
export async function loadView(client: Client, requested: string | null): Promise<LoadedView> {
  const id = requested?.trim() || DEFAULT_MODEL_ID;
  let models: ModelSummary[];
  let detail;
  try {
    [{ models }, { model: detail }] = await Promise.all([query(client, ModelsQuery, {}), query(client, ModelQuery, { id })]);
  } catch (error) {
    return { ok: false, title: 'the model catalogue', problem: describeQueryError(error), choices: [], requested: id };
  }
  const choices = alexNetChoices(models);
  const resolved = resolveAlexNetModel(models, detail, id);
  if (isViewProblem(resolved)) {
    return { ok: false, title: `the AlexNet view of model '${id}'`, problem: resolved, choices, requested: id };
  }
  return { ok: true, view: resolved, choices };
}
