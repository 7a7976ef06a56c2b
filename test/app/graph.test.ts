// bkp graph: the DOT output of a configuration, parsed back into nodes and edges. References and
// depends_on make edges; locals are collapsed (a resource depends on what its locals refer to);
// the instances of a for_each resource are one node; the order is the same on every run.
import { expect } from 'chai';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runGraph } from '../../src/app/graph.js';
import { renderGraphDot } from '../../src/render/graph-dot.js';
import { recordingHost } from '../support/recording-host.js';

const CONFIG = `
provider "sandbox" {}
variable "env" { type = string }
locals { vault_name = backup_vault.main.name }
backup_vault "main" { name = "main-\${var.env}" }
backup_vault "dr" {
  for_each = toset(["a", "b"])
  name     = "dr-\${each.key}"
}
backup_plan "daily" {
  name = "daily"
  rule "daily" {
    target_vault = local.vault_name
    schedule     = "cron(0 5 ? * * *)"
    copy { destination_vault_arn = backup_vault.dr["a"].arn }
  }
}
backup_selection "all" {
  plan         = backup_plan.daily
  name         = "all"
  iam_role_arn = "arn:aws:iam::123456789012:role/backup"
  resources    = ["arn:aws:ec2:*:*:instance/*"]
  depends_on   = [backup_vault.main]
}
`;

function parseDot(dot: string): { nodes: string[]; edges: string[] } {
  const nodes = [...dot.matchAll(/^\s*"([^"]+)" \[label = "([^"]+)"/gm)].map((m) => m[1]!);
  const edges = [...dot.matchAll(/^\s*"([^"]+)" -> "([^"]+)"$/gm)].map((m) => `${m[1]} -> ${m[2]}`);
  return { nodes, edges };
}

describe('bkp graph', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'bkp-graph-'));
    writeFileSync(join(dir, 'main.bkp.hcl'), CONFIG);
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  async function dot(): Promise<string> {
    const host = recordingHost();
    expect(await runGraph({ host, dir }, {})).to.equal(0);
    const message = host.messages.find((m) => m.code === 'BKP_R_GRAPH');
    if (message?.code !== 'BKP_R_GRAPH') throw new Error('no graph sent');
    return renderGraphDot(message.data.graph);
  }

  it('prints the resources as nodes and their references and depends_on as edges, locals collapsed', async () => {
    const text = await dot();
    expect(text.startsWith('digraph {')).to.equal(true);
    expect(parseDot(text)).to.deep.equal({
      nodes: ['backup_plan.daily', 'backup_selection.all', 'backup_vault.dr', 'backup_vault.main'],
      edges: [
        'backup_plan.daily -> backup_vault.dr',
        'backup_plan.daily -> backup_vault.main',
        'backup_selection.all -> backup_plan.daily',
        'backup_selection.all -> backup_vault.main',
      ],
    });
  });

  it('prints the same text on every run (a required variable without a value is unknown, not an error)', async () => {
    expect(await dot()).to.equal(await dot());
  });
});
