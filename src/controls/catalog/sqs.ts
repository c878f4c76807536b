/** The controls catalog entries of SQS. */
import { ControlEntry, control, fw } from './entry';

export const SQS_CONTROLS: readonly ControlEntry[] = [
  control({
    id: 'SQS.DeadLetterQueue',
    title: 'SQS queues have a dead-letter queue',
    severity: 'LOW',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'ComplianceQueue' }],
    stockNagRules: ['AwsSolutions-SQS3', 'Serverless-SQSRedrivePolicy'],
    nagControl: 'SQS_DEAD_LETTER_QUEUE',
    guardRules: ['sqs_dlq_check'],
    scannerChecks: [{ id: 'sqs-dead-letter-queue', compliantWhen: 'Judged as `AwsSolutions-SQS3` judges the template: PASS when `GetQueueAttributes` reports a `RedrivePolicy` with a `deadLetterTargetArn`, or when the queue is itself the dead-letter queue of another queue of the Region (its `RedrivePolicy`) or of a Lambda function (`DeadLetterConfig`, ListFunctions); otherwise FAIL. A queue whose attributes could not be read is `ERROR`, and so is a queue without a redrive policy when the attributes of another queue or the functions could not be read (whether it is a dead-letter queue is then not known). Never not applicable.' }],
  }),
];
