backup_vault "primary" {
  for_each      = var.environments
  name          = "primary-${each.key}"
  kms_key_arn   = local.kms_key_arn
  access_policy = file("vault-policy.json")
  tags          = merge(local.common_tags, { env = each.key })

  notifications {
    sns_topic_arn = var.alerts_topic_arn
    events        = ["BACKUP_JOB_FAILED", "BACKUP_JOB_EXPIRED", "RECOVERY_POINT_MODIFIED"]
  }

  lock {
    min_retention_days  = 7
    max_retention_days  = 3650
    changeable_for_days = 3
  }

  lifecycle {
    prevent_destroy = true
  }
}

backup_vault "dr" {
  provider = aws.dr
  name     = "dr-copies"
  tags     = local.common_tags

  lock {
    min_retention_days = 7
    max_retention_days = 3650
  }
}

# Copies kept out of reach of this account's own credentials: locked in compliance mode from its
# creation, with a retention range nobody can change.
logically_air_gapped_vault "isolated" {
  name               = "isolated-copies"
  min_retention_days = 7
  max_retention_days = 400
  tags               = local.common_tags
}
