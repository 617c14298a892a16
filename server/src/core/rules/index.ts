/** Every rule, in the order their findings are listed. */
import type { Rule } from '../rule';
import { missingSection } from './missing-section';
import { emptySection } from './empty-section';
import { unownedDecision } from './unowned-decision';
import { multipleOwners } from './multiple-owners';
import { unknownOwner } from './unknown-owner';
import { ownerRoleMismatch } from './owner-role-mismatch';
import { unassignedResponsibility } from './unassigned-responsibility';
import { missingDecisionField } from './missing-decision-field';
import { invalidDate } from './invalid-date';
import { missingDocumentOwner } from './missing-document-owner';
import { brokenLink } from './broken-link';
import { unknownDecisionReference } from './unknown-decision-reference';
import { supersededReference } from './superseded-reference';
import { missingFromIndex } from './missing-from-index';
import { invalidFrontMatter } from './invalid-front-matter';
import { invalidConfig } from './invalid-config';
import { unknownStatus } from './unknown-status';
import { supersedeMismatch } from './supersede-mismatch';
import { duplicateNumber } from './duplicate-number';
import { reviewOverdue } from './review-overdue';
import { staleProposal } from './stale-proposal';

export const RULES: readonly Rule[] = [
  missingSection,
  emptySection,
  unownedDecision,
  multipleOwners,
  unknownOwner,
  ownerRoleMismatch,
  unassignedResponsibility,
  missingDecisionField,
  invalidDate,
  missingDocumentOwner,
  brokenLink,
  unknownStatus,
  supersedeMismatch,
  duplicateNumber,
  reviewOverdue,
  staleProposal,
  unknownDecisionReference,
  supersededReference,
  missingFromIndex,
  invalidFrontMatter,
  invalidConfig,
];

export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);

export function ruleById(id: string): Rule | undefined {
  return RULES.find((r) => r.id === id);
}
