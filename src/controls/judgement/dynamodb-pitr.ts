/**
 * DynamoDB.2: point-in-time recovery is on. The template says `PointInTimeRecoveryEnabled: true`;
 * the account says `PointInTimeRecoveryStatus: ENABLED` (DescribeContinuousBackups). One mapping
 * for `CompliancePack-DynamoDbPointInTimeRecovery` and the scanner's `dynamodb-pitr-enabled`.
 */
export function pitrEnabled(status: unknown): boolean {
  return status === true || (typeof status === 'string' && ['true', 'enabled'].includes(status.toLowerCase()));
}
