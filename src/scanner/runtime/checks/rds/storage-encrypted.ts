import { fail, pass } from '../../model';
import { defineCheck } from '../define';

export const rdsStorageEncrypted = defineCheck(
  {
    id: 'rds-storage-encrypted',
    title: 'RDS DB instances encrypt storage at rest',
    severity: 'HIGH',
    category: 'rds',
    resourceType: 'AWS::RDS::DBInstance',
    remediation: 'Restore an encrypted copy from an encrypted snapshot and switch to it.',
    requiredActions: ['rds:DescribeDBInstances'],
    datasets: ['rds.instances'],
    scope: 'regional',
  },
  (inv) =>
    (inv.dbInstances ?? []).map((d) => (d.storageEncrypted ? pass(d.arn, 'storage encrypted') : fail(d.arn, 'storage not encrypted'))),
);
