import { pathRule } from '../../paths';
import { ERROR } from '../../private/rule';

/**
 * A CloudWatch alarm's SNS action is not authorised: the topic policy must admit
 * `cloudwatch.amazonaws.com` with `aws:SourceArn` of the alarm (the key's policy is the
 * KmsKeyUseAuthorized rule's).
 *
 * Seed failure: 004_5b6328fd8d3c63a0.txt #27 (the processing window is monitored, but the alarm
 * never reaches anyone). One finding per denied action topic.
 */
export default pathRule('alarm-action', {
  name: 'AlarmActionAuthorized',
  level: ERROR,
  resourceTypes: ['AWS::CloudWatch::Alarm'],
  info: 'A CloudWatch alarm cannot publish to its SNS action topic.',
  explanation: 'CloudWatch publishes alarm notifications as cloudwatch.amazonaws.com with aws:SourceArn of the alarm; a topic policy that does not admit it makes the alarm change state silently. Allow cloudwatch.amazonaws.com sns:Publish in the topic policy, restricted to the alarm\'s ARN or account.',
});
