import * as fs from 'fs';
import * as path from 'path';
import { CONTROLS, FRAMEWORKS, type ControlEntry, type FrameworkIds } from '../../src/controls/catalog';

/** The form of one requirement id of each framework, as the standard and Security Hub spell it. */
const FORMAT: Record<keyof FrameworkIds, RegExp> = {
  fsbp: /^[A-Z][A-Za-z0-9]*\.\d+$/, // S3.5, EC2.170, GuardDuty.1
  cis: /^\d+\.\d+(\.\d+)?$/, // 3.1, 2.1.1 (CIS AWS Foundations Benchmark v3.0.0 recommendation)
  nist80053r5: /^[A-Z]{2}-\d{1,2}(\(\d{1,2}\))?$/, // AC-3, SC-8(1): a control or an enhancement, no item letters
  pciDss321: /^\d{1,2}(\.\d{1,2}){1,3}$/, // 4.1, 10.5.2
  pciDss40: /^\d{1,2}(\.\d{1,2}){2,3}$/, // 3.5.1, 8.3.10.1
  hipaa: /^164\.3(08|10|12|14|16)\([a-z]\)(\(\d{1,2}\))?(\((i|ii|iii|iv|v|vi|vii|viii|ix|x)\))?(\([A-Z]\))?$/, // 164.312(a)(2)(iv)
};

const FSBP_ID = FORMAT.fsbp;

/**
 * Security Hub's "Related requirements" for each FSBP control the catalog names, as published on the
 * Security Hub CSPM control reference pages (<service>-controls.html, read 2026-12-02), restricted to the
 * frameworks the catalog carries. CloudTrail.2 and CloudTrail.4 are the 2023 edition of cloudtrail-controls
 * (awsdocs/aws-security-hub-user-guide) with the CIS v3.0.0 id of cis-aws-foundations-benchmark.html and, for
 * CloudTrail.2, the PCI DSS v4.0.1 id of its sample finding (sample-control-findings.html).
 */
