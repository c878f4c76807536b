import { requireControlForCheck } from '../../../controls';
import { Check, CheckMetadata, CheckResult, fail, Inventory, pass } from '../model';
import { PathBuilder } from '../paths/builders';
import { LivePaths, pathResults } from '../paths/live-paths';

/** A check's metadata as its file states it: the controls catalog gives the control id and framework references. */
export type CheckSpec = Omit<CheckMetadata, 'fsbp' | 'cis' | 'controlId'>;

/**
 * Declares a check: metadata plus its pure evaluate function. Its control id and framework
 * references (FSBP, CIS) come from the controls catalog entry that lists the check's id, so the
 * check, the CompliancePack rule and the construct of one control share one id.
 */
export function defineCheck(meta: CheckSpec, evaluate: (inv: Inventory) => CheckResult[]): Check {
  const control = requireControlForCheck(meta.id);
  return { ...meta, controlId: control.id, fsbp: control.frameworks.fsbp, cis: control.frameworks.cis, evaluate };
}

/** A pass-or-fail verdict on one resource: whether it complies, and the reason either way. */
export interface Verdict {
  readonly ok: boolean;
  readonly reason: string;
}

/** The result a verdict gives the resource `id`. */
export function verdictResult(id: string, verdict: Verdict, region?: string): CheckResult {
  return verdict.ok ? pass(id, verdict.reason, region) : fail(id, verdict.reason, region);
}

/** The metadata every check of one resource kind shares. */
export type KindSpec = Pick<CheckSpec, 'category' | 'resourceType' | 'requiredActions' | 'datasets' | 'scope'>;

/** What a check of a resource kind states itself; it may widen the kind's actions and datasets. */
export type ResourceCheckSpec = Omit<CheckSpec, keyof KindSpec> & Partial<KindSpec>;

/**
 * A kind of resource that several checks judge one at a time: the metadata they share, how the
 * inventory lists the resources (`undefined` when the dataset was not read: no result), and how a
 * result names each one.
 */
export interface ResourceKind<T> {
  readonly meta: KindSpec;
  readonly list: (inv: Inventory) => readonly T[] | undefined;
  readonly id: (resource: T, inv: Inventory) => string;
  /** The Region a result names, for resources of a global listing (buckets). */
  readonly region?: (resource: T) => string | undefined;
  /** The result of a resource not judged in this inventory (a trail judged in its home Region), or undefined. */
  readonly notJudgedHere?: (resource: T, inv: Inventory) => CheckResult | undefined;
}

/** How a check of a resource kind judges one resource, named `id`: a pass-or-fail verdict, or a result of its own (ERROR, not applicable). */
export type ResourceJudge<T> = (resource: T, id: string, inv: Inventory) => CheckResult | Verdict;

/** Declares a check that gives each resource of `kind` one result. */
export function defineResourceCheck<T>(kind: ResourceKind<T>, meta: ResourceCheckSpec, judge: ResourceJudge<T>): Check {
  return defineCheck({ ...kind.meta, ...meta }, (inv) => (kind.list(inv) ?? []).map((r) => {
    const skipped = kind.notJudgedHere?.(r, inv);
    if (skipped) return skipped;
    const id = kind.id(r, inv);
    const judged = judge(r, id, inv);
    return 'ok' in judged ? verdictResult(id, judged, kind.region?.(r)) : judged;
  }));
}

/**
 * A delivery family's own actions and datasets: the use of each target's key is the key-use family's
 * verdict (the builder adds those paths; KMS.UseAuthorized judges them), so this family does not read
 * the keys, and a KMS outage does not make its verdict ERROR.
 */
export function withoutKeyUse(builder: PathBuilder): Pick<CheckSpec, 'requiredActions' | 'datasets'> {
  return {
    requiredActions: builder.requiredActions.filter((a) => !a.startsWith('kms:')),
    datasets: builder.datasets.filter((d) => d !== 'kms.keys'),
  };
}

/** What a path family's check states itself: its actions and datasets are its builder's unless given; it is regional unless said. */
export type PathCheckSpec = Omit<CheckSpec, 'requiredActions' | 'datasets' | 'scope'> & Partial<Pick<CheckSpec, 'requiredActions' | 'datasets' | 'scope'>>;

/** The results of the resources a family judged no path of (not applicable, or ERROR where they could not be read). */
export type UnjudgedResults = (inv: Inventory, withResult: ReadonlySet<string>, judged: readonly string[]) => CheckResult[];

/**
 * Declares the check of one path family: it builds the family's live paths (`builder`) and reports
 * each resource that wires one (`pathResults`: FAIL naming each denied path, ERROR for an
 * undecidable one, else PASS), followed by `unjudged`'s results for the others.
 */
export function definePathCheck(meta: PathCheckSpec, builder: PathBuilder, unjudged?: UnjudgedResults): Check {
  const spec: CheckSpec = { ...meta, requiredActions: meta.requiredActions ?? [...builder.requiredActions], datasets: meta.datasets ?? [...builder.datasets], scope: meta.scope ?? 'regional' };
  return defineCheck(spec, (inv) => {
    const live = new LivePaths(inv);
    const judged = builder.build(live);
    const results = pathResults(live, builder.family, judged);
    return unjudged ? [...results, ...unjudged(inv, new Set(results.map((r) => r.resourceId)), judged)] : results;
  });
}
