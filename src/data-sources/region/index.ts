// data "region": the region of the data block's provider. No AWS call: the provider says it.
import type { ObjectValue } from '../../core/values.js';
import type { DataSourceKind } from '../kind.js';

export const regionData: DataSourceKind = {
  name: 'region',
  operations: [],
  read(_args, context): Promise<ObjectValue> {
    return Promise.resolve({ name: context.region });
  },
};
