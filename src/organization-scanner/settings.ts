// The OrganizationScanner's props, validated (each bad value fails at synth naming the prop) and with their defaults filled in.
import { Duration, Names, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { OrganizationScannerProps } from './props';
import { ComplianceValidationError, requireRange } from '../core/validation';
import { requireRegions, selectCheckIds } from '../scanner/check-selection';
import { ALL_CHECKS } from '../scanner/runtime/checks';
import { Check } from '../scanner/runtime/model';

const OU_ID = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;
const ACCOUNT_ID = /^\d{12}$/;
const ORG_ID = /^o-[a-z0-9]{10,32}$/;
const ROLE_NAME = /^[\w+=,.@-]{1,64}$/;
const EXTERNAL_ID = /^[\w+=,.@:/-]{2,1224}$/;

/** The organization scanner's settings after validation and defaults. */
export interface OrganizationSettings {
  /** Ids of the enabled checks, in catalog order. */
  readonly enabledChecks: string[];
  readonly enabled: Check[];
  readonly organizationalUnitIds: string[];
  readonly excludedAccountIds: string[];
  readonly memberRoleName: string;
  readonly externalId: string;
  readonly itemTimeout: Duration;
  readonly maxConcurrency: number;
  readonly scoreThreshold: number;
  readonly metricNamespace: string;
}

/** Validate `props` and fill in their defaults. */
export function organizationSettings(scope: IConstruct, props: OrganizationScannerProps): OrganizationSettings {
  const enabledChecks = selectCheckIds(scope, props.checks, props.excludedChecks);
  const ous = props.organizationalUnitIds ?? [];
  const badOus = ous.filter((o) => !Token.isUnresolved(o) && !OU_ID.test(o));
  if (ous.length === 0 || badOus.length > 0) {
    throw new ComplianceValidationError(scope, 'organizationalUnitIds', ous.length === 0 ? ous : badOus, 'Allowed: at least one root id (r-...) or OU id (ou-...-...).');
  }
  const excluded = props.excludedAccountIds ?? [];
  const badAccounts = excluded.filter((a) => !Token.isUnresolved(a) && !ACCOUNT_ID.test(a));
  if (badAccounts.length > 0) throw new ComplianceValidationError(scope, 'excludedAccountIds', badAccounts, 'Allowed: 12-digit account ids.');
  requireRegions(scope, props.regions);
  if (props.organizationId !== undefined && !Token.isUnresolved(props.organizationId) && !ORG_ID.test(props.organizationId)) {
    throw new ComplianceValidationError(scope, 'organizationId', props.organizationId, 'Allowed: an organization id such as o-a1b2c3d4e5.');
  }
  const memberRoleName = props.memberRoleName ?? 'ComplianceScannerMember';
  if (!ROLE_NAME.test(memberRoleName)) throw new ComplianceValidationError(scope, 'memberRoleName', memberRoleName, 'Allowed: an IAM role name (1 to 64 letters, digits and +=,.@_-).');
  const externalId = props.externalId ?? `compliance-scan-${Names.uniqueId(scope)}`.slice(0, 96);
  if (!Token.isUnresolved(externalId) && !EXTERNAL_ID.test(externalId)) {
    throw new ComplianceValidationError(scope, 'externalId', externalId, 'Allowed: 2 to 1224 letters, digits and +=,.@:/_-.');
  }
  requireRange(scope, 'maxConcurrency', props.maxConcurrency, 1, 1000);
  requireRange(scope, 'toleratedFailurePercentage', props.toleratedFailurePercentage, 0, 100);
  requireRange(scope, 'memorySize', props.memorySize, 128, 10240, ' MiB');
  requireRange(scope, 'scanConcurrency', props.scanConcurrency, 1, 64);
  requireRange(scope, 'scoreThreshold', props.scoreThreshold, 0, 100);
  const itemTimeout = props.itemTimeout ?? Duration.minutes(10);
  if (itemTimeout.toSeconds() < 60 || itemTimeout.toSeconds() > 900) {
    throw new ComplianceValidationError(scope, 'itemTimeout', itemTimeout, 'Allowed: 1 to 15 minutes (the Lambda maximum).');
  }
  return {
    enabledChecks,
    enabled: ALL_CHECKS.filter((c) => enabledChecks.includes(c.id)),
    organizationalUnitIds: ous,
    excludedAccountIds: excluded,
    memberRoleName,
    externalId,
    itemTimeout,
    maxConcurrency: props.maxConcurrency ?? 100,
    scoreThreshold: props.scoreThreshold ?? 80,
    metricNamespace: props.metricNamespace ?? 'OrganizationScanner',
  };
}
