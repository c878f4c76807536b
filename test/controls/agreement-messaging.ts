/**
 * The messaging controls: SNS.TopicPolicy as a template's `AWS::SNS::TopicPolicy` (or none) and as
 * GetTopicAttributes' `Policy` (SNS's default policy when the topic has none of its own);
 * CloudWatch.AlarmActionAuthorized as an alarm notifying a topic of the app and as DescribeAlarms
 * with the live topic policy; Events.TargetAuthorized as a rule delivering to a topic, queue or
 * function of the app and as ListTargetsByRule with the live topic, queue and function policies;
 * GuardDuty.FindingsRoute as a detector with the app's rules and as GetDetector with ListRules.
 */
import { aws_cloudwatch as cloudwatch, aws_events as events, aws_guardduty as guardduty, aws_iam as iam, aws_lambda as lambda, aws_sns as sns, aws_sqs as sqs } from 'aws-cdk-lib';
import { ACCOUNT, Fixture, SharedControl, Verdict } from './agreement-harness';
import { defaultTopicPolicy } from '../../src/controls/judgement/aws-documents';

const TOPIC = 'fixture-topic';
const TOPIC_ARN = `arn:aws:sns:eu-west-1:${ACCOUNT}:${TOPIC}`;

/** A topic with the given topic policy statements; `null`: no topic policy (live: SNS's default). */
function topicFixture(name: string, expected: Verdict, statements: object[] | null): Fixture {
  const document = statements === null ? null : { Version: '2012-10-17', Statement: statements };
  return {
    name,
    expected,
    synth: (stack) => {
      const topic = new sns.CfnTopic(stack, 'T', { topicName: TOPIC });
      if (document) new sns.CfnTopicPolicy(stack, 'P', { topics: [topic.ref], policyDocument: document });
      return topic;
    },
    live: () => ({
      snsTopics: [{ name: TOPIC, arn: TOPIC_ARN, kmsMasterKeyId: null, policy: JSON.stringify(document ?? defaultTopicPolicy(ACCOUNT)) }],
    }),
  };
}

const TLS_ONLY = { Sid: 'AllowPublishThroughSSLOnly', Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: TOPIC_ARN, Condition: { Bool: { 'aws:SecureTransport': 'false' } } };

const SNS_TOPIC_POLICY: SharedControl = {
  id: 'SNS.TopicPolicy',
  rule: 'SnsTopicPolicy',
  check: 'sns-topic-policy',
  fixtures: [
    topicFixture('no topic policy (live: the default policy)', 'non-compliant', null),
    topicFixture('as ComplianceTopic writes it: TLS only, a service scoped to the account', 'compliant', [
      TLS_ONLY,
      { Sid: 'AllowcloudwatchPublish', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: TOPIC_ARN, Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } },
    ]),
    topicFixture('publishing open to everyone', 'non-compliant', [TLS_ONLY, { Effect: 'Allow', Principal: '*', Action: 'sns:Publish', Resource: TOPIC_ARN }]),
    topicFixture('SNS:* to {"AWS": "*"}', 'non-compliant', [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'SNS:*', Resource: TOPIC_ARN }]),
    topicFixture('everyone, with a condition', 'compliant', [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sns:Publish', Resource: TOPIC_ARN, Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-abc' } } }]),
    topicFixture('everyone may only subscribe', 'compliant', [{ Effect: 'Allow', Principal: '*', Action: 'sns:Subscribe', Resource: TOPIC_ARN }]),
    topicFixture('an account may publish', 'compliant', [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 'sns:Publish', Resource: TOPIC_ARN }]),
  ],
};

const ALARM = 'fixture-alarm';
const ALARM_ARN = `arn:aws:cloudwatch:eu-west-1:${ACCOUNT}:alarm:${ALARM}`;
const CLOUDWATCH = { Service: 'cloudwatch.amazonaws.com' };

