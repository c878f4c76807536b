import Ajv from 'ajv';
import * as schema from '../../src/scanner/runtime/report.schema.json';

const ajv = new Ajv({ allErrors: true, strict: true });
ajv.addFormat('date-time', { type: 'string', validate: (s: string) => /^\d{4}-\d\d-\d\dT/.test(s) && !Number.isNaN(Date.parse(s)) });
const validate = ajv.compile((schema as { default?: object }).default ?? schema);

/** Schema errors of a report, as readable strings (empty when valid). */
export function schemaErrors(report: unknown): string[] {
  return validate(JSON.parse(JSON.stringify(report))) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
