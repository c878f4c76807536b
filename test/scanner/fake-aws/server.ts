import * as http from 'http';
import { AddressInfo } from 'net';
import { FakeAccountState, FakeBucket, FakePermission, FakeRegionState } from './model';
import { emptySecurityHub, FakeSecurityHubState, securityHub, securityHubApi } from './security-hub';
import { FAKE_SERVICES, FakeServiceContext, jsonError } from './services';
import { AUDIT_TOPIC } from './services/events';
import { defaultTopicPolicy } from '../../../src/controls/judgement/aws-documents';

/**
 * A fake AWS endpoint on loopback for tests and benchmarks. It speaks the real wire protocols
 * of the APIs the scanner calls (EC2 query/XML, IAM/STS/RDS/SNS query/XML, S3 and S3 Control
 * REST/XML, Lambda REST/JSON, KMS and CloudTrail JSON 1.1, DynamoDB JSON 1.0), so requests go
 * through the real SDK stack: signing, serialisation, retries, paginators, deserialisation.
 * It routes on the SigV4 credential scope, pages with small page sizes, throttles with a
 * token bucket per (service, API), and injects latency, 5xx errors and hangs.
 */
export interface FakeAwsOptions {
  /** Largest page the fake returns, whatever the client asks for. @default 1000 */
  pageSize?: number;
  /** Added to every response. @default 0 */
  latencyMs?: number;
  /** Token bucket per (service, API). */
  throttle?: { ratePerSec: number; burst: number };
  /** Services (signing names: ec2, s3, iam, kms, ...) whose requests are never answered. */
  hang?: string[];
  /** APIs (`service:Api`, for example `kms:DescribeKey`) whose requests are never answered, while the service's other APIs answer. */
  hangApis?: string[];
  /** Per service: answer this many requests with HTTP 500 before behaving. */
  fail5xx?: Record<string, number>;
  /** BatchWriteItem: this many calls leave part of their items unprocessed. @default 0 */
  unprocessedRounds?: number;
  /**
   * Called for every request before it is served; throw an `AwsHttpError` (AccessDenied) to
   * refuse it. Tests evaluate the caller's permissions here.
   */
  authorize?: (request: WireRequest, api: string) => Promise<void>;
  /**
   * Per `service:Api`: throttle this many of its first requests whatever the token bucket holds, so a
   * test sees throttling however slowly a busy machine sends. Counted in `stats.throttled`.
   */
  throttleFirst?: Record<string, number>;
  /** Token bucket per `service:Api` that overrides `throttle` for that API. */
  throttleApis?: Record<string, { ratePerSec: number; burst: number }>;
  /** An organization of many accounts: requests signed with a member's credentials are served from its state. */
  organization?: FakeOrganization;
  /** Requests this returns true for are never answered (for example one Region of one account). */
  hangWhen?: (request: WireRequest, accountId: string) => boolean;
}

/** A fake AWS Organization: Organizations' tree and, per member, the state its role sees. */
export interface FakeOrganization {
  rootId: string;
  /** OUs with their parent (the root or another OU). */
  ous: Array<{ Id: string; Name: string; parentId: string }>;
  accounts: Array<{ Id: string; Name: string; Status: 'ACTIVE' | 'SUSPENDED'; parentId: string; state: FakeAccountState }>;
  /** Name of the role AssumeRole accepts in each member. */
  roleName: string;
  /** The external id AssumeRole requires, when set. */
  externalId?: string;
  /** Accounts whose role refuses the caller (AccessDenied on AssumeRole). */
  denyAssumeRole?: string[];
  /** Accounts whose AssumeRole always answers HTTP 500 (a transient failure that never clears). */
  failAssumeRole?: string[];
}

export interface FakeAwsStats {
  /** Requests by `service:Api`, throttled and failed ones included. */
  requests: Record<string, number>;
  throttled: Record<string, number>;
  failed: number;
  hung: number;
}

/** The AWS-managed prefix lists of the gateway endpoints in a Region (ids as AWS has them in us-east-1 and eu-west-1). */
export function managedPrefixLists(region: string): Array<{ PrefixListId: string; PrefixListName: string }> {
  const known: Record<string, [string, string]> = { 'us-east-1': ['pl-63a5400a', 'pl-02cd2c6b'], 'eu-west-1': ['pl-6da54004', 'pl-6fa54006'] };
  const [s3, dynamodb] = known[region] ?? [`pl-s3${region.replace(/-/g, '')}`, `pl-ddb${region.replace(/-/g, '')}`];
  return [
    { PrefixListId: s3, PrefixListName: `com.amazonaws.${region}.s3` },
    { PrefixListId: dynamodb, PrefixListName: `com.amazonaws.${region}.dynamodb` },
  ];
}

const XMLNS_EC2 = 'http://ec2.amazonaws.com/doc/2016-11-15/';
const esc = (s: unknown) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const tag = (name: string, value: unknown) => (value === undefined || value === null ? '' : `<${name}>${esc(value)}</${name}>`);
const items = <T>(name: string, list: T[] | undefined, f: (t: T) => string, member = 'item') =>
  `<${name}>${(list ?? []).map((t) => `<${member}>${f(t)}</${member}>`).join('')}</${name}>`;

/** An error answered as AWS words it for the service (status, code, message). */
export class AwsHttpError extends Error {
  constructor(public readonly status: number, public readonly code: string, message: string) {
    super(message);
  }
}

/** A request as the fake received it. */
export interface WireRequest {
  service: string;
  region: string;
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
  form: URLSearchParams;
  json: Record<string, unknown>;
  target: string;
}

interface Res {
  status?: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

export class FakeAws {
  public readonly stats: FakeAwsStats = { requests: {}, throttled: {}, failed: 0, hung: 0 };
  private server?: http.Server;
  private readonly sockets = new Set<import('net').Socket>();
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private fails: Record<string, number>;
  private throttlesLeft: Record<string, number>;
  private unprocessedLeft: number;
  public url = '';
  /** Security Hub's stored findings and calls (BatchImportFindings, BatchUpdateFindings). */
  public readonly securityHub: FakeSecurityHubState = emptySecurityHub();

  constructor(public state: FakeAccountState, public options: FakeAwsOptions = {}) {
    this.fails = { ...(options.fail5xx ?? {}) };
    this.throttlesLeft = { ...(options.throttleFirst ?? {}) };
    this.unprocessedLeft = options.unprocessedRounds ?? 0;
  }

  public async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    this.server.keepAliveTimeout = 60_000;
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  public async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** Total requests for a service (all APIs). */
  public requestsFor(service: string): number {
    return Object.entries(this.stats.requests).filter(([k]) => k.startsWith(`${service}:`)).reduce((n, [, v]) => n + v, 0);
  }

  private region(name: string): FakeRegionState {
    const r = this.state.regions[name];
    if (!r) throw new AwsHttpError(400, 'UnknownRegion', `region ${name} is not in the fake account`);
    return r;
  }

