# One member account: the vault the organization's policy backs up into (its rules name the vault
# "Default"), under a vault lock, and an on-demand backup taken before a migration. The caller
# gives this module the provider of the account (providers = { sandbox = sandbox.member[…] }).

variable "account_id" {
  type        = string
  description = "The member account's id"
}

variable "instance_id" {
  type        = string
  description = "The EC2 instance to back up before the migration"
}

backup_vault "default" {
  name = "Default"

  # Production keeps a year (the production policy); nothing may be kept shorter than a week.
  lock {
    min_retention_days = 7
    max_retention_days = 400
  }
}

on_demand_backup "before-migration" {
  resource_arn = "arn:aws:ec2:eu-west-1:${var.account_id}:instance/${var.instance_id}"
  vault        = backup_vault.default.name
  iam_role_arn = "arn:aws:iam::${var.account_id}:role/service-role/AWSBackupDefaultServiceRole"

  lifecycle {
    delete_after_days = 30
  }
}

output "vault_arn" {
  value = backup_vault.default.arn
}
