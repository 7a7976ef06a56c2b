# bkp restore example: backups that are proven to restore, copied to a DR Region, with the
# company's controls deployed as an AWS Backup Audit Manager framework. On the embedded sandbox.
# Walkthrough: docs/restore-walkthrough.md. Run: npx bkp -chdir=examples/restore apply -auto-approve

provider "sandbox" {
  path       = ".bkp/sandbox.json"
  region     = "eu-west-1"
  account_id = "123456789012"

  # Source resources the sandbox account starts with: what the plan protects and the tests restore.
  source "ec2-instance" "web" {
    id    = "i-0a1b2c3d4e5f60001"
    state = "running"
    tags  = { backup = "standard", env = "demo" }
  }
  source "ebs-volume" "data" {
    tags = { backup = "standard", env = "demo" }
  }
}

# The disaster-recovery Region: the same sandbox account, another Region.
provider "sandbox" {
  alias  = "dr"
  region = "us-west-2"
}

locals {
  backup_role_arn  = "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole"
  restore_role_arn = "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole"
}

backup_vault "main" {
  name = "restore-demo-main"
  tags = { team = "infra" }
}

backup_vault "dr" {
  provider = sandbox.dr
  name     = "restore-demo-dr"
  tags     = { team = "infra" }
}

backup_plan "daily" {
  name = "restore-demo-daily"

  rule "daily" {
    target_vault = backup_vault.main.name
    schedule     = "cron(0 5 ? * * *)"
    lifecycle {
      delete_after_days = 35
    }
    # Every daily recovery point is copied to the DR Region and kept there 90 days.
    copy {
      destination_vault_arn = backup_vault.dr.arn
      lifecycle {
        delete_after_days = 90
      }
    }
  }

  tags = { team = "infra" }
}

backup_selection "tagged" {
  plan         = backup_plan.daily
  name         = "restore-demo-tagged"
  iam_role_arn = local.backup_role_arn
  tag {
    key   = "backup"
    value = "standard"
  }
}

# Every day at 07:00 UTC, restore the latest recovery point of the last week of each tested resource.
restore_testing_plan "daily" {
  name               = "restore_demo_daily"
  schedule           = "cron(0 7 ? * * *)"
  start_window_hours = 4
  recovery_point_selection {
    algorithm             = "LATEST_WITHIN_WINDOW"
    include_vaults        = [backup_vault.main.arn]
    recovery_point_types  = ["SNAPSHOT"]
    selection_window_days = 7
  }
  tags = { team = "infra" }
}

# The instances: restored, then 24 hours for a validation result (PutRestoreValidationResult, e.g.
# from a smoke test) before the restored instance is deleted.
restore_testing_selection "instances" {
  name                      = "instances"
  restore_testing_plan_name = restore_testing_plan.daily
  protected_resource_type   = "EC2"
  iam_role_arn              = local.restore_role_arn
  protected_resource_arns   = ["*"]
  protected_resource_conditions {
    string_equals {
      key   = "aws:ResourceTag/env"
      value = "demo"
    }
  }
  restore_metadata_overrides = { instancetype = "t3.micro" }
  validation_window_hours    = 24
}

# The volumes: restored, then deleted as soon as the restore completes.
restore_testing_selection "volumes" {
  name                      = "volumes"
  restore_testing_plan_name = restore_testing_plan.daily
  protected_resource_type   = "EBS"
  iam_role_arn              = local.restore_role_arn
  protected_resource_arns   = ["*"]
}
