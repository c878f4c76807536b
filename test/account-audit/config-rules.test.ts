import * as config from 'aws-cdk-lib/aws-config';
import { AuditConfigRules } from '../../src';

describe('AuditConfigRules', () => {
  const known = new Set<string>(Object.values(config.ManagedRuleIdentifiers));

  test('every supported identifier is an AWS managed rule identifier', () => {
    expect(AuditConfigRules.SUPPORTED.filter((id) => !known.has(id))).toEqual([]);
  });

  test('the defaults are supported, and listed once', () => {
    expect(AuditConfigRules.DEFAULTS.every((id) => AuditConfigRules.isSupported(id))).toBe(true);
    expect(new Set(AuditConfigRules.DEFAULTS).size).toBe(AuditConfigRules.DEFAULTS.length);
    expect(new Set(AuditConfigRules.SUPPORTED).size).toBe(AuditConfigRules.SUPPORTED.length);
  });

  test('the defaults cover the trail and GuardDuty this construct sets up', () => {
    expect(AuditConfigRules.DEFAULTS).toEqual(expect.arrayContaining([
      'CLOUD_TRAIL_ENABLED', 'MULTI_REGION_CLOUD_TRAIL_ENABLED', 'CLOUD_TRAIL_ENCRYPTION_ENABLED',
      'CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED', 'CLOUD_TRAIL_CLOUD_WATCH_LOGS_ENABLED', 'GUARDDUTY_ENABLED_CENTRALIZED',
    ]));
  });

  test('a misspelt identifier is not supported', () => {
    expect(AuditConfigRules.isSupported('CLOUDTRAIL_ENABLED')).toBe(false);
    expect(AuditConfigRules.isSupported('cloud_trail_enabled')).toBe(false);
  });
});