  private take(key: string): boolean {
    if ((this.throttlesLeft[key] ?? 0) > 0) {
      this.throttlesLeft[key]--;
      return false;
    }
    const t = this.options.throttleApis?.[key] ?? this.options.throttle;
    if (!t) return true;
    const now = Date.now();
    const b = this.buckets.get(key) ?? { tokens: t.burst, at: now };
    b.tokens = Math.min(t.burst, b.tokens + ((now - b.at) / 1000) * t.ratePerSec);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/__fake/stats') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(this.stats));
      return;
    }
    const scope = /Credential=[^/]+\/\d+\/([^/]+)\/([^/]+)\/aws4_request/.exec(String(req.headers.authorization ?? ''));
    let service = scope?.[2] ?? 'unknown';
    if (service === 's3' && url.pathname.startsWith('/v20180820/')) service = 's3control';
    const ctype = String(req.headers['content-type'] ?? '');
    const r: WireRequest = {
      service,
      region: scope?.[1] ?? 'us-east-1',
      method: req.method ?? 'GET',
      path: decodeURIComponent(url.pathname),
      query: url.searchParams,
      headers: req.headers,
      body,
      form: new URLSearchParams(ctype.includes('x-www-form-urlencoded') ? body : ''),
      json: ctype.includes('json') && body ? JSON.parse(body) : {},
      target: String(req.headers['x-amz-target'] ?? ''),
    };
    const api = this.apiName(r);
    const key = `${service}:${api}`;
    this.stats.requests[key] = (this.stats.requests[key] ?? 0) + 1;

    const member = this.memberOf(r);
    const hangs = this.options.hang?.includes(service) || this.options.hangApis?.includes(key)
      || this.options.hangWhen?.(r, member?.accountId ?? this.state.accountId);
    if (hangs) {
      this.stats.hung++;
      return; // never answered; the socket is destroyed by stop()
    }
    if (this.options.latencyMs) await new Promise((ok) => setTimeout(ok, this.options.latencyMs));
    let out: Res;
    try {
      if ((this.fails[service] ?? 0) > 0) {
        this.fails[service]--;
        this.stats.failed++;
        throw new AwsHttpError(500, service === 'ec2' ? 'InternalError' : 'InternalFailure', 'injected server error');
      }
      if (!this.take(key)) {
        this.stats.throttled[key] = (this.stats.throttled[key] ?? 0) + 1;
        throw this.throttleError(service);
      }
      if (this.options.authorize) await this.options.authorize(r, api);
      // dispatch is synchronous: a member's state is served for exactly this request.
      const own = this.state;
      this.state = member ?? own;
      try {
        out = this.dispatch(r, api);
      } finally {
        this.state = own;
      }
    } catch (e) {
      const err = e instanceof AwsHttpError ? e : new AwsHttpError(500, 'InternalError', String(e));
      out = this.errorResponse(r, err);
    }
    if (res.destroyed) return;
    res.writeHead(out.status ?? 200, { 'content-type': out.contentType, 'x-amzn-requestid': 'req-1', 'x-amz-request-id': 'req-1', ...(out.headers ?? {}) });
    res.end(out.body);
  }

  /** The member whose assumed-role credentials (`ASIA<account id>`) signed the request, if any. */
  private memberOf(r: WireRequest): FakeAccountState | undefined {
    const akid = /Credential=ASIA(\d{12})\//.exec(String(r.headers.authorization ?? ''))?.[1];
    return akid ? this.options.organization?.accounts.find((a) => a.Id === akid)?.state : undefined;
  }

  /** The Region's topics, with AccountAudit's alert topic when the Region has AccountAudit's default GuardDuty route. */
  private topicsOf(region: string): FakeRegionState['topics'] {
    const reg = this.region(region);
    return reg.eventRules === undefined && !reg.topics.some((t) => t.Name === AUDIT_TOPIC)
      ? [...reg.topics, { Name: AUDIT_TOPIC, KmsMasterKeyId: `arn:aws:kms:${region}:${this.state.accountId}:key/account-audit` }]
      : reg.topics;
  }

  private throttleError(service: string): AwsHttpError {
    switch (service) {
      case 'ec2': return new AwsHttpError(503, 'RequestLimitExceeded', 'Request limit exceeded.');
      case 's3': case 's3control': return new AwsHttpError(503, 'SlowDown', 'Please reduce your request rate.');
      case 'lambda': return new AwsHttpError(429, 'TooManyRequestsException', 'Rate exceeded');
      case 'securityhub': return new AwsHttpError(429, 'TooManyRequestsException', 'Rate exceeded');
      case 'dynamodb': return new AwsHttpError(400, 'ThrottlingException', 'Rate of requests exceeds the allowed throughput.');
      default: return new AwsHttpError(400, service === 'kms' || service === 'cloudtrail' ? 'ThrottlingException' : 'Throttling', 'Rate exceeded');
    }
  }

  private apiName(r: WireRequest): string {
    const module = FAKE_SERVICES[r.service];
    if (module?.apiName) return module.apiName(r);
    if (r.form.get('Action')) return r.form.get('Action')!;
    if (r.target) return r.target.split('.').pop()!;
    if (r.service === 's3') {
      const sub = ['publicAccessBlock', 'policy', 'acl', 'encryption', 'logging', 'ownershipControls', 'versioning', 'location', 'lifecycle', 'replication'].find((q) => r.query.has(q));
      if (r.path === '/') return 'ListBuckets';
      if (r.method === 'GET' && r.query.get('list-type') === '2') return 'ListObjectsV2';
      if (r.method === 'PUT' && !sub) return 'PutObject';
      if (r.method === 'PUT') return `PutBucket:${sub}`;
      if (r.method === 'GET' && !sub && r.path.split('/').length > 2) return 'GetObject';
      return `GetBucket:${sub ?? 'unknown'}`;
    }
    if (r.service === 's3control') return 'GetPublicAccessBlock';
    if (r.service === 'lambda') {
      if (r.path.endsWith('/concurrency')) return 'GetFunctionConcurrency';
      if (r.path.endsWith('/event-invoke-config/list')) return 'ListFunctionEventInvokeConfigs';
      return r.path.endsWith('/policy') ? 'GetPolicy' : 'ListFunctions';
    }
    if (r.service === 'securityhub') return securityHubApi(r.method, r.path);
    return 'Unknown';
  }

  private errorResponse(r: WireRequest, e: AwsHttpError): Res {
    const module = FAKE_SERVICES[r.service];
    if (module) return module.errorResponse?.(r, e) ?? jsonError(e);
    switch (r.service) {
      case 'ec2':
        return { status: e.status, contentType: 'text/xml', body: `<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error>${tag('Code', e.code)}${tag('Message', e.message)}</Error></Errors><RequestID>req-1</RequestID></Response>` };
      case 's3': case 's3control':
        return { status: e.status, contentType: 'application/xml', body: `<?xml version="1.0" encoding="UTF-8"?><Error>${tag('Code', e.code)}${tag('Message', e.message)}<RequestId>req-1</RequestId></Error>` };
      case 'kms': case 'cloudtrail': case 'dynamodb': case 'organizations':
        return { status: e.status, contentType: 'application/x-amz-json-1.1', body: JSON.stringify({ __type: e.code, message: e.message }) };
      case 'lambda':
        return { status: e.status, contentType: 'application/json', headers: { 'x-amzn-errortype': e.code }, body: JSON.stringify({ Type: 'User', message: e.message }) };
      case 'securityhub':
        return { status: e.status, contentType: 'application/json', headers: { 'x-amzn-errortype': e.code }, body: JSON.stringify({ Code: e.code, Message: e.message }) };
      default:
        return { status: e.status, contentType: 'text/xml', body: `<ErrorResponse><Error><Type>${e.status >= 500 ? 'Receiver' : 'Sender'}</Type>${tag('Code', e.code)}${tag('Message', e.message)}</Error><RequestId>req-1</RequestId></ErrorResponse>` };
    }
  }