/** An alarm whose alarm action is the topic, with the given topic policy statements (`null`: none). */
function alarmFixture(name: string, expected: Verdict, statements: object[] | null): Fixture {
  const document = statements === null ? null : { Version: '2012-10-17', Statement: statements };
  return {
    name,
    expected,
    synth: (stack) => {
      const topic = new sns.CfnTopic(stack, 'T', { topicName: TOPIC });
      if (document) new sns.CfnTopicPolicy(stack, 'P', { topics: [topic.ref], policyDocument: document });
      return new cloudwatch.CfnAlarm(stack, 'A', {
        alarmName: ALARM,
        metricName: 'Errors',
        namespace: 'App',
        statistic: 'Sum',
        period: 300,
        evaluationPeriods: 1,
        threshold: 1,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        alarmActions: [topic.ref],
        okActions: [topic.ref],
      });
    },
    live: () => ({
      cloudwatchAlarms: [{ name: ALARM, arn: ALARM_ARN, type: 'MetricAlarm', alarmActions: [TOPIC_ARN], okActions: [TOPIC_ARN], insufficientDataActions: [] }],
      snsTopics: [{ name: TOPIC, arn: TOPIC_ARN, kmsMasterKeyId: null, policy: document ? JSON.stringify(document) : null }],
      kmsKeys: [],
    }),
  };
}

const ALARM_ACTION_AUTHORIZED: SharedControl = {
  id: 'CloudWatch.AlarmActionAuthorized',
  rule: 'AlarmActionAuthorized',
  check: 'cloudwatch-alarm-action-authorized',
  fixtures: [
    alarmFixture('CloudWatch allowed for the alarm (aws:SourceArn)', 'compliant', [
      TLS_ONLY, { Effect: 'Allow', Principal: CLOUDWATCH, Action: 'sns:Publish', Resource: TOPIC_ARN, Condition: { ArnEquals: { 'aws:SourceArn': ALARM_ARN } } },
    ]),
    alarmFixture('CloudWatch allowed for the account (aws:SourceAccount)', 'compliant', [
      { Effect: 'Allow', Principal: CLOUDWATCH, Action: 'sns:Publish', Resource: TOPIC_ARN, Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } },
    ]),
    alarmFixture('CloudWatch allowed for another alarm only', 'non-compliant', [
      { Effect: 'Allow', Principal: CLOUDWATCH, Action: 'sns:Publish', Resource: TOPIC_ARN, Condition: { ArnEquals: { 'aws:SourceArn': `${ALARM_ARN}-other` } } },
    ]),
    alarmFixture('only EventBridge may publish', 'non-compliant', [
      { Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: TOPIC_ARN },
    ]),
    alarmFixture('CloudWatch allowed, then denied without TLS (the service sends TLS)', 'compliant', [
      TLS_ONLY, { Effect: 'Allow', Principal: CLOUDWATCH, Action: 'sns:*', Resource: TOPIC_ARN },
    ]),
    alarmFixture('no topic policy: SNS\'s default policy', 'non-compliant', null),
  ],
};

