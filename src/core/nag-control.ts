import { CfnResource } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { CONTROLS, controlForNagControl, findingIdsOf } from '../controls';
import { acknowledgeFinding, skipCheckov, suppressGuard } from './acknowledge';

/**
 * A security control that several cdk-nag packs check under different ids, so that one call
 * acknowledges it in all of them with the same reason.
 *
 * @example
 * import { aws_s3 as s3 } from 'aws-cdk-lib';
 * import { NagControl } from 'cdk-compliance-constructs';
 *
 * const logBucket = new s3.Bucket(this, 'AccessLogs', {
 *   encryption: s3.BucketEncryption.S3_MANAGED,
 *   enforceSSL: true,
 *   blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
 * });
 * // One call acknowledges AwsSolutions-S1 and the S3BucketLoggingEnabled rules of every pack.
 * NagControl.S3_ACCESS_LOGGING.acknowledge(logBucket.node.defaultChild!, 'This bucket receives the access logs; logging it would loop.');
 */
export class NagControl {
  /** S3 server access logging (AwsSolutions-S1, *-S3BucketLoggingEnabled, CompliancePack-S3AccessLogging). */
  public static readonly S3_ACCESS_LOGGING = new NagControl('S3_ACCESS_LOGGING');
  /** S3 default encryption with KMS (*-S3DefaultEncryptionKMS). */
  public static readonly S3_KMS_ENCRYPTION = new NagControl('S3_KMS_ENCRYPTION');
  /** S3 cross-Region replication (*-S3BucketReplicationEnabled). */
  public static readonly S3_REPLICATION = new NagControl('S3_REPLICATION');
  /** S3 lifecycle rules (CompliancePack-S3LifecycleRules). */
  public static readonly S3_LIFECYCLE = new NagControl('S3_LIFECYCLE');
  /** Lambda reserved concurrency (*-LambdaConcurrency, CompliancePack-LambdaReservedConcurrency). */
  public static readonly LAMBDA_CONCURRENCY = new NagControl('LAMBDA_CONCURRENCY');
  /** Lambda dead-letter queue or on-failure destination. */
  public static readonly LAMBDA_FAILURE_DESTINATION = new NagControl('LAMBDA_FAILURE_DESTINATION');
  /** Lambda function in a VPC (*-LambdaInsideVPC). */
  public static readonly LAMBDA_INSIDE_VPC = new NagControl('LAMBDA_INSIDE_VPC');
  /** Lambda X-Ray active tracing. */
  public static readonly LAMBDA_TRACING = new NagControl('LAMBDA_TRACING');
  /** Lambda runtime (AwsSolutions-L1, Serverless-LambdaLatestVersion, CompliancePack-LambdaDeprecatedRuntime). */
  public static readonly LAMBDA_RUNTIME = new NagControl('LAMBDA_RUNTIME');
  /** CloudWatch log group encrypted with KMS. */
  public static readonly LOG_GROUP_KMS = new NagControl('LOG_GROUP_KMS');
  /** CloudWatch log group retention. */
  public static readonly LOG_GROUP_RETENTION = new NagControl('LOG_GROUP_RETENTION');
  /** VPC flow logs (AwsSolutions-VPC7, *-VPCFlowLogsEnabled, CompliancePack-VpcFlowLogs). */
  public static readonly VPC_FLOW_LOGS = new NagControl('VPC_FLOW_LOGS');
  /** DynamoDB point-in-time recovery. */
  public static readonly DYNAMODB_PITR = new NagControl('DYNAMODB_PITR');
  /** SNS topic encrypted with KMS. */
  public static readonly SNS_KMS = new NagControl('SNS_KMS');
  /** SQS dead-letter queue (AwsSolutions-SQS3, Serverless-SQSRedrivePolicy). */
  public static readonly SQS_DEAD_LETTER_QUEUE = new NagControl('SQS_DEAD_LETTER_QUEUE');
  /** DynamoDB table in an AWS Backup plan (HIPAA.Security- and NIST.800.53.R5-DynamoDBInBackupPlan). */
  public static readonly DYNAMODB_BACKUP_PLAN = new NagControl('DYNAMODB_BACKUP_PLAN');

  /** Every control in the table. */
  public static all(): NagControl[] {
    return CONTROLS.filter((c) => c.nagControl !== undefined).map((c) => (NagControl as any)[c.nagControl!] as NagControl);
  }

  /** Name of the control, for example `S3_ACCESS_LOGGING`. */
  public readonly name: string;
  /** Id of the control in the library's controls catalog (`ComplianceControls`), for example `S3.9`. */
  public readonly controlId: string;
  /** What the control is, in a few words. */
  public readonly description: string;
  /** The finding ids of every pack that checks this control. */
  public readonly findingIds: string[];

  private readonly checkovIds: string[];
  private readonly guardRules: string[];

  private constructor(name: string) {
    // The controls catalog's entry: its finding ids in every pack, and the Checkov checks and
    // cfn-guard rules of the same control.
    const entry = controlForNagControl(name)!;
    this.name = name;
    this.controlId = entry.id;
    this.description = entry.title;
    this.findingIds = findingIdsOf(entry);
    this.checkovIds = [...entry.checkovChecks ?? []];
    this.guardRules = [...entry.guardRules ?? []];
  }

  /**
   * Acknowledge this control in every pack, on one construct (the Cfn resource that draws the
   * findings), with the same reason.
   *
   * On a Cfn resource the same reason is also written for the other tools that check the control:
   * a Checkov skip (`Metadata.checkov.skip`) and a cfn-guard suppression (`Metadata.guard.SuppressedRules`).
   *
   * @param scope the narrowest construct the findings are on, normally the Cfn resource
   * @param reason why the control does not apply here, for a security reviewer
   */
  public acknowledge(scope: IConstruct, reason: string): void {
    for (const id of this.findingIds) {
      acknowledgeFinding(scope, id, reason);
    }
    if (CfnResource.isCfnResource(scope)) {
      for (const id of this.checkovIds) {
        skipCheckov(scope, id, reason);
      }
      for (const rule of this.guardRules) {
        suppressGuard(scope, rule, reason);
      }
    }
  }
}
