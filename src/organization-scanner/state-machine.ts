// The OrganizationScanner's run: plan, Distributed Map of item scans, report, and the state machine's role and log group.
import { ArnFormat, Duration, Names, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { OrganizationFunctions, ORG_PREFIX } from './functions';
import { OrganizationScannerProps } from './props';
import { OrganizationSettings } from './settings';
import { ComplianceLogGroup } from '../core/compliance-log-group';
import { ManagedPolicyRole } from '../core/managed-policy-role';

/** Label of the Distributed Map: its Map Runs and child executions are named after it. */
export const MAP_LABEL = 'ScanAccounts';
/** Errors after which a child is tried again: throttling and transient failures of Lambda, STS and the scan. */
const RETRIED_ERRORS = [
  'TransientItemError',
  'Lambda.TooManyRequestsException',
  'Lambda.ServiceException',
  'Lambda.AWSLambdaException',
  'Lambda.SdkClientException',
  'Lambda.ClientExecutionTimeoutException',
  'Lambda.Unknown',
];

/** The fixed name of the scanner's state machine. */
export function stateMachineNameOf(scanner: Construct): string {
  return Names.uniqueResourceName(scanner, { maxLength: 80, separator: '-' }).replace(/[^A-Za-z0-9_-]/g, '-');
}

/** The state machine of a run and its role. */
export interface OrganizationRun {
  readonly stateMachine: sfn.StateMachine;
  readonly role: ManagedPolicyRole;
}

/** Where the run reads its items and writes its results, and with which key. */
export interface RunStorage {
  readonly key: kms.IKey;
  readonly reportBucket: s3.IBucket;
  readonly reportKey: kms.IKey;
}

/**
 * The run (`StateMachine`): `PlanRun`, the Distributed Map `ScanAccounts` of `ScanItem` children,
 * then `WriteReport`, or `WriteFailedRunReport` and `RunFailed` when the Map fails; logged to
 * `StateMachineLogs`, with the role `StateMachineRole`.
 */
export function organizationRun(
  scope: Construct, props: OrganizationScannerProps, settings: OrganizationSettings, functions: OrganizationFunctions, storage: RunStorage,
): OrganizationRun {
  const planTask = new tasks.LambdaInvoke(scope, 'PlanRun', {
    lambdaFunction: functions.plan.fn,
    payload: sfn.TaskInput.fromObject({ runId: sfn.JsonPath.stringAt('$$.Execution.Name') }),
    payloadResponseOnly: true,
    resultPath: '$.plan',
    retryOnServiceExceptions: true,
    taskTimeout: sfn.Timeout.duration(Duration.minutes(6)),
  });
  const map = scanAccountsMap(scope, props, settings, functions, storage.reportBucket);
  // The report reads the Map's results (`map`), or says why the Map failed (`mapError`).
  const reportStep = (stepId: string, field: 'map' | 'mapError') => new tasks.LambdaInvoke(scope, stepId, {
    lambdaFunction: functions.report.fn,
    payload: sfn.TaskInput.fromObject({ plan: sfn.JsonPath.objectAt('$.plan'), [field]: sfn.JsonPath.objectAt(`$.${field}`) }),
    payloadResponseOnly: true,
    retryOnServiceExceptions: true,
    resultPath: '$.report',
  });
  const reportTask = reportStep('WriteReport', 'map');
  const reportFailed = reportStep('WriteFailedRunReport', 'mapError');
  map.addCatch(reportFailed.next(new sfn.Fail(scope, 'RunFailed', { error: 'OrganizationScanFailed', cause: 'More items failed than tolerated; the report lists them.' })),
    { errors: [sfn.Errors.ALL], resultPath: '$.mapError' });
  const smLogs = new ComplianceLogGroup(scope, 'StateMachineLogs', { encryptionKey: storage.key, retention: props.logRetention });
  const stack = Stack.of(scope);
  const role = new ManagedPolicyRole(scope, 'StateMachineRole', {
    assumedBy: new iam.ServicePrincipal('states.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
    description: `Runs the organization compliance scans of ${scope.node.path}`,
  });
  // A fixed name lets the role's policy name the state machine's executions without a reference
  // to the state machine, which depends on the role.
  const stateMachineName = stateMachineNameOf(scope);
  const stateMachine = new sfn.StateMachine(scope, 'StateMachine', {
    stateMachineName,
    definitionBody: sfn.DefinitionBody.fromChainable(planTask.next(map).next(reportTask).next(new sfn.Succeed(scope, 'RunSucceeded'))),
    role,
    timeout: Duration.hours(24),
    tracingEnabled: true,
    logs: { destination: smLogs, level: sfn.LogLevel.ALL, includeExecutionData: false },
  });
  role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'UseReportKey', actions: ['kms:Decrypt', 'kms:GenerateDataKey'], resources: [storage.reportKey.keyArn] }));
  moveDistributedMapPolicy(stateMachine, role, stateMachineName, MAP_LABEL);
  return { stateMachine, role };
}

