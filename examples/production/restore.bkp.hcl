# Proof that the production backups restore, and the company's controls deployed for auditors.
# The daily rule already copies every recovery point to the DR Region (plans.bkp.hcl); here:
# a weekly restore test of prod's databases and instances, the controls of examples/quickstart's
# policy as an AWS Backup Audit Manager framework, and a daily compliance report of it.
# The same declarations on the sandbox, with a walkthrough: examples/restore.

restore_testing_plan "weekly" {
  name               = "prod_weekly_restore"
  schedule           = "cron(0 6 ? * SUN *)"
  timezone           = "Europe/Paris"
  start_window_hours = 8
  recovery_point_selection {
    algorithm             = "RANDOM_WITHIN_WINDOW"
    include_vaults        = [backup_vault.primary["prod"].arn]
    recovery_point_types  = ["SNAPSHOT"]
    selection_window_days = 14
  }
  tags = local.common_tags
}

# Prod databases, restored into a small instance class; a validation Lambda reports its result
# (PutRestoreValidationResult) within 4 hours, then AWS Backup deletes the restored instance.
restore_testing_selection "databases" {
  name                      = "prod_databases"
  restore_testing_plan_name = restore_testing_plan.weekly
  protected_resource_type   = "RDS"
  iam_role_arn              = local.role_arn
  protected_resource_arns   = ["*"]
  protected_resource_conditions {
    string_equals {
      key   = "aws:ResourceTag/env"
      value = "prod"
    }
  }
  restore_metadata_overrides = { dbinstanceclass = "db.t3.medium" }
  validation_window_hours    = 4
}

restore_testing_selection "instances" {
  name                      = "prod_instances"
  restore_testing_plan_name = restore_testing_plan.weekly
  protected_resource_type   = "EC2"
  iam_role_arn              = local.role_arn
  protected_resource_arns   = ["*"]
  protected_resource_conditions {
    string_equals {
      key   = "aws:ResourceTag/env"
      value = "prod"
    }
  }
  restore_metadata_overrides = { instancetype = "t3.small" }
}

# The quickstart's policy controls (examples/quickstart/policy.bkp.hcl), deployed: `bkp check`
# evaluates them before a change is merged, AWS Backup Audit Manager after it is deployed.
backup_framework "company" {
  name        = "company_backup_policy"
  description = "Backups the company requires"

  control "backup_plan_min_frequency_and_min_retention" {
    required_frequency_unit  = "days"
    required_frequency_value = 1
    required_retention_days  = 35
  }

  control "recovery_point_minimum_retention" {
    required_retention_days = 30
  }

  control "resources_protected_by_backup_plan" {
    resource_types = ["EC2", "RDS"]
  }

  tags = local.common_tags
}

backup_report_plan "compliance" {
  name        = "company_compliance"
  description = "Daily compliance of the company framework"
  report_delivery_channel {
    s3_bucket_name = "company-backup-audit-${var.account_id}"
    s3_key_prefix  = "backup"
    formats        = ["CSV", "JSON"]
  }
  report_setting {
    report_template = "CONTROL_COMPLIANCE_REPORT"
    framework_arns  = [backup_framework.company.arn]
    regions         = [var.primary_region]
  }
  tags = local.common_tags
}

# The restore tests' results, as a report too: restore testing jobs appear in RESTORE_JOB_REPORT.
backup_report_plan "restores" {
  name        = "company_restore_jobs"
  description = "Daily restore jobs, restore tests included"
  report_delivery_channel {
    s3_bucket_name = "company-backup-audit-${var.account_id}"
    s3_key_prefix  = "restores"
  }
  report_setting {
    report_template = "RESTORE_JOB_REPORT"
  }
  tags = local.common_tags
}