const SECURITY_HUB: Record<string, string> = {
  'CloudTrail.1': 'CIS AWS Foundations Benchmark v3.0.0/3.1, NIST.800-53.r5 AC-2(4), NIST.800-53.r5 AC-4(26), NIST.800-53.r5 AC-6(9), NIST.800-53.r5 AU-10, NIST.800-53.r5 AU-12, NIST.800-53.r5 AU-2, NIST.800-53.r5 AU-3, NIST.800-53.r5 AU-6(3), NIST.800-53.r5 AU-6(4), NIST.800-53.r5 AU-14(1), NIST.800-53.r5 CA-7, NIST.800-53.r5 SC-7(9), NIST.800-53.r5 SI-3(8), NIST.800-53.r5 SI-4(20), NIST.800-53.r5 SI-7(8), NIST.800-53.r5 SA-8(22)',
  'CloudTrail.2': 'PCI DSS v3.2.1/3.4, CIS AWS Foundations Benchmark v3.0.0/3.5, NIST.800-53.r5 AU-9, NIST.800-53.r5 CA-9(1), NIST.800-53.r5 CM-3(6), NIST.800-53.r5 SC-13, NIST.800-53.r5 SC-28, NIST.800-53.r5 SC-28(1), NIST.800-53.r5 SC-7(10), NIST.800-53.r5 SI-7(6), PCI DSS v4.0.1/10.3.2',
  'CloudTrail.4': 'PCI DSS v3.2.1/10.5.2, PCI DSS v3.2.1/10.5.5, CIS AWS Foundations Benchmark v3.0.0/3.2, NIST.800-53.r5 AU-9, NIST.800-53.r5 SI-4, NIST.800-53.r5 SI-7(1), NIST.800-53.r5 SI-7(3), NIST.800-53.r5 SI-7(7)',
  'Config.1': 'CIS AWS Foundations Benchmark v3.0.0/3.3, NIST.800-53.r5 CM-3, NIST.800-53.r5 CM-6(1), NIST.800-53.r5 CM-8, NIST.800-53.r5 CM-8(2), PCI DSS v3.2.1/10.5.2, PCI DSS v3.2.1/11.5',
  'DynamoDB.2': 'NIST.800-53.r5 CP-10, NIST.800-53.r5 CP-6(2), NIST.800-53.r5 CP-9, NIST.800-53.r5 SC-5(2), NIST.800-53.r5 SI-12, NIST.800-53.r5 SI-13(5)',
  'DynamoDB.4': 'NIST.800-53.r5 CP-10, NIST.800-53.r5 CP-6, NIST.800-53.r5 CP-6(1), NIST.800-53.r5 CP-6(2), NIST.800-53.r5 CP-9, NIST.800-53.r5 SC-5(2), NIST.800-53.r5 SI-12, NIST.800-53.r5 SI-13(5)',
  'EC2.1': 'PCI DSS v3.2.1/1.2.1, PCI DSS v3.2.1/1.3.1, PCI DSS v3.2.1/1.3.4, PCI DSS v3.2.1/7.2.1, NIST.800-53.r5 AC-21, NIST.800-53.r5 AC-3, NIST.800-53.r5 AC-3(7), NIST.800-53.r5 AC-4, NIST.800-53.r5 AC-4(21), NIST.800-53.r5 AC-6, NIST.800-53.r5 SC-7, NIST.800-53.r5 SC-7(11), NIST.800-53.r5 SC-7(16), NIST.800-53.r5 SC-7(20), NIST.800-53.r5 SC-7(21), NIST.800-53.r5 SC-7(3), NIST.800-53.r5 SC-7(4), NIST.800-53.r5 SC-7(9)',
  'EC2.2': 'PCI DSS v3.2.1/1.2.1, PCI DSS v3.2.1/1.3.4, PCI DSS v3.2.1/2.1, CIS AWS Foundations Benchmark v3.0.0/5.4, NIST.800-53.r5 AC-4, NIST.800-53.r5 AC-4(21), NIST.800-53.r5 SC-7, NIST.800-53.r5 SC-7(11), NIST.800-53.r5 SC-7(16), NIST.800-53.r5 SC-7(21), NIST.800-53.r5 SC-7(4), NIST.800-53.r5 SC-7(5)',
  'EC2.3': 'NIST.800-53.r5 CA-9(1), NIST.800-53.r5 CM-3(6), NIST.800-53.r5 SC-13, NIST.800-53.r5 SC-28, NIST.800-53.r5 SC-28(1), NIST.800-53.r5 SC-7(10), NIST.800-53.r5 SI-7(6)',
  'EC2.6': 'CIS AWS Foundations Benchmark v3.0.0/3.7, NIST.800-53.r5 AC-4(26), NIST.800-53.r5 AU-12, NIST.800-53.r5 AU-2, NIST.800-53.r5 AU-3, NIST.800-53.r5 AU-6(3), NIST.800-53.r5 AU-6(4), NIST.800-53.r5 CA-7, NIST.800-53.r5 SI-7(8), PCI DSS v3.2.1/10.3.3, PCI DSS v3.2.1/10.3.4, PCI DSS v3.2.1/10.3.5, PCI DSS v3.2.1/10.3.6',
  'EC2.7': 'CIS AWS Foundations Benchmark v3.0.0/2.2.1, NIST.800-53.r5 CA-9(1), NIST.800-53.r5 CM-3(6), NIST.800-53.r5 SC-13, NIST.800-53.r5 SC-28, NIST.800-53.r5 SC-28(1), NIST.800-53.r5 SC-7(10), NIST.800-53.r5 SI-7(6)',
  'EC2.8': 'CIS AWS Foundations Benchmark v3.0.0/5.6, NIST.800-53.r5 AC-3, NIST.800-53.r5 AC-3(15), NIST.800-53.r5 AC-3(7), NIST.800-53.r5 AC-6, PCI DSS v4.0.1/2.2.6',
  'EC2.13': 'NIST.800-53.r5 AC-4, NIST.800-53.r5 AC-4(21), NIST.800-53.r5 CM-7, NIST.800-53.r5 SC-7, NIST.800-53.r5 SC-7(11), NIST.800-53.r5 SC-7(16), NIST.800-53.r5 SC-7(21), NIST.800-53.r5 SC-7(4), NIST.800-53.r5 SC-7(5), PCI DSS v3.2.1/1.2.1, PCI DSS v3.2.1/1.3.1, PCI DSS v3.2.1/2.2.2, PCI DSS v4.0.1/1.3.1',
  'EC2.14': 'PCI DSS v4.0.1/1.3.1',
  'EC2.16': 'NIST.800-53.r5 CM-8(1), PCI DSS v4.0.1/1.2.7',
  'EC2.18': 'NIST.800-53.r5 AC-4, NIST.800-53.r5 AC-4(21), NIST.800-53.r5 SC-7, NIST.800-53.r5 SC-7(11), NIST.800-53.r5 SC-7(16), NIST.800-53.r5 SC-7(21), NIST.800-53.r5 SC-7(4), NIST.800-53.r5 SC-7(5)',
  'EC2.19': 'NIST.800-53.r5 AC-4, NIST.800-53.r5 AC-4(21), NIST.800-53.r5 CA-9(1), NIST.800-53.r5 CM-2, NIST.800-53.r5 CM-2(2), NIST.800-53.r5 CM-7, NIST.800-53.r5 SC-7, NIST.800-53.r5 SC-7(11), NIST.800-53.r5 SC-7(16), NIST.800-53.r5 SC-7(21), NIST.800-53.r5 SC-7(4), NIST.800-53.r5 SC-7(5)',
  'EC2.21': 'CIS AWS Foundations Benchmark v3.0.0/5.1, NIST.800-53.r5 AC-4(21), NIST.800-53.r5 CA-9(1), NIST.800-53.r5 CM-2, NIST.800-53.r5 CM-2(2), NIST.800-53.r5 CM-7, NIST.800-53.r5 SC-7, NIST.800-53.r5 SC-7(21), NIST.800-53.r5 SC-7(5), PCI DSS v4.0.1/1.3.1',
  'EC2.53': 'CIS AWS Foundations Benchmark v3.0.0/5.2, PCI DSS v4.0.1/1.3.1',
  'EC2.54': 'CIS AWS Foundations Benchmark v3.0.0/5.3, PCI DSS v4.0.1/1.3.1',
  'EC2.170': 'PCI DSS v4.0.1/2.2.6',
  'ECS.4': 'NIST.800-53.r5 AC-2(1), NIST.800-53.r5 AC-3, NIST.800-53.r5 AC-3(15), NIST.800-53.r5 AC-3(7), NIST.800-53.r5 AC-5, NIST.800-53.r5 AC-6',
  'GuardDuty.1': 'NIST.800-53.r5 AC-2(12), NIST.800-53.r5 AU-6(1), NIST.800-53.r5 AU-6(5), NIST.800-53.r5 CA-7, NIST.800-53.r5 CM-8(3), NIST.800-53.r5 RA-3(4), NIST.800-53.r5 SA-11(1), NIST.800-53.r5 SA-11(6), NIST.800-53.r5 SA-15(2), NIST.800-53.r5 SA-15(8), NIST.800-53.r5 SA-8(19), NIST.800-53.r5 SA-8(21), NIST.800-53.r5 SA-8(25), NIST.800-53.r5 SC-5, NIST.800-53.r5 SC-5(1), NIST.800-53.r5 SC-5(3), NIST.800-53.r5 SI-20, NIST.800-53.r5 SI-3(8), NIST.800-53.r5 SI-4, NIST.800-53.r5 SI-4(1), NIST.800-53.r5 SI-4(13), NIST.800-53.r5 SI-4(2), NIST.800-53.r5 SI-4(22), NIST.800-53.r5 SI-4(25), NIST.800-53.r5 SI-4(4), NIST.800-53.r5 SI-4(5), PCI DSS v3.2.1/11.4, PCI DSS v4.0.1/11.5.1',
  'IAM.1': 'NIST.800-53.r5 AC-2, NIST.800-53.r5 AC-2(1), NIST.800-53.r5 AC-3, NIST.800-53.r5 AC-3(15), NIST.800-53.r5 AC-3(7), NIST.800-53.r5 AC-5, NIST.800-53.r5 AC-6, NIST.800-53.r5 AC-6(10), NIST.800-53.r5 AC-6(2), NIST.800-53.r5 AC-6(3), PCI DSS v3.2.1/7.2.1',
  'IAM.2': 'CIS AWS Foundations Benchmark v3.0.0/1.15, NIST.800-53.r5 AC-2, NIST.800-53.r5 AC-2(1), NIST.800-53.r5 AC-3, NIST.800-53.r5 AC-3(15), NIST.800-53.r5 AC-3(7), NIST.800-53.r5 AC-6, NIST.800-53.r5 AC-6(3), PCI DSS v3.2.1/7.2.1',
  'IAM.3': 'CIS AWS Foundations Benchmark v3.0.0/1.14, NIST.800-53.r5 AC-2(1), NIST.800-53.r5 AC-2(3), NIST.800-53.r5 AC-3(15), PCI DSS v4.0.1/8.3.9, PCI DSS v4.0.1/8.6.3',
  'IAM.4': 'CIS AWS Foundations Benchmark v3.0.0/1.4, PCI DSS v3.2.1/2.1, PCI DSS v3.2.1/2.2, PCI DSS v3.2.1/7.2.1, NIST.800-53.r5 AC-2(1), NIST.800-53.r5 AC-3(15), NIST.800-53.r5 AC-3(7), NIST.800-53.r5 AC-6, NIST.800-53.r5 AC-6(10), NIST.800-53.r5 AC-6(2)',
  'IAM.5': 'CIS AWS Foundations Benchmark v3.0.0/1.10, NIST.800-53.r5 AC-2(1), NIST.800-53.r5 AC-3(15), NIST.800-53.r5 IA-2(1), NIST.800-53.r5 IA-2(2), NIST.800-53.r5 IA-2(6), NIST.800-53.r5 IA-2(8), PCI DSS v4.0.1/8.4.2',
  'IAM.7': 'NIST.800-53.r5 AC-2(1), NIST.800-53.r5 AC-2(3), NIST.800-53.r5 AC-3(15), NIST.800-53.r5 IA-5(1), PCI DSS v4.0.1/8.3.6, PCI DSS v4.0.1/8.3.7, PCI DSS v4.0.1/8.3.9, PCI DSS v4.0.1/8.3.10.1, PCI DSS v4.0.1/8.6.3',
  'IAM.9': 'PCI DSS v3.2.1/8.3.1, PCI DSS v4.0.1/8.4.2, CIS AWS Foundations Benchmark v3.0.0/1.5, NIST.800-53.r5 AC-2(1), NIST.800-53.r5 AC-3(15), NIST.800-53.r5 IA-2(1), NIST.800-53.r5 IA-2(2), NIST.800-53.r5 IA-2(6), NIST.800-53.r5 IA-2(8)',
  'IAM.15': 'CIS AWS Foundations Benchmark v3.0.0/1.8',
  'IAM.16': 'CIS AWS Foundations Benchmark v3.0.0/1.9, PCI DSS v4.0.1/8.3.7',
  'IAM.22': 'CIS AWS Foundations Benchmark v3.0.0/1.12',
  'IAM.28': 'CIS AWS Foundations Benchmark v3.0.0/1.20',
  'KMS.3': 'NIST.800-53.r5 SC-12, NIST.800-53.r5 SC-12(2)',
  'KMS.4': 'CIS AWS Foundations Benchmark v3.0.0/3.6, NIST.800-53.r5 SC-12, NIST.800-53.r5 SC-12(2), NIST.800-53.r5 SC-28(3), PCI DSS v3.2.1/3.6.4, PCI DSS v4.0.1/3.7.4',
  'Lambda.1': 'NIST.800-53.r5 AC-21, NIST.800-53.r5 AC-3, NIST.800-53.r5 AC-3(7), NIST.800-53.r5 AC-4, NIST.800-53.r5 AC-4(21), NIST.800-53.r5 AC-6, NIST.800-53.r5 SC-7, NIST.800-53.r5 SC-7(11), NIST.800-53.r5 SC-7(16), NIST.800-53.r5 SC-7(20), NIST.800-53.r5 SC-7(21), NIST.800-53.r5 SC-7(3), NIST.800-53.r5 SC-7(4), NIST.800-53.r5 SC-7(9), PCI DSS v3.2.1/1.2.1, PCI DSS v3.2.1/1.3.1, PCI DSS v3.2.1/1.3.2, PCI DSS v3.2.1/1.3.4, PCI DSS v3.2.1/7.2.1, PCI DSS v4.0.1/7.2.1',
  'Lambda.2': 'NIST.800-53.r5 CA-9(1), NIST.800-53.r5 CM-2, NIST.800-53.r5 SI-2, NIST.800-53.r5 SI-2(2), NIST.800-53.r5 SI-2(4), NIST.800-53.r5 SI-2(5), PCI DSS v4.0.1/12.3.4',
  'Lambda.3': 'PCI DSS v3.2.1/1.2.1, PCI DSS v3.2.1/1.3.1, PCI DSS v3.2.1/1.3.2, PCI DSS v3.2.1/1.3.4, NIST.800-53.r5 AC-21, NIST.800-53.r5 AC-3, NIST.800-53.r5 AC-3(7), NIST.800-53.r5 AC-4, NIST.800-53.r5 AC-4(21), NIST.800-53.r5 AC-6, NIST.800-53.r5 SC-7, NIST.800-53.r5 SC-7(11), NIST.800-53.r5 SC-7(16), NIST.800-53.r5 SC-7(20), NIST.800-53.r5 SC-7(21), NIST.800-53.r5 SC-7(3), NIST.800-53.r5 SC-7(4), NIST.800-53.r5 SC-7(9)',
  'Lambda.7': 'NIST.800-53.r5 CA-7',
  'RDS.2': 'CIS AWS Foundations Benchmark v3.0.0/2.3.3, NIST.800-53.r5 AC-4, NIST.800-53.r5 AC-4(21), NIST.800-53.r5 SC-7, NIST.800-53.r5 SC-7(11), NIST.800-53.r5 SC-7(16), NIST.800-53.r5 SC-7(21), NIST.800-53.r5 SC-7(4), NIST.800-53.r5 SC-7(5), PCI DSS v3.2.1/1.2.1, PCI DSS v3.2.1/1.3.1, PCI DSS v3.2.1/1.3.2, PCI DSS v3.2.1/1.3.4, PCI DSS v3.2.1/1.3.6, PCI DSS v3.2.1/7.2.1, PCI DSS v4.0.1/1.4.4',
  'RDS.3': 'CIS AWS Foundations Benchmark v3.0.0/2.3.1, NIST.800-53.r5 CA-9(1), NIST.800-53.r5 CM-3(6), NIST.800-53.r5 SC-13, NIST.800-53.r5 SC-28, NIST.800-53.r5 SC-28(1), NIST.800-53.r5 SC-7(10), NIST.800-53.r5 SI-7(6)',
  'S3.1': 'CIS AWS Foundations Benchmark v3.0.0/2.1.4, NIST.800-53.r5 AC-21, NIST.800-53.r5 AC-3, NIST.800-53.r5 AC-3(7), NIST.800-53.r5 AC-4, NIST.800-53.r5 AC-4(21), NIST.800-53.r5 AC-6, NIST.800-53.r5 SC-7, NIST.800-53.r5 SC-7(11), NIST.800-53.r5 SC-7(16), NIST.800-53.r5 SC-7(20), NIST.800-53.r5 SC-7(21), NIST.800-53.r5 SC-7(3), NIST.800-53.r5 SC-7(4), NIST.800-53.r5 SC-7(9), PCI DSS v3.2.1/1.2.1, PCI DSS v3.2.1/1.3.1, PCI DSS v3.2.1/1.3.2, PCI DSS v3.2.1/1.3.4, PCI DSS v3.2.1/1.3.6, PCI DSS v4.0.1/1.4.4',
  'S3.2': 'PCI DSS v3.2.1/1.2.1, PCI DSS v3.2.1/1.3.1, PCI DSS v3.2.1/1.3.2, PCI DSS v3.2.1/1.3.6, PCI DSS v3.2.1/7.2.1, NIST.800-53.r5 AC-21, NIST.800-53.r5 AC-3, NIST.800-53.r5 AC-3(7), NIST.800-53.r5 AC-4, NIST.800-53.r5 AC-4(21), NIST.800-53.r5 AC-6, NIST.800-53.r5 SC-7, NIST.800-53.r5 SC-7(11), NIST.800-53.r5 SC-7(16), NIST.800-53.r5 SC-7(20), NIST.800-53.r5 SC-7(21), NIST.800-53.r5 SC-7(3), NIST.800-53.r5 SC-7(4), NIST.800-53.r5 SC-7(9)',
  'S3.3': 'PCI DSS v3.2.1/1.2.1, PCI DSS v3.2.1/1.3.1, PCI DSS v3.2.1/1.3.2, PCI DSS v3.2.1/1.3.4, PCI DSS v3.2.1/1.3.6, PCI DSS v3.2.1/7.2.1, NIST.800-53.r5 AC-21, NIST.800-53.r5 AC-3, NIST.800-53.r5 AC-3(7), NIST.800-53.r5 AC-4, NIST.800-53.r5 AC-4(21), NIST.800-53.r5 AC-6, NIST.800-53.r5 SC-7, NIST.800-53.r5 SC-7(11), NIST.800-53.r5 SC-7(16), NIST.800-53.r5 SC-7(20), NIST.800-53.r5 SC-7(21), NIST.800-53.r5 SC-7(3), NIST.800-53.r5 SC-7(4), NIST.800-53.r5 SC-7(9)',
  'S3.5': 'CIS AWS Foundations Benchmark v3.0.0/2.1.1, NIST.800-53.r5 AC-17(2), NIST.800-53.r5 AC-4, NIST.800-53.r5 IA-5(1), NIST.800-53.r5 SC-12(3), NIST.800-53.r5 SC-13, NIST.800-53.r5 SC-23, NIST.800-53.r5 SC-23(3), NIST.800-53.r5 SC-7(4), NIST.800-53.r5 SC-8, NIST.800-53.r5 SC-8(1), NIST.800-53.r5 SC-8(2), NIST.800-53.r5 SI-7(6), PCI DSS v3.2.1/4.1, PCI DSS v4.0.1/4.2.1',
  'S3.7': 'PCI DSS v3.2.1/2.2, NIST.800-53.r5 AU-9(2), NIST.800-53.r5 CP-10, NIST.800-53.r5 CP-6, NIST.800-53.r5 CP-6(1), NIST.800-53.r5 CP-6(2), NIST.800-53.r5 CP-9, NIST.800-53.r5 SC-36(2), NIST.800-53.r5 SC-5(2), NIST.800-53.r5 SI-13(5)',
  'S3.8': 'CIS AWS Foundations Benchmark v3.0.0/2.1.4, NIST.800-53.r5 AC-21, NIST.800-53.r5 AC-3, NIST.800-53.r5 AC-3(7), NIST.800-53.r5 AC-4, NIST.800-53.r5 AC-4(21), NIST.800-53.r5 AC-6, NIST.800-53.r5 SC-7, NIST.800-53.r5 SC-7(11), NIST.800-53.r5 SC-7(16), NIST.800-53.r5 SC-7(20), NIST.800-53.r5 SC-7(21), NIST.800-53.r5 SC-7(3), NIST.800-53.r5 SC-7(4), NIST.800-53.r5 SC-7(9), PCI DSS v4.0.1/1.4.4',
  'S3.9': 'NIST.800-53.r5 AC-2(4), NIST.800-53.r5 AC-4(26), NIST.800-53.r5 AC-6(9), NIST.800-53.r5 AU-10, NIST.800-53.r5 AU-12, NIST.800-53.r5 AU-2, NIST.800-53.r5 AU-3, NIST.800-53.r5 AU-6(3), NIST.800-53.r5 AU-6(4), NIST.800-53.r5 CA-7, NIST.800-53.r5 SC-7(9), NIST.800-53.r5 SI-3(8), NIST.800-53.r5 SI-4(20), NIST.800-53.r5 SI-7(8), PCI DSS v4.0.1/10.2.1',
  'S3.12': 'NIST.800-53.r5 AC-2(1), NIST.800-53.r5 AC-3, NIST.800-53.r5 AC-3(15), NIST.800-53.r5 AC-3(7), NIST.800-53.r5 AC-6',
  'S3.13': 'NIST.800-53.r5 CP-10, NIST.800-53.r5 CP-6(2), NIST.800-53.r5 CP-9, NIST.800-53.r5 SC-5(2), NIST.800-53.r5 SI-13(5)',
  'S3.14': 'NIST.800-53.r5 AU-9(2), NIST.800-53.r5 CP-10, NIST.800-53.r5 CP-6, NIST.800-53.r5 CP-6(1), NIST.800-53.r5 CP-6(2), NIST.800-53.r5 CP-9, NIST.800-53.r5 SC-5(2), NIST.800-53.r5 SI-12, NIST.800-53.r5 SI-13(5)',
  'S3.17': 'NIST.800-53.r5 SC-12(2), NIST.800-53.r5 CM-3(6), NIST.800-53.r5 SC-13, NIST.800-53.r5 SC-28, NIST.800-53.r5 SC-28(1), NIST.800-53.r5 SC-7(10), NIST.800-53.r5 CA-9(1), NIST.800-53.r5 SI-7(6), NIST.800-53.r5 AU-9, PCI DSS v4.0.1/3.5.1',
  'SNS.1': 'NIST.800-53.r5 CA-9(1), NIST.800-53.r5 CM-3(6), NIST.800-53.r5 SC-13, NIST.800-53.r5 SC-28, NIST.800-53.r5 SC-28(1), NIST.800-53.r5 SC-7(10), NIST.800-53.r5 SI-7(6)',
};

