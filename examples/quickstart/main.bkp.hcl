# bkp quickstart: a complete backup policy on the embedded sandbox account.
# Run: npx bkp -chdir=examples/quickstart apply -auto-approve

provider "sandbox" {
  path       = ".bkp/sandbox.json"
  region     = "eu-west-1"
  account_id = "123456789012"

  # Source resources the sandbox account starts with: what the policy below protects.
  source "ec2-instance" "web" {
    id    = "i-0a1b2c3d4e5f60001"
    state = "running"
    tags  = { backup = "standard", env = "demo" }
  }
  source "rds-instance" "orders" {
    tags = { backup = "standard" }
  }
}

variable "env" {
  type        = string
  default     = "demo"
  description = "Environment name, used in resource names"
}

locals {
  daily_retention_days   = 35
  monthly_retention_days = 365
  backup_role_arn        = "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole"
}

backup_vault "main" {
  name = "main-${var.env}"
  tags = { team = "infra", env = var.env }
}

backup_plan "standard" {
  name = "standard-${var.env}"

  rule "daily" {
    target_vault = backup_vault.main.name
    schedule     = "cron(0 5 ? * * *)"
    timezone     = "Europe/Paris"
    lifecycle {
      delete_after_days = local.daily_retention_days
    }
    recovery_point_tags = { schedule = "daily" }
  }

  rule "monthly" {
    target_vault = backup_vault.main.name
    schedule     = "cron(0 3 1 * ? *)"
    lifecycle {
      cold_storage_after_days = 30
      delete_after_days       = local.monthly_retention_days
    }
    recovery_point_tags = { schedule = "monthly" }
  }

  tags = { team = "infra" }
}

backup_selection "tagged" {
  plan         = backup_plan.standard
  name         = "tagged-${var.env}"
  iam_role_arn = local.backup_role_arn
  tag {
    key   = "backup"
    value = "standard"
  }
}

on_demand_backup "before-upgrade" {
  resource_arn         = "arn:aws:ec2:eu-west-1:123456789012:instance/i-0a1b2c3d4e5f60001"
  vault                = backup_vault.main.name
  iam_role_arn         = local.backup_role_arn
  start_window_minutes = 60
  lifecycle {
    delete_after_days = 30
  }
  recovery_point_tags = { reason = "upgrade" }
  trigger             = "2026-11-25"
}
