/** The controls catalog entries of RDS. */
import { ControlEntry, control, fw } from './entry';
import { PUBLIC_ACCESS_PCI321, PUBLIC_ACCESS_HIPAA, ENCRYPTION_AT_REST_NIST, ENCRYPTION_AT_REST_HIPAA, NETWORK_INGRESS_NIST } from './requirement-sets';

export const RDS_CONTROLS: readonly ControlEntry[] = [
  control({
    id: 'RDS.2',
    title: 'RDS DB instances are not publicly accessible',
    severity: 'CRITICAL',
    frameworks: fw({ fsbp: ['RDS.2'], cis: ['2.3.3'], nist80053r5: NETWORK_INGRESS_NIST, pciDss321: [...PUBLIC_ACCESS_PCI321, '7.2.1'], pciDss40: ['1.4.4'], hipaa: PUBLIC_ACCESS_HIPAA }),
    scannerChecks: [{ id: 'rds-instance-not-public', compliantWhen: 'PASS when `PubliclyAccessible` is false; subnets, routes and security groups are not inspected.' }],
  }),
  control({
    id: 'RDS.3',
    title: 'RDS DB instances encrypt storage at rest',
    severity: 'HIGH',
    frameworks: fw({ fsbp: ['RDS.3'], cis: ['2.3.1'], nist80053r5: ENCRYPTION_AT_REST_NIST, hipaa: ENCRYPTION_AT_REST_HIPAA }),
    scannerChecks: [{ id: 'rds-storage-encrypted', compliantWhen: 'PASS when `StorageEncrypted` is true (any key).' }],
  }),
];