/** Security Hub's spelling of each framework's requirements in "Related requirements". */
const SECURITY_HUB_PREFIX: Partial<Record<keyof FrameworkIds, string>> = {
  cis: 'CIS AWS Foundations Benchmark v3.0.0/',
  nist80053r5: 'NIST.800-53.r5 ',
  pciDss321: 'PCI DSS v3.2.1/',
  pciDss40: 'PCI DSS v4.0.1/',
};

/**
 * The cdk-nag rule (the AWS Config rule of the conformance packs) a control matches where its entry does not
 * name it in `stockNagRules`: the Config rule the Security Hub control evaluates, or the Config rule that
 * checks what the control checks.
 */
const CONFIG_RULE: Record<string, string> = {
  'CloudTrail.2': 'CloudTrailEncryptionEnabled', // cloud-trail-encryption-enabled
  'CloudTrail.4': 'CloudTrailLogFileValidationEnabled', // cloud-trail-log-file-validation-enabled
  'EC2.8': 'EC2IMDSv2Enabled', // ec2-imdsv2-check
  'EC2.13': 'EC2RestrictedSSH', // restricted-ssh
  'EC2.19': 'EC2RestrictedCommonPorts', // restricted-common-ports
  'IAM.1': 'IAMPolicyNoStatementsWithAdminAccess', // iam-policy-no-statements-with-admin-access
  'IAM.2': 'IAMUserNoPolicies', // iam-user-no-policies-check
  'IAM.LambdaRoleNoInlinePolicy': 'IAMNoInlinePolicy', // iam-no-inline-policy-check
  'Lambda.1': 'LambdaFunctionPublicAccessProhibited', // lambda-function-public-access-prohibited
  'RDS.2': 'RDSInstancePublicAccess', // rds-instance-public-access-check
  'RDS.3': 'RDSStorageEncrypted', // rds-storage-encrypted
  'S3.2': 'S3BucketPublicReadProhibited', // s3-bucket-public-read-prohibited
  'S3.3': 'S3BucketPublicWriteProhibited', // s3-bucket-public-write-prohibited
};

