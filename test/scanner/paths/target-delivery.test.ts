import { LivePaths } from '../../../src/scanner/runtime/paths/live-paths';
import { deliver, serviceOfArn, targetName } from '../../../src/scanner/runtime/paths/target-delivery';
import { inv } from '../checks/helpers';

const ACCOUNT = '123456789012';
const RULE = `arn:aws:events:eu-west-1:${ACCOUNT}:rule/r`;
const EVENTS = { service: 'events.amazonaws.com' };
const CONTEXT = { 'aws:SourceAccount': ACCOUNT, 'aws:SourceArn': RULE };
const KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/k`;
const QUEUE = `arn:aws:sqs:eu-west-1:${ACCOUNT}:q`;
const allowEvents = (action: string, resource: string) => JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: action, Resource: resource }] });

function live() {
  return new LivePaths(inv({
    snsTopics: [{ name: 't', arn: `arn:aws:sns:eu-west-1:${ACCOUNT}:t`, kmsMasterKeyId: null, policy: null }],
    sqsQueues: [{ name: 'q', url: 'https://sqs/q', arn: QUEUE, policy: allowEvents('sqs:SendMessage', QUEUE), redrivePolicy: null, kmsMasterKeyId: KEY }],
    lambdaFunctions: [{ functionName: 'f', arn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:f`, policy: allowEvents('lambda:InvokeFunction', '*') }],
    kmsKeys: [{ keyId: 'k', arn: KEY, keyManager: 'CUSTOMER', keyState: 'Enabled', keySpec: 'SYMMETRIC_DEFAULT', origin: 'AWS_KMS', policy: JSON.stringify({ Statement: [] }) }],
  }));
}

const decisions = (l: LivePaths) => l.paths.map((p) => `${p.family} ${p.action} ${p.result.decision}`);

