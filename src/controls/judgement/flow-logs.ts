/**
 * EC2.6: FSBP asks for the rejected traffic of every VPC to be logged, so a flow log counts when
 * it records rejected traffic: traffic type `ALL` or `REJECT`, never `ACCEPT` alone. One rule for
 * `CompliancePack-VpcFlowLogs` (the template's `AWS::EC2::FlowLog`) and the scanner's
 * `ec2-vpc-flow-logs-enabled` (the live flow log, which must also be `ACTIVE`).
 */
export const TRAFFIC_TYPES_LOGGING_REJECTED: readonly string[] = ['ALL', 'REJECT'];

/** True when a flow log of this traffic type records rejected traffic. */
export function logsRejectedTraffic(trafficType: unknown): boolean {
  return typeof trafficType === 'string' && TRAFFIC_TYPES_LOGGING_REJECTED.includes(trafficType.toUpperCase());
}
