import { inv, only, statuses } from './helpers';
import { cloudtrailMultiRegionLogging } from '../../../src/scanner/runtime/checks/cloudtrail/multi-region-logging';
import { cloudtrailKmsEncryption } from '../../../src/scanner/runtime/checks/cloudtrail/trail-kms-encryption';
import { cloudtrailLogValidation } from '../../../src/scanner/runtime/checks/cloudtrail/trail-log-validation';
import { kmsKeyNotPendingDeletion } from '../../../src/scanner/runtime/checks/kms/key-not-pending-deletion';
import { kmsKeyRotation } from '../../../src/scanner/runtime/checks/kms/key-rotation';
import { lambdaNoPublicAccess } from '../../../src/scanner/runtime/checks/lambda/no-public-access';
import { lambdaSupportedRuntime } from '../../../src/scanner/runtime/checks/lambda/supported-runtime';
import { rdsInstanceNotPublic } from '../../../src/scanner/runtime/checks/rds/instance-not-public';
import { rdsStorageEncrypted } from '../../../src/scanner/runtime/checks/rds/storage-encrypted';
import { KmsKeyInfo, TrailInfo } from '../../../src/scanner/runtime/model';

const trail = (name: string, extra: Partial<TrailInfo> = {}): TrailInfo => ({
  name,
  arn: `arn:aws:cloudtrail:eu-west-1:123456789012:trail/${name}`,
  homeRegion: 'eu-west-1',
  isMultiRegion: true,
  isLogging: true,
  kmsKeyId: 'arn:aws:kms:eu-west-1:123456789012:key/k',
  logFileValidationEnabled: true,
  ...extra,
});

describe('CloudTrail checks', () => {
  test('multi-region logging trail covers the region', () => {
    expect(only(cloudtrailMultiRegionLogging, inv({ trails: [trail('t')] })).status).toBe('PASS');
    expect(only(cloudtrailMultiRegionLogging, inv({ trails: [trail('t', { isLogging: false }), trail('r', { isMultiRegion: false })] })).status).toBe('FAIL');
    expect(only(cloudtrailMultiRegionLogging, inv({ trails: [] })).reason).toContain('no trail');
    expect(cloudtrailMultiRegionLogging.evaluate(inv())).toEqual([]);
  });
  test('KMS and log validation judged once, in the home region', () => {
    const i = inv({ trails: [trail('good'), trail('bad', { kmsKeyId: undefined, logFileValidationEnabled: false }), trail('shadow', { homeRegion: 'us-east-1' })] });
    expect(statuses(cloudtrailKmsEncryption, i)).toEqual(['PASS', 'FAIL', 'NOT_APPLICABLE']);
    expect(statuses(cloudtrailLogValidation, i)).toEqual(['PASS', 'FAIL', 'NOT_APPLICABLE']);
  });
});

describe('KMS checks', () => {
  const key = (id: string, extra: Partial<KmsKeyInfo> = {}): KmsKeyInfo => ({
    keyId: id, arn: `arn:aws:kms:eu-west-1:123456789012:key/${id}`, keyManager: 'CUSTOMER', keyState: 'Enabled', keySpec: 'SYMMETRIC_DEFAULT', origin: 'AWS_KMS', rotationEnabled: true, ...extra,
  });
  test('rotation: customer symmetric keys only', () => {
    const i = inv({ kmsKeys: [key('a'), key('b', { rotationEnabled: false }), key('c', { keyManager: 'AWS' }), key('d', { keySpec: 'RSA_2048' }), key('e', { keyState: 'Disabled' }), key('f', { origin: 'EXTERNAL' })] });
    expect(statuses(kmsKeyRotation, i)).toEqual(['PASS', 'FAIL', 'NOT_APPLICABLE', 'NOT_APPLICABLE', 'NOT_APPLICABLE', 'NOT_APPLICABLE']);
  });
  test('pending deletion fails', () => {
    const i = inv({ kmsKeys: [key('a'), key('b', { keyState: 'PendingDeletion' }), key('c', { keyManager: 'AWS' })] });
    expect(statuses(kmsKeyNotPendingDeletion, i)).toEqual(['PASS', 'FAIL', 'NOT_APPLICABLE']);
  });
});

