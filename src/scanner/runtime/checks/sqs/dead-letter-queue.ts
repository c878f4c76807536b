import { CheckResult, errored, fail, Inventory, pass } from '../../model';
import { defineResourceCheck } from '../define';
import { SQS_QUEUES } from '../resource-kinds';

/**
 * SQS.DeadLetterQueue: the run-time side of `AwsSolutions-SQS3` (ComplianceQueue's default). As the
 * rule judges a queue: it has a dead-letter queue (`RedrivePolicy.deadLetterTargetArn`), or it is
 * itself the dead-letter queue of another queue or of a Lambda function (its `DeadLetterConfig`).
 */
export const sqsDeadLetterQueue = defineResourceCheck(
  SQS_QUEUES,
  {
    id: 'sqs-dead-letter-queue',
    title: 'SQS queues have a dead-letter queue, unless they are one',
    severity: 'LOW',
    remediation: 'Set a redrive policy on the queue (RedrivePolicy with a deadLetterTargetArn and maxReceiveCount), so that messages that cannot be processed are kept aside and seen.',
    requiredActions: ['sqs:ListQueues', 'sqs:GetQueueAttributes', 'lambda:ListFunctions', 'lambda:GetPolicy'],
    datasets: ['sqs.queues', 'lambda.functions'],
  },
  (q, _id, inv) => judgeQueue(inv, q.arn),
);

function judgeQueue(inv: Inventory, queueArn: string): CheckResult {
  const queues = inv.sqsQueues ?? [];
  const q = queues.find((x) => x.arn === queueArn)!;
  if (q.redrivePolicy === undefined) return errored(q.arn, 'could not read the queue attributes (RedrivePolicy)');
  if (q.redrivePolicy?.deadLetterTargetArn) {
    const after = q.redrivePolicy.maxReceiveCount !== undefined ? ` after ${q.redrivePolicy.maxReceiveCount} receives` : '';
    return pass(q.arn, `dead-letter queue ${q.redrivePolicy.deadLetterTargetArn}${after}`);
  }
  const sources = queues.filter((x) => x.redrivePolicy?.deadLetterTargetArn === q.arn).map((x) => x.arn);
  if (sources.length > 0) return pass(q.arn, `no dead-letter queue of its own: it is the dead-letter queue of ${sources.join(', ')}`);
  const functions = (inv.lambdaFunctions ?? []).filter((f) => f.deadLetterTargetArn === q.arn).map((f) => f.arn);
  if (functions.length > 0) return pass(q.arn, `no dead-letter queue of its own: it is the dead-letter queue of the function ${functions.join(', ')}`);
  const unread = queues.filter((x) => x.redrivePolicy === undefined).length;
  if (unread > 0) return errored(q.arn, `no redrive policy, and whether it is the dead-letter queue of another queue is not known: the attributes of ${unread} queue(s) could not be read`);
  if (inv.lambdaFunctions === undefined) return errored(q.arn, 'no redrive policy, and whether it is the dead-letter queue of a Lambda function is not known: the functions could not be listed');
  return fail(q.arn, 'no redrive policy (RedrivePolicy) and not the dead-letter queue of a queue or function of the Region');
}
