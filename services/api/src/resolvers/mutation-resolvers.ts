import { checkImportPath } from '../auth/import-path';
import { labelAuthor } from '../auth/label-author';
import { createToken, revokeToken } from '../auth/token-management';
import type { ApiContext } from '../context';
import { cancelJob } from '../domain/cancel-job';
import { attachPublishedLabelSet, type AttachPublishedLabelSetArgs } from '../domain/attach-published-label-set';
import { registerDatasetFolder } from '../domain/datasets';
import { fetchCatalogueModel } from '../domain/fetch-catalogue-model';
import { importModel, type ImportModelArgs } from '../domain/import-model';
import { createHumanLabelSet, type CreateLabelSetArgs } from '../domain/label-sets';
import { labelUnit, removeLabel, type LabelUnitArgs, type RemoveLabelArgs } from '../domain/label-units';
import { renderLayer, type RenderLayerArgs } from '../domain/render-layer';
import { createRuleLabelSet, type RuleLabelSetArgs } from '../domain/rule-label-set';

/** Root mutation fields: each takes its arguments and calls one domain function. */
export const mutationResolvers = {
  createLabelSet: (_: unknown, args: AuthoredArgs<CreateLabelSetArgs>, { deps, caller }: ApiContext) =>
    createHumanLabelSet(deps, { ...args, author: labelAuthor(caller, args.author) }),
  labelUnit: (_: unknown, args: AuthoredArgs<LabelUnitArgs>, { deps, caller }: ApiContext) => labelUnit(deps, { ...args, author: labelAuthor(caller, args.author) }),
  removeLabel: (_: unknown, args: RemoveLabelArgs, { deps }: ApiContext) => removeLabel(deps, args),
  ruleLabelSet: (_: unknown, args: RuleLabelSetArgs, { deps }: ApiContext) => createRuleLabelSet(deps, args),
  attachPublishedLabelSet: (_: unknown, args: AttachPublishedLabelSetArgs, { deps }: ApiContext) => attachPublishedLabelSet(deps, args),
  importModel: (_: unknown, args: ImportModelArgs, { deps, access }: ApiContext) => {
    if (args.input.path != null && args.input.path.trim() !== '') checkImportPath(access, args.input.path);
    return importModel(deps, args);
  },
  fetchCatalogueModel: (_: unknown, args: { id: string }, { deps }: ApiContext) => fetchCatalogueModel(deps, args),
  cancelJob: (_: unknown, { id }: { id: string }, { deps }: ApiContext) => cancelJob(deps, id),
  renderLayer: (_: unknown, args: RenderLayerArgs, { deps }: ApiContext) => renderLayer(deps, args),
  registerDataset: (_: unknown, args: { name: string; path: string }, { deps }: ApiContext) => registerDatasetFolder(deps, args),
  createToken: (_: unknown, args: { name: string; role: string }, context: ApiContext) => createToken(context, args),
  revokeToken: (_: unknown, { id }: { id: string }, context: ApiContext) => revokeToken(context, id),
};

/** Arguments whose `author` is now optional and deprecated: the token's holder is the author. */
type AuthoredArgs<T extends { author: string }> = Omit<T, 'author'> & { author?: string | null };
