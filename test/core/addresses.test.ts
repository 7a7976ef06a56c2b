import { expect } from 'chai';
import { addressSteps, blockAddress, dependencyCovers, withoutInstanceKey } from '../../src/core/addresses.js';

describe('core/addresses', () => {
  it('addressSteps splits an address at the steps that can take a key, reading quoted keys whole', () => {
    expect(addressSteps('module.env[0].module.x["a.b"].backup_vault.main[1]')).to.deep.equal(['module.env[0]', 'module.x["a.b"]', 'backup_vault.main[1]']);
    expect(addressSteps('backup_vault.v["a.b[0]"]')).to.deep.equal(['backup_vault.v["a.b[0]"]']);
  });

  it('blockAddress gives the block of an instance, or the module call holding it', () => {
    expect(blockAddress('data.caller_identity.me["x"]')).to.equal('data.caller_identity.me');
    expect(blockAddress('module.env["prod"].data.caller_identity.me')).to.equal('module.env');
  });

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
