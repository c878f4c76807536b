import { lookUp, PrefixListPage } from '../../src/audited-vpc/prefix-lists.lambda';

describe('prefix list lookup handler', () => {
  test('finds both lists by name, following pages', async () => {
    const calls: Array<[string[], string | undefined]> = [];
    const pages: PrefixListPage[] = [
      { PrefixLists: [{ PrefixListName: 'com.amazonaws.eu-west-1.s3', PrefixListId: 'pl-6da54004' }], NextToken: 'next' },
      { PrefixLists: [{ PrefixListName: 'com.amazonaws.eu-west-1.dynamodb', PrefixListId: 'pl-6fa54006' }] },
    ];
    const result = await lookUp('eu-west-1', async (names, token) => {
      calls.push([names, token]);
      return pages.shift()!;
    });
    expect(result).toEqual({ S3: 'pl-6da54004', DynamoDb: 'pl-6fa54006' });
    expect(calls).toEqual([
      [['com.amazonaws.eu-west-1.s3', 'com.amazonaws.eu-west-1.dynamodb'], undefined],
      [['com.amazonaws.eu-west-1.s3', 'com.amazonaws.eu-west-1.dynamodb'], 'next'],
    ]);
  });

  test('fails, naming the list, when one is missing', async () => {
    await expect(lookUp('eu-west-1', async () => ({ PrefixLists: [{ PrefixListName: 'com.amazonaws.eu-west-1.s3', PrefixListId: 'pl-1' }] })))
      .rejects.toThrow('No AWS-managed prefix list named com.amazonaws.eu-west-1.dynamodb in eu-west-1');
  });
});
