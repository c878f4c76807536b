// How a BatchPipeline runs: the state machine that submits and waits for the job, the schedule that starts it, and their dead-letter queue.
import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import * as batch from 'aws-cdk-lib/aws-batch';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as schedulerTargets from 'aws-cdk-lib/aws-scheduler-targets';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct, IConstruct } from 'constructs';
import { accountServicePrincipal } from './job-roles';
import { ComplianceKey } from '../core/compliance-key';
import { ComplianceQueue } from '../core/compliance-queue';
import { ManagedPolicyRole } from '../core/managed-policy-role';

/** What a run submits, how long it may take, and where its failures go. */
export interface RunInputs {
  /** The job queue the run submits to. */
  readonly jobQueue: batch.IJobQueue;
  /** The job definition the run submits. */
  readonly jobDefinition: batch.IJobDefinition;
  /** Array size of the job, or undefined for a single job. */
  readonly arraySize?: number;
  /** The processing window: the timeout of the job and of the run. */
  readonly window: Duration;
  /** Where a failed run is reported. */
  readonly alertTopic: sns.ITopic;
  /** The log group of the state machine. */
  readonly logGroup: logs.ILogGroup;
}

/** The state machine and the role it runs with. */
export interface RunStateMachine {
  /** The state machine that runs the job. */
  readonly stateMachine: sfn.StateMachine;
  /** Its role (assumed by `states.amazonaws.com`). */
  readonly role: ManagedPolicyRole;
}

/** The Batch jobs of this account and Region, which the state machine may stop. */
export function jobArns(scope: IConstruct): string {
  return Stack.of(scope).formatArn({ service: 'batch', resource: 'job', resourceName: '*' });
}

/**
 * `DeadLetterQueue` in `scope`, encrypted with `key`, which EventBridge (the alert rules) may use: it
 * receives the runs the schedule could not start and the alerts that could not be delivered.
 */
export function buildDeadLetterQueue(scope: Construct, key: ComplianceKey): ComplianceQueue {
  const queue = new ComplianceQueue(scope, 'DeadLetterQueue', {
    encryptionKey: key,
    deadLetterQueueFor: 'runs the schedule could not start and alerts the alert rules could not deliver; messages in it raise an alarm',
  });
  key.grantServiceUse('events.amazonaws.com', ['kms:GenerateDataKey', 'kms:Decrypt']);
  return queue;
}

/**
 * `StateMachine` in `scope` (logging ALL, X-Ray tracing, timed out at the window) that submits the
 * job, waits for it, and on any error notifies the alert topic and fails; and `StateMachineRole`,
 * which may submit only this pipeline's job and stop the jobs of runs that timed out.
 */
export function buildStateMachine(scope: Construct, id: string, run: RunInputs): RunStateMachine {
  const definition = runDefinition(scope, id, run);
  const role = new ManagedPolicyRole(scope, 'StateMachineRole', {
    // Step Functions' Batch integration allows batch:SubmitJob on every job definition of the
    // account (job-definition/*); the role gets this pipeline's job definition and queue instead.
    drop: (statement) => statement.actions.includes('batch:SubmitJob') && statement.sid !== 'SubmitThisPipelinesJob',
    assumedBy: accountServicePrincipal(scope, 'states.amazonaws.com'),
    description: `Runs the jobs of ${scope.node.path}`,
  });
  const stateMachine = new sfn.StateMachine(scope, 'StateMachine', {
    definitionBody: sfn.DefinitionBody.fromChainable(definition.next(new sfn.Succeed(scope, 'RunSucceeded'))),
    role,
    timeout: run.window,
    tracingEnabled: true,
    logs: { destination: run.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: true },
  });
  stateMachine.node.addDependency(role);
  grantRunJobs(role, run);
  return { stateMachine, role };
}

/** `SubmitJob` (`.sync`), caught by `NotifyFailure` then `RunFailed`. */
function runDefinition(scope: Construct, id: string, run: RunInputs): tasks.BatchSubmitJob {
  const submit = new tasks.BatchSubmitJob(scope, 'SubmitJob', {
    jobName: id.replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 128),
    jobQueueArn: run.jobQueue.jobQueueArn,
    jobDefinitionArn: run.jobDefinition.jobDefinitionArn,
    arraySize: run.arraySize,
    taskTimeout: sfn.Timeout.duration(run.window),
    resultPath: '$.job',
  });
  const notify = new tasks.SnsPublish(scope, 'NotifyFailure', {
    topic: run.alertTopic,
    subject: `Batch pipeline ${id} failed`,
    message: sfn.TaskInput.fromObject({
      pipeline: scope.node.path,
      execution: sfn.JsonPath.executionId,
      error: sfn.JsonPath.stringAt('$.error.Error'),
      cause: sfn.JsonPath.stringAt('$.error.Cause'),
    }),
    resultPath: sfn.JsonPath.DISCARD,
  });
  const failed = new sfn.Fail(scope, 'RunFailed', { error: 'BatchPipelineRunFailed', causePath: '$.error.Cause' });
  submit.addCatch(notify.next(failed), { errors: [sfn.Errors.ALL], resultPath: '$.error' });
  return submit;
}

/** This pipeline's job definition and queue, stopping its jobs, and the alert topic's key. */
function grantRunJobs(role: ManagedPolicyRole, run: RunInputs): void {
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    sid: 'SubmitThisPipelinesJob',
    actions: ['batch:SubmitJob'],
    resources: [run.jobDefinition.jobDefinitionArn, run.jobQueue.jobQueueArn],
  }));
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    sid: 'StopJobsOfTimedOutRuns',
    actions: ['batch:TerminateJob'],
    resources: [jobArns(role)],
  }));
  if (run.alertTopic.masterKey) {
    role.addToPrincipalPolicy(new iam.PolicyStatement({
      sid: 'PublishToEncryptedAlertTopic',
      actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
      resources: [run.alertTopic.masterKey.keyArn],
    }));
  }
}

/** What the schedule starts and where it sends what it could not start. */
export interface ScheduleInputs {
  /** When runs start; daily at 00:00 UTC when undefined. */
  readonly schedule?: scheduler.ScheduleExpression;
  /** The state machine it starts. */
  readonly stateMachine: sfn.IStateMachine;
  /** Where undeliverable starts go. */
  readonly deadLetterQueue: sqs.IQueue;
  /** The key of the dead-letter queue. */
  readonly key: kms.IKey;
}

/** `Schedule` in `scope`, starting runs through `SchedulerRole` with retries and the dead-letter queue. */
export function buildSchedule(scope: Construct, inputs: ScheduleInputs): scheduler.Schedule {
  const role = new ManagedPolicyRole(scope, 'SchedulerRole', {
    assumedBy: accountServicePrincipal(scope, 'scheduler.amazonaws.com'),
    description: `Starts the runs of ${scope.node.path}`,
  });
  role.addToPrincipalPolicy(new iam.PolicyStatement({
    sid: 'SendToEncryptedDeadLetterQueue',
    actions: ['kms:GenerateDataKey', 'kms:Decrypt'],
    resources: [inputs.key.keyArn],
  }));
  return new scheduler.Schedule(scope, 'Schedule', {
    schedule: inputs.schedule ?? scheduler.ScheduleExpression.cron({ minute: '0', hour: '0', timeZone: TimeZone.ETC_UTC }),
    description: `Starts a run of ${scope.node.path}`,
    target: new schedulerTargets.StepFunctionsStartExecution(inputs.stateMachine, {
      role,
      deadLetterQueue: inputs.deadLetterQueue,
      retryAttempts: 10,
      maxEventAge: Duration.hours(1),
    }),
  });
}
