import { expect } from 'chai';
import { computedFloor, listedKindsByProvider, plansWithSelections } from '../../bench/lib/floor.js';

const vault = (provider: string, id: string) => ({ kind: 'backup_vault', provider, id });
const plan = (provider: string, id: string) => ({ kind: 'backup_plan', provider, id });
const selection = (provider: string, planId: string, id: string) => ({ kind: 'backup_selection', provider, id: `${planId}/${id}` });

describe('bench: physical floor of a refresh', () => {
  it('needs one vault page and one plan page per region, and one selection listing per plan with selections', () => {
    const resources = [
      vault('sandbox', 'a'),
      vault('sandbox.dr', 'b'),
      plan('sandbox', 'p1'),
      plan('sandbox', 'p2'),
      plan('sandbox.dr', 'p3'),
      selection('sandbox', 'p1', 's1'),
      selection('sandbox', 'p1', 's2'),
      selection('sandbox.dr', 'p3', 's3'),
    ];
    // 2 vault pages + 2 plan pages + p1 and p3 (p2 holds no managed selection).
    expect(computedFloor(resources)).to.equal(6);
    expect(plansWithSelections(resources)).to.deep.equal(new Map([['p1', 'sandbox'], ['p3', 'sandbox.dr']]));
  });

  it('counts further pages past 1,000 items', () => {
    const vaults = Array.from({ length: 2001 }, (_, i) => vault('sandbox', `v${i}`));
    expect(computedFloor(vaults)).to.equal(3);
  });

  it('lists nothing for kinds a region does not hold', () => {
    expect(computedFloor([])).to.equal(0);
    expect(computedFloor([selection('sandbox', 'p1', 's1')])).to.equal(1);
  });

  it('lists each other kind once per region and describes each settings object', () => {
    const other = (kind: string, provider: string, id: string) => ({ kind, provider, id });
    const resources = [
      vault('sandbox', 'a'),
      other('logically_air_gapped_vault', 'sandbox', 'isolated'),
      other('logically_air_gapped_vault', 'sandbox', 'isolated2'),
      other('tiering_configuration', 'sandbox', 't1'),
      other('tiering_configuration', 'sandbox.dr', 't2'),
      other('legal_hold', 'sandbox', 'h1'),
      other('region_settings', 'sandbox', 'eu-west-1'),
      other('region_settings', 'sandbox.dr', 'us-east-1'),
      other('global_settings', 'sandbox', 'eu-west-1'),
    ];
    // Standard and air-gapped vaults are two listings (by vault type); tiering in two regions; one hold listing; three Describes.
    expect(computedFloor(resources)).to.equal(1 + 1 + 2 + 1 + 3);
    expect([...listedKindsByProvider(resources).values()]).to.deep.include({ kind: 'logically_air_gapped_vault', provider: 'sandbox', objects: 2 });
  });
});
