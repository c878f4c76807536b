/**
 * Lambda.DestinationAuthorized: a function's role and its dead-letter queue or event invoke
 * destination, as a template (role, queue and configuration in the same stack) and as the scanner
 * sees it (ListFunctions, ListFunctionEventInvokeConfigs, the role's live policies).
 */
import { aws_iam as iam, aws_lambda as lambda, aws_sqs as sqs, CfnResource } from 'aws-cdk-lib';
import { ACCOUNT, Fixture, SharedControl, Verdict } from './agreement-harness';

const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/fn-role`;
const FN_ARN = `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:fn`;
const QUEUE_ARN = `arn:aws:sqs:eu-west-1:${ACCOUNT}:fn-dlq`;
const BUS_ARN = `arn:aws:events:eu-west-1:${ACCOUNT}:event-bus/failures`;
const TRUST = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
const allow = (action: string, resource: string) => ({ Effect: 'Allow', Action: action, Resource: resource });

function destinationFixture(name: string, expected: Verdict, target: 'dlq' | 'on-failure-bus' | 'on-success-bus', statements: object[], queueStatements?: object[]): Fixture {
  const policy = { Version: '2012-10-17', Statement: statements };
  const queuePolicy = queueStatements ? { Version: '2012-10-17', Statement: queueStatements } : undefined;
  return {
    name,
    expected,
    synth: (stack): CfnResource => {
      const role = new iam.CfnRole(stack, 'Role', { roleName: 'fn-role', assumeRolePolicyDocument: TRUST, policies: [{ policyName: 'send', policyDocument: policy }] });
      const queue = target === 'dlq' ? new sqs.CfnQueue(stack, 'Dlq', { queueName: 'fn-dlq' }) : undefined;
      if (queue && queuePolicy) new sqs.CfnQueuePolicy(stack, 'DlqPolicy', { queues: [queue.ref], policyDocument: queuePolicy });
      const fn = new lambda.CfnFunction(stack, 'Fn', {
        functionName: 'fn',
        code: { zipFile: 'exports.handler = async () => {};' },
        role: role.attrArn,
        handler: 'index.handler',
        runtime: 'nodejs22.x',
        deadLetterConfig: queue ? { targetArn: queue.attrArn } : undefined,
      });
      if (!queue) {
        const destination = { destination: BUS_ARN };
        return new lambda.CfnEventInvokeConfig(stack, 'Config', {
          functionName: fn.ref, qualifier: '$LATEST', destinationConfig: target === 'on-failure-bus' ? { onFailure: destination } : { onSuccess: destination },
        });
      }
      return fn;
    },
    live: () => ({
      lambdaFunctions: [{
        functionName: 'fn',
        arn: FN_ARN,
        policy: null,
        role: ROLE_ARN,
        deadLetterTargetArn: target === 'dlq' ? QUEUE_ARN : null,
        invokeDestinations: target === 'dlq' ? [] : [BUS_ARN],
      }],
      sqsQueues: target === 'dlq'
        ? [{ name: 'fn-dlq', url: `https://sqs.eu-west-1.amazonaws.com/${ACCOUNT}/fn-dlq`, arn: QUEUE_ARN, policy: queuePolicy ? JSON.stringify(queuePolicy) : null, redrivePolicy: null, kmsMasterKeyId: null }]
        : [],
      snsTopics: [],
      kmsKeys: [],
      authorizationDetails: {
        users: [],
        policies: [],
        roles: [{ roleName: 'fn-role', arn: ROLE_ARN, path: '/', trustPolicy: JSON.stringify(TRUST), inlinePolicies: [{ name: 'send', document: JSON.stringify(policy) }], attachedPolicyArns: [] }],
      },
    }),
  };
}

export const LAMBDA_DESTINATION: SharedControl = {
  id: 'Lambda.DestinationAuthorized',
  rule: 'LambdaDestinationAuthorized',
  check: 'lambda-destination-authorized',
  fixtures: [
    destinationFixture('dead-letter queue, sqs:SendMessage allowed', 'compliant', 'dlq', [allow('sqs:SendMessage', QUEUE_ARN)]),
    destinationFixture('dead-letter queue, sqs:* on *', 'compliant', 'dlq', [allow('sqs:*', '*')]),
    destinationFixture('dead-letter queue, nothing allowed', 'non-compliant', 'dlq', []),
    destinationFixture('dead-letter queue, allowed by the queue policy only', 'compliant', 'dlq', [],
      [{ Effect: 'Allow', Principal: { AWS: ROLE_ARN }, Action: 'sqs:SendMessage', Resource: QUEUE_ARN }]),
    destinationFixture('dead-letter queue, allowed by the role, denied by the queue policy', 'non-compliant', 'dlq', [allow('sqs:SendMessage', QUEUE_ARN)],
      [{ Effect: 'Deny', Principal: '*', Action: 'sqs:SendMessage', Resource: QUEUE_ARN }]),
    destinationFixture('on-failure event bus, events:PutEvents allowed', 'compliant', 'on-failure-bus', [allow('events:PutEvents', BUS_ARN)]),
    destinationFixture('on-failure event bus, another bus only', 'non-compliant', 'on-failure-bus', [allow('events:PutEvents', `${BUS_ARN}-other`)]),
    destinationFixture('on-success event bus, nothing allowed', 'non-compliant', 'on-success-bus', []),
    destinationFixture('on-failure event bus, allowed then denied', 'non-compliant', 'on-failure-bus', [allow('events:*', '*'), { Effect: 'Deny', Action: 'events:PutEvents', Resource: '*' }]),
  ],
};

export const LAMBDA_DESTINATION_SHARED: SharedControl[] = [LAMBDA_DESTINATION];