  /** One page of `list` from the token (an offset), at most min(asked, pageSize) long. */
  private page<T>(list: T[], token: string | null | undefined, asked: unknown): { slice: T[]; next?: string } {
    const start = token ? Number(Buffer.from(token, 'base64').toString('utf8')) : 0;
    const n = Math.max(1, Math.min(Number(asked) || 1000, this.options.pageSize ?? 1000));
    const slice = list.slice(start, start + n);
    const end = start + slice.length;
    return { slice, next: end < list.length ? Buffer.from(String(end)).toString('base64') : undefined };
  }

  private dispatch(r: WireRequest, api: string): Res {
    switch (r.service) {
      case 'ec2': return this.ec2(r, api);
      case 'iam': case 'sts': case 'rds': case 'sns': return this.query(r, api);
      case 's3': return this.s3(r, api);
      case 's3control': return this.s3control();
      case 'kms': case 'cloudtrail': return this.json11(r, api);
      case 'dynamodb': return this.dynamodb(r, api);
      case 'lambda': return this.lambda(r, api);
      case 'securityhub':
        return { contentType: 'application/json', body: JSON.stringify(securityHub(this.securityHub, this.state.accountId, r.region, api, r.body, r.json)) };
      case 'organizations': return this.organizations(r, api);
      default: {
        const module = FAKE_SERVICES[r.service];
        if (!module) throw new AwsHttpError(400, 'UnknownService', `fake does not serve ${r.service}`);
        const ctx: FakeServiceContext = {
          state: this.state,
          region: (name) => this.region(name),
          page: (list, token, asked) => this.page(list, token, asked),
        };
        return module.dispatch(ctx, r, api);
      }
    }
  }