describe('live delivery', () => {
  test('a topic with the default policy is denied to a service; a missing topic of the Region is denied', () => {
    const l = live();
    deliver(l, { family: 'events-target', judged: RULE, source: 'rule r', targetArn: `arn:aws:sns:eu-west-1:${ACCOUNT}:t`, principal: EVENTS, context: CONTEXT });
    deliver(l, { family: 'events-target', judged: RULE, source: 'rule r', targetArn: `arn:aws:sns:eu-west-1:${ACCOUNT}:gone`, principal: EVENTS, context: CONTEXT });
    expect(decisions(l)).toEqual(['events-target sns:Publish denied', 'events-target sns:Publish denied']);
    expect(l.paths[1].result.reason).toContain('does not exist');
  });

  test('a queue admitted by its policy, then its key: the key policy without a statement denies the key use', () => {
    const l = live();
    deliver(l, { family: 'events-target', judged: RULE, source: 'rule r', targetArn: QUEUE, principal: EVENTS, context: CONTEXT });
    expect(decisions(l)).toEqual(['events-target sqs:SendMessage allowed', 'key-use kms:GenerateDataKey denied', 'key-use kms:Decrypt denied']);
  });

  test('a function by a qualified ARN is judged on its policy', () => {
    const l = live();
    deliver(l, { family: 'events-target', judged: RULE, source: 'rule r', targetArn: `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:f:live`, principal: EVENTS, context: CONTEXT });
    expect(decisions(l)).toEqual(['events-target lambda:InvokeFunction allowed']);
  });

  test('another account\'s target is undecided for a service and not judged for a role; topics not read are undecided', () => {
    const l = live();
    const other = 'arn:aws:sns:eu-west-1:999999999999:t';
    deliver(l, { family: 'events-target', judged: RULE, source: 'rule r', targetArn: other, principal: EVENTS, context: CONTEXT });
    deliver(l, { family: 'events-target', judged: RULE, source: 'rule r', targetArn: other, principal: { role: `arn:aws:iam::${ACCOUNT}:role/x`, account: ACCOUNT }, context: {} });
    expect(decisions(l)).toEqual(['events-target sns:Publish unknown']);
    const unread = new LivePaths(inv({}));
    deliver(unread, { family: 'alarm-action', judged: RULE, source: 'alarm a', targetArn: `arn:aws:sns:eu-west-1:${ACCOUNT}:t`, principal: { service: 'cloudwatch.amazonaws.com' }, context: CONTEXT });
    expect(decisions(unread)).toEqual(['alarm-action sns:Publish unknown']);
  });

  test('a log group target is undecided (the account\'s CloudWatch Logs resource policies are not read)', () => {
    const l = live();
    deliver(l, { family: 'events-target', judged: RULE, source: 'rule r', targetArn: `arn:aws:logs:eu-west-1:${ACCOUNT}:log-group:g`, principal: EVENTS, context: CONTEXT });
    expect(decisions(l)).toEqual(['events-target logs:CreateLogStream unknown', 'events-target logs:PutLogEvents unknown']);
  });

  describe('a role\'s delivery: its identity policies and the target\'s policy, as within one account', () => {
    const ROLE = `arn:aws:iam::${ACCOUNT}:role/sender`;
    const TOPIC = `arn:aws:sns:eu-west-1:${ACCOUNT}:t`;
    const SCHEDULE = `arn:aws:scheduler:eu-west-1:${ACCOUNT}:schedule/default/s`;
    const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
    const sender = (...statements: object[]) => ({
      principal: { role: ROLE, account: ACCOUNT },
      role: { principal: { role: ROLE, account: ACCOUNT }, identity: [{ name: 'sender\'s policy', document: JSON.parse(policy(...statements)) }] },
      family: 'scheduler-target' as const,
      judged: SCHEDULE,
      source: 'schedule default/s',
      context: {},
    });
    const withTargets = (queuePolicy: string | null, topicPolicy: string | null) => new LivePaths(inv({
      accountId: ACCOUNT,
      snsTopics: [{ name: 't', arn: TOPIC, kmsMasterKeyId: null, policy: topicPolicy }],
      sqsQueues: [{ name: 'q', url: 'https://sqs/q', arn: QUEUE, policy: queuePolicy, redrivePolicy: null, kmsMasterKeyId: null }],
    }));
    const send = { Effect: 'Allow', Action: ['sqs:SendMessage', 'sns:Publish'], Resource: [QUEUE, TOPIC] };

    test('a queue whose policy denies the role fails, though the role\'s policy allows the send', () => {
      const l = withTargets(policy({ Effect: 'Deny', Principal: { AWS: ROLE }, Action: 'sqs:SendMessage', Resource: QUEUE }), null);
      const d = sender(send);
      expect(deliver(l, { ...d, targetArn: QUEUE })).toBe(true);
      expect(decisions(l)).toEqual(['scheduler-target sqs:SendMessage denied']);
      expect(l.paths[0].result.reason).toContain('explicitly denied by the queue policy of q');
    });

    test('a topic whose policy denies the role fails', () => {
      const l = withTargets(null, policy({ Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: TOPIC }));
      const d = sender(send);
      deliver(l, { ...d, targetArn: TOPIC });
      expect(decisions(l)).toEqual(['scheduler-target sns:Publish denied']);
    });

    test('the queue\'s policy alone may allow the role; neither allowing denies', () => {
      const l = withTargets(policy({ Effect: 'Allow', Principal: { AWS: ROLE }, Action: 'sqs:SendMessage', Resource: QUEUE }), null);
      const d = sender();
      deliver(l, { ...d, targetArn: QUEUE });
      const bare = withTargets(null, null);
      deliver(bare, { ...d, targetArn: QUEUE });
      expect([...decisions(l), ...decisions(bare)]).toEqual(['scheduler-target sqs:SendMessage allowed', 'scheduler-target sqs:SendMessage denied']);
    });

    test('queues not read, or a policy not readable, are undecided for a role too; a target kind not judged adds nothing', () => {
      const unread = new LivePaths(inv({ accountId: ACCOUNT }));
      const d = sender(send);
      deliver(unread, { ...d, targetArn: QUEUE });
      const l = new LivePaths(inv({ accountId: ACCOUNT, sqsQueues: [{ name: 'q', url: 'https://sqs/q', arn: QUEUE }] }));
      deliver(l, { ...d, targetArn: QUEUE });
      expect([...decisions(unread), ...decisions(l)]).toEqual(['scheduler-target sqs:SendMessage unknown', 'scheduler-target sqs:SendMessage unknown']);
      expect(deliver(l, { ...d, targetArn: `arn:aws:kinesis:eu-west-1:${ACCOUNT}:stream/s` })).toBe(false);
      expect(l.paths).toHaveLength(1);
    });
  });
});

describe('target names', () => {
  test('the last part of the ARN', () => {
    expect(targetName(`arn:aws:events:eu-west-1:${ACCOUNT}:event-bus/b`)).toBe('b');
    expect(targetName(QUEUE)).toBe('q');
    expect(serviceOfArn(QUEUE)).toBe('sqs');
    expect(serviceOfArn('q')).toBeUndefined();
  });
});
