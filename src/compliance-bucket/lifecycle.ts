import { Duration } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { IConstruct } from 'constructs';
import { ComplianceValidationError, requirePositiveDays } from '../core/validation';

/** S3's lifecycle waterfall: an object only ever moves to a class further down this list. */
const WATERFALL = [
  s3.StorageClass.INFREQUENT_ACCESS.value,
  s3.StorageClass.INTELLIGENT_TIERING.value,
  s3.StorageClass.ONE_ZONE_INFREQUENT_ACCESS.value,
  s3.StorageClass.GLACIER_INSTANT_RETRIEVAL.value,
  s3.StorageClass.GLACIER.value,
  s3.StorageClass.DEEP_ARCHIVE.value,
];
const INFREQUENT = new Set([s3.StorageClass.INFREQUENT_ACCESS.value, s3.StorageClass.ONE_ZONE_INFREQUENT_ACCESS.value]);
const MIN_DAYS_BEFORE_IA = 30;
const MIN_DAYS_IN_IA = 30;

/**
 * The lifecycle a compliance bucket gets unless told otherwise: audit data is kept, moved to
 * cheaper storage as it ages; old versions are kept for a year; failed uploads are cleaned up.
 */
export function defaultLifecycleRules(): s3.LifecycleRule[] {
  return [{
    id: 'compliance-default',
    enabled: true,
    transitions: [
      { storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(90) },
      { storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(365) },
    ],
    noncurrentVersionTransitions: [
      { storageClass: s3.StorageClass.GLACIER, transitionAfter: Duration.days(30) },
    ],
    noncurrentVersionExpiration: Duration.days(365),
    abortIncompleteMultipartUploadAfter: Duration.days(7),
  }];
}

interface TransitionLike {
  readonly storageClass: s3.StorageClass;
  readonly transitionAfter?: Duration;
}

function checkTransitions(scope: IConstruct, prop: string, transitions: TransitionLike[]): number | undefined {
  let last: { rank: number; days: number; cls: string } | undefined;
  let maxDays: number | undefined;
  transitions.forEach((t, j) => {
    const p = `${prop}[${j}].transitionAfter`;
    const days = t.transitionAfter === undefined ? undefined : requirePositiveDays(scope, p, t.transitionAfter);
    if (days === undefined) {
      return;
    }
    const cls = t.storageClass.value;
    if (INFREQUENT.has(cls) && days < MIN_DAYS_BEFORE_IA) {
      throw new ComplianceValidationError(scope, p, t.transitionAfter, `S3 requires at least ${MIN_DAYS_BEFORE_IA} days before a transition to ${cls}.`);
    }
    const rank = WATERFALL.indexOf(cls);
    if (last && rank >= 0) {
      if (rank <= last.rank) {
        throw new ComplianceValidationError(scope, `${prop}[${j}].storageClass`, cls,
          `S3 transitions only go down the waterfall ${WATERFALL.join(' > ')}; it cannot follow ${last.cls}.`);
      }
      if (days <= last.days) {
        throw new ComplianceValidationError(scope, p, t.transitionAfter,
          `A transition to ${cls} must come after the earlier transition to ${last.cls} (${last.days} days).`);
      }
      if (INFREQUENT.has(last.cls) && days - last.days < MIN_DAYS_IN_IA) {
        throw new ComplianceValidationError(scope, p, t.transitionAfter,
          `S3 keeps objects in ${last.cls} at least ${MIN_DAYS_IN_IA} days: a transition to ${cls} needs at least ${last.days + MIN_DAYS_IN_IA} days.`);
      }
    }
    if (rank >= 0) {
      last = { rank, days, cls };
    }
    maxDays = Math.max(maxDays ?? 0, days);
  });
  return maxDays;
}

/**
 * Check lifecycle rules against what S3 accepts, so that a mistake fails at synth rather than at deploy.
 */
export function validateLifecycleRules(scope: IConstruct, rules: s3.LifecycleRule[]): void {
  rules.forEach((rule, i) => {
    const prop = `lifecycleRules[${i}]`;
    const lastTransition = checkTransitions(scope, `${prop}.transitions`, rule.transitions ?? []);
    const lastNoncurrent = checkTransitions(scope, `${prop}.noncurrentVersionTransitions`, rule.noncurrentVersionTransitions ?? []);
    const expiration = requirePositiveDays(scope, `${prop}.expiration`, rule.expiration);
    if (expiration !== undefined && lastTransition !== undefined && expiration <= lastTransition) {
      throw new ComplianceValidationError(scope, `${prop}.expiration`, rule.expiration,
        `Expiration must come after the last transition (${lastTransition} days).`);
    }
    const noncurrentExpiration = requirePositiveDays(scope, `${prop}.noncurrentVersionExpiration`, rule.noncurrentVersionExpiration);
    if (noncurrentExpiration !== undefined && lastNoncurrent !== undefined && noncurrentExpiration <= lastNoncurrent) {
      throw new ComplianceValidationError(scope, `${prop}.noncurrentVersionExpiration`, rule.noncurrentVersionExpiration,
        `Noncurrent version expiration must come after the last noncurrent transition (${lastNoncurrent} days).`);
    }
    requirePositiveDays(scope, `${prop}.abortIncompleteMultipartUploadAfter`, rule.abortIncompleteMultipartUploadAfter);
    if (rule.noncurrentVersionsToRetain !== undefined && (rule.noncurrentVersionsToRetain < 1 || rule.noncurrentVersionsToRetain > 100)) {
      throw new ComplianceValidationError(scope, `${prop}.noncurrentVersionsToRetain`, rule.noncurrentVersionsToRetain, 'Allowed: 1 to 100.');
    }
  });
}

