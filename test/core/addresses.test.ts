import { expect } from 'chai';
import { dependencyCovers, withoutInstanceKey } from '../../src/core/addresses.js';

describe('core/addresses', () => {
  it('withoutInstanceKey gives the resource an instance belongs to', () => {
    expect(withoutInstanceKey('backup_vault.env["eu-west-1"]')).to.equal('backup_vault.env');
    expect(withoutInstanceKey('backup_vault.main')).to.equal('backup_vault.main');
  });

  it('a dependency on a resource covers each of its instances; one on an instance covers that instance only', () => {
    expect(dependencyCovers('backup_vault.env', 'backup_vault.env')).to.equal(true);
    expect(dependencyCovers('backup_vault.env', 'backup_vault.env["dev"]')).to.equal(true);
    expect(dependencyCovers('backup_vault.env["dev"]', 'backup_vault.env["dev"]')).to.equal(true);
    expect(dependencyCovers('backup_vault.env["dev"]', 'backup_vault.env["prod"]')).to.equal(false);
    expect(dependencyCovers('backup_vault.env', 'backup_vault.environment')).to.equal(false);
  });
});
