import { ALL_CHECKS } from '../../scanner/runtime/checks';
import { InvalidInputError, REGION_PATTERN } from '../../scanner/runtime/input';

/** Reads the environment of the organization scanner's functions; every problem is reported at once. */
export class EnvReader {
  private readonly problems: string[] = [];
  constructor(private readonly env: NodeJS.ProcessEnv, private readonly what: string) {}

  public required(name: string, pattern: RegExp, shape: string): string {
    const v = this.env[name];
    if (!v) this.problems.push(`missing ${name}`);
    else if (!pattern.test(v)) this.problems.push(`invalid ${name}: ${v}. Must be ${shape}`);
    return v ?? '';
  }

  public list(name: string, pattern: RegExp, shape: string): string[] | undefined {
    const v = this.env[name];
    if (!v) return undefined;
    const items = v.split(',').map((x) => x.trim()).filter(Boolean);
    const bad = items.filter((x) => !pattern.test(x));
    if (bad.length > 0) this.problems.push(`invalid ${name}: ${bad.join(', ')}. Must be a comma-separated list of ${shape}`);
    return items;
  }

  public regions(name: string): string[] | undefined {
    return this.list(name, REGION_PATTERN, 'Region names such as eu-west-1');
  }

  public checkIds(name: string): string[] {
    const known = new Set(ALL_CHECKS.map((c) => c.id));
    const ids = this.env[name] ? this.env[name]!.split(',').map((c) => c.trim()).filter(Boolean) : [...known];
    const bad = ids.filter((c) => !known.has(c));
    if (bad.length > 0) this.problems.push(`invalid ${name}: ${bad.join(', ')}. Known check ids: ${[...known].join(', ')}`);
    return ids;
  }

  public int(name: string, def: number, min: number, max: number): number {
    const v = this.env[name];
    if (v === undefined || v === '') return def;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      this.problems.push(`invalid ${name}: ${v}. Must be an integer from ${min} to ${max}`);
      return def;
    }
    return n;
  }

  /** Throws `InvalidInputError` naming every problem found so far. */
  public done(): void {
    if (this.problems.length > 0) throw new InvalidInputError(`${this.what} environment is invalid: ${this.problems.join('; ')}`);
  }
}

export const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
export const KMS_KEY = /^(arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/.+|[0-9a-f-]{36}|alias\/.+)$/;
export const ACCOUNT_ID = /^\d{12}$/;
export const OU_ID = /^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})$/;
