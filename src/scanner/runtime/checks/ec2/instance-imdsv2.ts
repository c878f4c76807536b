import { requiresImdsv2 } from '../../../../controls/judgement/imdsv2';
import { fail, pass } from '../../model';
import { defineCheck } from '../define';

/**
 * EC2.8 (FSBP's own form): every instance requires IMDSv2, whoever launched it, so an instance
 * started outside BatchPipeline's launch template, or changed with ModifyInstanceMetadataOptions,
 * is seen. The same metadata judgement as `batch-compute-environment-imdsv2`.
 */
export const ec2InstanceImdsv2 = defineCheck(
  {
    id: 'ec2-instance-imdsv2',
    title: 'EC2 instances require IMDSv2',
    severity: 'HIGH',
    category: 'ec2',
    resourceType: 'AWS::EC2::Instance',
    remediation: 'Require IMDSv2 on the instance (ModifyInstanceMetadataOptions HttpTokens=required) and in the launch template it was started from.',
    requiredActions: ['ec2:DescribeInstances'],
    datasets: ['ec2.instances'],
    scope: 'regional',
  },
  (inv) =>
    (inv.ec2Instances ?? []).map((i) => {
      if (i.httpEndpoint === 'disabled') return pass(i.arn, 'instance metadata service turned off');
      return requiresImdsv2(i.httpTokens) ? pass(i.arn, 'IMDSv2 required') : fail(i.arn, `HttpTokens ${i.httpTokens ?? 'not reported'}: IMDSv1 answers`);
    }),
);
