import { expect } from 'chai';
import { renderCheckHuman } from '../../src/render/check-human.js';
import { sampleReport } from './check-fixtures.js';

describe('check human view', () => {
  it('shows each finding with its position, a line per control and the summary', () => {
    const text = renderCheckHuman(sampleReport(), { color: false, sources: new Map() });
    expect(text).to.include('Error: company/recovery_point_minimum_retention: backup_plan.daily');
    expect(text).to.include('on main.bkp.hcl line 13:');
    expect(text).to.include('Warning: company/recovery_point_encrypted: backup_vault.main');
    expect(text).to.include('company/last_recovery_point_created: not evaluated (needs -refresh)');
    expect(text).to.include('Non-compliant: 4 controls, 4 resources evaluated: 2 compliant, 2 non-compliant. 1 control not evaluated.');
    expect(text).to.not.include('\u001b[');
  });
});
