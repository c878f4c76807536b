import { ArnFormat, Names, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as events from 'aws-cdk-lib/aws-events';
import { IConstruct } from 'constructs';

/**
 * The ARN by which an EventBridge rule or CloudWatch alarm is admitted to a resource policy (a
 * topic or queue policy, as `aws:SourceArn`) that lives in `policyHolder`'s stack.
 *
 * In the publisher's own stack this is the publisher's ARN. In another stack a reference would
 * make that stack depend on the publisher's while the publisher's already depends on it (it
 * targets the topic or queue): a cycle. There the publisher gets a fixed physical name, unique in
 * the app, and the ARN is built from it with the publisher stack's account and Region.
 */
export function publisherArn(policyHolder: IConstruct, publisher: events.Rule | cloudwatch.Alarm): string {
  const stack = Stack.of(publisher);
  if (Stack.of(policyHolder) === stack) {
    return publisher instanceof events.Rule ? publisher.ruleArn : publisher.alarmArn;
  }
  if (publisher instanceof events.Rule) {
    const cfn = publisher.node.defaultChild as events.CfnRule;
    if (cfn.name === undefined || Token.isUnresolved(cfn.name)) {
      cfn.name = Names.uniqueResourceName(publisher, { maxLength: 64 });
    }
    return stack.formatArn({ service: 'events', resource: 'rule', resourceName: cfn.name, arnFormat: ArnFormat.SLASH_RESOURCE_NAME });
  }
  const cfn = publisher.node.defaultChild as cloudwatch.CfnAlarm;
  if (cfn.alarmName === undefined || Token.isUnresolved(cfn.alarmName)) {
    cfn.alarmName = Names.uniqueResourceName(publisher, { maxLength: 255 });
  }
  return stack.formatArn({ service: 'cloudwatch', resource: 'alarm', resourceName: cfn.alarmName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
}
