# The inputs of one environment, given by the module block that calls this module.

variable "env" {
  type        = string
  description = "Environment name, used in every resource name"
  validation {
    condition     = length(var.env) >= 2
    error_message = "env must be at least two characters: it is part of vault names."
  }
}

variable "retention_days" {
  type        = number
  default     = 35
  description = "How long daily recovery points are kept"
}

variable "iam_role_arn" {
  type        = string
  description = "The role AWS Backup assumes to back up the selected resources"
}

variable "tags" {
  type    = map(string)
  default = {}
}
