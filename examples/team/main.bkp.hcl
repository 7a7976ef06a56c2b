# A team's backup repository: one module per environment, called once per environment with
# for_each, so that adding an environment is one line in local.environments.
# Run: npx bkp -chdir=examples/team apply -auto-approve

provider "sandbox" {
  path       = ".bkp/sandbox.json"
  region     = "eu-west-1"
  account_id = "123456789012"
}

# What the repository refers to but does not manage, read from the account at plan time.
data "caller_identity" "current" {}

data "iam_role" "backup" {
  name = "AWSBackupDefaultServiceRole"
}

locals {

  # Per environment: how long daily recovery points are kept.
  environments = {
    dev     = { retention_days = 7 }
    staging = { retention_days = 14 }
    prod    = { retention_days = 35 }
  }
}

module "environment" {
  for_each = local.environments
  source   = "./modules/environment"

  env            = each.key
  retention_days = each.value.retention_days
  iam_role_arn   = data.iam_role.backup.arn
  tags           = { team = "platform", env = each.key }
}
