/**
 * EC2.8 for AWS Batch, as the library enforces it: an EC2 or Spot compute environment launches its
 * instances from a launch template whose metadata options require IMDSv2 (`HttpTokens: required`).
 * No launch template is the Batch default, which answers IMDSv1. Fargate and unmanaged compute
 * environments launch no instances of their own: not applicable. One judgement for
 * `CompliancePack-BatchEc2Imdsv2` and the scanner's `batch-compute-environment-imdsv2`.
 */

/** Compute resources of this type launch EC2 instances (`EC2`, `SPOT`). */
export function launchesInstances(computeType: unknown): boolean {
  return computeType === 'EC2' || computeType === 'SPOT';
}

/** The launch template's metadata options require IMDSv2. */
export function requiresImdsv2(httpTokens: unknown): boolean {
  return httpTokens === 'required';
}