/** The cdk-nag packs whose control ids come from the AWS Config conformance packs, by framework. */
const NAG_PACKS: Partial<Record<keyof FrameworkIds, { prefix: string; file: string }>> = {
  nist80053r5: { prefix: 'NIST.800.53.R5', file: 'nist-800-53-r5.js' },
  pciDss321: { prefix: 'PCI.DSS.321', file: 'pci-dss-321.js' },
  hipaa: { prefix: 'HIPAA.Security', file: 'hipaa-security.js' },
};

/** The control ids a cdk-nag pack cites for each of its rules ("... - (Control IDs: 164.312(b))"). */
function packControlIds(file: string): Map<string, string[]> {
  const source = fs.readFileSync(path.join(path.dirname(require.resolve('cdk-nag')), 'packs', file), 'utf-8');
  const byRule = new Map<string, string[]>();
  for (const call of source.split('this.applyRule(').slice(1)) {
    const info = /info: '((?:[^'\\]|\\.)*)'/.exec(call)?.[1] ?? '';
    const rule = /ruleSuffixOverride: '([^']+)'/.exec(call)?.[1] ?? /rule: [\w$]+\.(\w+)/.exec(call)?.[1];
    const cited = /Control IDs?: (.*)$/.exec(info)?.[1];
    if (!rule || !cited) continue;
    byRule.set(rule, cited.split(/,\s*/).map((id) => id.trim()));
  }
  return byRule;
}