  // ------------------------------------------------------------------ EC2 (ec2 query protocol)
  private ec2(r: WireRequest, api: string): Res {
    const reg = this.region(r.region);
    const f = r.form;
    const xml = (inner: string) => ({
      contentType: 'text/xml',
      body: `<?xml version="1.0" encoding="UTF-8"?><${api}Response xmlns="${XMLNS_EC2}"><requestId>req-1</requestId>${inner}</${api}Response>`,
    });
    const paged = <T>(list: T[], setName: string, render: (t: T) => string) => {
      const p = this.page(list, f.get('NextToken'), f.get('MaxResults'));
      return xml(items(setName, p.slice, render) + tag('nextToken', p.next));
    };
    const perm = (p: FakePermission) =>
      tag('ipProtocol', p.IpProtocol) + tag('fromPort', p.FromPort) + tag('toPort', p.ToPort) +
      items('groups', p.groups, (g) => tag('groupId', g)) +
      items('ipRanges', p.cidrs, (c) => tag('cidrIp', c)) +
      items('ipv6Ranges', p.cidrsV6, (c) => tag('cidrIpv6', c)) +
      '<prefixListIds/>';
    switch (api) {
      case 'DescribeRegions':
        return xml(items('regionInfo', [
          ...Object.keys(this.state.regions).map((n) => [n, 'opt-in-not-required']),
          // AllRegions=true also lists the opt-in Regions the account has not enabled.
          ...(r.form.get('AllRegions') === 'true' ? (this.state.notOptedInRegions ?? []).map((n) => [n, 'not-opted-in']) : []),
        ], ([n, status]) => tag('regionName', n) + tag('regionEndpoint', `ec2.${n}.amazonaws.com`) + tag('optInStatus', status)));
      case 'DescribeSecurityGroups':
        return paged(reg.securityGroups, 'securityGroupInfo', (g) =>
          tag('ownerId', this.state.accountId) + tag('groupId', g.GroupId) + tag('groupName', g.GroupName) + tag('groupDescription', 'd') + tag('vpcId', g.VpcId) +
          items('ipPermissions', g.ingress, perm) + items('ipPermissionsEgress', g.egress, perm));
      case 'DescribeNetworkAcls':
        return paged(reg.networkAcls, 'networkAclSet', (a) =>
          tag('networkAclId', a.NetworkAclId) + tag('vpcId', a.VpcId) + tag('default', a.IsDefault) +
          items('entrySet', a.entries, (e) => tag('ruleNumber', e.RuleNumber) + tag('protocol', e.Protocol) + tag('ruleAction', e.RuleAction) + tag('egress', e.Egress) +
            tag('cidrBlock', e.CidrBlock) + tag('ipv6CidrBlock', e.Ipv6CidrBlock) + (e.From !== undefined ? `<portRange>${tag('from', e.From)}${tag('to', e.To)}</portRange>` : '')) +
          items('associationSet', a.subnets, (s) => tag('networkAclId', a.NetworkAclId) + tag('subnetId', s)));
      case 'DescribeVolumes':
        return paged(reg.volumes, 'volumeSet', (v) => tag('volumeId', v.VolumeId) + tag('encrypted', v.Encrypted) + items('attachmentSet', v.attachedTo, (i) => tag('instanceId', i) + tag('volumeId', v.VolumeId)));
      case 'GetEbsEncryptionByDefault':
        return xml(tag('ebsEncryptionByDefault', reg.ebsEncryptionByDefault));
      case 'DescribeSnapshots': {
        const restorable = [...f.keys()].some((k) => k.startsWith('RestorableBy') && f.get(k) === 'all');
        return paged(reg.snapshots.filter((s) => !restorable || s.public), 'snapshotSet', (s) => tag('snapshotId', s.SnapshotId) + tag('ownerId', this.state.accountId));
      }
      case 'DescribeVpcs':
        return paged(reg.vpcs, 'vpcSet', (v) => tag('vpcId', v.VpcId) + tag('isDefault', v.IsDefault));
      case 'DescribeFlowLogs':
        return paged(reg.flowLogs, 'flowLogSet', (l) => tag('flowLogId', l.FlowLogId) + tag('resourceId', l.ResourceId) + tag('flowLogStatus', l.FlowLogStatus) + tag('trafficType', l.TrafficType) +
          tag('logDestinationType', l.LogDestinationType) + tag('logDestination', l.LogDestination) + tag('logGroupName', l.LogGroupName) +
          tag('deliverLogsPermissionArn', l.DeliverLogsPermissionArn) + tag('deliverLogsStatus', l.DeliverLogsStatus) +
          tag('deliverLogsErrorMessage', l.DeliverLogsErrorMessage));
      case 'DescribeVpcEndpoints':
        return paged(reg.vpcEndpoints ?? [], 'vpcEndpointSet', (e) => tag('vpcEndpointId', e.VpcEndpointId) + tag('vpcEndpointType', e.VpcEndpointType ?? 'Gateway') +
          tag('vpcId', e.VpcId) + tag('serviceName', e.ServiceName) + tag('state', 'available') + items('routeTableIdSet', e.RouteTableIds ?? [], (t) => t));
      case 'DescribeSubnets':
        return paged(reg.subnets ?? [], 'subnetSet', (n) => tag('subnetId', n.SubnetId) + tag('vpcId', n.VpcId) + tag('state', 'available') +
          tag('mapPublicIpOnLaunch', !!n.MapPublicIpOnLaunch) + tag('ownerId', this.state.accountId));
      case 'DescribeRouteTables':
        return paged(reg.routeTables ?? [], 'routeTableSet', (t) => tag('routeTableId', t.RouteTableId) + tag('vpcId', t.VpcId) + tag('ownerId', this.state.accountId) +
          items('routeSet', t.routes, (route) => tag('destinationCidrBlock', route.DestinationCidrBlock) + tag('destinationIpv6CidrBlock', route.DestinationIpv6CidrBlock) +
            tag('gatewayId', route.GatewayId) + tag('natGatewayId', route.NatGatewayId) + tag('state', 'active')) +
          items('associationSet', [...(t.main ? [undefined] : []), ...(t.subnets ?? [])], (subnet) => tag('routeTableAssociationId', `rtbassoc-${t.RouteTableId.slice(4)}${subnet ? subnet.slice(7) : 'main'}`) +
            tag('routeTableId', t.RouteTableId) + tag('main', subnet === undefined) + tag('subnetId', subnet)));
      case 'DescribeInstances':
        // one reservation per instance, paged by reservation as EC2 pages them
        return paged(reg.instances ?? [], 'reservationSet', (i) => tag('reservationId', `r-${i.InstanceId.slice(2)}`) + tag('ownerId', this.state.accountId) +
          items('instancesSet', [i], (x) => tag('instanceId', x.InstanceId) + `<instanceState>${tag('name', x.State ?? 'running')}</instanceState>` +
            `<metadataOptions>${tag('httpTokens', x.HttpTokens ?? 'optional')}${tag('httpEndpoint', x.HttpEndpoint ?? 'enabled')}</metadataOptions>`));
      case 'DescribeLaunchTemplateVersions': {
        const id = f.get('LaunchTemplateId');
        const name = f.get('LaunchTemplateName');
        const lt = (reg.launchTemplates ?? []).find((t) => (id ? t.LaunchTemplateId === id : t.LaunchTemplateName === name));
        if (!lt) {
          throw id ? new AwsHttpError(400, 'InvalidLaunchTemplateId.NotFound', `The specified launch template, with template ID ${id}, does not exist.`)
            : new AwsHttpError(400, 'InvalidLaunchTemplateName.NotFoundException', `The specified launch template, with template name ${name}, does not exist.`);
        }
        const asked = [...f.entries()].filter(([k]) => /^LaunchTemplateVersion\.\d+$/.test(k)).map(([, v]) => v);
        const numbers = (asked.length ? asked : lt.versions.map((_, i) => String(i + 1)))
          .map((v) => (v === '$Default' ? lt.defaultVersion : v === '$Latest' ? lt.versions.length : Number(v)));
        const missing = numbers.find((n) => !(n >= 1 && n <= lt.versions.length));
        if (missing !== undefined) throw new AwsHttpError(400, 'InvalidLaunchTemplateId.VersionNotFound', `Could not find launch template version ${missing}`);
        return paged(numbers, 'launchTemplateVersionSet', (n) => tag('launchTemplateId', lt.LaunchTemplateId) + tag('launchTemplateName', lt.LaunchTemplateName) +
          tag('versionNumber', n) + tag('defaultVersion', n === lt.defaultVersion) +
          `<launchTemplateData>${lt.versions[n - 1].HttpTokens ? `<metadataOptions>${tag('httpTokens', lt.versions[n - 1].HttpTokens)}</metadataOptions>` : ''}</launchTemplateData>`);
      }
      case 'EnableEbsEncryptionByDefault':
        reg.ebsEncryptionByDefault = true;
        return xml(tag('ebsEncryptionByDefault', true));
      case 'RevokeSecurityGroupIngress':
      case 'RevokeSecurityGroupEgress': {
        const groupId = f.get('GroupId') ?? '';
        const group = reg.securityGroups.find((g) => g.GroupId === groupId);
        if (!group) throw new AwsHttpError(400, 'InvalidGroup.NotFound', `The security group '${groupId}' does not exist`);
        const rules = api === 'RevokeSecurityGroupIngress' ? group.ingress : group.egress;
        const protocol = f.get('IpPermissions.1.IpProtocol');
        const peerGroup = f.get('IpPermissions.1.Groups.1.GroupId');
        const cidr = f.get('IpPermissions.1.IpRanges.1.CidrIp');
        const matches = (p: FakePermission) => (peerGroup && p.groups?.includes(peerGroup)) || (cidr && p.cidrs?.includes(cidr));
        const index = rules.findIndex((p) => p.IpProtocol === protocol && matches(p));
        if (index < 0) {
          throw new AwsHttpError(400, 'InvalidPermission.NotFound', 'The specified rule does not exist in this security group.');
        }
        rules.splice(index, 1);
        return xml(tag('return', true));
      }
      case 'DescribeManagedPrefixLists': {
        const names = [...f.entries()].filter(([k]) => /^Filter\.1\.Value\.\d+$/.test(k)).map(([, v]) => v);
        const lists = managedPrefixLists(r.region).filter((l) => names.length === 0 || names.includes(l.PrefixListName));
        return paged(lists, 'prefixListSet', (l) => tag('prefixListId', l.PrefixListId) + tag('prefixListName', l.PrefixListName) + tag('ownerId', 'AWS') + tag('state', 'create-complete'));
      }
      default:
        throw new AwsHttpError(400, 'InvalidAction', `fake EC2 does not implement ${api}`);
    }
  }

