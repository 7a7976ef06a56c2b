// The restore_testing_selection kind: everything the rest of bkp knows of it.
import type { ObjectValue } from '../../core/values.js';
import { checkNamesFree, type NameSpace } from '../free-names.js';
import type { ResourceKind } from '../kind.js';
import { getSelection, restoreTestingSelectionHandler, selectionIdsOfPlans } from './handler.js';
import { restoreTestingSelectionModel } from './model.js';
import { validateRestoreTestingSelection } from './validate.js';

/**
 * Selection names are unique within their restore testing plan: `PLAN_NAME/SELECTION_NAME`, what
 * `bkp import` takes. There is no listing of every plan's selections, so each name is looked up.
 */
const selectionIds: NameSpace = {
  noun: 'restore testing selection',
  scope: 'region',
  refusal: 'AlreadyExistsException',
  kinds: new Set(['restore_testing_selection']),
  nameOf: (attributes) => restoreTestingSelectionHandler.identity!(attributes as ObjectValue),
  async taken(ctx, ids) {
    const found = await Promise.all(ids.map(async (id) => ((await ctx.limit(() => getSelection(ctx, id))) !== null ? [id] : [])));
    return new Map(found.flat().map((id) => [id, { importId: id }]));
  },
};

export const restoreTestingSelection: ResourceKind = {
  name: 'restore_testing_selection',
  model: restoreTestingSelectionModel,
  validate: validateRestoreTestingSelection,
  handler: restoreTestingSelectionHandler,
  importId: 'PLAN_NAME/SELECTION_NAME',
  adoption: {
    file: 'restore-testing.bkp.hcl',
    generate: {
      within: { kind: 'restore_testing_plan', ids: selectionIdsOfPlans },
      references: { names: [{ path: ['restore_testing_plan_name'], kinds: ['restore_testing_plan'] }], roles: [['iam_role_arn']] },
    },
  },
  uniqueNames: selectionIds,
  checkPlanned: checkNamesFree(selectionIds),
};
