/**
 * Scheduler.TargetAuthorized and KMS.UseAuthorized: an EventBridge Scheduler schedule, its
 * execution role, its target and dead-letter queue, as a template and as the live account holds
 * them (GetSchedule, the IAM authorization details, the topics and keys of the Region).
 */
import { aws_iam as iam, aws_kms as kms, aws_lambda as lambda, aws_scheduler as scheduler, aws_sns as sns, aws_sqs as sqs, CfnResource, Stack } from 'aws-cdk-lib';
import { ACCOUNT, Fixture, SharedControl, Verdict } from './agreement-harness';
import { Inventory, KmsKeyInfo } from '../../src/scanner/runtime/model';

const REGION = 'eu-west-1';
const ROLE = 'sched-role';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/${ROLE}`;
const TOPIC_ARN = `arn:aws:sns:${REGION}:${ACCOUNT}:topic`;
const QUEUE_ARN = `arn:aws:sqs:${REGION}:${ACCOUNT}:dlq`;
const FN_ARN = `arn:aws:lambda:${REGION}:${ACCOUNT}:function:fn`;
const JOB_QUEUE_ARN = `arn:aws:batch:${REGION}:${ACCOUNT}:job-queue/jobs`;
const KEY_ID = '1234abcd-12ab-34cd-56ef-1234567890ab';
const KEY_ARN = `arn:aws:kms:${REGION}:${ACCOUNT}:key/${KEY_ID}`;
const SCHEDULE_ARN = `arn:aws:scheduler:${REGION}:${ACCOUNT}:schedule/default/sched`;

const TRUST = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'scheduler.amazonaws.com' }, Action: 'sts:AssumeRole', Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } }],
};

/** What a fixture wires: the target kind, the role's statements, the dead-letter queue, the topic's key and its policy. */
interface ScheduleSpec {
  readonly target: 'topic' | 'function' | 'job-queue';
  readonly statements: object[];
  readonly dlq?: boolean;
  /** The encrypted topic's key policy statements (the key is a key of the app / of the Region). */
  readonly keyPolicy?: object[];
  /** Statements of the topic's policy (SNS's default policy when unset). */
  readonly topicPolicy?: object[];
  /** Statements of the dead-letter queue's policy (none when unset). */
  readonly queuePolicy?: object[];
}

const doc = (statements: object[]) => ({ Version: '2012-10-17', Statement: statements });

function targetArn(spec: ScheduleSpec): string {
  return spec.target === 'topic' ? TOPIC_ARN : spec.target === 'function' ? FN_ARN : JOB_QUEUE_ARN;
}

function synthSchedule(stack: Stack, spec: ScheduleSpec): CfnResource {
  new iam.CfnRole(stack, 'Role', { roleName: ROLE, assumeRolePolicyDocument: TRUST, policies: [{ policyName: 'p', policyDocument: { Version: '2012-10-17', Statement: spec.statements } }] });
  if (spec.target === 'topic') {
    const key = spec.keyPolicy ? new kms.CfnKey(stack, 'Key', { keyPolicy: { Version: '2012-10-17', Statement: spec.keyPolicy } }) : undefined;
    const topic = new sns.CfnTopic(stack, 'Topic', { topicName: 'topic', kmsMasterKeyId: key?.attrArn });
    if (spec.topicPolicy) new sns.CfnTopicPolicy(stack, 'TopicPolicy', { topics: [topic.ref], policyDocument: doc(spec.topicPolicy) });
  } else if (spec.target === 'function') {
    new lambda.CfnFunction(stack, 'Fn', { functionName: 'fn', code: { zipFile: 'exports.handler = async () => {};' }, role: `arn:aws:iam::${ACCOUNT}:role/fn`, handler: 'index.handler', runtime: 'nodejs22.x' });
  }
  if (spec.dlq) {
    const queue = new sqs.CfnQueue(stack, 'Dlq', { queueName: 'dlq' });
    if (spec.queuePolicy) new sqs.CfnQueuePolicy(stack, 'DlqPolicy', { queues: [queue.ref], policyDocument: doc(spec.queuePolicy) });
  }
  return new scheduler.CfnSchedule(stack, 'Sched', {
    name: 'sched',
    scheduleExpression: 'rate(1 day)',
    flexibleTimeWindow: { mode: 'OFF' },
    target: { arn: targetArn(spec), roleArn: ROLE_ARN, deadLetterConfig: spec.dlq ? { arn: QUEUE_ARN } : undefined },
  });
}

function liveSchedule(spec: ScheduleSpec): Partial<Inventory> {
  const key: KmsKeyInfo | undefined = spec.keyPolicy ? {
    keyId: KEY_ID, arn: KEY_ARN, keyManager: 'CUSTOMER', keyState: 'Enabled', keySpec: 'SYMMETRIC_DEFAULT', origin: 'AWS_KMS', policy: JSON.stringify({ Version: '2012-10-17', Statement: spec.keyPolicy }),
  } : undefined;
  return {
    schedules: [{ name: 'sched', groupName: 'default', arn: SCHEDULE_ARN, state: 'ENABLED', target: { arn: targetArn(spec), roleArn: ROLE_ARN, deadLetterArn: spec.dlq ? QUEUE_ARN : null }, kmsKeyArn: null }],
    authorizationDetails: {
      users: [],
      policies: [],
      roles: [{ roleName: ROLE, arn: ROLE_ARN, path: '/', trustPolicy: JSON.stringify(TRUST), inlinePolicies: [{ name: 'p', document: JSON.stringify({ Version: '2012-10-17', Statement: spec.statements }) }], attachedPolicyArns: [] }],
    },
    snsTopics: spec.target === 'topic'
      ? [{ name: 'topic', arn: TOPIC_ARN, kmsMasterKeyId: key ? KEY_ARN : null, policy: spec.topicPolicy ? JSON.stringify(doc(spec.topicPolicy)) : null }] : [],
    sqsQueues: spec.dlq
      ? [{ name: 'dlq', url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/dlq`, arn: QUEUE_ARN, policy: spec.queuePolicy ? JSON.stringify(doc(spec.queuePolicy)) : null, redrivePolicy: null, kmsMasterKeyId: null }] : [],
    lambdaFunctions: spec.target === 'function' ? [{ functionName: 'fn', arn: FN_ARN, policy: null, role: `arn:aws:iam::${ACCOUNT}:role/fn` }] : [],
    kmsKeys: key ? [key] : [],
  };
}

