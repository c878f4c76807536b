/** Inventory records of monitoring (SDK-independent): CloudTrail trails, log groups, AWS Config, CloudWatch alarms, GuardDuty detectors. */

export interface TrailInfo {
  readonly name: string;
  readonly arn: string;
  readonly homeRegion: string;
  readonly isMultiRegion: boolean;
  readonly isLogging: boolean;
  readonly kmsKeyId?: string;
  readonly logFileValidationEnabled: boolean;
  /** `S3BucketName`: the bucket the trail delivers to. */
  readonly s3BucketName?: string;
  /** `S3KeyPrefix`. */
  readonly s3KeyPrefix?: string;
  /** `CloudWatchLogsLogGroupArn` (the group's ARN with `:*`). */
  readonly cloudWatchLogsLogGroupArn?: string;
  /** `CloudWatchLogsRoleArn`: the role CloudTrail assumes to write the log group. */
  readonly cloudWatchLogsRoleArn?: string;
  /** GetTrailStatus' `LatestDeliveryError`: the last error of delivery to the bucket (`AccessDenied`, ...). */
  readonly latestDeliveryError?: string;
  /** GetTrailStatus' `LatestCloudWatchLogsDeliveryError`. */
  readonly latestCloudWatchLogsDeliveryError?: string;
}

export interface LogGroupInfo {
  readonly name: string;
  /** The log group's ARN without the trailing `:*` (`logGroupArn`). */
  readonly arn: string;
  /** The KMS key ARN (`kmsKeyId`); `null` when the log group is not encrypted with a KMS key. */
  readonly kmsKeyId: string | null;
  /** `retentionInDays`; `null` when events never expire. */
  readonly retentionInDays: number | null;
}

/** A configuration recorder of the region with its status (DescribeConfigurationRecorders, -RecorderStatus). */
export interface ConfigRecorderInfo {
  readonly name: string;
  readonly roleArn?: string;
  /** `recordingGroup.allSupported`. */
  readonly allSupported?: boolean;
  /** `recording` of its status; undefined when no status was returned for it. */
  readonly recording?: boolean;
  /** `lastStatus` of its status: `Pending`, `Success`, `Failure`. */
  readonly lastStatus?: string;
}

/** A delivery channel of the region (DescribeDeliveryChannels). */
export interface ConfigDeliveryChannelInfo {
  readonly name: string;
  readonly s3BucketName?: string;
  readonly s3KeyPrefix?: string;
  readonly s3KmsKeyArn?: string;
  readonly snsTopicArn?: string;
}

/** AWS Config in one region: its recorders and delivery channels. */
export interface ConfigSetupInfo {
  readonly recorders: readonly ConfigRecorderInfo[];
  readonly deliveryChannels: readonly ConfigDeliveryChannelInfo[];
}

/** A CloudWatch alarm of the region (DescribeAlarms, metric and composite alarms) with its actions. */
export interface AlarmInfo {
  readonly name: string;
  readonly arn: string;
  /** `MetricAlarm` or `CompositeAlarm`. */
  readonly type: string;
  readonly alarmActions: readonly string[];
  readonly okActions: readonly string[];
  readonly insufficientDataActions: readonly string[];
}

/** A GuardDuty detector of the region (ListDetectors, GetDetector). */
export interface DetectorInfo {
  readonly id: string;
  readonly arn: string;
  /** `ENABLED` or `DISABLED`; `undefined` when GetDetector failed. */
  readonly status?: string;
}
