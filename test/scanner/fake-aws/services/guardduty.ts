/**
 * Amazon GuardDuty (REST-JSON): ListDetectors (`GET /detector`, paged by `maxResults`, at most 50,
 * and `nextToken`) and GetDetector (`GET /detector/{id}`). A Region without `detectors` has the
 * detector AccountAudit creates, enabled.
 */
import { FakeService, jsonResponse, restJsonError } from './index';

/** The default of a Region: AccountAudit's detector, enabled. */
export const DEFAULT_DETECTORS = [{ id: '12abc34d567e8fa901bc2d34eexample', status: 'ENABLED' }];

export const guardduty: FakeService = {
  apiName: (r) => (r.path === '/detector' ? 'ListDetectors' : /^\/detector\/[^/]+$/.test(r.path) ? 'GetDetector' : `Unknown:${r.path}`),
  dispatch: (ctx, r, api) => {
    const detectors = ctx.region(r.region).detectors ?? DEFAULT_DETECTORS;
    if (api === 'ListDetectors') {
      const asked = r.query.get('maxResults');
      if (asked !== null && (Number(asked) < 1 || Number(asked) > 50)) {
        return restJsonError({ status: 400, code: 'BadRequestException', message: 'The request is rejected because the input maxResults is out of range.' });
      }
      const { slice, next } = ctx.page(detectors.map((d) => d.id), r.query.get('nextToken'), asked ?? 50);
      return jsonResponse({ detectorIds: slice, ...(next ? { nextToken: next } : {}) }, 'application/json');
    }
    if (api === 'GetDetector') {
      const d = detectors.find((x) => x.id === r.path.split('/')[2]);
      if (!d) return restJsonError({ status: 400, code: 'BadRequestException', message: 'The request is rejected because the input detectorId is not owned by the current account.' });
      return jsonResponse({ status: d.status, serviceRole: `arn:aws:iam::${ctx.state.accountId}:role/aws-service-role/guardduty.amazonaws.com/AWSServiceRoleForAmazonGuardDuty`, findingPublishingFrequency: 'SIX_HOURS', createdAt: '2026-01-01T00:00:00.000Z' }, 'application/json');
    }
    return restJsonError({ status: 404, code: 'NotFoundException', message: `fake GuardDuty does not implement ${api}` });
  },
  errorResponse: (_r, e) => restJsonError(e),
};
