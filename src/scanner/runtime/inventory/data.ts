/** Inventory records of data services (SDK-independent): KMS keys, RDS instances, DynamoDB tables, AWS Backup selections. */

export interface KmsKeyInfo {
  readonly keyId: string;
  readonly arn: string;
  readonly keyManager: 'AWS' | 'CUSTOMER';
  readonly keyState: string;
  readonly keySpec: string;
  readonly origin: string;
  /** `undefined` when not asked (AWS-managed, asymmetric or disabled keys). */
  readonly rotationEnabled?: boolean;
  /** The key policy (GetKeyPolicy, JSON) of a customer managed key; `undefined` for AWS managed keys, when not read or when it could not be read. */
  readonly policy?: string;
}

export interface DbInstanceInfo {
  readonly dbInstanceIdentifier: string;
  readonly arn: string;
  readonly engine: string;
  readonly publiclyAccessible: boolean;
  readonly storageEncrypted: boolean;
}

export interface TableInfo {
  readonly name: string;
  readonly arn: string;
  /** `PointInTimeRecoveryStatus` (`ENABLED`, `DISABLED`); `null` when none is reported, `undefined` when it could not be read. */
  readonly pointInTimeRecovery?: string | null;
  /**
   * The KMS key the table is encrypted with (`SSEDescription.KMSMasterKeyArn` when `SSEType` is `KMS`);
   * `null` for the AWS owned key (no `SSEDescription`, or SSE disabled), `undefined` when DescribeTable failed
   * (or no check being run reads it; so for the point-in-time recovery status).
   */
  readonly kmsMasterKeyArn?: string | null;
}

/** One resource assignment (backup selection) of an AWS Backup plan (ListBackupPlans, ListBackupSelections, GetBackupSelection). */
export interface BackupSelectionInfo {
  readonly planId: string;
  readonly planName: string;
  readonly selectionId: string;
  readonly selectionName: string;
  /** `Resources`: ARNs, or ARN patterns with `*`; `undefined` when the selection could not be read (GetBackupSelection). */
  readonly resources?: readonly string[];
  /** `NotResources`: ARNs or ARN patterns excluded from the selection. */
  readonly notResources?: readonly string[];
  /** `ListOfTags` (`key=value`): a resource with any of these tags is selected. */
  readonly listOfTags?: readonly string[];
  /** `Conditions` (`StringEquals key=value`, ...): every one must hold for a resource to be selected. */
  readonly conditions?: readonly string[];
  /** Why the selection could not be read (the API's error code). */
  readonly error?: string;
}
