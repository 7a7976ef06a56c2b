// A copy's destination_vault_arn written as a reference to a vault of the configuration
// (`backup_vault.dr.arn`) is unknown until apply, but the vault's provider says its Region and
// account: the controls that want a copy elsewhere judge it (examples/restore and
// examples/production write their DR copies this way).
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runInProcess } from '../reliability/support/in-process.js';
import { tempDir } from '../support/cli.js';

const ROLE = 'arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole';

function configuration(destination: string, drRegion = 'us-west-2', drAccount = '123456789012'): string {
  return `
provider "sandbox" {
  region     = "eu-west-1"
  account_id = "123456789012"
  source "ec2-instance" "web" {
    tags = { backup = "yes" }
  }
}
provider "sandbox" {
  alias      = "dr"
  region     = "${drRegion}"
  account_id = "${drAccount}"
}
backup_vault "main" { name = "main" }
backup_vault "dr" {
  provider = sandbox.dr
  name     = "dr"
}
backup_vault "regional" {
  for_each = toset(["a", "b"])
  provider = sandbox.dr
  name     = "regional-\${each.key}"
}
backup_plan "daily" {
  name = "daily"
  rule "daily" {
    target_vault = backup_vault.main.name
    copy {
      destination_vault_arn = ${destination}
    }
  }
}
backup_selection "all" {
  plan         = backup_plan.daily
  name         = "all"
  iam_role_arn = "${ROLE}"
  tag {
    key   = "backup"
    value = "yes"
  }
}
policy "dr" {
  control "resources_protected_by_cross_region" {}
  control "resources_protected_by_cross_account" {}
}
`;
}

interface Report {
  controls: Array<{ control: string; status: string }>;
  findings: Array<{ control: string; message: string }>;
}

async function statuses(text: string): Promise<Record<string, string>> {
  const { dir, cleanup } = await tempDir('bkp-copy-ref-');
  try {
    await writeFile(join(dir, 'main.bkp.hcl'), text);
    const result = await runInProcess(dir, ['check', '-json']);
    const report = JSON.parse(result.stdout) as Report;
    return Object.fromEntries(report.controls.map((c) => [c.control, c.status]));
  } finally {
    await cleanup();
  }
}

describe('copies to a vault of the configuration, judged before apply', () => {
  it('counts backup_vault.dr.arn as a copy to the Region of the vault\'s provider', async () => {
    const got = await statuses(configuration('backup_vault.dr.arn'));
    expect(got.resources_protected_by_cross_region).to.equal('compliant');
    expect(got.resources_protected_by_cross_account).to.equal('non_compliant');
  });

  it('counts another account, an instance by key, and the reference inside a string', async () => {
    const got = await statuses(configuration('"${backup_vault.regional["a"].arn}"', 'eu-west-1', '210987654321'));
    expect(got.resources_protected_by_cross_account).to.equal('compliant');
    expect(got.resources_protected_by_cross_region).to.equal('non_compliant');
  });

  it('does not count a vault in the plan\'s own Region and account', async () => {
    const got = await statuses(configuration('backup_vault.main.arn'));
    expect(got.resources_protected_by_cross_region).to.equal('non_compliant');
    expect(got.resources_protected_by_cross_account).to.equal('non_compliant');
  });
});

describe('copies to a computed destination', () => {
  it('says the destination cannot be placed before apply, instead of "no copy action"', async () => {
    const { dir, cleanup } = await tempDir('bkp-copy-ref-');
    try {
      await writeFile(join(dir, 'main.bkp.hcl'), configuration('replace(backup_vault.dr.arn, "us-west-2", "eu-west-1")'));
      const result = await runInProcess(dir, ['check', '-json']);
      const report = JSON.parse(result.stdout) as Report;
      const finding = report.findings.find((f) => f.control === 'resources_protected_by_cross_region');
      expect(finding?.message).to.contain('copies to a vault bkp cannot place before apply').and.not.contain('no copy action');
    } finally {
      await cleanup();
    }
  });
});
