// Where a BatchPipeline's jobs sit in the VPC: private subnets only, a security group with no open egress, and the endpoints they need.
import { Annotations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { Construct } from 'constructs';
import { BatchCompute } from './batch-options';
import { BatchPipelineProps } from './props';
import { AuditedVpc } from '../audited-vpc/audited-vpc';
import { ComplianceValidationError } from '../core/validation';
import { warnWeakened } from '../core/weakened';

/**
 * The given subnet selection, or the VPC's isolated subnets, or its private subnets with egress.
 * Refused when it selects a public subnet or nothing at all.
 */
export function privateSubnets(scope: Construct, vpc: ec2.IVpc, given: ec2.SubnetSelection | undefined): ec2.SubnetSelection {
  const selection = given ?? (vpc.isolatedSubnets.length > 0
    ? { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }
    : { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS });
  const selected = vpc.selectSubnets(selection).subnets;
  const publicIds = new Set(vpc.publicSubnets.map((s) => s.subnetId));
  const publicOnes = selected.filter((s) => publicIds.has(s.subnetId));
  if (publicOnes.length > 0 || selection.subnetType === ec2.SubnetType.PUBLIC) {
    throw new ComplianceValidationError(scope, 'vpcSubnets', publicOnes.map((s) => s.node.path),
      'Allowed: private or isolated subnets only; jobs in public subnets would be one security group rule away from the internet.');
  }
  if (selected.length === 0) {
    throw new ComplianceValidationError(scope, 'vpcSubnets', selection.subnetType ?? selection.subnetGroupName ?? 'the selection',
      'The VPC has no private or isolated subnets to run the jobs in.');
  }
  return selection;
}

/**
 * The security group of the jobs (the given one, or `SecurityGroup` in `scope`), with a warning for
 * each way the network leaves the jobs exposed or unable to start.
 */
export function buildSecurityGroup(scope: Construct, props: BatchPipelineProps, compute: BatchCompute): ec2.ISecurityGroup {
  const securityGroup = props.securityGroup ?? defaultSecurityGroup(scope, props.vpc);
  if (props.securityGroup instanceof ec2.SecurityGroup && props.securityGroup.allowAllOutbound) {
    warnWeakened(scope, 'securityGroup', 'the given security group allows all outbound traffic: the jobs can reach any address the subnets route to');
  }
  warnMissingEndpoints(scope, props, compute);
  return securityGroup;
}

/** Egress only to AWS through the VPC's endpoints: those of an `AuditedVpc`, or HTTPS to the VPC's CIDR block. */
function defaultSecurityGroup(scope: Construct, vpc: ec2.IVpc): ec2.ISecurityGroup {
  const sg = new ec2.SecurityGroup(scope, 'SecurityGroup', {
    vpc,
    description: `Jobs of ${scope.node.path}: egress only to AWS through the VPC endpoints`,
    allowAllOutbound: false,
    allowAllIpv6Outbound: false,
  });
  if (vpc instanceof AuditedVpc) {
    vpc.allowInterfaceEndpointEgress(sg);
    vpc.allowGatewayEndpointEgress(sg);
  } else {
    sg.addEgressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(443), 'HTTPS to the interface endpoints in the VPC');
  }
  return sg;
}

/** Warn when an `AuditedVpc` lacks the interface endpoints EC2 compute or the job's secrets need. */
function warnMissingEndpoints(scope: Construct, props: BatchPipelineProps, compute: BatchCompute): void {
  const vpc = props.vpc;
  if (!(vpc instanceof AuditedVpc)) {
    return;
  }
  const lacks = (service: string) => vpc.tryFindInterfaceEndpoint(service) === undefined;
  if (!compute.isFargate && ['ecs', 'ecs-agent', 'ecs-telemetry'].some(lacks)) {
    Annotations.of(scope).addWarningV2('cdk-compliance-constructs:batch-pipeline:ecsEndpoints',
      'EC2 compute registers its instances with ECS: add ecs, ecs-agent and ecs-telemetry to the AuditedVpc\'s interfaceEndpoints, or the instances cannot join the cluster');
  }
  if (Object.keys(props.secrets ?? {}).length > 0 && ['secretsmanager', 'ssm'].every(lacks)) {
    Annotations.of(scope).addWarningV2('cdk-compliance-constructs:batch-pipeline:secretEndpoints',
      'Secrets are read when each task starts: add secretsmanager (for Secrets Manager secrets) or ssm (for SSM parameters) to the AuditedVpc\'s interfaceEndpoints, or the tasks cannot start');
  }
}
