import { launchesInstances, requiresImdsv2 } from '../../../../controls/judgement/imdsv2';
import { errored, fail, notApplicable, pass } from '../../model';
import { defineResourceCheck } from '../define';
import { BATCH_COMPUTE_ENVIRONMENTS } from '../resource-kinds';

/**
 * EC2.8 for AWS Batch: the run-time side of `CompliancePack-BatchEc2Imdsv2` (BatchPipeline's EC2
 * compute), so a launch template version that allows IMDSv1, or a compute environment moved off
 * its launch template, is seen; the same judgement (`src/controls/judgement/imdsv2.ts`).
 */
export const batchComputeEnvironmentImdsv2 = defineResourceCheck(
  BATCH_COMPUTE_ENVIRONMENTS,
  {
    id: 'batch-compute-environment-imdsv2',
    title: 'Batch EC2 compute environments launch instances that require IMDSv2',
    severity: 'HIGH',
    remediation: 'Give the compute environment a launch template whose version sets MetadataOptions.HttpTokens to required (BatchPipeline does), then update the compute environment to use it.',
    requiredActions: ['batch:DescribeComputeEnvironments', 'ec2:DescribeLaunchTemplateVersions'],
  },
  (c) => {
    if (!launchesInstances(c.computeType)) return notApplicable(c.arn, c.computeType ? `${c.computeType} compute launches no EC2 instances of its own` : 'unmanaged compute environment');
    const lt = c.launchTemplate;
    if (!lt) return fail(c.arn, 'no launch template: the Batch default allows IMDSv1');
    const which = `launch template ${lt.id ?? lt.name} version ${lt.version}`;
    if (c.httpTokens === undefined) return errored(c.arn, `could not read ${which}${c.launchTemplateError ? ` (${c.launchTemplateError})` : ''}`);
    return requiresImdsv2(c.httpTokens) ? pass(c.arn, `${which} requires IMDSv2`) : fail(c.arn, `${which} has HttpTokens ${c.httpTokens ?? 'unset (optional)'}: IMDSv1 answers`);
  },
);