/** A cited id in the catalog's form: NIST items (SC-13a, AC-3(3)(b)(1)) as their control or enhancement. */
function catalogForm(key: keyof FrameworkIds, cited: string): string {
  const pattern = key === 'nist80053r5' ? /^[A-Z]{2}-\d+(\(\d+\))?/ : key === 'hipaa' ? /^164\.\d{3}(\([0-9A-Za-z]+\))+/ : /^\d+(\.\d+)+/;
  const match = pattern.exec(cited);
  if (!match) throw new Error(`cannot read control id '${cited}'`);
  return match[0];
}

function securityHubIds(fsbpId: string, key: keyof FrameworkIds): string[] {
  const prefix = SECURITY_HUB_PREFIX[key]!;
  return SECURITY_HUB[fsbpId].split(/,\s*/).filter((r) => r.startsWith(prefix)).map((r) => r.slice(prefix.length));
}

function nagRules(entry: ControlEntry, packPrefix: string): string[] {
  const named = entry.stockNagRules.filter((r) => r.startsWith(`${packPrefix}-`)).map((r) => r.slice(packPrefix.length + 1));
  return CONFIG_RULE[entry.id] ? [...named, CONFIG_RULE[entry.id]] : named;
}

const sorted = (ids: Iterable<string>) => [...new Set(ids)].sort();

