import { fail, pass } from '../../model';
import { defineResourceCheck } from '../define';
import { LAMBDA_FUNCTIONS } from '../resource-kinds';

/** Lambda.3: the function is attached to a VPC (`VpcConfig.VpcId`), as the stock `LambdaInsideVPC` rules judge the template. */
export const lambdaInsideVpc = defineResourceCheck(
  LAMBDA_FUNCTIONS,
  {
    id: 'lambda-inside-vpc',
    title: 'Lambda functions run in a VPC',
    severity: 'LOW',
    remediation: 'Attach the function to private subnets of a VPC (vpc, vpcSubnets) with security groups that allow only what it calls.',
    requiredActions: ['lambda:ListFunctions'],
  },
  (f) => (f.vpcId ? pass(f.arn, `attached to ${f.vpcId}`) : fail(f.arn, 'not attached to a VPC')),
);