  // ------------------------------------------------------------------ IAM, STS, RDS, SNS (query protocol)
  private query(r: WireRequest, api: string): Res {
    const ns = { iam: 'https://iam.amazonaws.com/doc/2010-05-08/', sts: 'https://sts.amazonaws.com/doc/2011-06-15/', rds: 'http://rds.amazonaws.com/doc/2014-10-31/', sns: 'http://sns.amazonaws.com/doc/2010-03-31/' }[r.service];
    const xml = (inner: string) => ({
      contentType: 'text/xml',
      body: `<${api}Response xmlns="${ns}"><${api}Result>${inner}</${api}Result><ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></${api}Response>`,
    });
    const s = this.state;
    const acct = s.accountId;
    switch (api) {
      case 'AssumeRole': {
        const org = this.options.organization;
        const roleArn = r.form.get('RoleArn') ?? '';
        const m = /^arn:aws:iam::(\d{12}):role\/(.+)$/.exec(roleArn);
        const target = org?.accounts.find((a) => a.Id === m?.[1]);
        const denied = `User: arn:aws:sts::${acct}:assumed-role/scanner/session is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`;
        if (!org || !m || !target || m[2] !== org.roleName || target.Status !== 'ACTIVE') throw new AwsHttpError(403, 'AccessDenied', denied);
        if (org.failAssumeRole?.includes(target.Id)) throw new AwsHttpError(500, 'InternalFailure', 'injected server error');
        if (org.denyAssumeRole?.includes(target.Id) || (org.externalId !== undefined && r.form.get('ExternalId') !== org.externalId)) {
          throw new AwsHttpError(403, 'AccessDenied', denied);
        }
        const session = r.form.get('RoleSessionName') ?? 'session';
        return xml(`<Credentials>${tag('AccessKeyId', `ASIA${target.Id}`)}${tag('SecretAccessKey', 'fake-secret')}${tag('SessionToken', `token-${target.Id}`)}` +
          `${tag('Expiration', new Date(Date.now() + 3600_000).toISOString())}</Credentials>` +
          `<AssumedRoleUser>${tag('AssumedRoleId', `AROA${target.Id}:${session}`)}${tag('Arn', `arn:aws:sts::${target.Id}:assumed-role/${m[2]}/${session}`)}</AssumedRoleUser>`);
      }
      case 'GetCallerIdentity':
        return xml(tag('Arn', `arn:aws:iam::${acct}:user/scanner`) + tag('UserId', 'AIDAEXAMPLE') + tag('Account', acct));
      case 'GetAccountAuthorizationDetails': {
        const filters = [...r.form.entries()].filter(([k]) => k.startsWith('Filter.member')).map(([, v]) => v);
        const all = [
          ...(filters.length === 0 || filters.includes('User') ? s.users.map((u) => ({ kind: 'user' as const, u })) : []),
          ...(filters.length === 0 || filters.includes('Role') ? (s.roles ?? []).map((o) => ({ kind: 'role' as const, o })) : []),
          ...(filters.length === 0 || filters.includes('LocalManagedPolicy') ? s.policies.map((p) => ({ kind: 'policy' as const, p })) : []),
        ];
        const p = this.page(all, r.form.get('Marker'), r.form.get('MaxItems'));
        const users = p.slice.flatMap((x) => (x.kind === 'user' ? [x.u] : []));
        const pols = p.slice.flatMap((x) => (x.kind === 'policy' ? [x.p] : []));
        const roles = p.slice.flatMap((x) => (x.kind === 'role' ? [x.o] : []));
        return xml(
          items('UserDetailList', users, (u) => tag('UserName', u.UserName) + tag('Arn', `arn:aws:iam::${acct}:user/${u.UserName}`) + tag('UserId', `AID${u.UserName}`) + tag('Path', '/') +
            tag('CreateDate', '2024-01-01T00:00:00Z') +
            items('UserPolicyList', u.inline, (n) => tag('PolicyName', n) + tag('PolicyDocument', encodeURIComponent('{}')), 'member') +
            items('AttachedManagedPolicies', u.attached, (a) => tag('PolicyName', a.split('/').pop()) + tag('PolicyArn', a), 'member'), 'member') +
          items('RoleDetailList', roles, (o) => tag('RoleName', o.RoleName) + tag('Arn', `arn:aws:iam::${acct}:role${o.Path ?? '/'}${o.RoleName}`) + tag('RoleId', `ARO${o.RoleName}`) +
            tag('Path', o.Path ?? '/') + tag('CreateDate', '2024-01-01T00:00:00Z') + tag('AssumeRolePolicyDocument', encodeURIComponent(JSON.stringify(o.trust))) +
            items('RolePolicyList', Object.entries(o.inline ?? {}), ([n, d]) => tag('PolicyName', n) + tag('PolicyDocument', encodeURIComponent(JSON.stringify(d))), 'member') +
            items('AttachedManagedPolicies', o.attached ?? [], (a) => tag('PolicyName', a.split('/').pop()) + tag('PolicyArn', a), 'member'), 'member') +
          items('Policies', pols, (q) => tag('PolicyName', q.PolicyName) + tag('Arn', `arn:aws:iam::${acct}:policy/${q.PolicyName}`) + tag('AttachmentCount', q.AttachmentCount) +
            tag('DefaultVersionId', 'v1') + items('PolicyVersionList', [q], (v) => tag('Document', encodeURIComponent(JSON.stringify(v.document))) + tag('VersionId', 'v1') + tag('IsDefaultVersion', true), 'member'), 'member') +
          tag('IsTruncated', p.next !== undefined) + tag('Marker', p.next));
      }
      case 'GenerateCredentialReport':
        return xml(tag('State', 'COMPLETE') + tag('Description', 'ok'));
      case 'GetCredentialReport':
        return xml(tag('Content', Buffer.from(s.credentialReportCsv).toString('base64')) + tag('ReportFormat', 'text/csv') + tag('GeneratedTime', new Date().toISOString()));
      case 'GetAccountPasswordPolicy':
        if (!s.passwordPolicy) throw new AwsHttpError(404, 'NoSuchEntity', 'The Password Policy with domain name x cannot be found.');
        return xml(`<PasswordPolicy>${Object.entries(s.passwordPolicy).map(([k, v]) => tag(k, v)).join('')}</PasswordPolicy>`);
      case 'GetAccountSummary':
        return xml(`<SummaryMap>${Object.entries(s.summary).map(([k, v]) => `<entry>${tag('key', k)}${tag('value', v)}</entry>`).join('')}</SummaryMap>`);
      case 'DescribeDBInstances': {
        const reg = this.region(r.region);
        const p = this.page(reg.dbInstances, r.form.get('Marker'), r.form.get('MaxRecords'));
        return xml(items('DBInstances', p.slice, (d) => tag('DBInstanceIdentifier', d.DBInstanceIdentifier) + tag('DBInstanceArn', `arn:aws:rds:${r.region}:${acct}:db:${d.DBInstanceIdentifier}`) +
          tag('Engine', d.Engine) + tag('PubliclyAccessible', d.PubliclyAccessible) + tag('StorageEncrypted', d.StorageEncrypted), 'DBInstance') + tag('Marker', p.next));
      }
      case 'ListTopics': {
        const p = this.page(this.topicsOf(r.region), r.form.get('NextToken'), '100');
        return xml(items('Topics', p.slice, (t) => tag('TopicArn', `arn:aws:sns:${r.region}:${acct}:${t.Name}`), 'member') + tag('NextToken', p.next));
      }
      case 'GetTopicAttributes': {
        const arn = r.form.get('TopicArn') ?? '';
        const t = this.topicsOf(r.region).find((x) => `arn:aws:sns:${r.region}:${acct}:${x.Name}` === arn);
        if (!t) throw new AwsHttpError(404, 'NotFound', 'Topic does not exist');
        const policy = t.policy === undefined ? complianceTopicPolicy(arn, acct) : t.policy ?? JSON.stringify(defaultTopicPolicy(acct));
        const attrs: Record<string, string> = {
          TopicArn: arn, Owner: acct, Policy: policy, ...(t.KmsMasterKeyId ? { KmsMasterKeyId: t.KmsMasterKeyId } : {}),
        };
        return xml(`<Attributes>${Object.entries(attrs).map(([k, v]) => `<entry>${tag('key', k)}${tag('value', v)}</entry>`).join('')}</Attributes>`);
      }
      case 'Publish':
        s.snsMessages.push({ TopicArn: r.form.get('TopicArn') ?? '', Subject: r.form.get('Subject') ?? undefined, Message: r.form.get('Message') ?? '' });
        return xml(tag('MessageId', `m-${s.snsMessages.length}`));
      default:
        throw new AwsHttpError(400, 'InvalidAction', `fake ${r.service} does not implement ${api}`);
    }
  }