describe('framework ids of the controls catalog', () => {
  test.each(FRAMEWORKS.map((f) => [f.label, f.key] as const))('every %s id has the form the standard gives it, once per control', (_label, key) => {
    const malformed: string[] = [];
    for (const entry of CONTROLS) {
      const ids = entry.frameworks[key];
      for (const id of ids) if (!FORMAT[key].test(id)) malformed.push(`${entry.id}: '${id}'`);
      if (new Set(ids).size !== ids.length) malformed.push(`${entry.id}: duplicate ids in ${ids.join(', ')}`);
    }
    expect(malformed).toEqual([]);
  });

  test('every control with an FSBP id lists that id in fsbp', () => {
    const fsbpEntries = CONTROLS.filter((c) => FSBP_ID.test(c.id));
    expect(fsbpEntries.length).toBeGreaterThan(40);
    expect(fsbpEntries.filter((c) => !c.frameworks.fsbp.includes(c.id)).map((c) => c.id)).toEqual([]);
  });

  test("CIS, NIST and PCI DSS ids of a control with FSBP controls are those controls' related requirements in Security Hub", () => {
    const keys = Object.keys(SECURITY_HUB_PREFIX) as (keyof FrameworkIds)[];
    const differences: unknown[] = [];
    for (const entry of CONTROLS.filter((c) => c.frameworks.fsbp.length > 0)) {
      for (const fsbpId of entry.frameworks.fsbp) expect({ fsbpId, transcribed: fsbpId in SECURITY_HUB }).toEqual({ fsbpId, transcribed: true });
      for (const key of keys) {
        const published = sorted(entry.frameworks.fsbp.flatMap((f) => securityHubIds(f, key)));
        const catalog = sorted(entry.frameworks[key]);
        if (published.join() !== catalog.join()) differences.push({ control: entry.id, framework: key, catalog, published });
      }
    }
    expect(differences).toEqual([]);
  });

  test('HIPAA ids, and the NIST and PCI DSS 3.2.1 ids of controls FSBP lacks, are the conformance packs\' ids for the matching Config rule', () => {
    const differences: unknown[] = [];
    for (const [key, pack] of Object.entries(NAG_PACKS) as [keyof FrameworkIds, { prefix: string; file: string }][]) {
      const cited = packControlIds(pack.file);
      expect(cited.size).toBeGreaterThan(50);
      for (const entry of CONTROLS) {
        if (key !== 'hipaa' && entry.frameworks.fsbp.length > 0) continue; // from Security Hub, above
        const rules = nagRules(entry, pack.prefix);
        for (const rule of rules) expect({ rule, inPack: cited.has(rule) }).toEqual({ rule, inPack: true });
        const expected = sorted(rules.flatMap((rule) => cited.get(rule) ?? []).map((id) => catalogForm(key, id)));
        const catalog = sorted(entry.frameworks[key]);
        if (expected.join() !== catalog.join()) differences.push({ control: entry.id, framework: key, rules, catalog, expected });
      }
    }
    expect(differences).toEqual([]);
  });

  test('controls FSBP lacks carry no CIS or PCI DSS 4.0 ids (no conformance pack source maps them)', () => {
    const withIds = CONTROLS.filter((c) => c.frameworks.fsbp.length === 0 && (c.frameworks.cis.length > 0 || c.frameworks.pciDss40.length > 0));
    expect(withIds.map((c) => c.id)).toEqual([]);
  });
});
