/**
 * The agreement test's harness: a fixture of a control, as a template resource and as the live
 * inventory, and the verdicts of the CompliancePack rule and the scanner check on it. Each area's
 * fixtures live beside it (`agreement-*.ts`) and are listed in `agreement.test.ts`.
 */
import { App, CfnResource, Stack, aws_s3 as s3 } from 'aws-cdk-lib';
import { NagRuleCompliance, NagRuleResult } from 'cdk-nag';
import { ALL_RULES } from '../../src/nag/rules';
import { checkById } from '../../src/scanner/runtime/checks';
import { BucketInfo, Inventory } from '../../src/scanner/runtime/model';

export const ACCOUNT = '123456789012';
export const BUCKET = 'fixture-bucket';
export const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;

export type Verdict = 'compliant' | 'non-compliant';

/** A fixture of one control: how it looks in a template, and how the scanner sees it live. */
export interface Fixture {
  readonly name: string;
  readonly expected: Verdict;
  /** Builds the resource the rule judges in `stack`. */
  readonly synth: (stack: Stack) => CfnResource;
  /** The inventory the check judges. */
  readonly live: () => Partial<Inventory>;
  /** Evaluation date (ISO); the synth side runs with the clock set to it. */
  readonly at?: string;
  /** The resource whose live result is the verdict, when the check judges more than one. @default the only result */
  readonly liveResource?: string;
}

export interface SharedControl {
  readonly id: string;
  readonly rule: string;
  readonly check: string;
  readonly fixtures: Fixture[];
}

/** The fixture bucket as the scanner sees it live, with `extra` over settings no fixture judges. */
export function liveBucket(extra: Partial<BucketInfo>): BucketInfo {
  return {
    name: BUCKET,
    arn: BUCKET_ARN,
    region: 'eu-west-1',
    publicAccessBlock: null,
    policy: null,
    acl: [],
    encryption: 'aws:kms',
    loggingTarget: null,
    objectOwnership: 'BucketOwnerEnforced',
    versioning: 'Enabled',
    lifecycleRules: null,
    replicationRules: null,
    ...extra,
  };
}

/** A fixture of a bucket policy: the bucket and its policy (none when `statements` is null) in the template and live. */
export function bucketPolicyFixture(name: string, expected: Verdict, statements: unknown[] | null): Fixture {
  const document = statements === null ? null : { Version: '2012-10-17', Statement: statements };
  return {
    name,
    expected,
    synth: (stack) => {
      const bucket = new s3.CfnBucket(stack, 'B', { bucketName: BUCKET });
      if (document) {
        new s3.CfnBucketPolicy(stack, 'P', { bucket: BUCKET, policyDocument: document });
      }
      return bucket;
    },
    live: () => ({ s3Buckets: [liveBucket({ policy: document ? JSON.stringify(document) : null })] }),
  };
}

export function newStack(): Stack {
  return new Stack(new App(), 'Agreement', { env: { account: ACCOUNT, region: 'eu-west-1' } });
}

export function synthVerdict(control: SharedControl, fixture: Fixture): string {
  const rule = ALL_RULES.find((r) => r.name === control.rule)!;
  const judge = (): NagRuleResult => rule.evaluate(fixture.synth(newStack()));
  let result: NagRuleResult;
  if (fixture.at) {
    jest.useFakeTimers({ now: new Date(fixture.at), doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'clearImmediate', 'queueMicrotask', 'hrtime', 'performance'] });
    try {
      result = judge();
    } finally {
      jest.useRealTimers();
    }
  } else {
    result = judge();
  }
  // a rule that names its findings (`Action::<action>`) is non-compliant with each of them
  const nonCompliant = result === NagRuleCompliance.NON_COMPLIANT || (Array.isArray(result) && result.length > 0);
  return result === NagRuleCompliance.COMPLIANT ? 'compliant' : nonCompliant ? 'non-compliant' : String(result);
}

export function liveVerdict(control: SharedControl, fixture: Fixture): string {
  const check = checkById(control.check)!;
  const inventory: Inventory = { accountId: ACCOUNT, partition: 'aws', region: 'eu-west-1', regions: ['eu-west-1'], now: fixture.at ?? '2026-12-02T00:00:00Z', ...fixture.live() };
  const all = check.evaluate(inventory);
  const results = fixture.liveResource === undefined ? all : all.filter((r) => r.resourceId === fixture.liveResource);
  expect(results).toHaveLength(1);
  return results[0].status === 'PASS' ? 'compliant' : results[0].status === 'FAIL' ? 'non-compliant' : results[0].status;
}

