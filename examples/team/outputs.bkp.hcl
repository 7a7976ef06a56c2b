# What the team reads after apply (`bkp output`): each environment's vault and plan.

output "vault_names" {
  description = "The backup vault of each environment"
  value       = { for env, m in module.environment : env => m.vault_name }
}

output "plan_ids" {
  description = "The backup plan of each environment"
  value       = { for env, m in module.environment : env => m.plan_id }
}

output "account_id" {
  description = "The account the environments live in"
  value       = data.caller_identity.current.account_id
}
