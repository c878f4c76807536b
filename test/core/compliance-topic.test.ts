import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import { ComplianceTopic } from '../../src';
import { formatFindings, nagFindings, newStack } from '../nag-helper';

function topicPolicy(template: Template): any[] {
  const policies = Object.values(template.findResources('AWS::SNS::TopicPolicy')) as any[];
  expect(policies).toHaveLength(1);
  return policies[0].Properties.PolicyDocument.Statement;
}

function keyPolicy(template: Template): any[] {
  const keys = Object.values(template.findResources('AWS::KMS::Key')) as any[];
  expect(keys).toHaveLength(1);
  return keys[0].Properties.KeyPolicy.Statement;
}

describe('ComplianceTopic defaults', () => {
  const stack = newStack();
  new ComplianceTopic(stack, 'Alerts');
  const template = Template.fromStack(stack);

  test('encrypts messages with a customer managed key that rotates', () => {
    template.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AlertsKey'), 'Arn'] },
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  test('the topic policy denies publishing and other actions without TLS, and allows nobody to publish', () => {
    const statements = topicPolicy(template);
    expect(statements).toContainEqual(expect.objectContaining({
      Effect: 'Deny',
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      Principal: '*',
    }));
    expect(statements).toContainEqual(expect.objectContaining({
      Effect: 'Deny',
      Action: expect.arrayContaining(['sns:Subscribe', 'sns:SetTopicAttributes', 'sns:DeleteTopic']),
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    }));
    expect(statements.filter((s) => s.Effect === 'Allow')).toEqual([]);
  });

  test('the key policy grants SNS only what it needs to fill the dead-letter queue, for topics of this account', () => {
    expect(keyPolicy(template).filter((s) => s.Principal?.Service)).toEqual([expect.objectContaining({
      Principal: { Service: 'sns.amazonaws.com' },
      Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
      Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
    })]);
  });

  test('has a TLS-only dead-letter queue, encrypted with the topic\'s customer managed key and retained', () => {
    const queues = template.findResources('AWS::SQS::Queue');
    expect(Object.values(queues)).toHaveLength(1);
    const [queue] = Object.values<any>(queues);
    expect(queue.Properties.KmsMasterKeyId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^AlertsKey/), 'Arn'] });
    expect(queue.Properties.SqsManagedSseEnabled).toBeUndefined();
    expect(queue.Properties.MessageRetentionPeriod).toBe(1209600);
    expect(queue.DeletionPolicy).toBe('Retain');
    expect(queue.UpdateReplacePolicy).toBe('Retain');
    template.hasResourceProperties('AWS::SQS::QueuePolicy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({
            Effect: 'Allow',
            Principal: { Service: 'sns.amazonaws.com' },
            Action: 'sqs:SendMessage',
            Condition: { ArnEquals: { 'aws:SourceArn': { Ref: Match.stringLikeRegexp('^Alerts') } } },
          }),
        ]),
      },
    });
  });

  test('has no unacknowledged nag findings', () => {
    expect(formatFindings(nagFindings(stack))).toEqual([]);
  });
});

describe('ComplianceTopic with every option', () => {
  const stack = newStack();
  const topic = new ComplianceTopic(stack, 'Alerts', {
    topicName: 'security-alerts',
    displayName: 'Security alerts',
    emailSubscriptions: ['secops@example.com'],
    httpsSubscriptions: ['https://hooks.example.com/alerts'],
  });
  topic.allowServicePublish('events.amazonaws.com', { sourceArn: 'arn:aws:events:us-east-1:123456789012:rule/findings' });
  topic.allowServicePublish('cloudwatch.amazonaws.com');
  topic.allowAccountPublish('210987654321');
  const template = Template.fromStack(stack);

  test('subscriptions carry the dead-letter queue', () => {
    template.resourceCountIs('AWS::SNS::Subscription', 2);
    template.allResourcesProperties('AWS::SNS::Subscription', {
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^AlertsDeadLetterQueue'), 'Arn'] } },
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'secops@example.com' });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'https', Endpoint: 'https://hooks.example.com/alerts' });
  });

  test('a service may publish only from its account, and from the given source', () => {
    const statements = topicPolicy(template);
    expect(statements).toContainEqual(expect.objectContaining({
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sns:Publish',
      Condition: {
        StringEquals: { 'aws:SourceAccount': '123456789012' },
        ArnLike: { 'aws:SourceArn': 'arn:aws:events:us-east-1:123456789012:rule/findings' },
      },
    }));
    expect(statements).toContainEqual(expect.objectContaining({
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
    }));
    expect(statements).toContainEqual(expect.objectContaining({
      Principal: { AWS: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::210987654321:root']] } },
      Action: 'sns:Publish',
    }));
  });

  test('the key lets each publisher use it only for its own account or through SNS', () => {
    const statements = keyPolicy(template);
    expect(statements).toContainEqual(expect.objectContaining({
      Principal: { Service: 'events.amazonaws.com' },
      Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
      Condition: { StringEquals: { 'aws:SourceAccount': '123456789012' } },
    }));
    expect(statements).toContainEqual(expect.objectContaining({
      Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
      Condition: { StringEquals: { 'kms:ViaService': 'sns.us-east-1.amazonaws.com' } },
    }));
  });

  test('has no unacknowledged nag findings', () => {
    expect(formatFindings(nagFindings(stack))).toEqual([]);
  });
});

describe('ComplianceTopic with a given key', () => {
  test('uses the key and adds no statements to it', () => {
    const stack = newStack();
    const key = kms.Key.fromKeyArn(stack, 'Given', 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    const topic = new ComplianceTopic(stack, 'Alerts', { masterKey: key });
    topic.allowServicePublish('events.amazonaws.com');
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 0);
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' });
    expect(topic.key).toBe(key);
  });

  test('grantPublish gives an IAM principal the key as well', () => {
    const stack = newStack();
    const topic = new ComplianceTopic(stack, 'Alerts');
    const role = new iam.Role(stack, 'Publisher', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    topic.grantPublish(role);
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] })]) },
    });
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });
});

describe('ComplianceTopic bad input', () => {
  test('an http:// subscription fails and names the prop and the URL', () => {
    expect(() => new ComplianceTopic(newStack(), 'Alerts', { httpsSubscriptions: ['http://hooks.example.com/alerts'] }))
      .toThrow(/invalid httpsSubscriptions: 'http:\/\/hooks\.example\.com\/alerts'/);
  });

  test('a malformed email address fails and names it', () => {
    expect(() => new ComplianceTopic(newStack(), 'Alerts', { emailSubscriptions: ['secops'] }))
      .toThrow(/invalid emailSubscriptions: 'secops'/);
  });

  test('a topic name with spaces fails and names it', () => {
    expect(() => new ComplianceTopic(newStack(), 'Alerts', { topicName: 'security alerts' }))
      .toThrow(/invalid Alerts\.topicName: 'security alerts'/);
  });

  test('a service principal that is not an AWS service fails', () => {
    const topic = new ComplianceTopic(newStack(), 'Alerts');
    expect(() => topic.allowServicePublish('*')).toThrow(/invalid servicePrincipal: '\*'/);
  });

  test('an account id that is not 12 digits fails', () => {
    const topic = new ComplianceTopic(newStack(), 'Alerts');
    expect(() => topic.allowAccountPublish('12345')).toThrow(/invalid accountId: '12345'/);
  });
});
