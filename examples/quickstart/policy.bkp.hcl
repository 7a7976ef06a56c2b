# The company's backup policy, checked offline by `bkp check` (exit 3 when it is not met).
# Controls are named after AWS Backup Audit Manager's: see docs/check.md.

policy "company" {
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
}
