import { Ec2Calls, lookUpPrefixLists, PrefixListPage, stripDefaultSecurityGroup } from '../../src/audited-vpc/network-defaults.lambda';

/** EC2 calls that record what they are asked and answer from a script. */
function fakeEc2(pages: PrefixListPage[] = [], revokeError?: { name: string }): { calls: Ec2Calls; log: any[] } {
  const log: any[] = [];
  const calls: Ec2Calls = {
    describePrefixLists: async (names, token) => {
      log.push(['describe', names, token]);
      return pages.shift() ?? {};
    },
    revokeIngress: async (groupId, permission) => {
      log.push(['revokeIngress', groupId, permission]);
      if (revokeError) {
        throw Object.assign(new Error(revokeError.name), revokeError);
      }
    },
    revokeEgress: async (groupId, permission) => {
      log.push(['revokeEgress', groupId, permission]);
    },
  };
  return { calls, log };
}

describe('default security group rules', () => {
  test('revokes the ingress from the group itself and the egress to 0.0.0.0/0 that every new VPC gets', async () => {
    const { calls, log } = fakeEc2();
    await stripDefaultSecurityGroup('sg-0123', '123456789012', calls);
    expect(log).toEqual([
      ['revokeIngress', 'sg-0123', { IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-0123', UserId: '123456789012' }] }],
      ['revokeEgress', 'sg-0123', { IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    ]);
  });

  test('a rule already gone is fine, so updates can repeat the call', async () => {
    const { calls, log } = fakeEc2([], { name: 'InvalidPermission.NotFound' });
    await stripDefaultSecurityGroup('sg-0123', '123456789012', calls);
    expect(log.map((l) => l[0])).toEqual(['revokeIngress', 'revokeEgress']);
  });

  test('any other error fails the resource', async () => {
    const { calls } = fakeEc2([], { name: 'UnauthorizedOperation' });
    await expect(stripDefaultSecurityGroup('sg-0123', '123456789012', calls)).rejects.toThrow('UnauthorizedOperation');
  });
});

describe('gateway prefix list lookup', () => {
  test('finds both lists by name, following pages', async () => {
    const { calls, log } = fakeEc2([
      { PrefixLists: [{ PrefixListName: 'com.amazonaws.eu-west-1.s3', PrefixListId: 'pl-6da54004' }], NextToken: 'next' },
      { PrefixLists: [{ PrefixListName: 'com.amazonaws.eu-west-1.dynamodb', PrefixListId: 'pl-6fa54006' }] },
    ]);
    expect(await lookUpPrefixLists('eu-west-1', calls)).toEqual({ S3: 'pl-6da54004', DynamoDb: 'pl-6fa54006' });
    const names = ['com.amazonaws.eu-west-1.s3', 'com.amazonaws.eu-west-1.dynamodb'];
    expect(log).toEqual([['describe', names, undefined], ['describe', names, 'next']]);
  });

  test('fails, naming the list, when one is missing', async () => {
    const { calls } = fakeEc2([{ PrefixLists: [{ PrefixListName: 'com.amazonaws.eu-west-1.s3', PrefixListId: 'pl-1' }] }]);
    await expect(lookUpPrefixLists('eu-west-1', calls)).rejects.toThrow('No AWS-managed prefix list named com.amazonaws.eu-west-1.dynamodb in eu-west-1');
  });
});