/** One child per item of the plan, at most `maxConcurrency` at once, results written to the report bucket. */
function scanAccountsMap(
  scope: Construct, props: OrganizationScannerProps, settings: OrganizationSettings, functions: OrganizationFunctions, bucket: s3.IBucket,
): sfn.DistributedMap {
  const itemTask = new tasks.LambdaInvoke(scope, 'ScanItem', {
    lambdaFunction: functions.item.fn,
    payloadResponseOnly: true,
    retryOnServiceExceptions: false,
    taskTimeout: sfn.Timeout.duration(settings.itemTimeout.plus(Duration.seconds(30))),
  });
  itemTask.addRetry({ errors: RETRIED_ERRORS, interval: Duration.seconds(5), maxAttempts: 3, backoffRate: 2, jitterStrategy: sfn.JitterType.FULL });
  const map = new sfn.DistributedMap(scope, 'ScanAccounts', {
    label: MAP_LABEL,
    itemReader: new sfn.S3JsonItemReader({ bucket, key: sfn.JsonPath.stringAt('$.plan.itemsKey') }),
    itemSelector: { 'runId.$': '$.plan.runId', 'item.$': '$$.Map.Item.Value' },
    maxConcurrency: settings.maxConcurrency,
    toleratedFailurePercentage: props.toleratedFailurePercentage ?? 10,
    mapExecutionType: sfn.StateMachineType.STANDARD,
    resultWriterV2: new sfn.ResultWriterV2({ bucket, prefix: `${ORG_PREFIX}results` }),
    resultPath: '$.map',
  });
  map.itemProcessor(itemTask);
  return map;
}

/**
 * aws-cdk-lib gives a state machine with a Distributed Map an inline policy (start, describe, stop
 * and redrive its own child executions); the same statements go to the role's managed policy
 * instead, naming the executions by the state machine's fixed name.
 */
export function moveDistributedMapPolicy(stateMachine: sfn.StateMachine, role: ManagedPolicyRole, name: string, label: string): void {
  const stack = Stack.of(stateMachine);
  const arn = (resource: string, resourceName: string) => stack.formatArn({ service: 'states', resource, resourceName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  stateMachine.node.tryRemoveChild('DistributedMapPolicy');
  role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'StartChildExecutions', actions: ['states:StartExecution'], resources: [arn('stateMachine', name)] }));
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    sid: 'ManageChildExecutions', actions: ['states:DescribeExecution', 'states:StopExecution'], resources: [arn('execution', `${name}:*`), arn('execution', `${name}/${label}:*`)],
  }));
  role.addToPrincipalPolicy(new iam.PolicyStatement({ sid: 'RedriveMapRuns', actions: ['states:RedriveExecution'], resources: [arn('execution', `${name}/${label}:*`)] }));
}
