// A state that names a provider the configuration no longer declares: the error says how to bring
// it back, for a default provider, an alias and an instance of a provider's for_each.
import { expect } from 'chai';
import { ProviderClients } from '../../src/app/providers.js';
import { UserError } from '../../src/core/errors.js';

function hintFor(key: string): string {
  const clients = new ProviderClients({ providers: [], dir: '.' });
  try {
    clients.settingsFor(key);
  } catch (error) {
    expect(error).to.be.instanceOf(UserError);
    expect((error as UserError).message).to.include(`provider "${key}"`);
    return (error as UserError).hint ?? '';
  }
  throw new Error(`settingsFor("${key}") did not fail`);
}

describe('app: a provider the state names but the configuration lost', () => {
  it('says which provider block to add back', () => {
    expect(hintFor('aws')).to.equal('Add provider block "aws" back until its resources are destroyed.');
    expect(hintFor('aws.dr')).to.equal('Add provider block "aws" with alias = "dr" back until its resources are destroyed.');
  });

  it("says which key to add back to a provider's for_each, dots and all", () => {
    expect(hintFor('sandbox.region["eu-west-1"]')).to.equal('Add the key "eu-west-1" back to the for_each of provider "sandbox" with alias = "region" until its resources are destroyed.');
    expect(hintFor('aws.account["prod.eu"]')).to.equal('Add the key "prod.eu" back to the for_each of provider "aws" with alias = "account" until its resources are destroyed.');
  });
});
