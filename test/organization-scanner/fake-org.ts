import { emptyAccount, FakeAccountState } from '../scanner/fake-aws/model';
import { FakeOrganization } from '../scanner/fake-aws/server';

export const ORG_REGIONS = ['eu-west-1', 'us-east-1'];
export const ROLE_NAME = 'ComplianceScannerMember';
export const EXTERNAL_ID = 'org-scan-external-id';
export const ROOT = 'r-abcd';
export const OU_PROD = 'ou-abcd-prod0001';
export const OU_DEV = 'ou-abcd-dev00001';
export const OU_SANDBOX = 'ou-abcd-sandbox1';

export const accountId = (n: number): string => `1111111111${String(n).padStart(2, '0')}`;

/**
 * A member with one bucket per Region (versioned when `versioned`) and, when `openSsh`, a
 * security group open to the world on port 22 in us-east-1; root MFA as `rootMfa`.
 */
export function memberState(id: string, opts: { versioned: boolean; openSsh: boolean; rootMfa: boolean; resources?: number }): FakeAccountState {
  const s = emptyAccount(ORG_REGIONS, id);
  s.buckets = ORG_REGIONS.map((region) => ({ Name: `b-${id}-${region}`, Region: region, versioning: opts.versioned ? 'Enabled' : undefined }));
  s.summary = { AccountMFAEnabled: opts.rootMfa ? 1 : 0, AccountAccessKeysPresent: 0 };
  for (const region of ORG_REGIONS) {
    s.regions[region].securityGroups = [{ GroupId: `sg-web-${region}`, GroupName: 'web', VpcId: 'vpc-1', ingress: [{ IpProtocol: 'tcp', FromPort: 443, ToPort: 443, cidrs: ['10.0.0.0/8'] }], egress: [] }];
  }
  if (opts.openSsh) {
    s.regions['us-east-1'].securityGroups.push({ GroupId: 'sg-ssh', GroupName: 'ssh', VpcId: 'vpc-1', ingress: [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, cidrs: ['0.0.0.0/0'] }], egress: [] });
  }
  return s;
}

/**
 * Ten accounts: 01-04 in prod, 05-08 in dev, 09-10 in a sandbox OU under dev. 07 is SUSPENDED;
 * 05 refuses the scanner's role (AccessDenied); 09's STS answers 500 to every AssumeRole.
 * Odd accounts have unversioned buckets, accounts 02 and 06 an SSH port open to the world,
 * account 04 no root MFA.
 */
export function fakeOrganization(): FakeOrganization {
  const parent = (n: number) => (n <= 4 ? OU_PROD : n <= 8 ? OU_DEV : OU_SANDBOX);
  return {
    rootId: ROOT,
    ous: [
      { Id: OU_PROD, Name: 'prod', parentId: ROOT },
      { Id: OU_DEV, Name: 'dev', parentId: ROOT },
      { Id: OU_SANDBOX, Name: 'sandbox', parentId: OU_DEV },
    ],
    accounts: Array.from({ length: 10 }, (_, i) => i + 1).map((n) => ({
      Id: accountId(n),
      Name: `account-${n}`,
      Status: n === 7 ? 'SUSPENDED' as const : 'ACTIVE' as const,
      parentId: parent(n),
      state: memberState(accountId(n), { versioned: n % 2 === 0, openSsh: n === 2 || n === 6, rootMfa: n !== 4 }),
    })),
    roleName: ROLE_NAME,
    externalId: EXTERNAL_ID,
    denyAssumeRole: [accountId(5)],
    failAssumeRole: [accountId(9)],
  };
}
