import { Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ComplianceValidationError } from '../core/validation';

/** An IPv4 CIDR block, parsed. */
export interface Ipv4Block {
  /** First address, as an unsigned 32-bit number. */
  readonly start: number;
  /** Prefix length, 0 to 32. */
  readonly mask: number;
  /** Number of addresses. */
  readonly size: number;
  /** The text given. */
  readonly text: string;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/**
 * Parse an IPv4 CIDR block, or throw a `ComplianceValidationError` that says what is wrong with it.
 * The address must be the network address of the block (no host bits set).
 */
export function parseIpv4Cidr(scope: IConstruct, prop: string, text: string): Ipv4Block {
  if (Token.isUnresolved(text)) {
    throw new ComplianceValidationError(scope, prop, text,
      'It must be a literal IPv4 CIDR block such as "10.0.0.0/16": the subnet layout is computed from it at synth time.');
  }
  const m = CIDR_PATTERN.exec(text);
  if (!m) {
    throw new ComplianceValidationError(scope, prop, text, 'It must be an IPv4 CIDR block written as a.b.c.d/n, for example "10.0.0.0/16".');
  }
  const octets = m.slice(1, 5).map(Number);
  const mask = Number(m[5]);
  if (octets.some((o) => o > 255) || mask > 32) {
    throw new ComplianceValidationError(scope, prop, text, 'Each of the four numbers must be 0 to 255 and the prefix length 0 to 32.');
  }
  const start = octets.reduce((acc, octet) => acc * 256 + octet, 0);
  const size = 2 ** (32 - mask);
  if (start % size !== 0) {
    const network = start - (start % size);
    throw new ComplianceValidationError(scope, prop, text,
      `The address has host bits set for a /${mask}; the block starts at ${formatIpv4(network)}/${mask}.`);
  }
  return { start, mask, size, text };
}

/** Whether two blocks share at least one address. */
export function overlaps(a: Ipv4Block, b: Ipv4Block): boolean {
  return a.start < b.start + b.size && b.start < a.start + a.size;
}

/** Dotted-quad text of an address. */
export function formatIpv4(address: number): string {
  return [2 ** 24, 2 ** 16, 2 ** 8, 1].map((unit) => Math.floor(address / unit) % 256).join('.');
}