describe('Lambda checks', () => {
  const fn = (name: string, policy: string | null | undefined, runtime: string | undefined = 'nodejs22.x') => ({ functionName: name, arn: `arn:aws:lambda:eu-west-1:123456789012:function:${name}`, runtime, policy });
  const pol = (s: object) => JSON.stringify({ Version: '2012-10-17', Statement: [s] });
  test('public invocation fails unless scoped by a source condition', () => {
    const allowAll = { Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: '*' };
    const i = inv({
      lambdaFunctions: [
        fn('open', pol(allowAll)),
        fn('scoped', pol({ ...allowAll, Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::b' } } })),
        fn('service', pol({ ...allowAll, Principal: { Service: 's3.amazonaws.com' } })),
        fn('none', null),
        fn('unknown', undefined),
      ],
    });
    expect(statuses(lambdaNoPublicAccess, i)).toEqual(['FAIL', 'PASS', 'PASS', 'NOT_APPLICABLE', 'ERROR']);
  });
  test('a source condition pins the caller only with a fixed value under an equality operator', () => {
    const allowAll = { Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunction', Resource: '*' };
    const i = inv({
      lambdaFunctions: [
        fn('wildcard-arn', pol({ ...allowAll, Condition: { ArnLike: { 'AWS:SourceArn': 'arn:aws:s3:::*' } } })),
        fn('not-account', pol({ ...allowAll, Condition: { StringNotEquals: { 'AWS:SourceAccount': '123456789012' } } })),
        fn('account-list', pol({ ...allowAll, Condition: { StringEquals: { 'AWS:SourceAccount': ['123456789012'] } } })),
      ],
    });
    expect(statuses(lambdaNoPublicAccess, i)).toEqual(['FAIL', 'FAIL', 'PASS']);
  });
  test('a function URL open to everyone without auth (lambda:FunctionUrlAuthType NONE) is public', () => {
    const url = { Effect: 'Allow', Principal: '*', Action: 'lambda:InvokeFunctionUrl', Resource: '*' };
    const i = inv({
      lambdaFunctions: [
        fn('url-none', pol({ ...url, Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE' } } })),
        fn('url-iam', pol({ ...url, Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'AWS_IAM' } } })),
        fn('url-none-account', pol({ ...url, Condition: { StringEquals: { 'lambda:FunctionUrlAuthType': 'NONE', 'aws:SourceAccount': '123456789012' } } })),
      ],
    });
    expect(statuses(lambdaNoPublicAccess, i)).toEqual(['FAIL', 'FAIL', 'PASS']);
  });
  test('deprecated runtime fails; image functions not applicable', () => {
    const i = inv({ lambdaFunctions: [fn('a', null), fn('b', null, 'nodejs14.x'), { ...fn('c', null), runtime: undefined }] });
    expect(statuses(lambdaSupportedRuntime, i)).toEqual(['PASS', 'FAIL', 'NOT_APPLICABLE']);
  });
});

describe('RDS checks', () => {
  const db = (id: string, publiclyAccessible: boolean, storageEncrypted: boolean) => ({ dbInstanceIdentifier: id, arn: `arn:aws:rds:eu-west-1:123456789012:db:${id}`, engine: 'postgres', publiclyAccessible, storageEncrypted });
  test('public and unencrypted instances fail; no instances not applicable', () => {
    const i = inv({ dbInstances: [db('a', false, true), db('b', true, false)] });
    expect(statuses(rdsInstanceNotPublic, i)).toEqual(['PASS', 'FAIL']);
    expect(statuses(rdsStorageEncrypted, i)).toEqual(['PASS', 'FAIL']);
    expect(rdsInstanceNotPublic.evaluate(inv({ dbInstances: [] }))).toEqual([]);
    expect(rdsStorageEncrypted.evaluate(inv({ dbInstances: [] }))).toEqual([]);
  });
});
