/** Collecting a scan's units: every (dataset, region) at once, under the clients' per-service limiters and breakers, until the deadline. */
import { CollectionUnit } from './plan';
import { errorCode, ScanApiError } from '../clients';
import { Collector, COLLECTORS } from '../collectors';
import { CollectContext } from '../collectors/context';
import { DatasetKey } from '../model';

/** Why a unit (a region's or a dataset's data) could not be used. */
export interface UnitFailure {
  readonly code: string;
  readonly message: string;
}

/** A unit's data, or why it has none. */
export type UnitResult = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly failure: UnitFailure };

export interface ProgressEvent {
  readonly dataset: DatasetKey;
  readonly region: string;
  readonly ok: boolean;
  readonly done: number;
  readonly total: number;
}

export interface CollectOptions {
  /** Told after each unit, collected or failed. */
  readonly onProgress?: (event: ProgressEvent) => void;
  /** How each dataset is collected. @default COLLECTORS */
  readonly collectors?: Readonly<Record<DatasetKey, Collector>>;
}

/** One unit's data; a collector's error becomes the unit's failure, with the API's error code. */
export async function collectUnit(
  ctx: CollectContext, unit: CollectionUnit, collectors: Readonly<Record<DatasetKey, Collector>> = COLLECTORS,
): Promise<UnitResult> {
  try {
    return { ok: true, value: await collectors[unit.dataset](ctx, unit.region) };
  } catch (e) {
    const code = e instanceof ScanApiError ? e.record.code : errorCode(e);
    return { ok: false, failure: { code, message: (e as Error).message ?? String(e) } };
  }
}

/**
 * Collects every unit concurrently. Resolves with the units finished when all are, or when
 * `deadline` resolves first (the deadline wins over anything still in flight: the report is
 * written with what we have); units unfinished then are absent from `results`.
 */
export async function collectUnits(
  ctx: CollectContext,
  units: ReadonlyMap<string, CollectionUnit>,
  deadline: Promise<unknown>,
  options: CollectOptions = {},
): Promise<{ results: Map<string, UnitResult>; deadlineReached: boolean }> {
  const results = new Map<string, UnitResult>();
  let done = 0;
  const all = Promise.all([...units.entries()].map(async ([key, unit]) => {
    const result = await collectUnit(ctx, unit, options.collectors);
    results.set(key, result);
    options.onProgress?.({ dataset: unit.dataset, region: unit.region, ok: result.ok, done: ++done, total: units.size });
  }));
  const deadlineReached = (await Promise.race([all.then(() => false), deadline.then(() => true)]));
  // A snapshot: units finishing after the deadline do not change what the report was built from.
  return { results: new Map(results), deadlineReached };
}
