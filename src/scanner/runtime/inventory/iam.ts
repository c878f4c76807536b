/**
 * Inventory records of IAM (SDK-independent): authorization details, credential report, password policy, account summary, Access Analyzer analyzers.
 */

export interface IamPolicyStatement {
  readonly Effect?: string;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly Principal?: unknown;
  readonly Condition?: unknown;
}

export interface IamManagedPolicyInfo {
  readonly arn: string;
  readonly name: string;
  readonly awsManaged: boolean;
  readonly attachmentCount: number;
  /** Default version document, URL-decoded JSON text. */
  readonly document: string;
}

export interface IamUserInfo {
  readonly userName: string;
  readonly arn: string;
  readonly attachedPolicyArns: readonly string[];
  readonly inlinePolicyNames: readonly string[];
}

export interface IamInlinePolicyInfo {
  readonly name: string;
  /** URL-decoded JSON text. */
  readonly document: string;
}

export interface IamRoleInfo {
  readonly roleName: string;
  readonly arn: string;
  readonly path: string;
  /** Trust policy (`AssumeRolePolicyDocument`), URL-decoded JSON text. */
  readonly trustPolicy: string;
  readonly inlinePolicies: readonly IamInlinePolicyInfo[];
  readonly attachedPolicyArns: readonly string[];
}

export interface AuthorizationDetails {
  readonly users: readonly IamUserInfo[];
  readonly policies: readonly IamManagedPolicyInfo[];
  /** Roles with their trust, inline and attached policies. */
  readonly roles?: readonly IamRoleInfo[];
}

/** One row of the IAM credential report (only the columns the checks read). */
export interface CredentialReportRow {
  readonly user: string;
  readonly arn: string;
  readonly passwordEnabled: boolean;
  /** ISO date or undefined (N/A / no_information). */
  readonly passwordLastUsed?: string;
  readonly passwordLastChanged?: string;
  readonly mfaActive: boolean;
  readonly accessKey1Active: boolean;
  readonly accessKey1LastRotated?: string;
  readonly accessKey1LastUsed?: string;
  readonly accessKey2Active: boolean;
  readonly accessKey2LastRotated?: string;
  readonly accessKey2LastUsed?: string;
}

export interface PasswordPolicyInfo {
  readonly minimumPasswordLength: number;
  readonly requireSymbols: boolean;
  readonly requireNumbers: boolean;
  readonly requireUppercaseCharacters: boolean;
  readonly requireLowercaseCharacters: boolean;
  readonly passwordReusePrevention?: number;
  readonly maxPasswordAge?: number;
}

export interface AccountSummaryInfo {
  readonly accountMfaEnabled: boolean;
  readonly accountAccessKeysPresent: boolean;
}

/** An IAM Access Analyzer analyzer of the region (ListAnalyzers). */
export interface AnalyzerInfo {
  readonly name: string;
  readonly arn: string;
  /** `ACCOUNT`, `ORGANIZATION` (external access), `ACCOUNT_UNUSED_ACCESS`, ... */
  readonly type: string;
  /** `ACTIVE`, `CREATING`, `DISABLED`, `FAILED`. */
  readonly status: string;
}
