import { checkImportPath } from '../auth/import-path';
import { labelAuthor } from '../auth/label-author';
import { createToken, revokeToken } from '../auth/token-management';
import { cancelJob } from '../domain/cancel-job';
import { attachPublishedLabelSet } from '../domain/attach-published-label-set';
import { registerDatasetFolder } from '../domain/datasets';
import { fetchCatalogueModel } from '../domain/fetch-catalogue-model';
import { importModel } from '../domain/import-model';
import { createHumanLabelSet } from '../domain/label-sets';
import { labelUnit, removeLabel } from '../domain/label-units';
import { renderLayer } from '../domain/render-layer';
import { createRuleLabelSet } from '../domain/rule-label-set';
import type { MutationResolvers } from '../generated/resolver-types';

/** Root mutation fields: each takes its arguments and calls one domain function. */
export const mutationResolvers: MutationResolvers = {
  createLabelSet: (_, args, { deps, caller }) =>
    createHumanLabelSet(deps, { ...args, author: labelAuthor(caller, args.author) }),
  labelUnit: (_, args, { deps, caller }) => labelUnit(deps, { ...args, author: labelAuthor(caller, args.author) }),
  removeLabel: (_, args, { deps }) => removeLabel(deps, args),
  ruleLabelSet: (_, args, { deps }) => createRuleLabelSet(deps, args),
  attachPublishedLabelSet: (_, args, { deps }) => attachPublishedLabelSet(deps, args),
  importModel: (_, args, { deps, access }) => {
    if (args.input.path != null && args.input.path.trim() !== '') checkImportPath(access, args.input.path);
    return importModel(deps, args);
  },
  fetchCatalogueModel: (_, args, { deps }) => fetchCatalogueModel(deps, args),
  cancelJob: (_, { id }, { deps }) => cancelJob(deps, id),
  renderLayer: (_, args, { deps }) => renderLayer(deps, args),
  registerDataset: (_, args, { deps }) => registerDatasetFolder(deps, args),
  createToken: (_, args, context) => createToken(context, args),
  revokeToken: (_, { id }, context) => revokeToken(context, id),
};