function scheduleFixture(name: string, expected: Verdict, spec: ScheduleSpec): Fixture {
  return { name, expected, synth: (stack) => synthSchedule(stack, spec), live: () => liveSchedule(spec) };
}

const allow = (action: string | string[], resource: string | string[]) => ({ Effect: 'Allow', Action: action, Resource: resource });

const SCHEDULER_TARGET: SharedControl = {
  id: 'Scheduler.TargetAuthorized',
  rule: 'SchedulerTargetAuthorized',
  check: 'scheduler-target-authorized',
  fixtures: [
    scheduleFixture('sns:Publish on the topic', 'compliant', { target: 'topic', statements: [allow('sns:Publish', TOPIC_ARN)] }),
    scheduleFixture('sns:* on every resource', 'compliant', { target: 'topic', statements: [allow('sns:*', '*')] }),
    scheduleFixture('sqs:SendMessage only (the topic is not allowed)', 'non-compliant', { target: 'topic', statements: [allow('sqs:SendMessage', '*')] }),
    scheduleFixture('sns:Publish on another topic', 'non-compliant', { target: 'topic', statements: [allow('sns:Publish', `${TOPIC_ARN}-other`)] }),
    scheduleFixture('allowed, and denied by a Deny statement', 'non-compliant', {
      target: 'topic', statements: [allow('sns:Publish', '*'), { Effect: 'Deny', Action: 'sns:Publish', Resource: TOPIC_ARN }],
    }),
    scheduleFixture('the target and the dead-letter queue allowed', 'compliant', { target: 'topic', dlq: true, statements: [allow('sns:Publish', TOPIC_ARN), allow('sqs:SendMessage', QUEUE_ARN)] }),
    scheduleFixture('the dead-letter queue not allowed', 'non-compliant', { target: 'topic', dlq: true, statements: [allow('sns:Publish', TOPIC_ARN)] }),
    scheduleFixture('the dead-letter queue allowed to the role by the queue policy only', 'compliant', {
      target: 'topic', dlq: true, statements: [allow('sns:Publish', TOPIC_ARN)], queuePolicy: [{ Effect: 'Allow', Principal: { AWS: ROLE_ARN }, Action: 'sqs:SendMessage', Resource: QUEUE_ARN }],
    }),
    scheduleFixture('the role allowed, the dead-letter queue\'s policy denies it', 'non-compliant', {
      target: 'topic',
      dlq: true,
      statements: [allow('sns:Publish', TOPIC_ARN), allow('sqs:SendMessage', QUEUE_ARN)],
      queuePolicy: [{ Effect: 'Deny', Principal: { AWS: ROLE_ARN }, Action: 'sqs:SendMessage', Resource: QUEUE_ARN }],
    }),
    scheduleFixture('the role allowed, the topic\'s policy denies it', 'non-compliant', {
      target: 'topic', statements: [allow('sns:Publish', TOPIC_ARN)], topicPolicy: [{ Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: TOPIC_ARN }],
    }),
    scheduleFixture('lambda:InvokeFunction on the function', 'compliant', { target: 'function', statements: [allow('lambda:InvokeFunction', FN_ARN)] }),
    scheduleFixture('lambda:InvokeFunction on another function', 'non-compliant', { target: 'function', statements: [allow('lambda:InvokeFunction', `${FN_ARN}2`)] }),
    scheduleFixture('batch:SubmitJob on every resource', 'compliant', { target: 'job-queue', statements: [allow('batch:SubmitJob', '*')] }),
    scheduleFixture('batch:SubmitJob not allowed', 'non-compliant', { target: 'job-queue', statements: [allow('batch:DescribeJobs', '*')] }),
  ],
};

