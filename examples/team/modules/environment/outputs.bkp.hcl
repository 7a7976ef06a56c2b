output "vault_name" {
  value = backup_vault.main.name
}

output "plan_id" {
  value = backup_plan.daily.id
}
