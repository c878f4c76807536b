/** The resource kinds several checks judge one at a time: their shared metadata, listing and naming. */
import { arn, BucketInfo, NetworkAclInfo, notApplicable, SecurityGroupInfo, TableInfo, TrailInfo } from '../model';
import { ResourceKind } from './define';

/** CloudTrail trails (DescribeTrails); a multi-Region trail appears in every Region and is judged once, in its home Region. */
export const TRAILS: ResourceKind<TrailInfo> = {
  meta: { category: 'cloudtrail', resourceType: 'AWS::CloudTrail::Trail', requiredActions: ['cloudtrail:DescribeTrails'], datasets: ['cloudtrail.trails'], scope: 'regional' },
  list: (inv) => inv.trails,
  id: (t) => t.arn,
  notJudgedHere: (t, inv) => (t.homeRegion !== inv.region ? notApplicable(t.arn, `evaluated in its home region ${t.homeRegion}`) : undefined),
};

/** The Region's security groups (DescribeSecurityGroups). */
export const SECURITY_GROUPS: ResourceKind<SecurityGroupInfo> = {
  meta: { category: 'ec2', resourceType: 'AWS::EC2::SecurityGroup', requiredActions: ['ec2:DescribeSecurityGroups'], datasets: ['ec2.securityGroups'], scope: 'regional' },
  list: (inv) => inv.securityGroups,
  id: (sg, inv) => arn(inv, 'ec2', `security-group/${sg.groupId}`),
};

/** The Region's network ACLs (DescribeNetworkAcls). */
export const NETWORK_ACLS: ResourceKind<NetworkAclInfo> = {
  meta: { category: 'vpc', resourceType: 'AWS::EC2::NetworkAcl', requiredActions: ['ec2:DescribeNetworkAcls'], datasets: ['ec2.networkAcls'], scope: 'regional' },
  list: (inv) => inv.networkAcls,
  id: (acl, inv) => arn(inv, 'ec2', `network-acl/${acl.networkAclId}`),
};

/** The Region's DynamoDB tables (ListTables); each check names the further calls it needs. */
export const DYNAMODB_TABLES: ResourceKind<TableInfo> = {
  meta: { category: 'dynamodb', resourceType: 'AWS::DynamoDB::Table', requiredActions: ['dynamodb:ListTables'], datasets: ['dynamodb.tables'], scope: 'regional' },
  list: (inv) => inv.dynamoDbTables,
  id: (t) => t.arn,
};

/** The account's S3 buckets (ListAllMyBuckets), judged once for the account, each result in the bucket's Region. */
export const BUCKETS: ResourceKind<BucketInfo> = {
  meta: { category: 's3', resourceType: 'AWS::S3::Bucket', requiredActions: ['s3:ListAllMyBuckets'], datasets: ['s3.buckets'], scope: 'global' },
  list: (inv) => inv.s3Buckets,
  id: (b) => b.arn,
  region: (b) => b.region,
};
