/** Framework requirement lists that several controls of the catalog share (public access, encryption at rest, audit logging, ...). */

export const PUBLIC_ACCESS_NIST = ['AC-21', 'AC-3', 'AC-3(7)', 'AC-4', 'AC-4(21)', 'AC-6', 'SC-7', 'SC-7(11)', 'SC-7(16)', 'SC-7(20)', 'SC-7(21)', 'SC-7(3)', 'SC-7(4)', 'SC-7(9)'];
export const PUBLIC_ACCESS_PCI321 = ['1.2.1', '1.3.1', '1.3.2', '1.3.4', '1.3.6'];
export const PUBLIC_ACCESS_HIPAA = ['164.308(a)(3)(i)', '164.308(a)(4)(ii)(A)', '164.308(a)(4)(ii)(C)', '164.312(a)(1)', '164.312(e)(1)'];
export const ENCRYPTION_AT_REST_NIST = ['CA-9(1)', 'CM-3(6)', 'SC-13', 'SC-28', 'SC-28(1)', 'SC-7(10)', 'SI-7(6)'];
export const ENCRYPTION_AT_REST_HIPAA = ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)'];
export const AUDIT_LOGGING_NIST = ['AC-2(4)', 'AC-4(26)', 'AC-6(9)', 'AU-10', 'AU-12', 'AU-2', 'AU-3', 'AU-6(3)', 'AU-6(4)', 'CA-7', 'SC-7(9)', 'SI-7(8)'];
export const AUDIT_LOGGING_HIPAA = ['164.308(a)(3)(ii)(A)', '164.312(b)'];
export const NETWORK_INGRESS_NIST = ['AC-4', 'AC-4(21)', 'SC-7', 'SC-7(11)', 'SC-7(16)', 'SC-7(21)', 'SC-7(4)', 'SC-7(5)'];
export const NETWORK_INGRESS_HIPAA = ['164.308(a)(3)(i)', '164.308(a)(3)(ii)(B)', '164.308(a)(4)(i)', '164.308(a)(4)(ii)(A)', '164.308(a)(4)(ii)(B)', '164.308(a)(4)(ii)(C)', '164.312(a)(1)', '164.312(e)(1)'];
export const LEAST_PRIVILEGE_NIST = ['AC-2', 'AC-2(1)', 'AC-3', 'AC-3(15)', 'AC-3(7)', 'AC-5', 'AC-6', 'AC-6(10)', 'AC-6(2)', 'AC-6(3)'];
export const LEAST_PRIVILEGE_HIPAA = ['164.308(a)(3)(i)', '164.308(a)(3)(ii)(A)', '164.308(a)(3)(ii)(B)', '164.308(a)(4)(i)', '164.308(a)(4)(ii)(A)', '164.308(a)(4)(ii)(B)', '164.308(a)(4)(ii)(C)', '164.312(a)(1)'];
export const BACKUP_NIST = ['CP-10', 'CP-6(2)', 'CP-9', 'SC-5(2)', 'SI-13(5)'];
export const BACKUP_HIPAA = ['164.308(a)(7)(i)', '164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)'];
export const MFA_NIST = ['AC-2(1)', 'AC-3(15)', 'IA-2(1)', 'IA-2(2)', 'IA-2(6)', 'IA-2(8)'];
export const GUARDDUTY_NIST = ['AC-2(12)', 'AU-6(1)', 'AU-6(5)', 'CA-7', 'CM-8(3)', 'RA-3(4)', 'SA-11(1)', 'SA-11(6)', 'SA-15(2)', 'SA-15(8)', 'SA-8(19)', 'SA-8(21)', 'SA-8(25)', 'SC-5', 'SC-5(1)', 'SC-5(3)', 'SI-20', 'SI-3(8)', 'SI-4', 'SI-4(1)', 'SI-4(13)', 'SI-4(2)', 'SI-4(22)', 'SI-4(25)', 'SI-4(4)', 'SI-4(5)'];
