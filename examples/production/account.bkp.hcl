# The account's AWS Backup settings, a legal hold and S3 tiering (docs/account-settings.md,
# docs/holds-and-tiering.md).

# The service opt-in of the primary Region: the types the selections protect, and DynamoDB's
# advanced backup.
region_settings "primary" {
  resource_type_opt_in_preference = {
    EC2      = true
    EBS      = true
    RDS      = true
    DynamoDB = true
  }
  resource_type_management_preference = {
    DynamoDB = true
  }
}

# Cross-account backup lets the air-gapped vault's copies be shared and restored from a recovery
# account. AWS changes it only from the organization's management account.
global_settings "org" {
  cross_account_backup = true
}

# The audit keeps every production backup until it is closed.
legal_hold "audit" {
  title              = "audit-2026"
  description        = "Keep every production backup during the 2026 audit"
  cancel_description = "audit closed"
  retain_record_days = 365
  recovery_point_selection {
    vault_names = [backup_vault.primary["prod"].name]
    date_range {
      from_date = "2026-01-01"
      to_date   = "2026-12-31T23:59:59Z"
    }
  }
  tags = local.common_tags
}

# S3 backup data older than a year moves to the low-cost warm tier, in every vault.
tiering_configuration "s3" {
  name              = "s3_after_one_year"
  backup_vault_name = "*"
  resource_selection {
    resources                     = ["*"]
    tiering_down_settings_in_days = 365
    resource_type                 = "S3"
  }
  tags = local.common_tags
}
