import { expect } from 'chai';
import { UNKNOWN } from '../../src/core/values.js';
import type { ResourceChange } from '../../src/engine/plan-model.js';
import { desiredResolver, type Evaluator } from '../../src/engine/workflow.js';
import { freezeState, newState, withResource, type StateDocument } from '../../src/state/model.js';
import { resourceConfig } from '../support/resource-config.js';

const selection = (name: string): ResourceChange => ({
  address: `backup_selection.${name}`,
  kind: 'backup_selection',
  name,
  provider: 'sandbox',
  action: 'create',
  before: null,
  after: { plan: UNKNOWN, name, iam_role_arn: 'arn:aws:iam::123456789012:role/r' },
  replacePaths: [],
  dependencies: ['backup_plan.daily'],
  sensitivePaths: [],
});

describe('desiredResolver', () => {
  let evaluations = 0;
  beforeEach(() => (evaluations = 0));
  const evaluate: Evaluator = (known) => {
    evaluations++;
    const planId = known('backup_plan.daily')?.id ?? UNKNOWN;
    return {
      resources: ['a', 'b'].map((n) =>
        resourceConfig(`backup_selection.${n}`, { plan: planId, name: n, iam_role_arn: 'arn:aws:iam::123456789012:role/r' }),
      ),
      diagnostics: [],
    };
  };
  const withPlan = (state: StateDocument, id: string) =>
    withResource(state, { address: 'backup_plan.daily', kind: 'backup_plan', name: 'daily', provider: 'sandbox', id, attributes: {}, dependencies: [] });

  it('resolves values unknown at plan time, re-evaluating only when a dependency changed', async () => {
    const resolve = desiredResolver(evaluate);
    let state = withPlan(newState('0'), 'p-1');
    expect((await resolve(selection('a'), state)).plan).to.equal('p-1');
    state = withResource(state, { address: 'backup_vault.other', kind: 'backup_vault', name: 'other', provider: 'sandbox', id: 'o', attributes: {}, dependencies: [] });
    expect((await resolve(selection('b'), state)).plan).to.equal('p-1');
    expect(evaluations).to.equal(1);
    state = withPlan(state, 'p-2');
    expect((await resolve(selection('b'), state)).plan).to.equal('p-2');
    expect(evaluations).to.equal(2);
  });

  it('sees a dependency on a for_each resource change through any of its instances, in frozen documents too', async () => {
    const resolve = desiredResolver(evaluate);
    const instance = (key: string, id: string) => ({
      address: `backup_plan.daily["${key}"]`,
      kind: 'backup_plan',
      name: 'daily',
      key,
      provider: 'sandbox',
      id,
      attributes: {},
      dependencies: [],
    });
    const onEvery = { ...selection('a'), dependencies: ['backup_plan.daily'] };
    const onOne = { ...selection('b'), dependencies: ['backup_plan.daily["y"]'] };
    let state = freezeState(withPlan(withResource(withResource(newState('0'), instance('x', 'x-1')), instance('y', 'y-1')), 'p-1'));
    await resolve(onEvery, state);
    expect(evaluations).to.equal(1);
    state = freezeState(withResource(state, instance('x', 'x-2')));
    await resolve(onOne, state);
    expect(evaluations, 'an instance the change does not depend on').to.equal(1);
    await resolve(onEvery, state);
    expect(evaluations, 'an instance of the resource the change depends on').to.equal(2);
    state = freezeState(withResource(state, instance('y', 'y-2')));
    await resolve(onOne, state);
    expect(evaluations, 'the instance the change depends on').to.equal(3);
  });

  it('refuses to go on with a value still unknown', async () => {
    const resolve = desiredResolver(evaluate);
    try {
      await resolve(selection('a'), newState('0'));
      expect.fail('expected an error');
    } catch (e) {
      expect((e as Error).message).to.include('plan is still unknown');
    }
  });
});
