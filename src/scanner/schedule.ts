// When the ComplianceScanner runs: the EventBridge rule that invokes its function, with retries and a dead-letter queue.
import { Duration } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ScannerSettings } from './settings';

/** The rule (`Schedule`) that starts a full scan (`{"dryRun": false}`) on the schedule: three retries within two hours, then the dead-letter queue. */
export function scannerSchedule(scope: Construct, settings: ScannerSettings, fn: lambda.IFunction, deadLetterQueue: sqs.IQueue): events.Rule {
  return new events.Rule(scope, 'Schedule', {
    ruleName: settings.name('schedule'),
    description: `Runs the compliance scanner ${scope.node.path}`,
    schedule: settings.schedule,
    targets: [new targets.LambdaFunction(fn, {
      event: events.RuleTargetInput.fromObject({ dryRun: false }),
      retryAttempts: 3,
      maxEventAge: Duration.hours(2),
      deadLetterQueue,
    })],
  });
}
