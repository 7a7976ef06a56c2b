import { expect } from 'chai';
import { validateLegalHold } from '../../../src/resources/legal-hold/validate.js';

type Attributes = Parameters<typeof validateLegalHold>[0]['attributes'];
const problems = (attributes: Attributes) => validateLegalHold({ attributes }).map((p) => [p.path, p.summary]);

describe('resources/legal-hold/validate', () => {
  it('accepts a hold with its cancel_description', () => {
    expect(
      problems({
        title: 'litigation',
        description: 'case 42',
        cancel_description: 'case closed',
        recovery_point_selection: { vault_names: ['main'], date_range: { from_date: '2026-01-01', to_date: '2026-01-01T23:59:59Z' } },
      }),
    ).to.deep.equal([]);
  });

  it('requires cancel_description on the block, and says why', () => {
    const [p] = validateLegalHold({ attributes: { title: 't', description: 'd' } });
    expect([p!.path, p!.summary]).to.deep.equal(['', 'Missing cancel_description']);
    expect(p!.detail).to.include('destroying or replacing the hold cancels it, and AWS requires a reason');
  });

  it('checks vault names and the date range', () => {
    expect(
      problems({
        title: 't',
        description: 'd',
        cancel_description: 'c',
        recovery_point_selection: { vault_names: ['ok', 'x'], date_range: { from_date: 'yesterday', to_date: '2026-01-01' } },
      }),
    ).to.deep.equal([
      ['/recovery_point_selection/vault_names/1', 'Invalid backup vault name'],
      ['/recovery_point_selection/date_range/from_date', 'Invalid date'],
    ]);
    expect(
      problems({ title: 't', description: 'd', cancel_description: 'c', recovery_point_selection: { date_range: { from_date: '2026-02-01', to_date: '2026-01-01' } } }),
    ).to.deep.equal([['/recovery_point_selection/date_range/to_date', 'Empty date range']]);
  });
});
