import { selectionCovers } from '../../../../controls/judgement/backup-selection';
import { errored, fail, pass } from '../../model';
import { defineResourceCheck } from '../define';
import { DYNAMODB_TABLES } from '../resource-kinds';

/**
 * DynamoDB.4 (FSBP; the Config rule `dynamodb-resources-protected-by-backup-plan`): every table is
 * assigned to an AWS Backup plan by one of the plan's backup selections, as BatchPipeline assigns
 * its job-tracking table. Selections by tag are not decided (the table's tags are not read).
 */
export const dynamodbTableInBackupPlan = defineResourceCheck(
  DYNAMODB_TABLES,
  {
    id: 'dynamodb-table-in-backup-plan',
    title: 'DynamoDB tables are in an AWS Backup plan',
    severity: 'MEDIUM',
    remediation: 'Assign the table to a backup plan (CreateBackupSelection with the table\'s ARN in Resources), e.g. BatchPipeline\'s plan with backup on.',
    requiredActions: ['dynamodb:ListTables', 'backup:ListBackupPlans', 'backup:ListBackupSelections', 'backup:GetBackupSelection'],
    datasets: ['dynamodb.tables', 'backup.protectedResources'],
  },
  (t, _id, inv) => {
    const selections = inv.backupSelections;
    if (selections === undefined) return errored(t.arn, 'could not read the backup plans (ListBackupPlans)');
    const undecided: string[] = [];
    for (const s of selections) {
      const name = `selection ${s.selectionName} of backup plan ${s.planName}`;
      if (s.resources === undefined) {
        undecided.push(`${name} could not be read (${s.error ?? 'unknown error'})`);
        continue;
      }
      const coverage = selectionCovers({ ...s, resources: s.resources }, t.arn);
      if (coverage === 'yes') return pass(t.arn, `assigned to backup plan ${s.planName} by its ${name.split(' of ')[0]}`);
      const tags = [...(s.listOfTags ?? []), ...(s.conditions ?? [])].join(', ');
      if (coverage === 'tags') undecided.push(`${name} selects by tags (${tags}), and the table's tags are not read`);
    }
    if (undecided.length > 0) return errored(t.arn, `no backup selection assigns it by ARN; undecidable: ${undecided.join('; ')}`);
    return fail(t.arn, selections.length === 0 ? 'the region has no backup plan with a selection' : 'no backup plan\'s selection assigns it');
  },
);
