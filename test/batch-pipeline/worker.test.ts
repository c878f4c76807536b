import { Readable } from 'node:stream';
import { run, S3Sdk } from '../../examples/batch-worker/main';
import { belongsTo, checkArrayPosition, HEADER, parseTransaction, processFile, SliceProcessor, syntheticTransactions } from '../../examples/batch-worker/transactions';

describe('sample worker: which records a child processes', () => {
  test.each([1, 2, 3, 7, 28])('with %i children every record is processed exactly once', (size) => {
    const total = 1000;
    const seen = new Array(total).fill(0);
    for (let index = 0; index < size; index++) {
      for (let n = 0; n < total; n++) {
        if (belongsTo(n, index, size)) {
          seen[n]++;
        }
      }
    }
    expect(seen.every((count) => count === 1)).toBe(true);
  });

  test('children get equal shares within one record', () => {
    const content = syntheticTransactions(1001);
    const shares = [0, 1, 2].map((i) => processFile(content, i, 3).records);
    expect(shares).toEqual([334, 334, 333]);
    expect(shares.reduce((a, b) => a + b)).toBe(1001);
  });

  test.each([
    [3, 3, 'array index must be a whole number from 0 to 2, got 3'],
    [-1, 3, 'array index must be a whole number from 0 to 2, got -1'],
    [0, 0, 'array size must be a whole number of at least 1, got 0'],
    [Number.NaN, 2, 'array index must be a whole number from 0 to 1, got NaN'],
  ])('index %d of %d is refused', (index, size, message) => {
    expect(() => checkArrayPosition(index, size)).toThrow(message);
  });
});

describe('sample worker: parsing and checks', () => {
  test('a valid line becomes a transaction with the amount in cents', () => {
    expect(parseTransaction('t1,acct-9,125.4,EUR,2026-01-02T03:04:05Z')).toEqual({
      id: 't1', account: 'acct-9', amountCents: 12540, currency: 'EUR', timestamp: '2026-01-02T03:04:05Z',
    });
    expect(parseTransaction('t2,acct-9,-0.05,USD,2026-01-02T03:04:05.123Z')).toEqual(expect.objectContaining({ amountCents: -5 }));
  });

  test.each([
    ['t1,acct,1.00,USD', 'expected 5 fields, got 4'],
    [',acct,1.00,USD,2026-01-02T03:04:05Z', 'empty transaction_id or account_id'],
    ['t1,acct,1.001,USD,2026-01-02T03:04:05Z', "invalid amount '1.001'"],
    ['t1,acct,1e3,USD,2026-01-02T03:04:05Z', "invalid amount '1e3'"],
    ['t1,acct,1.00,usd,2026-01-02T03:04:05Z', "invalid currency 'usd'"],
    ['t1,acct,1.00,USD,2026-13-02T03:04:05Z', "invalid timestamp '2026-13-02T03:04:05Z'"],
    ['t1,acct,1.00,USD,yesterday', "invalid timestamp 'yesterday'"],
  ])('%s is rejected: %s', (line, reason) => {
    expect(parseTransaction(line)).toBe(reason);
  });

  test('totals per account and currency, large transactions listed, bad lines rejected with their record number', () => {
    const p = new SliceProcessor(0, 1);
    p.add('t1,a,10.00,USD,2026-01-01T00:00:00Z');
    p.add('t2,a,5.50,USD,2026-01-01T00:00:01Z');
    p.add('t3,a,1.00,EUR,2026-01-01T00:00:02Z');
    p.add('t4,b,10000.00,USD,2026-01-01T00:00:03Z');
    p.add('garbage');
    const r = p.result();
    expect(r.records).toBe(5);
    expect(r.accepted).toBe(4);
    expect(r.rejected).toEqual([{ record: 4, reason: 'expected 5 fields, got 1' }]);
    expect(r.totals).toEqual([
      { account: 'a', currency: 'EUR', count: 1, totalCents: 100 },
      { account: 'a', currency: 'USD', count: 2, totalCents: 1550 },
      { account: 'b', currency: 'USD', count: 1, totalCents: 1_000_000 },
    ]);
    expect(r.large.map((t) => t.id)).toEqual(['t4']);
  });

  test('a file without the header is refused', () => {
    expect(() => processFile('a,b,c\n', 0, 1)).toThrow(`the input must start with the header '${HEADER}'`);
  });
});

/** An in-memory S3 with the three calls the worker makes. */
function fakeS3(objects: Map<string, string>): S3Sdk {
  class GetObjectCommand { constructor(public readonly input: any) {} }
  class PutObjectCommand { constructor(public readonly input: any) {} }
  class S3Client {
    async send(command: any): Promise<any> {
      const key = `${command.input.Bucket}/${command.input.Key}`;
      if (command instanceof GetObjectCommand) {
        const body = objects.get(key);
        if (body === undefined) {
          throw new Error(`NoSuchKey: ${key}`);
        }
        // deliver in small chunks so that lines span chunk boundaries
        const chunks = body.match(/[\s\S]{1,37}/g) ?? [];
        return { Body: Readable.from(chunks) };
      }
      objects.set(key, command.input.Body);
      return {};
    }
  }
  return { S3Client, GetObjectCommand, PutObjectCommand } as unknown as S3Sdk;
}

describe('sample worker: one array child end to end against a fake S3', () => {
  test('reads its share of the input object and writes part-<index>.json to the output bucket', async () => {
    const objects = new Map([['in/transactions.csv', syntheticTransactions(100)]]);
    const env = { INPUT_BUCKET: 'in', OUTPUT_BUCKET: 'out', AWS_BATCH_JOB_ARRAY_INDEX: '2', ARRAY_SIZE: '3' };
    const log = jest.spyOn(console, 'log').mockImplementation(() => {});
    const key = await run(env, fakeS3(objects));
    log.mockRestore();
    expect(key).toBe('results/part-00002.json');
    const written = JSON.parse(objects.get('out/results/part-00002.json')!);
    expect(written.input).toBe('s3://in/transactions.csv');
    expect(written.records).toBe(33);
    expect(written.accepted).toBe(33);
    expect(written).toEqual(expect.objectContaining(processFile(syntheticTransactions(100), 2, 3)));
  });

  test('fails on a missing bucket variable, a missing object and a file without the header', async () => {
    await expect(run({ OUTPUT_BUCKET: 'out' }, fakeS3(new Map()))).rejects.toThrow('environment variable INPUT_BUCKET is not set');
    await expect(run({ INPUT_BUCKET: 'in', OUTPUT_BUCKET: 'out' }, fakeS3(new Map()))).rejects.toThrow('NoSuchKey: in/transactions.csv');
    await expect(run({ INPUT_BUCKET: 'in', OUTPUT_BUCKET: 'out' }, fakeS3(new Map([['in/transactions.csv', 'x,y\n1,2\n']]))))
      .rejects.toThrow('s3://in/transactions.csv does not start with the header');
  });
});
