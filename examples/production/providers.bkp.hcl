# Production: two regions, the second one for disaster-recovery copies.

provider "aws" {
  region = var.primary_region
}

provider "aws" {
  alias  = "dr"
  region = var.dr_region
}

backend "local" {
  path = "bkp.state.json"
}

variable "primary_region" {
  type    = string
  default = "eu-west-1"
}

variable "dr_region" {
  type    = string
  default = "us-east-1"
}

variable "account_id" {
  type    = string
  default = "123456789012"
}

variable "environments" {
  type        = map(number)
  description = "Environment name => daily retention in days"
  default = {
    prod    = 35
    staging = 14
  }
}

variable "alerts_topic_arn" {
  type    = string
  default = "arn:aws:sns:eu-west-1:123456789012:backup-alerts"
}

locals {
  kms_key_arn      = "arn:aws:kms:eu-west-1:${var.account_id}:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0"
  role_arn         = "arn:aws:iam::${var.account_id}:role/service-role/AWSBackupDefaultServiceRole"
  scanner_role_arn = "arn:aws:iam::${var.account_id}:role/GuardDutyMalwareScanner"
  common_tags      = { team = "infra", managed_by = "bkp" }
}