const ROOT = `arn:aws:iam::${ACCOUNT}:root`;
const PUBLISH = allow('sns:Publish', TOPIC_ARN);
const USE_KEY = allow(['kms:GenerateDataKey', 'kms:Decrypt'], '*');
const keyStatement = (principal: object, condition?: object) => ({
  Effect: 'Allow', Principal: principal, Action: ['kms:GenerateDataKey*', 'kms:Decrypt'], Resource: '*', ...(condition ? { Condition: condition } : {}),
});
const keyFixture = (name: string, expected: Verdict, statements: object[], keyPolicy: object[]) =>
  scheduleFixture(name, expected, { target: 'topic', statements, keyPolicy });

/** Key use by a schedule's role publishing to an encrypted topic (the paths of the scheduler builder). */
const KMS_USE: SharedControl = {
  id: 'KMS.UseAuthorized',
  rule: 'KmsKeyUseAuthorized',
  check: 'kms-key-use-authorized',
  fixtures: [
    keyFixture('the key policy delegates to the account, the role\'s policy allows the key', 'compliant', [PUBLISH, USE_KEY], [keyStatement({ AWS: ROOT })]),
    keyFixture('the key policy delegates to the account, the role\'s policy does not allow the key', 'non-compliant', [PUBLISH], [keyStatement({ AWS: ROOT })]),
    keyFixture('the key policy names the role', 'compliant', [PUBLISH], [keyStatement({ AWS: ROLE_ARN })]),
    keyFixture('the key policy names only the SNS service', 'non-compliant', [PUBLISH, USE_KEY], [keyStatement({ Service: 'sns.amazonaws.com' })]),
    keyFixture('kms:ViaService SNS of the Region', 'compliant', [PUBLISH, USE_KEY],
      [keyStatement({ AWS: ROOT }, { StringEquals: { 'kms:ViaService': `sns.${REGION}.amazonaws.com` } })]),
    keyFixture('kms:ViaService SQS', 'non-compliant', [PUBLISH, USE_KEY],
      [keyStatement({ AWS: ROOT }, { StringEquals: { 'kms:ViaService': `sqs.${REGION}.amazonaws.com` } })]),
    keyFixture('the topic\'s encryption context pinned to the topic', 'compliant', [PUBLISH, USE_KEY],
      [keyStatement({ AWS: ROLE_ARN }, { StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': TOPIC_ARN } })]),
    keyFixture('the encryption context pinned to another topic', 'non-compliant', [PUBLISH, USE_KEY],
      [keyStatement({ AWS: ROLE_ARN }, { StringEquals: { 'kms:EncryptionContext:aws:sns:topicArn': `${TOPIC_ARN}-other` } })]),
  ],
};

export const MISC_SHARED: SharedControl[] = [SCHEDULER_TARGET, KMS_USE];
