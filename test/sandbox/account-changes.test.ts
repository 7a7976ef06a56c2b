import { expect } from 'chai';
import { trackChanges } from '../../src/sandbox/account-changes.js';

interface Account {
  clock: { now: number };
  backup: Record<string, { plans: Record<string, { name: string; versions: { id: string }[] }>; tags: Record<string, Record<string, string>> }>;
  inventory: { arn: string; state: string }[];
  extensions: Record<string, unknown>;
}

function account(): Account {
  return {
    clock: { now: 1 },
    backup: { r1: { plans: { p1: { name: 'one', versions: [{ id: 'v1' }] }, p2: { name: 'two', versions: [] } }, tags: { a: { k: 'v' } } } },
    inventory: [{ arn: 'arn:1', state: 'running' }],
    extensions: {},
  };
}

describe('sandbox account change tracking', () => {
  it('notes a write deep inside a record as the record (backup, region, collection, id)', () => {
    const { tracked, changedPaths } = trackChanges(account());
    tracked.backup['r1']!.plans['p1']!.versions.push({ id: 'v2' });
    tracked.backup['r1']!.plans['p1']!.versions[0]!.id = 'v0';
    expect(changedPaths()).to.deep.equal([['backup', 'r1', 'plans', 'p1']]);
  });

  it('notes writes above record level at the key written, deletes included', () => {
    const { tracked, changedPaths } = trackChanges(account());
    tracked.clock.now = 2;
    delete tracked.backup['r1']!.tags['a'];
    tracked.extensions['note'] = 'x';
    expect(changedPaths()).to.have.deep.members([['clock', 'now'], ['backup', 'r1', 'tags', 'a'], ['extensions', 'note']]);
  });

  it('notes a write inside an array as the whole array', () => {
    const { tracked, changedPaths } = trackChanges(account());
    tracked.inventory[0]!.state = 'stopped';
    tracked.inventory.push({ arn: 'arn:2', state: 'running' });
    expect(changedPaths()).to.deep.equal([['inventory']]);
  });

  it('drops paths inside one written whole, and notes nothing for reads', () => {
    const { tracked, changedPaths } = trackChanges(account());
    void JSON.stringify(tracked);
    void Object.keys(tracked.backup['r1']!.plans).map((id) => tracked.backup['r1']!.plans[id]!.versions.length);
    expect(changedPaths()).to.deep.equal([]);
    tracked.backup['r1']!.plans['p2']!.name = 'renamed';
    tracked.backup['r2'] = { plans: {}, tags: {} };
    tracked.backup['r2'].plans['p9'] = { name: 'nine', versions: [] };
    Object.assign(tracked.backup['r1']!, { tags: {} });
    expect(changedPaths()).to.have.deep.members([['backup', 'r1', 'plans', 'p2'], ['backup', 'r2'], ['backup', 'r1', 'tags']]);
  });

  it('stores the objects themselves, never a proxy, and keeps them the same object', () => {
    const raw = account();
    const { tracked, untracked } = trackChanges(raw);
    const plan = tracked.backup['r1']!.plans['p1']!;
    tracked.backup['r1']!.plans['copy'] = plan;
    Object.defineProperty(tracked.extensions, 'defined', { value: plan.versions, enumerable: true, configurable: true, writable: true });
    expect(raw.backup['r1']!.plans['copy']).to.equal(raw.backup['r1']!.plans['p1']);
    expect(raw.extensions['defined']).to.equal(raw.backup['r1']!.plans['p1']!.versions);
    expect(untracked(plan)).to.equal(raw.backup['r1']!.plans['p1']);
    expect(tracked.backup['r1']!.plans['p1']).to.equal(plan, 'one proxy per object');
    expect(untracked('text')).to.equal('text');
  });

  it('hands out frozen objects as they are', () => {
    const raw = account();
    raw.extensions['frozen'] = Object.freeze({ inner: Object.freeze({ x: 1 }) });
    const { tracked } = trackChanges(raw);
    const frozen = tracked.extensions['frozen'] as { inner: { x: number } };
    expect(frozen.inner).to.equal((raw.extensions['frozen'] as { inner: unknown }).inner);
  });
});
