// The configuration evaluated again at plan time, with the computed attributes state knows: rules
// the load could not apply to an unknown reference (a copy into an air-gapped vault or a locked
// vault named by its `.arn`) are applied once the value is known.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, reevaluator } from '../../src/app/configuration.js';
import type { Config } from '../../src/config/model.js';
import type { KnownAttributes } from '../../src/engine/workflow.js';

const ISOLATED_ARN = 'arn:aws:backup:eu-west-1:123456789012:backup-vault:isolated';
const DR_ARN = 'arn:aws:backup:eu-west-1:123456789012:backup-vault:dr';

const CONFIG = (copyDays: number, drDays: number) => `provider "sandbox" {
  region     = "eu-west-1"
  account_id = "123456789012"
}

backup_vault "main" {
  name = "main"
}

backup_vault "dr" {
  name = "dr"
  lock {
    min_retention_days = 30
  }
}

logically_air_gapped_vault "isolated" {
  name               = "isolated"
  min_retention_days = 7
  max_retention_days = 365
}

backup_plan "daily" {
  for_each = toset(["a", "b"])
  name     = "daily-\${each.key}"
  rule "daily" {
    target_vault = backup_vault.main.name
    lifecycle {
      delete_after_days = 35
    }
    copy {
      destination_vault_arn = logically_air_gapped_vault.isolated.arn
      lifecycle {
        delete_after_days = ${copyDays}
      }
    }
    copy {
      destination_vault_arn = backup_vault.dr.arn
      lifecycle {
        delete_after_days = ${drDays}
      }
    }
  }
}
`;

/** What state knows once both vaults exist: their ARNs. */
const vaultsExist: KnownAttributes = (address) =>
  address === 'logically_air_gapped_vault.isolated' ? { id: 'isolated', arn: ISOLATED_ARN } : address === 'backup_vault.dr' ? { id: 'dr', arn: DR_ARN } : undefined;
const nothingExists: KnownAttributes = () => undefined;

describe('app/configuration: reevaluator', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bkp-reevaluate-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function load(copyDays: number, drDays: number): Promise<Config> {
    writeFileSync(join(dir, 'main.bkp.hcl'), CONFIG(copyDays, drDays));
    const loaded = await loadConfig({ dir });
    // The ARNs are unknown when the configuration is loaded: nothing to check the copies against.
    expect(loaded.diagnostics.filter((d) => d.severity === 'error')).to.deep.equal([]);
    return loaded.config!;
  }

  it('refuses, once the vaults exist, copies their range or lock would refuse, at the copy, once for all instances', async () => {
    const config = await load(3, 10);
    const { diagnostics } = reevaluator(config, { dir })(vaultsExist);
    expect(diagnostics.map((d) => [d.summary, d.range?.start.line, d.context])).to.deep.equal([
      ['Retention outside the air-gapped vault range', 34, 'backup_plan "daily"'],
      ['Retention outside the vault lock', 40, 'backup_plan "daily"'],
    ]);
    expect(diagnostics[0]!.detail).to.include('keeps recovery points 3 days').and.include('between 7 days and 365 days');
  });

  it('finds nothing while the vaults do not exist, for copies within range, or when only some resources are evaluated', async () => {
    const refused = await load(3, 10);
    expect(reevaluator(refused, { dir })(nothingExists).diagnostics).to.deep.equal([]);
    expect(reevaluator(refused, { dir })(vaultsExist, new Set(['backup_vault.main'])).diagnostics).to.deep.equal([]);
    const accepted = await load(90, 30);
    expect(reevaluator(accepted, { dir })(vaultsExist).diagnostics).to.deep.equal([]);
  });
});
