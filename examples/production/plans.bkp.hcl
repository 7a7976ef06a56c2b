backup_plan "daily" {
  for_each = var.environments
  name     = "daily-${each.key}"

  rule "daily" {
    target_vault              = backup_vault.primary[each.key].name
    schedule                  = "cron(0 5 ? * * *)"
    timezone                  = "Europe/Paris"
    start_window_minutes      = 60
    completion_window_minutes = 180
    lifecycle {
      delete_after_days = each.value
    }
    recovery_point_tags = { plan = "daily", env = each.key }

    copy {
      destination_vault_arn = backup_vault.dr.arn
      lifecycle {
        delete_after_days = each.value * 2
      }
    }

    # A second copy that survives the compromise of this account (see vaults.bkp.hcl).
    copy {
      destination_vault_arn = logically_air_gapped_vault.isolated.arn
      lifecycle {
        delete_after_days = each.value
      }
    }

    # Every daily recovery point is scanned for malware and indexed for search.
    scan_action {
      malware_scanner = "GUARDDUTY"
      scan_mode       = "INCREMENTAL_SCAN"
    }
    index_action {
      resource_types = ["EBS"]
    }
  }

  rule "monthly" {
    target_vault = backup_vault.primary[each.key].name
    schedule     = "cron(0 3 1 * ? *)"
    lifecycle {
      cold_storage_after_days = 30
      delete_after_days       = each.key == "prod" ? 365 : 120
    }
    copy {
      destination_vault_arn = backup_vault.dr.arn
    }
  }

  rule "pitr" {
    target_vault      = backup_vault.primary[each.key].name
    continuous_backup = true
    lifecycle {
      delete_after_days = 35
    }
  }

  scan_setting {
    malware_scanner  = "GUARDDUTY"
    resource_types   = ["EBS"]
    scanner_role_arn = local.scanner_role_arn
  }

  windows_vss = true
  tags        = merge(local.common_tags, { env = each.key })
}

backup_selection "by_tag" {
  for_each     = var.environments
  plan         = backup_plan.daily[each.key]
  name         = "tagged-${each.key}"
  iam_role_arn = local.role_arn
  resources    = ["arn:aws:ec2:*:*:instance/*", "arn:aws:rds:*:*:db:*"]

  tag {
    key   = "backup"
    value = "daily"
  }

  condition {
    string_equals = { "aws:ResourceTag/env" = each.key }
  }
}
