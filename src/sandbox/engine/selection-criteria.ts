// A stored BackupSelection (wire field names) as the criteria AWS Backup selects resources by
// (domain/selection-match.ts).
import type { SelectionCriteria, TagCondition } from '../../domain/selection-match.js';
import type { SelectionRecord } from '../state.js';

type ConditionEntry = { ConditionKey: string; ConditionValue: string };

const tagConditions = (entries: readonly ConditionEntry[] | undefined): TagCondition[] =>
  (entries ?? []).map((e) => ({ key: e.ConditionKey, value: e.ConditionValue }));

export function selectionCriteria(selection: SelectionRecord['selection']): SelectionCriteria {
  const conditions = selection.Conditions ?? {};
  return {
    resources: selection.Resources ?? [],
    notResources: selection.NotResources ?? [],
    listOfTags: tagConditions(selection.ListOfTags),
    stringEquals: tagConditions(conditions.StringEquals),
    stringNotEquals: tagConditions(conditions.StringNotEquals),
    stringLike: tagConditions(conditions.StringLike),
    stringNotLike: tagConditions(conditions.StringNotLike),
  };
}
