/**
 * Policy documents AWS owns and a template does not hold, known to both sides of a data path: the
 * synth-time model uses them for resources it cannot read, the scanner for policies AWS does not
 * return (an AWS managed policy attached to a role) and for AWS managed keys named by alias.
 */

/** SNS's policy for a topic that has no topic policy: only the owner account's principals. */
export function defaultTopicPolicy(account: string): any {
  return {
    Version: '2008-10-17',
    Statement: [{
      Sid: '__default_statement_ID',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['SNS:GetTopicAttributes', 'SNS:SetTopicAttributes', 'SNS:AddPermission', 'SNS:RemovePermission', 'SNS:DeleteTopic',
        'SNS:Subscribe', 'SNS:ListSubscriptionsByTopic', 'SNS:Publish'],
      Resource: '*',
      Condition: { StringEquals: { 'AWS:SourceOwner': account } },
    }],
  };
}

/** The key policy of an AWS managed key (`alias/aws/<service>`): principals of the account, through the service only. */
export function awsManagedKeyPolicy(service: string, account: string, region: string): any {
  return {
    Version: '2012-10-17',
    Statement: [{
      Sid: 'Allow access through the service for all principals in the account that are authorized to use it',
      Effect: 'Allow',
      Principal: { AWS: '*' },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:CreateGrant', 'kms:DescribeKey'],
      Resource: '*',
      Condition: { StringEquals: { 'kms:CallerAccount': account, 'kms:ViaService': `${service}.${region}.amazonaws.com` } },
    }],
  };
}

/**
 * AWS managed policies the library's constructs and common apps attach, with the statements that matter here, by
 * ARN in the `aws` partition.
 */
export const AWS_MANAGED_POLICIES: Readonly<Record<string, any>> = {
  'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole': {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], Resource: '*' }],
  },
  'arn:aws:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole': {
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'ec2:CreateNetworkInterface', 'ec2:DescribeNetworkInterfaces',
        'ec2:DescribeSubnets', 'ec2:DeleteNetworkInterface', 'ec2:AssignPrivateIpAddresses', 'ec2:UnassignPrivateIpAddresses'],
      Resource: '*',
    }],
  },
  'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy': {
    Version: '2012-10-17',
    Statement: [{
      Effect: 'Allow',
      Action: ['ecr:GetAuthorizationToken', 'ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage',
        'logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: '*',
    }],
  },
};

