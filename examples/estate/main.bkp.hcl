# bkp estate: every AWS Backup object bkp manages, on the embedded sandbox account.
# Run: node bin/bkp.js -chdir=examples/estate apply -auto-approve

provider "sandbox" {
  path       = ".bkp/sandbox.json"
  region     = "eu-west-1"
  account_id = "123456789012"

  # Source resources the sandbox account starts with: what the plan below protects.
  source "ec2-instance" "web" {
    id    = "i-0e57a7e0000000001"
    state = "running"
    tags  = { backup = "estate" }
  }
  source "ebs-volume" "ledger" {
    tags = { backup = "estate" }
  }
}

locals {
  backup_role_arn  = "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole"
  scanner_role_arn = "arn:aws:iam::123456789012:role/GuardDutyMalwareScanner"
}

# Where the daily backups land.
backup_vault "main" {
  name = "estate-main"
  tags = { team = "infra" }
}

# Where their copies survive a compromised account: locked from its creation, 7 to 365 days.
logically_air_gapped_vault "isolated" {
  name               = "estate-isolated"
  min_retention_days = 7
  max_retention_days = 365
  tags               = { team = "infra" }
}

backup_plan "daily" {
  name = "estate-daily"

  rule "daily" {
    target_vault = backup_vault.main.name
    schedule     = "cron(0 5 ? * * *)"
    lifecycle {
      delete_after_days = 35
    }

    # Every recovery point is scanned for malware and indexed for search.
    scan_action {
      malware_scanner = "GUARDDUTY"
      scan_mode       = "INCREMENTAL_SCAN"
    }
    index_action {
      resource_types = ["EBS"]
    }

    # A copy into the air-gapped vault, kept within its locked range.
    copy {
      destination_vault_arn = logically_air_gapped_vault.isolated.arn
      lifecycle {
        delete_after_days = 90
      }
    }
  }

  scan_setting {
    malware_scanner  = "GUARDDUTY"
    resource_types   = ["EBS"]
    scanner_role_arn = local.scanner_role_arn
  }

  tags = { team = "infra" }
}

backup_selection "tagged" {
  plan         = backup_plan.daily
  name         = "estate-tagged"
  iam_role_arn = local.backup_role_arn
  tag {
    key   = "backup"
    value = "estate"
  }
}

# The account's service opt-in in this Region, and its organization-wide options.
region_settings "main" {
  resource_type_opt_in_preference = {
    EC2  = true
    EBS  = true
    DSQL = false
  }
  resource_type_management_preference = {
    DynamoDB = true
  }
}

global_settings "org" {
  cross_account_backup = true
}

# Keeps every recovery point of the main vault from deletion until the case is closed.
legal_hold "audit" {
  title              = "audit 2026"
  description        = "Keep every backup of the main vault during the 2026 audit"
  cancel_description = "audit closed"
  recovery_point_selection {
    vault_names = [backup_vault.main.name]
  }
  tags = { team = "legal" }
}

# S3 backup data older than a year moves to the low-cost warm tier, in every vault.
tiering_configuration "archive" {
  name              = "estate_archive"
  backup_vault_name = "*"
  resource_selection {
    resources                     = ["*"]
    tiering_down_settings_in_days = 365
    resource_type                 = "S3"
  }
}