const RULE = 'fixture-rule';
const RULE_ARN = `arn:aws:events:eu-west-1:${ACCOUNT}:rule/${RULE}`;
const QUEUE = 'fixture-queue';
const QUEUE_ARN = `arn:aws:sqs:eu-west-1:${ACCOUNT}:${QUEUE}`;
const FN = 'fixture-fn';
const FN_ARN = `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:${FN}`;
const ROLE = 'fixture-events-role';
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/${ROLE}`;
const EVENTS = { Service: 'events.amazonaws.com' };
const FROM_RULE = { ArnEquals: { 'aws:SourceArn': RULE_ARN } };

interface RuleSetup {
  /** The rule's target: the topic, the queue or the function. */
  readonly target: 'topic' | 'queue' | 'function';
  readonly topicPolicy?: object[];
  readonly queuePolicy?: object[];
  /** Lambda permissions of the function (principal, source ARN). */
  readonly permissions?: Array<{ principal: string; sourceArn?: string }>;
  /** The target's dead-letter queue is the queue. */
  readonly deadLetterQueue?: boolean;
  /** EventBridge delivers with a role whose inline policy has these statements. */
  readonly roleStatements?: object[];
}

const doc = (statements: object[]) => ({ Version: '2012-10-17', Statement: statements });

/** A rule with one target, the topic, queue and function, their policies, and optionally a role. */
function ruleFixture(name: string, expected: Verdict, setup: RuleSetup): Fixture {
  const targetArn = { topic: TOPIC_ARN, queue: QUEUE_ARN, function: FN_ARN }[setup.target];
  const trust = doc([{ Effect: 'Allow', Principal: EVENTS, Action: 'sts:AssumeRole' }]);
  return {
    name,
    expected,
    synth: (stack) => {
      const topic = new sns.CfnTopic(stack, 'T', { topicName: TOPIC });
      if (setup.topicPolicy) new sns.CfnTopicPolicy(stack, 'TP', { topics: [topic.ref], policyDocument: doc(setup.topicPolicy) });
      const queue = new sqs.CfnQueue(stack, 'Q', { queueName: QUEUE });
      if (setup.queuePolicy) new sqs.CfnQueuePolicy(stack, 'QP', { queues: [queue.ref], policyDocument: doc(setup.queuePolicy) });
      const fn = new lambda.CfnFunction(stack, 'F', { functionName: FN, role: `arn:aws:iam::${ACCOUNT}:role/fn`, runtime: 'nodejs22.x', handler: 'index.handler', code: { zipFile: 'x' } });
      (setup.permissions ?? []).forEach((p, i) => new lambda.CfnPermission(stack, `FP${i}`, { functionName: fn.ref, action: 'lambda:InvokeFunction', principal: p.principal, sourceArn: p.sourceArn }));
      const role = setup.roleStatements
        ? new iam.CfnRole(stack, 'R', { roleName: ROLE, assumeRolePolicyDocument: trust, policies: [{ policyName: 'deliver', policyDocument: doc(setup.roleStatements) }] })
        : undefined;
      const arnOf = { topic: topic.ref, queue: queue.attrArn, function: fn.attrArn }[setup.target];
      return new events.CfnRule(stack, 'Rule', {
        name: RULE,
        eventPattern: { source: ['aws.guardduty'] },
        targets: [{ id: 't', arn: arnOf, roleArn: role?.attrArn, deadLetterConfig: setup.deadLetterQueue ? { arn: queue.attrArn } : undefined }],
      });
    },
    live: () => ({
      eventRules: [{
        name: RULE,
        arn: RULE_ARN,
        eventBusName: 'default',
        state: 'ENABLED',
        eventPattern: '{"source":["aws.guardduty"]}',
        targets: [{ id: 't', arn: targetArn, ...(setup.roleStatements ? { roleArn: ROLE_ARN } : {}), ...(setup.deadLetterQueue ? { deadLetterArn: QUEUE_ARN } : {}) }],
      }],
      snsTopics: [{ name: TOPIC, arn: TOPIC_ARN, kmsMasterKeyId: null, policy: setup.topicPolicy ? JSON.stringify(doc(setup.topicPolicy)) : null }],
      sqsQueues: [{
        name: QUEUE,
        url: `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/${QUEUE}`,
        arn: QUEUE_ARN,
        redrivePolicy: null,
        kmsMasterKeyId: null,
        sqsManagedSseEnabled: true,
        policy: setup.queuePolicy ? JSON.stringify(doc(setup.queuePolicy)) : null,
      }],
      lambdaFunctions: [{
        functionName: FN,
        arn: FN_ARN,
        policy: setup.permissions?.length ? JSON.stringify(doc(setup.permissions.map((p, i) => ({
          Sid: `p${i}`,
          Effect: 'Allow',
          Principal: { Service: p.principal },
          Action: 'lambda:InvokeFunction',
          Resource: FN_ARN,
          ...(p.sourceArn ? { Condition: { ArnLike: { 'AWS:SourceArn': p.sourceArn } } } : {}),
        })))) : null,
      }],
      kmsKeys: [],
      authorizationDetails: {
        users: [],
        policies: [],
        roles: setup.roleStatements ? [{
          roleName: ROLE,
          arn: ROLE_ARN,
          path: '/',
          trustPolicy: JSON.stringify(trust),
          attachedPolicyArns: [],
          inlinePolicies: [{ name: 'deliver', document: JSON.stringify(doc(setup.roleStatements)) }],
        }] : [],
      },
    }),
  };
}

const EVENTS_TARGET_AUTHORIZED: SharedControl = {
  id: 'Events.TargetAuthorized',
  rule: 'EventsRuleTargetAuthorized',
  check: 'events-target-authorized',
  fixtures: [
    ruleFixture('a topic whose policy admits the rule', 'compliant', {
      target: 'topic', topicPolicy: [TLS_ONLY, { Effect: 'Allow', Principal: EVENTS, Action: 'sns:Publish', Resource: TOPIC_ARN, Condition: FROM_RULE }],
    }),
    ruleFixture('a topic without a topic policy (the default policy)', 'non-compliant', { target: 'topic' }),
    ruleFixture('a topic that admits another rule only', 'non-compliant', {
      target: 'topic', topicPolicy: [{ Effect: 'Allow', Principal: EVENTS, Action: 'sns:Publish', Resource: TOPIC_ARN, Condition: { ArnEquals: { 'aws:SourceArn': `${RULE_ARN}-other` } } }],
    }),
    ruleFixture('a queue without a queue policy', 'non-compliant', { target: 'queue' }),
    ruleFixture('a queue whose policy admits the rule', 'compliant', {
      target: 'queue', queuePolicy: [{ Effect: 'Allow', Principal: EVENTS, Action: 'sqs:SendMessage', Resource: QUEUE_ARN, Condition: FROM_RULE }],
    }),
    ruleFixture('a function with the rule\'s permission', 'compliant', { target: 'function', permissions: [{ principal: 'events.amazonaws.com', sourceArn: RULE_ARN }] }),
    ruleFixture('a function with another service\'s permission only', 'non-compliant', { target: 'function', permissions: [{ principal: 's3.amazonaws.com' }] }),
    ruleFixture('an admitted topic, but a dead-letter queue without a policy', 'non-compliant', {
      target: 'topic', deadLetterQueue: true, topicPolicy: [{ Effect: 'Allow', Principal: EVENTS, Action: 'sns:Publish', Resource: TOPIC_ARN, Condition: FROM_RULE }],
    }),
    ruleFixture('a role allowed to publish, the topic with the default policy', 'compliant', {
      target: 'topic', roleStatements: [{ Effect: 'Allow', Action: 'sns:Publish', Resource: TOPIC_ARN }],
    }),
    ruleFixture('a role not allowed to publish', 'non-compliant', {
      target: 'topic', roleStatements: [{ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: QUEUE_ARN }],
    }),
  ],
};

interface RouteSetup {
  readonly state?: string;
  readonly source?: string;
  readonly targets?: number;
  readonly bus?: string;
}

/** A detector (enabled or not) and the rules of its Region. */
function routeFixture(name: string, expected: Verdict, enabled: boolean, routes: RouteSetup[]): Fixture {
  const pattern = (r: RouteSetup) => ({ source: [r.source ?? 'aws.guardduty'] });
  const targets = (r: RouteSetup) => Array.from({ length: r.targets ?? 1 }, (_, i) => ({ id: `t${i}`, arn: TOPIC_ARN }));
  return {
    name,
    expected,
    synth: (stack) => {
      routes.forEach((r, i) => new events.CfnRule(stack, `Route${i}`, { eventPattern: pattern(r), state: r.state, eventBusName: r.bus, targets: targets(r) }));
      return new guardduty.CfnDetector(stack, 'D', { enable: enabled });
    },
    live: () => ({
      guardDutyDetectors: [{ id: 'd1', arn: `arn:aws:guardduty:eu-west-1:${ACCOUNT}:detector/d1`, status: enabled ? 'ENABLED' : 'DISABLED' }],
      eventRules: routes.map((r, i) => ({
        name: `route${i}`,
        arn: `arn:aws:events:eu-west-1:${ACCOUNT}:rule/${r.bus ? `${r.bus}/` : ''}route${i}`,
        eventBusName: r.bus ?? 'default',
        state: r.state ?? 'ENABLED',
        eventPattern: JSON.stringify(pattern(r)),
        targets: targets(r).map((t) => ({ id: t.id, arn: t.arn })),
      })),
    }),
  };
}

const GUARDDUTY_FINDINGS_ROUTE: SharedControl = {
  id: 'GuardDuty.FindingsRoute',
  rule: 'GuardDutyFindingsRoute',
  check: 'guardduty-enabled-findings-routed',
  fixtures: [
    routeFixture('enabled, routed', 'compliant', true, [{}]),
    routeFixture('enabled, routed by an explicitly enabled rule among others', 'compliant', true, [{ source: 'aws.securityhub' }, { state: 'ENABLED' }]),
    routeFixture('enabled, no rule', 'non-compliant', true, []),
    routeFixture('enabled, the route disabled', 'non-compliant', true, [{ state: 'DISABLED' }]),
    routeFixture('enabled, the route without targets', 'non-compliant', true, [{ targets: 0 }]),
    routeFixture('enabled, the route on a custom bus (GuardDuty sends to the default bus)', 'non-compliant', true, [{ bus: 'security' }]),
    routeFixture('enabled, a rule of another source only', 'non-compliant', true, [{ source: 'aws.securityhub' }]),
    routeFixture('disabled, routed', 'non-compliant', false, [{}]),
  ],
};

export const MESSAGING_SHARED: SharedControl[] = [SNS_TOPIC_POLICY, ALARM_ACTION_AUTHORIZED, EVENTS_TARGET_AUTHORIZED, GUARDDUTY_FINDINGS_ROUTE];
