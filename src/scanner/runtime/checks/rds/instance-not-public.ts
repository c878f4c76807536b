import { fail, pass } from '../../model';
import { defineCheck } from '../define';

export const rdsInstanceNotPublic = defineCheck(
  {
    id: 'rds-instance-not-public',
    title: 'RDS DB instances are not publicly accessible',
    severity: 'CRITICAL',
    category: 'rds',
    resourceType: 'AWS::RDS::DBInstance',
    remediation: 'Modify the instance with PubliclyAccessible=false and place it in private subnets.',
    requiredActions: ['rds:DescribeDBInstances'],
    datasets: ['rds.instances'],
    scope: 'regional',
  },
  (inv) =>
    (inv.dbInstances ?? []).map((d) =>
      d.publiclyAccessible ? fail(d.arn, 'PubliclyAccessible is true') : pass(d.arn, 'not publicly accessible'),
    ),
);