  // ------------------------------------------------------------------ S3 (REST XML)
  private s3(r: WireRequest, api: string): Res {
    const xml = (inner: string) => ({ contentType: 'application/xml', body: `<?xml version="1.0" encoding="UTF-8"?>${inner}` });
    if (api === 'ListBuckets') {
      const p = this.page(this.state.buckets, r.query.get('continuation-token'), r.query.get('max-buckets'));
      return xml('<ListAllMyBucketsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Owner><ID>owner</ID></Owner>' +
        items('Buckets', p.slice, (b) => tag('Name', b.Name) + tag('CreationDate', '2024-01-01T00:00:00.000Z') + tag('BucketRegion', b.Region), 'Bucket') +
        tag('ContinuationToken', p.next) + '</ListAllMyBucketsResult>');
    }
    const [, bucketName, ...rest] = r.path.split('/');
    if (api === 'PutObject') {
      this.state.s3Objects[`${bucketName}/${rest.join('/')}`] = { body: r.body, headers: r.headers };
      return { contentType: 'application/xml', body: '', headers: { etag: '"etag"' } };
    }
    if (api === 'ListObjectsV2') {
      const prefix = r.query.get('prefix') ?? '';
      const keys = Object.keys(this.state.s3Objects).filter((k) => k.startsWith(`${bucketName}/${prefix}`)).map((k) => k.slice(bucketName.length + 1)).sort();
      const p = this.page(keys, r.query.get('continuation-token'), r.query.get('max-keys'));
      return xml('<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">' + tag('Name', bucketName) + tag('Prefix', prefix) + tag('KeyCount', p.slice.length) +
        tag('MaxKeys', r.query.get('max-keys') ?? 1000) + tag('IsTruncated', p.next !== undefined) + tag('NextContinuationToken', p.next) +
        p.slice.map((k) => `<Contents>${tag('Key', k)}${tag('Size', Buffer.byteLength(this.state.s3Objects[`${bucketName}/${k}`].body))}${tag('LastModified', '2026-01-01T00:00:00.000Z')}</Contents>`).join('') +
        '</ListBucketResult>');
    }
    if (api === 'GetObject') {
      const o = this.state.s3Objects[`${bucketName}/${rest.join('/')}`];
      if (!o) throw new AwsHttpError(404, 'NoSuchKey', 'The specified key does not exist.');
      return { contentType: 'application/json', body: o.body };
    }
    const b: FakeBucket | undefined = this.state.buckets.find((x) => x.Name === bucketName);
    if (!b) throw new AwsHttpError(404, 'NoSuchBucket', `The specified bucket ${bucketName} does not exist`);
    if (b.Region !== r.region) throw new AwsHttpError(301, 'PermanentRedirect', `bucket is in ${b.Region}`);
    switch (api) {
      case 'GetBucket:publicAccessBlock': {
        if (!b.publicAccessBlock) throw new AwsHttpError(404, 'NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found');
        const [a, i, p, rs] = b.publicAccessBlock;
        return xml(`<PublicAccessBlockConfiguration>${tag('BlockPublicAcls', a)}${tag('IgnorePublicAcls', i)}${tag('BlockPublicPolicy', p)}${tag('RestrictPublicBuckets', rs)}</PublicAccessBlockConfiguration>`);
      }
      case 'GetBucket:policy':
        if (!b.policy) throw new AwsHttpError(404, 'NoSuchBucketPolicy', 'The bucket policy does not exist');
        return { contentType: 'application/json', body: b.policy };
      case 'GetBucket:acl':
        return xml('<AccessControlPolicy><Owner><ID>owner</ID></Owner>' + items('AccessControlList', b.aclGrants ?? [{ id: 'owner', permission: 'FULL_CONTROL' }], (g) =>
          `<Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="${g.uri ? 'Group' : 'CanonicalUser'}">${g.uri ? tag('URI', g.uri) : tag('ID', g.id)}</Grantee>${tag('Permission', g.permission)}`, 'Grant') +
          '</AccessControlPolicy>');
      case 'GetBucket:encryption':
        if (!b.sse) throw new AwsHttpError(404, 'ServerSideEncryptionConfigurationNotFoundError', 'The server side encryption configuration was not found');
        return xml(`<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault>${tag('SSEAlgorithm', b.sse)}</ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>`);
      case 'GetBucket:logging':
        return xml(`<BucketLoggingStatus>${b.loggingTarget ? `<LoggingEnabled>${tag('TargetBucket', b.loggingTarget)}<TargetPrefix>logs/</TargetPrefix></LoggingEnabled>` : ''}</BucketLoggingStatus>`);
      case 'GetBucket:ownershipControls':
        if (!b.ownership) throw new AwsHttpError(404, 'OwnershipControlsNotFoundError', 'The bucket ownership controls were not found');
        return xml(`<OwnershipControls><Rule>${tag('ObjectOwnership', b.ownership)}</Rule></OwnershipControls>`);
      case 'GetBucket:versioning':
        return xml(`<VersioningConfiguration>${tag('Status', b.versioning)}</VersioningConfiguration>`);
      case 'GetBucket:lifecycle':
        if (!b.lifecycle) throw new AwsHttpError(404, 'NoSuchLifecycleConfiguration', 'The lifecycle configuration does not exist');
        return xml('<LifecycleConfiguration>' + b.lifecycle.map((st, i) => `<Rule>${tag('ID', `rule-${i}`)}<Filter></Filter>${tag('Status', st)}<AbortIncompleteMultipartUpload><DaysAfterInitiation>7</DaysAfterInitiation></AbortIncompleteMultipartUpload></Rule>`).join('') + '</LifecycleConfiguration>');
      case 'GetBucket:replication':
        if (!b.replication) throw new AwsHttpError(404, 'ReplicationConfigurationNotFoundError', 'The replication configuration was not found');
        return xml(`<ReplicationConfiguration>${tag('Role', 'arn:aws:iam::123456789012:role/replication')}` + b.replication.map((x, i) =>
          `<Rule>${tag('ID', `replicate-${i}`)}${tag('Priority', i)}<Filter></Filter>${tag('Status', x.status)}<Destination>${tag('Bucket', x.destination)}</Destination><DeleteMarkerReplication><Status>Disabled</Status></DeleteMarkerReplication></Rule>`).join('') +
          '</ReplicationConfiguration>');
      case 'PutBucket:publicAccessBlock': {
        const flag = (name: string) => new RegExp(`<${name}>true</${name}>`).test(r.body);
        b.publicAccessBlock = [flag('BlockPublicAcls'), flag('IgnorePublicAcls'), flag('BlockPublicPolicy'), flag('RestrictPublicBuckets')];
        return { contentType: 'application/xml', body: '' };
      }
      case 'PutBucket:encryption':
        b.sse = /<SSEAlgorithm>([^<]+)<\/SSEAlgorithm>/.exec(r.body)?.[1] ?? b.sse;
        return { contentType: 'application/xml', body: '' };
      case 'GetBucket:location':
        return xml(`<LocationConstraint>${b.Region === 'us-east-1' ? '' : esc(b.Region)}</LocationConstraint>`);
      default:
        throw new AwsHttpError(400, 'NotImplemented', `fake S3 does not implement ${api}`);
    }
  }

