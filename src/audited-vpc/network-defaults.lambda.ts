/**
 * CloudFormation custom resources of `AuditedVpc`, for what CloudFormation cannot express:
 *
 * - `Custom::DefaultSecurityGroupRules` strips the VPC's default security group of the two rules
 *   every new VPC gets (all traffic in from the group itself, all traffic out to 0.0.0.0/0);
 * - `Custom::GatewayPrefixLists` returns the ids of the AWS-managed prefix lists of the S3 and
 *   DynamoDB gateway endpoints (`com.amazonaws.<region>.s3`, `.dynamodb`), which security group
 *   egress rules need and CloudFormation has no attribute for.
 *
 * On Delete both do nothing: a default security group without rules is the state to leave behind,
 * and a lookup has nothing to undo.
 */
import * as https from 'https';

interface CustomResourceEvent {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly ResourceType: string;
  readonly ResponseURL: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: {
    readonly Region?: string;
    readonly SecurityGroupId?: string;
    readonly AccountId?: string;
  };
}

interface ManagedPrefixList {
  readonly PrefixListId?: string;
  readonly PrefixListName?: string;
}

/** One page of `DescribeManagedPrefixLists`. */
export interface PrefixListPage {
  readonly PrefixLists?: ManagedPrefixList[];
  readonly NextToken?: string;
}

/** The EC2 calls the handler makes, so that tests can stand in for the SDK. */
export interface Ec2Calls {
  /** `DescribeManagedPrefixLists` with a name filter and an optional page token. */
  describePrefixLists(names: string[], nextToken?: string): Promise<PrefixListPage>;
  /** `RevokeSecurityGroupIngress` of one rule. */
  revokeIngress(groupId: string, permission: object): Promise<void>;
  /** `RevokeSecurityGroupEgress` of one rule. */
  revokeEgress(groupId: string, permission: object): Promise<void>;
}

/** Attribute name -> service suffix of the prefix list name. */
const SERVICES: Record<string, string> = { S3: 's3', DynamoDb: 'dynamodb' };

export async function handler(event: CustomResourceEvent): Promise<void> {
  const region = event.ResourceProperties.Region ?? process.env.AWS_REGION ?? '';
  let physicalId = event.PhysicalResourceId ?? `${event.LogicalResourceId}-${region}`;
  const log = { requestType: event.RequestType, resourceType: event.ResourceType, region };
  try {
    let data: Record<string, string> = {};
    if (event.RequestType !== 'Delete') {
      const calls = sdkCalls(region);
      if (event.ResourceType === 'Custom::DefaultSecurityGroupRules') {
        const groupId = required(event, 'SecurityGroupId');
        await stripDefaultSecurityGroup(groupId, required(event, 'AccountId'), calls);
        physicalId = groupId;
      } else if (event.ResourceType === 'Custom::GatewayPrefixLists') {
        data = await lookUpPrefixLists(region, calls);
      } else {
        throw new Error(`Unknown resource type ${event.ResourceType}`);
      }
    }
    console.log(JSON.stringify({ message: 'done', ...log, physicalId, data }));
    await respond(event, 'SUCCESS', physicalId, data);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(JSON.stringify({ message: 'failed', ...log, reason }));
    await respond(event, 'FAILED', physicalId, {}, reason);
  }
}

/**
 * Revoke the rules AWS gives every new default security group. A rule that is already gone
 * (`InvalidPermission.NotFound`) is fine: the call is repeated on every update.
 */
export async function stripDefaultSecurityGroup(groupId: string, accountId: string, calls: Ec2Calls): Promise<void> {
  await ignoreNotFound(calls.revokeIngress(groupId, { IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: groupId, UserId: accountId }] }));
  await ignoreNotFound(calls.revokeEgress(groupId, { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }));
}

/** Look the prefix lists up by name, following pages; fail if either is missing. */
export async function lookUpPrefixLists(region: string, calls: Ec2Calls): Promise<Record<string, string>> {
  const names = Object.fromEntries(Object.entries(SERVICES).map(([key, service]) => [key, `com.amazonaws.${region}.${service}`]));
  const found: ManagedPrefixList[] = [];
  let nextToken: string | undefined;
  do {
    const page = await calls.describePrefixLists(Object.values(names), nextToken);
    found.push(...(page.PrefixLists ?? []));
    nextToken = page.NextToken;
  } while (nextToken);
  const data: Record<string, string> = {};
  for (const [key, name] of Object.entries(names)) {
    const list = found.find((p) => p.PrefixListName === name);
    if (!list?.PrefixListId) {
      throw new Error(`No AWS-managed prefix list named ${name} in ${region}`);
    }
    data[key] = list.PrefixListId;
  }
  return data;
}

async function ignoreNotFound(call: Promise<void>): Promise<void> {
  try {
    await call;
  } catch (error) {
    if ((error as { name?: string }).name !== 'InvalidPermission.NotFound') {
      throw error;
    }
  }
}

function required(event: CustomResourceEvent, property: 'SecurityGroupId' | 'AccountId'): string {
  const value = event.ResourceProperties[property];
  if (!value) {
    throw new Error(`Missing property ${property}`);
  }
  return value;
}

/**
 * The calls through the AWS SDK for JavaScript v3, which comes with the Lambda Node.js runtime
 * and is therefore not bundled.
 */
function sdkCalls(region: string): Ec2Calls {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sdk = require('@aws-sdk/client-ec2');
  const client = new sdk.EC2Client({ region });
  return {
    describePrefixLists: (names, nextToken) => client.send(new sdk.DescribeManagedPrefixListsCommand({
      Filters: [{ Name: 'prefix-list-name', Values: names }],
      NextToken: nextToken,
    })),
    revokeIngress: async (groupId, permission) => {
      await client.send(new sdk.RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: [permission] }));
    },
    revokeEgress: async (groupId, permission) => {
      await client.send(new sdk.RevokeSecurityGroupEgressCommand({ GroupId: groupId, IpPermissions: [permission] }));
    },
  };
}

/** Send the result to the pre-signed URL CloudFormation waits on. */
function respond(event: CustomResourceEvent, status: 'SUCCESS' | 'FAILED', physicalId: string, data: Record<string, string>, reason?: string): Promise<void> {
  const body = JSON.stringify({
    Status: status,
    Reason: reason ?? status,
    PhysicalResourceId: physicalId,
    StackId: event.StackId,
    RequestId: event.RequestId,
    LogicalResourceId: event.LogicalResourceId,
    Data: data,
  });
  return new Promise((resolve, reject) => {
    const request = https.request(event.ResponseURL, {
      method: 'PUT',
      headers: { 'content-type': '', 'content-length': Buffer.byteLength(body) },
      timeout: 10_000,
    }, (response) => {
      response.resume();
      response.on('end', () => resolve());
    });
    request.on('timeout', () => request.destroy(new Error('timed out sending the response to CloudFormation')));
    request.on('error', reject);
    request.end(body);
  });
}
