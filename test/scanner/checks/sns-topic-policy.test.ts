import { inv, statuses } from './helpers';
import { defaultTopicPolicy } from '../../../src/controls/judgement/aws-documents';
import { snsTopicPolicy } from '../../../src/scanner/runtime/checks/sns/topic-policy';
import { TopicInfo } from '../../../src/scanner/runtime/model';

const topic = (name: string, policy: TopicInfo['policy']): TopicInfo => ({ name, arn: `arn:aws:sns:eu-west-1:123456789012:${name}`, kmsMasterKeyId: null, policy });
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

describe('sns-topic-policy', () => {
  test('own policy PASSes; the default policy, none, or publish open to everyone FAILs; unread or unreadable is ERROR', () => {
    const i = inv({
      snsTopics: [
        topic('own', doc({ Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: '*', Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } } })),
        topic('default', JSON.stringify(defaultTopicPolicy('123456789012'))),
        topic('none', null),
        topic('open', doc({ Effect: 'Allow', Principal: { AWS: '*' }, Action: ['sns:Subscribe', 'sns:Pub*'], Resource: '*' })),
        topic('unread', undefined),
        topic('garbage', '{not json'),
      ],
    });
    expect(statuses(snsTopicPolicy, i)).toEqual(['PASS', 'FAIL', 'FAIL', 'FAIL', 'ERROR', 'ERROR']);
    const r = snsTopicPolicy.evaluate(i);
    expect(r[1].reason).toContain('default policy');
    expect(r[3].reason).toContain('to everyone');
  });
});