  private s3control(): Res {
    const pab = this.state.accountPublicAccessBlock;
    if (!pab) throw new AwsHttpError(404, 'NoSuchPublicAccessBlockConfiguration', 'The public access block configuration was not found');
    const [a, i, p, rs] = pab;
    return {
      contentType: 'application/xml',
      body: `<?xml version="1.0" encoding="UTF-8"?><PublicAccessBlockConfiguration>${tag('BlockPublicAcls', a)}${tag('IgnorePublicAcls', i)}${tag('BlockPublicPolicy', p)}${tag('RestrictPublicBuckets', rs)}</PublicAccessBlockConfiguration>`,
    };
  }

  // ------------------------------------------------------------------ KMS, CloudTrail (JSON 1.1)
  private json11(r: WireRequest, api: string): Res {
    const reg = this.region(r.region);
    const j = r.json;
    const ok = (o: unknown) => ({ contentType: 'application/x-amz-json-1.1', body: JSON.stringify(o) });
    const keyArn = (id: string) => `arn:aws:kms:${r.region}:${this.state.accountId}:key/${id}`;
    switch (api) {
      case 'ListKeys': {
        const p = this.page(reg.kmsKeys, j.Marker as string, j.Limit);
        return ok({ Keys: p.slice.map((k) => ({ KeyId: k.KeyId, KeyArn: keyArn(k.KeyId) })), Truncated: p.next !== undefined, NextMarker: p.next });
      }
      case 'DescribeKey': {
        // KeyId: the key id or its ARN
        const k = reg.kmsKeys.find((x) => x.KeyId === j.KeyId || keyArn(x.KeyId) === j.KeyId);
        if (!k) throw new AwsHttpError(400, 'NotFoundException', `key ${String(j.KeyId)} not found`);
        return ok({ KeyMetadata: { KeyId: k.KeyId, Arn: keyArn(k.KeyId), KeyManager: k.KeyManager, KeyState: k.KeyState, KeySpec: k.KeySpec ?? 'SYMMETRIC_DEFAULT', Origin: k.Origin ?? 'AWS_KMS', Enabled: k.KeyState === 'Enabled' } });
      }
      case 'GetKeyPolicy': {
        const k = reg.kmsKeys.find((x) => x.KeyId === j.KeyId || keyArn(x.KeyId) === j.KeyId);
        if (!k) throw new AwsHttpError(400, 'NotFoundException', `key ${String(j.KeyId)} not found`);
        const root = `arn:aws:iam::${this.state.accountId}:root`;
        const separated = JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Sid: 'KeyAdministration', Effect: 'Allow', Principal: { AWS: root }, Action: ['kms:Create*', 'kms:Describe*', 'kms:Enable*', 'kms:List*', 'kms:Put*', 'kms:Update*', 'kms:Revoke*', 'kms:Disable*', 'kms:Get*', 'kms:Delete*', 'kms:TagResource', 'kms:UntagResource', 'kms:ScheduleKeyDeletion', 'kms:CancelKeyDeletion'], Resource: '*' },
            { Sid: 'KeyUse', Effect: 'Allow', Principal: { AWS: root }, Action: ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey*', 'kms:ReEncrypt*'], Resource: '*' },
          ],
        });
        return ok({ Policy: k.policy ?? separated, PolicyName: 'default' });
      }
      case 'GetKeyRotationStatus': {
        const k = reg.kmsKeys.find((x) => x.KeyId === j.KeyId);
        return ok({ KeyRotationEnabled: !!k?.rotation });
      }
      case 'DescribeTrails':
        return ok({
          trailList: reg.trails.map((t) => ({
            Name: t.Name,
            TrailARN: `arn:aws:cloudtrail:${t.HomeRegion}:${this.state.accountId}:trail/${t.Name}`,
            HomeRegion: t.HomeRegion,
            IsMultiRegionTrail: t.IsMultiRegionTrail,
            KmsKeyId: t.KmsKeyId,
            LogFileValidationEnabled: t.LogFileValidationEnabled,
            S3BucketName: t.S3BucketName,
            S3KeyPrefix: t.S3KeyPrefix,
            CloudWatchLogsLogGroupArn: t.CloudWatchLogsLogGroupArn,
            CloudWatchLogsRoleArn: t.CloudWatchLogsRoleArn,
          })),
        });
      case 'GetTrailStatus': {
        const t = reg.trails.find((x) => String(j.Name).endsWith(`/${x.Name}`) || j.Name === x.Name);
        if (!t) throw new AwsHttpError(400, 'TrailNotFoundException', `trail ${String(j.Name)} not found`);
        return ok({
          IsLogging: t.IsLogging,
          LatestDeliveryError: t.LatestDeliveryError,
          LatestCloudWatchLogsDeliveryError: t.LatestCloudWatchLogsDeliveryError,
        });
      }
      default:
        throw new AwsHttpError(400, 'UnknownOperationException', `fake does not implement ${api}`);
    }
  }

  // ------------------------------------------------------------------ Organizations (JSON 1.1, us-east-1)
  private organizations(r: WireRequest, api: string): Res {
    const org = this.options.organization;
    if (!org) throw new AwsHttpError(400, 'AWSOrganizationsNotInUseException', 'Your account is not a member of an organization.');
    const ok = (o: unknown) => ({ contentType: 'application/x-amz-json-1.1', body: JSON.stringify(o) });
    const j = r.json;
    const account = (a: FakeOrganization['accounts'][number]) => ({
      Id: a.Id, Arn: `arn:aws:organizations::${this.state.accountId}:account/o-fake/${a.Id}`, Name: a.Name, Email: `${a.Id}@example.com`, Status: a.Status, JoinedMethod: 'CREATED',
    });
    const parent = String(j.ParentId ?? '');
    const known = parent === org.rootId || org.ous.some((o) => o.Id === parent);
    switch (api) {
      case 'ListAccounts': {
        const p = this.page(org.accounts, j.NextToken as string, j.MaxResults ?? 20);
        return ok({ Accounts: p.slice.map(account), NextToken: p.next });
      }
      case 'ListAccountsForParent': {
        if (!known) throw new AwsHttpError(400, 'ParentNotFoundException', `parent ${parent} not found`);
        const p = this.page(org.accounts.filter((a) => a.parentId === parent), j.NextToken as string, j.MaxResults ?? 20);
        return ok({ Accounts: p.slice.map(account), NextToken: p.next });
      }
      case 'ListChildren': {
        if (!known) throw new AwsHttpError(400, 'ParentNotFoundException', `parent ${parent} not found`);
        const children = j.ChildType === 'ACCOUNT'
          ? org.accounts.filter((a) => a.parentId === parent).map((a) => ({ Id: a.Id, Type: 'ACCOUNT' }))
          : org.ous.filter((o) => o.parentId === parent).map((o) => ({ Id: o.Id, Type: 'ORGANIZATIONAL_UNIT' }));
        const p = this.page(children, j.NextToken as string, j.MaxResults ?? 20);
        return ok({ Children: p.slice, NextToken: p.next });
      }
      default:
        throw new AwsHttpError(400, 'InvalidInputException', `fake Organizations does not implement ${api}`);
    }
  }

  // ------------------------------------------------------------------ DynamoDB (JSON 1.0)
  private dynamodb(r: WireRequest, api: string): Res {
    const json = (o: unknown) => ({ contentType: 'application/x-amz-json-1.0', body: JSON.stringify(o) });
    if (api === 'ListTables') {
      const names = this.region(r.region).tables.map((t) => t.TableName).sort();
      const start = r.json.ExclusiveStartTableName ? names.indexOf(String(r.json.ExclusiveStartTableName)) + 1 : 0;
      const n = Math.max(1, Math.min(Number(r.json.Limit) || 100, this.options.pageSize ?? 100));
      const slice = names.slice(start, start + n);
      return json({ TableNames: slice, ...(start + n < names.length ? { LastEvaluatedTableName: slice[slice.length - 1] } : {}) });
    }
    if (api === 'DescribeContinuousBackups') {
      const t = this.region(r.region).tables.find((x) => x.TableName === r.json.TableName);
      if (!t) throw new AwsHttpError(400, 'TableNotFoundException', `Table not found: ${String(r.json.TableName)}`);
      return json({ ContinuousBackupsDescription: { ContinuousBackupsStatus: 'ENABLED', PointInTimeRecoveryDescription: { PointInTimeRecoveryStatus: t.pitr ? 'ENABLED' : 'DISABLED' } } });
    }
    if (api === 'DescribeTable') {
      const t = this.region(r.region).tables.find((x) => x.TableName === r.json.TableName);
      if (!t) throw new AwsHttpError(400, 'ResourceNotFoundException', `Requested resource not found: Table: ${String(r.json.TableName)} not found`);
      return json({
        Table: {
          TableName: t.TableName,
          TableStatus: 'ACTIVE',
          TableArn: `arn:aws:dynamodb:${r.region}:${this.state.accountId}:table/${t.TableName}`,
          ...(t.kmsKeyArn ? { SSEDescription: { Status: 'ENABLED', SSEType: 'KMS', KMSMasterKeyArn: t.kmsKeyArn } } : {}),
        },
      });
    }
    if (api !== 'BatchWriteItem') throw new AwsHttpError(400, 'UnknownOperationException', `fake DynamoDB does not implement ${api}`);
    const requestItems = r.json.RequestItems as Record<string, Array<{ PutRequest?: { Item: Record<string, unknown> } }>>;
    const count = Object.values(requestItems).reduce((n, l) => n + l.length, 0);
    if (count > 25) throw new AwsHttpError(400, 'ValidationException', 'Too many items requested for the BatchWriteItem call');
    const unprocessed: Record<string, unknown[]> = {};
    for (const [table, list] of Object.entries(requestItems)) {
      // While rounds remain, accept only the first half of each batch (at least one item).
      const keep = this.unprocessedLeft > 0 ? Math.max(1, Math.floor(list.length / 2)) : list.length;
      (this.state.dynamoItems[table] ??= []).push(...list.slice(0, keep).map((x) => x.PutRequest!.Item));
      if (keep < list.length) unprocessed[table] = list.slice(keep);
    }
    if (this.unprocessedLeft > 0) this.unprocessedLeft--;
    return { contentType: 'application/x-amz-json-1.0', body: JSON.stringify({ UnprocessedItems: unprocessed }) };
  }

  // ------------------------------------------------------------------ Lambda (REST JSON)
  private lambda(r: WireRequest, api: string): Res {
    const reg = this.region(r.region);
    const ok = (o: unknown) => ({ contentType: 'application/json', body: JSON.stringify(o) });
    const arn = (n: string) => `arn:aws:lambda:${r.region}:${this.state.accountId}:function:${n}`;
    if (api === 'ListFunctions') {
      const p = this.page(reg.functions, r.query.get('Marker'), r.query.get('MaxItems'));
      const fns = p.slice.map((f) => ({
        FunctionName: f.FunctionName,
        FunctionArn: arn(f.FunctionName),
        Runtime: f.Runtime,
        Role: `arn:aws:iam::${this.state.accountId}:role/${f.RoleName ?? 'lambda-exec'}`,
        LoggingConfig: { LogFormat: 'Text', LogGroup: f.LogGroup === null ? `/aws/lambda/${f.FunctionName}` : f.LogGroup ?? `${f.FunctionName}-logs` },
        ...(f.VpcId === null ? {} : { VpcConfig: { VpcId: f.VpcId ?? 'vpc-1', SubnetIds: ['subnet-1'], SecurityGroupIds: ['sg-web'] } }),
        ...(f.TracingMode === null ? {} : { TracingConfig: { Mode: f.TracingMode ?? 'Active' } }),
        ...(f.DeadLetterTargetArn === null ? {} : { DeadLetterConfig: { TargetArn: f.DeadLetterTargetArn ?? `arn:aws:sqs:${r.region}:${this.state.accountId}:${f.FunctionName}-dlq` } }),
      }));
      return ok({ Functions: fns, NextMarker: p.next });
    }
    const name = decodeURIComponent(r.path.split('/')[3]);
    const f = reg.functions.find((x) => x.FunctionName === name);
    if (api === 'GetFunctionConcurrency') {
      if (!f) throw new AwsHttpError(404, 'ResourceNotFoundException', `Function not found: ${arn(name)}`);
      const reserved = f.ReservedConcurrency === undefined ? 1 : f.ReservedConcurrency;
      return ok(reserved === null ? {} : { ReservedConcurrentExecutions: reserved });
    }
    if (api === 'ListFunctionEventInvokeConfigs') {
      if (!f) throw new AwsHttpError(404, 'ResourceNotFoundException', `Function not found: ${arn(name)}`);
      const p = this.page(f.eventInvokeConfigs ?? [], r.query.get('Marker'), Math.min(Number(r.query.get('MaxItems')) || 50, 50));
      return ok({
        FunctionEventInvokeConfigs: p.slice.map((c) => ({
          FunctionArn: `${arn(name)}:${c.Qualifier}`,
          LastModified: 0,
          MaximumRetryAttempts: 2,
          DestinationConfig: {
            OnFailure: c.OnFailure ? { Destination: c.OnFailure } : {},
            OnSuccess: c.OnSuccess ? { Destination: c.OnSuccess } : {},
          },
        })),
        NextMarker: p.next,
      });
    }
    if (!f || !f.policy) throw new AwsHttpError(404, 'ResourceNotFoundException', 'The resource you requested does not exist.');
    return ok({ Policy: f.policy, RevisionId: 'r1' });
  }
}

/** A topic policy as ComplianceTopic writes it: no request without TLS, services publish for the account only. */
function complianceTopicPolicy(topicArn: string, account: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'AllowPublishThroughSSLOnly', Effect: 'Deny', Principal: '*', Action: 'sns:Publish', Resource: topicArn, Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
      { Sid: 'AllowcloudwatchPublish', Effect: 'Allow', Principal: { Service: 'cloudwatch.amazonaws.com' }, Action: 'sns:Publish', Resource: topicArn, Condition: { StringEquals: { 'aws:SourceAccount': account } } },
      { Sid: 'AlloweventsPublish', Effect: 'Allow', Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: topicArn, Condition: { StringEquals: { 'aws:SourceAccount': account } } },
    ],
  });
}
