# Markdown summary of `bkp jobs --type=restore -json`: the restore tests of the managed restore
# testing plans in the last 30 days (AWS lists restore jobs that long), newest first.
# Usage: jq -r -f restore-summary.jq restore-jobs.json
[.jobs[] | select(.restore_testing_plan_arn != null)] as $tests
| [$tests[] | select(.state == "FAILED" or .validation_status == "FAILED")] as $failed
| [$tests[] | select(.validation_status == "TIMED_OUT")] as $unvalidated
| "### Restore tests: \($tests | length) in the last 30 days, \($failed | length) failed, \($unvalidated | length) without a validation result\n\n"
  + "| resource | type | restore | validation | restored resource | completed |\n"
  + "| --- | --- | --- | --- | --- | --- |\n"
  + ([$tests[] | "| `\(.resource_arn)` | \(.resource_type // "-") | \(.state) | \(.validation_status // "-")\(if .validation_status_message then ": " + .validation_status_message else "" end) | \(if .deletion_status == "SUCCESSFUL" then "deleted" else (.deletion_status // "-") end) | \(.completed_at // "-") |"] | join("\n"))
