import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { ComplianceKey, ComplianceLogGroup } from '../../src';
import { formatFindings, nagFindings, newStack } from '../nag-helper';

describe('ComplianceLogGroup', () => {
  test('defaults: KMS encrypted with its own key, one year retention, retained', () => {
    const stack = newStack();
    const group = new ComplianceLogGroup(stack, 'Logs');
    expect(group.key).toBeInstanceOf(ComplianceKey);
    const template = Template.fromStack(stack);
    template.hasResource('AWS::Logs::LogGroup', {
      Properties: { RetentionInDays: 365, KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^LogsKey'), 'Arn'] } },
      DeletionPolicy: 'Retain',
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: {
        Statement: Match.arrayWith([Match.objectLike({
          Principal: { Service: 'logs.us-east-1.amazonaws.com' },
          Condition: {
            ArnLike: {
              'kms:EncryptionContext:aws:logs:arn': { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':logs:us-east-1:123456789012:log-group:*']] },
            },
          },
        })]),
      },
    });
    expect(formatFindings(nagFindings(stack))).toEqual([]);
  });

  test('a given key is used and no key is created', () => {
    const stack = newStack();
    const key = new ComplianceKey(stack, 'Shared');
    new ComplianceLogGroup(stack, 'Logs', { encryptionKey: key, retention: logs.RetentionDays.TEN_YEARS, logGroupName: '/audit/app' });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::KMS::Key', 1);
    template.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: '/audit/app', RetentionInDays: 3653 });
  });

  test('a foreign key is used as given, without policy changes', () => {
    const stack = newStack();
    const key = kms.Key.fromKeyArn(stack, 'Foreign', 'arn:aws:kms:us-east-1:123456789012:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0');
    new ComplianceLogGroup(stack, 'Logs', { encryptionKey: key });
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: 'arn:aws:kms:us-east-1:123456789012:key/0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0' });
  });

  test('infinite retention and DESTROY work and are warned about', () => {
    const stack = newStack();
    new ComplianceLogGroup(stack, 'Logs', { retention: logs.RetentionDays.INFINITE, removalPolicy: RemovalPolicy.DESTROY });
    const annotations = Annotations.fromStack(stack);
    annotations.hasWarning('/TestStack/Logs', Match.stringLikeRegexp('retention weakens a secure default'));
    annotations.hasWarning('/TestStack/Logs', Match.stringLikeRegexp('removalPolicy weakens a secure default'));
    Template.fromStack(stack).hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Delete', Properties: { RetentionInDays: Match.absent() } });
  });

  test('grantServiceUse refuses wildcard actions', () => {
    const stack = newStack();
    const key = new ComplianceKey(stack, 'Key');
    expect(() => key.grantServiceUse('logs.us-east-1.amazonaws.com', ['kms:*'])).toThrow(/must list specific KMS actions/);
    expect(() => key.grantServiceUse('logs.us-east-1.amazonaws.com', [])).toThrow(/must list specific KMS actions/);
  });

  test('ComplianceKey rejects a pending window outside 7 to 30 days', () => {
    const stack = newStack();
    expect(() => new ComplianceKey(stack, 'Key', { pendingWindow: Duration.days(3) }))
      .toThrow(/Key\.pendingWindow: 3\. Allowed: a whole number from 7 to 30 days/);
  });
});
