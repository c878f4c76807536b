/**
 * CloudFormation custom resource: the ids of the AWS-managed prefix lists of the S3 and DynamoDB
 * gateway endpoints in this Region (`com.amazonaws.<region>.s3`, `com.amazonaws.<region>.dynamodb`).
 *
 * CloudFormation has no attribute for them, and security group egress rules towards a gateway
 * endpoint need them. The handler only reads (`ec2:DescribeManagedPrefixLists`); it creates and
 * deletes nothing.
 */
import * as https from 'https';


interface CustomResourceEvent {
  readonly RequestType: 'Create' | 'Update' | 'Delete';
  readonly ResponseURL: string;
  readonly StackId: string;
  readonly RequestId: string;
  readonly LogicalResourceId: string;
  readonly PhysicalResourceId?: string;
  readonly ResourceProperties: { readonly Region?: string };
}

/** One page of `DescribeManagedPrefixLists`. */
export interface PrefixListPage {
  readonly PrefixLists?: ManagedPrefixList[];
  readonly NextToken?: string;
}

/** Calls `DescribeManagedPrefixLists` with a name filter and an optional page token. */
export type DescribePrefixLists = (names: string[], nextToken?: string) => Promise<PrefixListPage>;

interface ManagedPrefixList {
  readonly PrefixListId?: string;
  readonly PrefixListName?: string;
}

/** Attribute name -> service suffix of the prefix list name. */
const SERVICES: Record<string, string> = { S3: 's3', DynamoDb: 'dynamodb' };

export async function handler(event: CustomResourceEvent): Promise<void> {
  const region = event.ResourceProperties.Region ?? process.env.AWS_REGION ?? '';
  const physicalId = event.PhysicalResourceId ?? `gateway-prefix-lists-${region}`;
  let data: Record<string, string> = {};
  try {
    if (event.RequestType !== 'Delete') {
      data = await lookUp(region);
    }
    console.log(JSON.stringify({ message: 'prefix lists', requestType: event.RequestType, region, data }));
    await respond(event, 'SUCCESS', physicalId, data);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    console.error(JSON.stringify({ message: 'prefix list lookup failed', requestType: event.RequestType, region, reason }));
    await respond(event, 'FAILED', physicalId, {}, reason);
  }
}

/**
 * `DescribeManagedPrefixLists` through the AWS SDK for JavaScript v3, which comes with the Lambda
 * Node.js runtime and is therefore not bundled.
 */
function sdkDescribe(region: string): DescribePrefixLists {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { EC2Client, DescribeManagedPrefixListsCommand } = require('@aws-sdk/client-ec2');
  const client = new EC2Client({ region });
  return (names, nextToken) => client.send(new DescribeManagedPrefixListsCommand({
    Filters: [{ Name: 'prefix-list-name', Values: names }],
    NextToken: nextToken,
  }));
}

/** Look the prefix lists up by name, following pages; fail if either is missing. */
export async function lookUp(region: string, describe: DescribePrefixLists = sdkDescribe(region)): Promise<Record<string, string>> {
  const names = Object.fromEntries(Object.entries(SERVICES).map(([key, service]) => [key, `com.amazonaws.${region}.${service}`]));
  const found: ManagedPrefixList[] = [];
  let nextToken: string | undefined;
  do {
    const page = await describe(Object.values(names), nextToken);
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
