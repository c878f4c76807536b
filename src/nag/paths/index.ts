import { CfnResource, Stack } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { DataPath, describePath, PathFamily, PathModel } from './model';
import { appMemo } from '../private/context';
import { defineRule, RuleDefinition, RuleDescription } from '../private/rule';

export { describePath, PathModel };
export type { DataPath, PathFamily };

/** The data-path model of the app that holds `node`, built once per validation run. */
export function pathModel(node: CfnResource): PathModel {
  return appMemo(node, 'paths', (resources) => new PathModel(resources));
}

/**
 * The verdict of a path rule on `node`: a finding per denied path (id `<target>::<action>`),
 * COMPLIANT when every path is allowed, NOT_APPLICABLE when it wires none. Paths whose decision
 * depends on deploy-time values are not findings (they are not allowed either: see `unknownPaths`).
 */
export function judgePaths(node: CfnResource, family: PathFamily): NagRuleResult {
  const paths = pathModel(node).pathsOf(node, family);
  if (paths.length === 0) {
    return NagRuleCompliance.NOT_APPLICABLE;
  }
  const denied = paths.filter((p) => p.result.decision === 'denied');
  if (denied.length > 0) {
    return denied.map((p) => p.findingId);
  }
  return paths.every((p) => p.result.decision === 'allowed') ? NagRuleCompliance.COMPLIANT : NagRuleCompliance.NOT_APPLICABLE;
}

/** The message of one finding of a path rule. */
export function pathFindingMessage(node: CfnResource, family: PathFamily, findingId: string): string | undefined {
  const path = pathModel(node).pathsOf(node, family).find((p) => p.findingId === findingId);
  return path ? describePath(path) : undefined;
}

/** Stack-qualified name of a resource, for listings. */
export function where(node: CfnResource): string {
  return `${Stack.of(node).stackName}/${node.node.path}`;
}

/** A CompliancePack rule over one family of data paths. */
export function pathRule(family: PathFamily, definition: RuleDescription): RuleDefinition {
  return defineRule({
    ...definition,
    body: (node) => judgePaths(node, family),
    describeFinding: (node, findingId) => pathFindingMessage(node, family, findingId),
  });
}
