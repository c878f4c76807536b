// Why the OrganizationScanner's policies are as wide as they are: each wildcard its roles cannot avoid, acknowledged on the policy that holds it.
import { ArnFormat, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { OrganizationFunctions, ORG_PREFIX, runObjectsOf } from './functions';
import { MAP_LABEL, stateMachineNameOf } from './state-machine';
import { acknowledgeFinding, nagResourceText } from '../core/acknowledge';
import { ManagedPolicyRole } from '../core/managed-policy-role';

/** Acknowledge, on each role's policy, what cannot be narrower. */
export function acknowledgeRoles(
  scanner: Construct, functions: OrganizationFunctions, stateMachineRole: ManagedPolicyRole, reportBucket: s3.IBucket, memberRoleName: string,
): void {
  const runObjects = runObjectsOf(reportBucket);
  const runs = 'Each run writes under its own prefix (organization-scans/runs/<run id>/), whose name is the execution name, known only at run time; puts are limited to the runs prefix.';
  const { plan, item, report } = functions;
  ack(plan.role, '*', 'Only actions IAM accepts on "*" alone: organizations:ListAccounts, ListAccountsForParent and ListChildren (read-only listing of the organization; the root and OU ARNs contain the management account and organization ids, unknown here), ec2:DescribeRegions, and the X-Ray write actions.');
  ack(plan.role, runObjects, runs);
  ack(item.role, '*', 'Only the X-Ray write actions (telemetry), which IAM accepts on "*" alone.');
  ack(item.role, runObjects, runs);
  ack(item.role, `arn:${Stack.of(scanner).partition}:iam::*:role/${memberRoleName}`,
    `The scanner assumes the read-only member role ${memberRoleName} in each account of the organization; accounts join and leave, so the account is a wildcard, and the role name is fixed.`);
  ack(report.role, '*', 'Only the X-Ray write actions (telemetry), which IAM accepts on "*" alone.');
  ack(report.role, runObjects, runs);
  ack(report.role, reportBucket.arnForObjects(`${ORG_PREFIX}results/*`),
    'The Distributed Map\'s result writer chooses its keys at run time (organization-scans/results/<map run id>/manifest.json and result files); reads are limited to that prefix.');
  acknowledgeStateMachineRole(scanner, stateMachineRole, [plan.fn, item.fn, report.fn], reportBucket);
}

function acknowledgeStateMachineRole(scanner: Construct, sm: ManagedPolicyRole, functions: lambda.Function[], reportBucket: s3.IBucket): void {
  ack(sm, '*', 'Only the actions IAM cannot scope to a resource: CloudWatch Logs log delivery (logs:CreateLogDelivery and related, which Step Functions needs to log to its log group) and X-Ray (xray:PutTraceSegments, PutTelemetryRecords, GetSamplingRules, GetSamplingTargets).');
  for (const action of ['logs:CreateLogDelivery', 'logs:UpdateLogDelivery', 'logs:DeleteLogDelivery', 'logs:PutResourcePolicy']) {
    acknowledgeFinding(policyOf(sm), `CompliancePack-IamWriteOnWildcardResource[Action::${action}]`,
      `${action} is part of the log delivery Step Functions sets up for its execution log group; IAM supports no resource-level permission for it, so it can only be granted on "*".`);
  }
  for (const fn of functions) {
    ack(sm, `${fn.functionArn}:*`, `Step Functions' Lambda integration invokes ${fn.node.id} by its ARN and its versions or aliases (<arn>:*): only this function.`);
  }
  const stack = Stack.of(scanner);
  ack(sm, `arn:${stack.partition}:s3:::${reportBucket.bucketName}/*`,
    'The Distributed Map reads its items (organization-scans/runs/<run id>/items.json) and writes its results with the state machine\'s role; aws-cdk-lib grants the item reader and the result writer on the bucket\'s objects, and the bucket holds only this scanner\'s data.');
  for (const suffix of [':*', `/${MAP_LABEL}:*`]) {
    ack(sm, stack.formatArn({ service: 'states', resource: 'execution', resourceName: `${stateMachineNameOf(scanner)}${suffix}`, arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
      'The Distributed Map starts one child execution per item, named at run time: the state machine may describe, stop and redrive only its own executions.');
  }
}

function policyOf(role: ManagedPolicyRole) {
  return role.permissions!.node.defaultChild!;
}

function ack(role: ManagedPolicyRole, resource: string, reason: string): void {
  acknowledgeFinding(policyOf(role), `AwsSolutions-IAM5[Resource::${nagResourceText(policyOf(role), resource)}]`, reason);
}
