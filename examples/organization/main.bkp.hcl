# One backup policy for every account of an AWS Organization, and a production override, on the
# embedded sandbox: its account is the organization's management account, and the organization
# block below creates the OUs and member accounts on first use. Each member account also gets a
# module instance (account/): its locked vault and an on-demand backup, applied through a role
# bkp assumes in that account.

provider "sandbox" {
  region = "eu-west-1"

  organization {
    root_id = "r-demo"

    unit "production" {
      id = "ou-demo-production"
    }
    unit "development" {
      id = "ou-demo-development"
    }

    account "shop-prod" {
      id   = "111111111111"
      unit = "production"
    }
    account "shop-dev" {
      id   = "222222222222"
      unit = "development"
    }
  }
}

# The member accounts bkp manages directly, each through a role it assumes there: one provider
# instance per account (for_each on the provider), and one module instance per account using it.
locals {
  members = {
    "shop-prod" = { id = "111111111111", instance = "i-0a1b2c3d4e5f60111" }
    "shop-dev"  = { id = "222222222222", instance = "i-0a1b2c3d4e5f60222" }
  }
}

provider "sandbox" {
  alias    = "member"
  for_each = local.members
  region   = "eu-west-1"

  assume_role {
    role_arn     = "arn:aws:iam::${each.value.id}:role/OrganizationAccountAccessRole"
    session_name = "bkp-${each.key}"
  }

  # The instance each member account runs (created in that account on first use).
  source "ec2-instance" "web" {
    id    = each.value.instance
    state = "running"
    tags  = { backup = "daily" }
  }
}

module "account" {
  source    = "./account"
  for_each  = local.members
  providers = { sandbox = sandbox.member[each.key] }

  account_id  = each.value.id
  instance_id = each.value.instance
}

# Every account: a daily plan in two Regions, kept 35 days, copied to the DR Region.
org_backup_policy "baseline" {
  name        = "backup-baseline"
  description = "Daily backups of everything tagged backup=daily, in every account"

  plan "daily" {
    regions = ["eu-west-1", "eu-central-1"]

    rule "nightly" {
      target_vault         = "Default"
      schedule             = "cron(0 3 ? * * *)"
      start_window_minutes = 60
      lifecycle {
        delete_after_days = 35
      }
      copy {
        destination_vault_arn = "arn:aws:backup:eu-central-1:$account:backup-vault:dr"
      }
    }

    selection "tagged" {
      iam_role_arn = "arn:aws:iam::$account:role/service-role/AWSBackupDefaultServiceRole"
      tag_key      = "backup"
      tag_values   = ["daily"]
    }
  }
}

# Production keeps a year, and adds us-east-1; nothing below production may shorten it.
org_backup_policy "production" {
  name        = "backup-production"
  description = "Production: one year of retention, three Regions"

  plan "daily" {
    append {
      regions = ["us-east-1"]
    }

    rule "nightly" {
      lifecycle {
        delete_after_days = 365
      }
      child_operators = ["none"]
    }
  }
}

# The ids to attach to, found by name in the organization (no hard-coded r-… or ou-… ids).
data "organization_root" "org" {}

data "organizational_unit" "production" {
  name = "production"
}

org_policy_attachment "baseline" {
  policy_id = org_backup_policy.baseline.id
  target_id = data.organization_root.org.id
}

org_policy_attachment "production" {
  policy_id = org_backup_policy.production.id
  target_id = data.organizational_unit.production.id
}
