/**
 * The processing logic of the sample worker, free of AWS calls so that it can be unit tested and
 * benchmarked: which records belong to an array child, how a record is parsed and checked, and
 * what a child writes as its result.
 *
 * Input: a CSV file with the header `transaction_id,account_id,amount,currency,timestamp`, one
 * transaction per line, amounts with at most two decimals (`125.40`), ISO-8601 UTC timestamps.
 */

/** The header line the input file must start with. */
export const HEADER = 'transaction_id,account_id,amount,currency,timestamp';

/** Transactions of at least this amount (in cents) are listed in the result for review. */
export const LARGE_AMOUNT_CENTS = 1_000_000; // 10,000.00

/**
 * Whether record `recordNumber` (0-based, header excluded) belongs to array child `index` of
 * `size`. Records are dealt out in turn (record n goes to child n mod size), so a child needs no
 * record count before it starts, reads the file in one pass, and children get equal shares
 * (within one record).
 */
export function belongsTo(recordNumber: number, index: number, size: number): boolean {
  return recordNumber % size === index;
}

/** Check an array index and size as AWS Batch gives them (a single job is index 0 of 1). */
export function checkArrayPosition(index: number, size: number): void {
  if (!Number.isInteger(size) || size < 1) {
    throw new Error(`array size must be a whole number of at least 1, got ${size}`);
  }
  if (!Number.isInteger(index) || index < 0 || index >= size) {
    throw new Error(`array index must be a whole number from 0 to ${size - 1}, got ${index}`);
  }
}

/** A transaction that passed the checks. */
export interface Transaction {
  readonly id: string;
  readonly account: string;
  readonly amountCents: number;
  readonly currency: string;
  readonly timestamp: string;
}

/** A line that failed the checks, with the reason. */
export interface Rejection {
  readonly record: number;
  readonly reason: string;
}

const AMOUNT = /^-?\d{1,12}(\.\d{1,2})?$/;
const CURRENCY = /^[A-Z]{3}$/;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** Parse and check one CSV line; returns the reason when it is rejected. */
export function parseTransaction(line: string): Transaction | string {
  const fields = line.split(',');
  if (fields.length !== 5) {
    return `expected 5 fields, got ${fields.length}`;
  }
  const [id, account, amount, currency, timestamp] = fields.map((f) => f.trim());
  if (id === '' || account === '') {
    return 'empty transaction_id or account_id';
  }
  if (!AMOUNT.test(amount)) {
    return `invalid amount '${amount}'`;
  }
  if (!CURRENCY.test(currency)) {
    return `invalid currency '${currency}'`;
  }
  if (!TIMESTAMP.test(timestamp) || Number.isNaN(Date.parse(timestamp))) {
    return `invalid timestamp '${timestamp}'`;
  }
  const negative = amount.startsWith('-');
  const [whole, fraction = ''] = amount.replace('-', '').split('.');
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return { id, account, amountCents: negative ? -cents : cents, currency, timestamp };
}

/** Totals of one account in one currency. */
export interface AccountTotal {
  readonly account: string;
  readonly currency: string;
  count: number;
  totalCents: number;
}

/** What one array child writes to the output bucket. */
export interface SliceResult {
  readonly arrayIndex: number;
  readonly arraySize: number;
  /** Records of this child (its share of the file). */
  readonly records: number;
  readonly accepted: number;
  readonly rejected: Rejection[];
  readonly large: Transaction[];
  readonly totals: AccountTotal[];
}

/**
 * Folds the records of one array child into a `SliceResult`. Feed it every record line of the
 * file (header excluded) in order with `add`; records of other children are skipped cheaply.
 */
export class SliceProcessor {
  private recordNumber = 0;
  private records = 0;
  private accepted = 0;
  private readonly rejected: Rejection[] = [];
  private readonly large: Transaction[] = [];
  private readonly totals = new Map<string, AccountTotal>();

  constructor(private readonly arrayIndex: number, private readonly arraySize: number) {
    checkArrayPosition(arrayIndex, arraySize);
  }

  /** Add the next record line of the file. */
  public add(line: string): void {
    const n = this.recordNumber++;
    if (!belongsTo(n, this.arrayIndex, this.arraySize)) {
      return;
    }
    this.records++;
    const parsed = parseTransaction(line);
    if (typeof parsed === 'string') {
      this.rejected.push({ record: n, reason: parsed });
      return;
    }
    this.accepted++;
    const key = `${parsed.account}\u0000${parsed.currency}`;
    let total = this.totals.get(key);
    if (!total) {
      total = { account: parsed.account, currency: parsed.currency, count: 0, totalCents: 0 };
      this.totals.set(key, total);
    }
    total.count++;
    total.totalCents += parsed.amountCents;
    if (Math.abs(parsed.amountCents) >= LARGE_AMOUNT_CENTS) {
      this.large.push(parsed);
    }
  }

  public result(): SliceResult {
    return {
      arrayIndex: this.arrayIndex,
      arraySize: this.arraySize,
      records: this.records,
      accepted: this.accepted,
      rejected: this.rejected,
      large: this.large,
      totals: [...this.totals.values()].sort((a, b) => a.account.localeCompare(b.account) || a.currency.localeCompare(b.currency)),
    };
  }
}

/** Process one slice of a whole file held in memory (tests and the benchmark). */
export function processFile(content: string, arrayIndex: number, arraySize: number): SliceResult {
  const lines = content.split('\n');
  if (lines[0].trim() !== HEADER) {
    throw new Error(`the input must start with the header '${HEADER}'`);
  }
  const processor = new SliceProcessor(arrayIndex, arraySize);
  for (let i = 1; i < lines.length; i++) {
    if (lines[i].trim() !== '') {
      processor.add(lines[i]);
    }
  }
  return processor.result();
}

/** Deterministic synthetic transactions, for tests, the benchmark and local runs. */
export function syntheticTransactions(count: number, seed = 1): string {
  // a linear congruential generator modulo 2^32 (products stay below 2^53, so exact)
  let state = Math.abs(Math.floor(seed)) % 4294967296;
  const next = () => {
    state = (state * 1664525 + 1013904223) % 4294967296;
    return state;
  };
  const currencies = ['USD', 'EUR', 'GBP'];
  const out: string[] = [HEADER];
  const start = Date.UTC(2026, 0, 1);
  for (let i = 0; i < count; i++) {
    const cents = next() % 2_000_000;
    const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
    const ts = new Date(start + (next() % 86_400_000)).toISOString();
    out.push(`t${i},acct-${next() % 5000},${amount},${currencies[next() % 3]},${ts}`);
  }
  return out.join('\n') + '\n';
}
