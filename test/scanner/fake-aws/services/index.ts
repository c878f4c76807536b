/**
 * Services the fake serves from modules of their own, by SigV4 signing name (`logs`, `sqs`, `batch`,
 * ...). A module names the API of a request when its protocol does not (REST services), answers it
 * from the account's state, and words errors as the service does. `FakeAws` consults this table for
 * every service it does not serve itself; throttling, hangs, 5xx and permission checks apply alike.
 */
import { accessAnalyzer } from './accessanalyzer';
import { config } from './config';
import type { FakeAccountState, FakeRegionState } from '../model';
import type { WireRequest } from '../server';
import { backup } from './backup';
import { batch } from './batch';
import { cloudwatch } from './cloudwatch';
import { events } from './events';
import { guardduty } from './guardduty';
import { logs } from './logs';
import { scheduler } from './scheduler';
import { sqs } from './sqs';
import { states } from './states';

/** An answer on the wire. */
export interface FakeResponse {
  status?: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

/** What a service module may use of the fake: the state of the account that signed the request. */
export interface FakeServiceContext {
  readonly state: FakeAccountState;
  /** The Region's state; an unknown Region is answered as AWS answers it. */
  region(name: string): FakeRegionState;
  /** One page of `list` from the token, at most min(asked, the fake's page size) long. */
  page<T>(list: T[], token: string | null | undefined, asked: unknown): { slice: T[]; next?: string };
}

export interface FakeService {
  /** The API a request calls; when absent, the `X-Amz-Target` operation (JSON protocols) or the form's `Action` (query protocols). */
  apiName?(request: WireRequest): string;
  dispatch(ctx: FakeServiceContext, request: WireRequest, api: string): FakeResponse;
  /** The error as the service words it. @default JSON 1.1 (`__type` and `message`) */
  errorResponse?(request: WireRequest, error: { status: number; code: string; message: string }): FakeResponse;
}

/** JSON 1.0/1.1 protocols: a body answered with the given content type. */
export function jsonResponse(body: unknown, contentType = 'application/x-amz-json-1.1'): FakeResponse {
  return { contentType, body: JSON.stringify(body) };
}

/** The JSON 1.x error shape. */
export function jsonError(error: { status: number; code: string; message: string }, contentType = 'application/x-amz-json-1.1'): FakeResponse {
  return { status: error.status, contentType, body: JSON.stringify({ __type: error.code, message: error.message }) };
}

/** REST-JSON protocols: the error code in `x-amzn-errortype`. */
export function restJsonError(error: { status: number; code: string; message: string }): FakeResponse {
  return { status: error.status, contentType: 'application/json', headers: { 'x-amzn-errortype': error.code }, body: JSON.stringify({ message: error.message }) };
}

/** Service modules by signing name. Add one line per module. */
export const FAKE_SERVICES: Record<string, FakeService> = {
  batch,
  logs,
  'access-analyzer': accessAnalyzer,
  'config': config,
  sqs,
  'monitoring': cloudwatch,
  backup,
  events,
  guardduty,
  scheduler,
  states,
};
