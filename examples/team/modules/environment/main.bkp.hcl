# One environment: its vault, a daily plan, and the resources tagged with the environment's name.

backup_vault "main" {
  name = "${var.env}-vault"
  tags = var.tags
}

backup_plan "daily" {
  name = "${var.env}-daily"
  tags = var.tags

  rule "daily" {
    target_vault = backup_vault.main.name
    schedule     = "cron(0 3 ? * * *)"
    lifecycle {
      delete_after_days = var.retention_days
    }
  }
}

backup_selection "tagged" {
  plan         = backup_plan.daily
  name         = "${var.env}-tagged"
  iam_role_arn = var.iam_role_arn
  tag {
    key   = "env"
    value = var.env
  }
}
