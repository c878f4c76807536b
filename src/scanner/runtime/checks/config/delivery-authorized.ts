import { configDelivery } from '../../paths/config-delivery';
import { definePathCheck } from '../define';

/**
 * Config.DeliveryAuthorized: the run-time side of `CompliancePack-ConfigDeliveryAuthorized`, the paths
 * of family `config-delivery` built from the live delivery channels, the recorder's role and the
 * bucket policies, and judged by the same evaluator (`paths/config-delivery.ts`).
 */
export const configDeliveryAuthorized = definePathCheck(
  {
    id: 'config-delivery-authorized',
    title: 'AWS Config may deliver to its bucket and topic',
    severity: 'HIGH',
    category: 'config',
    resourceType: 'AWS::Config::DeliveryChannel',
    remediation: 'In the delivery channel\'s bucket policy, allow config.amazonaws.com s3:GetBucketAcl and s3:ListBucket on the bucket and s3:PutObject on <prefix>/AWSLogs/<account>/Config/* with s3:x-amz-acl bucket-owner-full-control, conditioned on aws:SourceAccount; or give the recorder\'s role those permissions.',
    requiredActions: configDelivery.requiredActions.filter((a) => !a.startsWith('kms:')),
    datasets: ['config.recorders', 's3.buckets', 'iam.authorizationDetails'],
  },
  configDelivery,
);
