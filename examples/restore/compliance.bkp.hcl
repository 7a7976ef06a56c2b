# The company's backup controls, deployed to AWS Backup Audit Manager: the same blocks as the
# quickstart's `policy "company"` (examples/quickstart/policy.bkp.hcl), so `bkp check` evaluates
# them before a change is merged and AWS evaluates them after it is deployed (docs/frameworks.md).
backup_framework "company" {
  name        = "restore_demo_company"
  description = "Backups the company requires"

  # Every plan has a rule that backs up at least daily and keeps recovery points 35 days.
  control "backup_plan_min_frequency_and_min_retention" {
    required_frequency_unit  = "days"
    required_frequency_value = 1
    required_retention_days  = 35
  }

  # No recovery point (scheduled or on-demand) is kept less than 30 days.
  control "recovery_point_minimum_retention" {
    required_retention_days = 30
  }

  # Every instance and database of the account is selected by a backup plan.
  control "resources_protected_by_backup_plan" {
    resource_types = ["EC2", "RDS"]
  }

  tags = { team = "security" }
}

# A daily compliance report of the framework, written to S3 by Audit Manager.
backup_report_plan "compliance" {
  name        = "restore_demo_compliance"
  description = "Daily compliance of the company framework"
  report_delivery_channel {
    s3_bucket_name = "restore-demo-audit-reports"
    s3_key_prefix  = "backup"
    formats        = ["CSV", "JSON"]
  }
  report_setting {
    report_template = "CONTROL_COMPLIANCE_REPORT"
    framework_arns  = [backup_framework.company.arn]
  }
  tags = { team = "security" }
}
