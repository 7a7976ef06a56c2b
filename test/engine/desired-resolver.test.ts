import { expect } from 'chai';
import { UNKNOWN } from '../../src/core/values.js';
import type { ResourceChange } from '../../src/engine/plan-model.js';
import { desiredResolver, type Evaluator } from '../../src/engine/workflow.js';
import { findResource, freezeState, newState, withResource, type StateDocument } from '../../src/state/model.js';
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

/** The resources of `state` by address, as apply looks them up in its draft. */
const inState = (state: StateDocument) => (address: string) => findResource(state, address);

describe('desiredResolver', () => {
  let asked: (ReadonlySet<string> | undefined)[] = [];
  beforeEach(() => (asked = []));
  const evaluate: Evaluator = (known, only) => {
    asked.push(only);
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

  it('resolves values unknown at plan time from what state knows when the change starts', async () => {
    const resolve = desiredResolver(evaluate);
    let state = withPlan(newState('0'), 'p-1');
    expect((await resolve(selection('a'), inState(state))).plan).to.equal('p-1');
    state = freezeState(withPlan(state, 'p-2'));
    expect((await resolve(selection('b'), inState(state))).plan).to.equal('p-2');
  });

  it('evaluates only the resource being resolved (and, in the evaluator, what it refers to)', async () => {
    const resolve = desiredResolver(evaluate);
    await resolve(selection('b'), inState(withPlan(newState('0'), 'p-1')));
    expect(asked.map((only) => [...(only ?? [])])).to.deep.equal([['backup_selection.b']]);
  });

  it('does not evaluate a change whose attributes were all known at plan time', async () => {
    const resolve = desiredResolver(evaluate);
    const known = { ...selection('a'), after: { plan: 'p-0', name: 'a', iam_role_arn: 'arn:aws:iam::123456789012:role/r' } };
    expect((await resolve(known, inState(newState('0')))).plan).to.equal('p-0');
    expect(asked).to.deep.equal([]);
  });

  it('refuses to go on with a value still unknown', async () => {
    const resolve = desiredResolver(evaluate);
    try {
      await resolve(selection('a'), inState(newState('0')));
      expect.fail('expected an error');
    } catch (e) {
      expect((e as Error).message).to.include('plan is still unknown');
    }
  });
});

describe('desiredResolver and lifecycle.ignore_changes', () => {
  it('keeps the planned (the object\'s) value of an ignored attribute when it resolves an update', async () => {
    const evaluate: Evaluator = () => ({
      resources: [
        resourceConfig('backup_selection.a', { plan: 'p-1', name: 'a', iam_role_arn: 'arn:aws:iam::123456789012:role/configured' }, { lifecycle: { prevent_destroy: false, ignore_changes: ['iam_role_arn'] } }),
      ],
      diagnostics: [],
    });
    const update: ResourceChange = { ...selection('a'), action: 'update', before: { plan: 'p-0', name: 'a', iam_role_arn: 'arn:aws:iam::123456789012:role/r' } };
    const resolved = await desiredResolver(evaluate)(update, inState(newState('0')));
    expect(resolved).to.deep.include({ plan: 'p-1', iam_role_arn: 'arn:aws:iam::123456789012:role/r' });
  });
});
