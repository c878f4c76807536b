/**
 * Which resources an AWS Backup selection assigns to its plan, as far as it is decidable from the
 * selection alone: `Resources` (ARNs or patterns with `*`, any of them), minus `NotResources`,
 * filtered by `Conditions` (tags, all of them), or `ListOfTags` (tags, any of them). Selections by
 * tag are undecidable without the resource's tags.
 */

/** A selection's assignment rules (the fields of `BackupSelection`, `key=value` for tag conditions). */
export interface SelectionRules {
  readonly resources: readonly string[];
  readonly notResources?: readonly string[];
  readonly listOfTags?: readonly string[];
  readonly conditions?: readonly string[];
}

/** `yes`: the selection assigns the resource; `no`: it does not; `tags`: it may, depending on tags the scanner does not read. */
export type Coverage = 'yes' | 'no' | 'tags';

/** Whether an ARN matches an AWS Backup resource pattern (`*` matches any run of characters, `*` alone every resource). */
export function arnMatches(pattern: string, arnText: string): boolean {
  const re = new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(arnText);
}

/** Whether the selection assigns the resource `arnText` to its plan. */
export function selectionCovers(rules: SelectionRules, arnText: string): Coverage {
  if ((rules.notResources ?? []).some((p) => arnMatches(p, arnText))) {
    return 'no';
  }
  const conditions = rules.conditions ?? [];
  if (rules.resources.some((p) => arnMatches(p, arnText))) {
    return conditions.length === 0 ? 'yes' : 'tags';
  }
  return (rules.listOfTags ?? []).length > 0 || (rules.resources.length === 0 && conditions.length > 0) ? 'tags' : 'no';
}
