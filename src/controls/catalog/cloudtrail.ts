/** The controls catalog entries of CloudTrail. */
import { ControlEntry, control, fw } from './entry';
import { ENCRYPTION_AT_REST_NIST, ENCRYPTION_AT_REST_HIPAA, AUDIT_LOGGING_NIST } from './requirement-sets';

export const CLOUDTRAIL_CONTROLS: readonly ControlEntry[] = [
  control({
    id: 'CloudTrail.1',
    title: 'A multi-region CloudTrail trail is logging',
    severity: 'HIGH',
    frameworks: fw({ fsbp: ['CloudTrail.1'], cis: ['3.1'], nist80053r5: [...AUDIT_LOGGING_NIST, 'AU-14(1)', 'SA-8(22)', 'SI-3(8)', 'SI-4(20)'] }),
    enforcedBy: [{ construct: 'AccountAudit' }],
    scannerChecks: [{ id: 'cloudtrail-multi-region-logging', compliantWhen: 'PASS when at least one trail returned for the region is multi-region and currently logging (`IsLogging`); event selectors (management events) are not inspected. Otherwise FAIL; never not applicable.' }],
  }),
  control({
    id: 'CloudTrail.2',
    title: 'CloudTrail trails encrypt log files with KMS',
    severity: 'MEDIUM',
    frameworks: fw({ fsbp: ['CloudTrail.2'], cis: ['3.5'], nist80053r5: ['AU-9', ...ENCRYPTION_AT_REST_NIST], pciDss321: ['3.4'], pciDss40: ['10.3.2'], hipaa: ENCRYPTION_AT_REST_HIPAA }),
    enforcedBy: [{ construct: 'AccountAudit' }],
    scannerChecks: [{ id: 'cloudtrail-kms-encryption', compliantWhen: 'PASS when the trail has a KMS key set (`KmsKeyId`, any key). A trail seen outside its home region is not applicable (it is judged once, in its home region).' }],
  }),
  control({
    id: 'CloudTrail.4',
    title: 'CloudTrail trails have log file validation enabled',
    severity: 'LOW',
    frameworks: fw({ fsbp: ['CloudTrail.4'], cis: ['3.2'], nist80053r5: ['AU-9', 'SI-4', 'SI-7(1)', 'SI-7(3)', 'SI-7(7)'], pciDss321: ['10.5.2', '10.5.5'], hipaa: ['164.312(c)(1)', '164.312(c)(2)'] }),
    enforcedBy: [{ construct: 'AccountAudit' }],
    scannerChecks: [{ id: 'cloudtrail-log-validation', compliantWhen: 'PASS when log file validation is enabled. A trail seen outside its home region is not applicable.' }],
  }),
  control({
    id: 'CloudTrail.DeliveryAuthorized',
    title: 'CloudTrail may write to its bucket, log group and key',
    severity: 'HIGH',
    frameworks: fw({}),
    enforcedBy: [{ construct: 'AccountAudit' }],
    packRules: ['CloudTrailDeliveryAuthorized'],
    scannerChecks: [{ id: 'cloudtrail-delivery-authorized', compliantWhen: 'The paths `CompliancePack-CloudTrailDeliveryAuthorized` judges (family `cloudtrail-delivery`), built from the live account and judged by the same evaluator: cloudtrail.amazonaws.com\'s s3:GetBucketAcl and s3:PutObject (`bucket-owner-full-control`, `aws:SourceArn` of the trail, `aws:SourceAccount`, the SSE-KMS headers of the trail\'s key) under the bucket policy of the trail\'s bucket, and the CloudWatch Logs role\'s logs:CreateLogStream and logs:PutLogEvents on its log group under the role\'s identity policies. PASS when every path is allowed; FAIL when one is denied, or when GetTrailStatus reports a `LatestDeliveryError` or `LatestCloudWatchLogsDeliveryError`; `ERROR` when one cannot be decided (a bucket the account does not list, such as another account\'s, a policy that could not be read, an AWS managed policy of the role whose text is not known). The key\'s use and the role\'s trust are judged by their own families, as at synth time. A trail seen outside its home Region, or that names no bucket, is not applicable.' }],
  }),
];
