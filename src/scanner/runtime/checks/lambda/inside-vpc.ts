import { fail, pass } from '../../model';
import { defineCheck } from '../define';

/** Lambda.3: the function is attached to a VPC (`VpcConfig.VpcId`), as the stock `LambdaInsideVPC` rules judge the template. */
export const lambdaInsideVpc = defineCheck(
  {
    id: 'lambda-inside-vpc',
    title: 'Lambda functions run in a VPC',
    severity: 'LOW',
    category: 'lambda',
    resourceType: 'AWS::Lambda::Function',
    remediation: 'Attach the function to private subnets of a VPC (vpc, vpcSubnets) with security groups that allow only what it calls.',
    requiredActions: ['lambda:ListFunctions'],
    datasets: ['lambda.functions'],
    scope: 'regional',
  },
  (inv) =>
    (inv.lambdaFunctions ?? []).map((f) => (f.vpcId ? pass(f.arn, `attached to ${f.vpcId}`) : fail(f.arn, 'not attached to a VPC'))),
);
