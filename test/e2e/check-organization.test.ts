// bkp check on organization backup policies, end to end on the sandbox's organization: a root
// policy whose rule keeps 7 days, an OU override keeping 35 days for production, and a control
// requiring 30. Offline, the root policy's rule is reported at its line, and so are the accounts the
// configuration merges it into; after apply, -refresh reads each account's effective policy
// (DescribeEffectivePolicy) and reports the accounts outside production, passing production.
import { expect } from 'chai';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runBkp, tempDir } from '../support/cli.js';

const CONFIG = `provider "sandbox" {
  region = "eu-west-1"
  organization {
    root_id = "r-demo"
    unit "production" {
      id = "ou-demo-production"
    }
    unit "staging" {}
    account "web-prod" {
      id   = "111111111111"
      unit = "production"
    }
    account "web-staging" {
      id   = "333333333333"
      unit = "staging"
    }
    account "experiments" {
      id = "444444444444"
    }
  }
}

org_backup_policy "baseline" {
  name = "backup-baseline"
  plan "daily" {
    regions = ["eu-west-1", "eu-central-1"]
    rule "nightly" {
      target_vault = "Default"
      schedule     = "cron(0 3 ? * * *)"
      lifecycle {
        delete_after_days = 7
      }
    }
    selection "instances" {
      iam_role_arn = "arn:aws:iam::$account:role/backup"
      resources    = ["arn:aws:ec2:*:*:instance/*"]
    }
  }
}

org_backup_policy "production" {
  name = "backup-production"
  plan "daily" {
    rule "nightly" {
      lifecycle {
        delete_after_days = 35
      }
    }
  }
}

# The root by its literal id, the production OU found by name: both say offline where a policy applies.
data "organizational_unit" "production" {
  name = "production"
}

org_policy_attachment "baseline" {
  policy_id = org_backup_policy.baseline.id
  target_id = "r-demo"
}

org_policy_attachment "production" {
  policy_id = org_backup_policy.production.id
  target_id = data.organizational_unit.production.id
}

policy "company" {
  control "backup_plan_min_frequency_and_min_retention" {
    required_retention_days = 30
  }
}
`;

/** The root policy's `delete_after_days = 7`: where every finding about a 7-day plan points. */
const ROOT_RETENTION_LINE = CONFIG.split('\n').findIndex((l) => l.includes('delete_after_days = 7')) + 1;

interface Report {
  compliant: boolean;
  findings: Array<{ resource: string; message: string; account?: { id: string; name: string }; range?: { filename: string; start: { line: number; column: number } } }>;
  controls: Array<{ resources_evaluated: string[] }>;
  organization?: { source: string; reason?: string; accounts: Array<{ id: string; name: string; status: string; plans?: Array<{ name: string; region: string }> }> };
}

describe('bkp check on organization backup policies (sandbox organization)', function () {
  this.timeout(120_000);
  let dir: string;
  let cleanup: () => Promise<void>;
  const bkp = (...args: string[]) => runBkp([`-chdir=${dir}`, ...args, '-no-color'], { cwd: dir });
  const report = async (...args: string[]) => {
    const run = await bkp('check', '-json', ...args);
    expect(run.code, run.stderr).to.equal(3);
    return JSON.parse(run.stdout) as Report;
  };
  const accountsFlagged = (r: Report) => [...new Set(r.findings.filter((f) => f.account).map((f) => `${f.account!.id} ${f.account!.name}`))].sort();

  before(async () => {
    ({ dir, cleanup } = await tempDir());
    await writeFile(join(dir, 'main.bkp.hcl'), CONFIG);
  });
  after(async () => cleanup());

  describe('offline', () => {
    it("reports the root policy's rule at its line in the .bkp.hcl source", async () => {
      const human = await bkp('check');
      expect(human.code, human.stderr).to.equal(3);
      expect(human.stdout).to.include('company/backup_plan_min_frequency_and_min_retention: org_backup_policy.baseline plan "daily"');
      expect(human.stdout).to.include(`on main.bkp.hcl line ${ROOT_RETENTION_LINE}`);
      const json = await report();
      const own = json.findings.filter((f) => f.account === undefined);
      expect(own.map((f) => f.resource)).to.deep.equal(['org_backup_policy.baseline plan "daily"']);
      expect(own[0]!.message).to.include('rule "nightly"').and.include('keeps recovery points 7 days (less than 30)');
      expect(own[0]!.range).to.deep.include({ filename: 'main.bkp.hcl' });
      expect(own[0]!.range!.start.line).to.equal(ROOT_RETENTION_LINE);
    });

    it('merges the policies per account from the organization block and passes production', async () => {
      const json = await report();
      expect(json.organization!.source).to.equal('configuration');
      expect(accountsFlagged(json)).to.deep.equal(['123456789012 management', '333333333333 web-staging', '444444444444 experiments']);
      expect(json.controls[0]!.resources_evaluated).to.include('account 111111111111 (web-prod) plan "daily" in eu-central-1');
    });
  });

  describe('after apply, with -refresh', () => {
    before(async () => {
      const apply = await bkp('apply', '-auto-approve');
      expect(apply.code, apply.stdout + apply.stderr).to.equal(0);
    });

    it("reads each account's effective policy and reports the accounts outside production, per Region", async () => {
      const json = await report('-refresh');
      expect(json.organization!.source).to.equal('organization');
      expect(json.organization!.accounts.map((a) => [a.id, a.status, a.plans!.map((p) => p.region)])).to.deep.equal([
        ['123456789012', 'evaluated', ['eu-west-1', 'eu-central-1']],
        ['444444444444', 'evaluated', ['eu-west-1', 'eu-central-1']],
        ['111111111111', 'evaluated', ['eu-west-1', 'eu-central-1']],
        ['333333333333', 'evaluated', ['eu-west-1', 'eu-central-1']],
      ]);
      expect(accountsFlagged(json)).to.deep.equal(['123456789012 management', '333333333333 web-staging', '444444444444 experiments']);
      const staging = json.findings.filter((f) => f.account?.id === '333333333333').map((f) => f.resource);
      expect(staging).to.deep.equal(['account 333333333333 (web-staging) plan "daily" in eu-west-1', 'account 333333333333 (web-staging) plan "daily" in eu-central-1']);
      for (const f of json.findings) expect(f.range!.start.line, f.resource).to.equal(ROOT_RETENTION_LINE);
      expect(json.controls[0]!.resources_evaluated).to.include('account 111111111111 (web-prod) plan "daily" in eu-west-1');
    });

    it('carries the account into the human report and SARIF', async () => {
      const human = await bkp('check', '-refresh');
      expect(human.code).to.equal(3);
      expect(human.stdout).to.include('account 333333333333 (web-staging) plan "daily" in eu-west-1 has no rule running');
      expect(human.stdout).to.include('Organization accounts: 4 accounts evaluated (effective backup policies read from AWS Organizations');
      const sarif = await bkp('check', '-refresh', '-format=sarif');
      expect(sarif.code).to.equal(3);
      const results = (JSON.parse(sarif.stdout) as { runs: Array<{ results: Array<{ properties: { accountId?: string; accountName?: string } }> }> }).runs[0]!.results;
      expect(results.filter((r) => r.properties.accountId === '333333333333').map((r) => r.properties.accountName)).to.deep.equal(['web-staging', 'web-staging']);
    });
  });
});
