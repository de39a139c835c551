import { type EntityManager } from 'typeorm';
import { type FieldError } from '../common/errors/app-error';
import { type ContentType, type PublishFinding } from '../content/document-descriptor';
import { DocumentType } from '../content/documents/document-status';
import { MEDICAL_REVIEW_FIELDS } from './medical-review.entity';
import { MedicalReviewPolicy } from './medical-review.enums';

export { MEDICAL_REVIEW_FIELDS };

/** app_settings keys of the practice's review settings. */
export const MEDICAL_REVIEW_SETTING_KEYS = { policy: 'medical_review.policy', intervalMonths: 'medical_review.interval_months' } as const;

export interface MedicalReviewSettings {
  policy: MedicalReviewPolicy;
  /** Months from a review to the next one when an editor gives no due date. */
  intervalMonths: number;
}

/** WARN: editors are told when a page goes live unreviewed, and nothing that worked before is refused. */
export const DEFAULT_MEDICAL_REVIEW_SETTINGS: MedicalReviewSettings = { policy: MedicalReviewPolicy.WARN, intervalMonths: 12 };

export async function readMedicalReviewSettings(manager: EntityManager): Promise<MedicalReviewSettings> {
  const rows: { key: string; value: string }[] = await manager.query('SELECT key, value FROM app_settings WHERE key = ANY($1::text[])', [
    Object.values(MEDICAL_REVIEW_SETTING_KEYS),
  ]);
  const value = (key: string) => rows.find((row) => row.key === key)?.value;
  const policy = value(MEDICAL_REVIEW_SETTING_KEYS.policy);
  const intervalMonths = Number(value(MEDICAL_REVIEW_SETTING_KEYS.intervalMonths));
  return {
    policy: Object.values(MedicalReviewPolicy).includes(policy as MedicalReviewPolicy)
      ? (policy as MedicalReviewPolicy)
      : DEFAULT_MEDICAL_REVIEW_SETTINGS.policy,
    intervalMonths: Number.isInteger(intervalMonths) && intervalMonths > 0 ? intervalMonths : DEFAULT_MEDICAL_REVIEW_SETTINGS.intervalMonths,
  };
}

/** Today's date in UTC, YYYY-MM-DD. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** A YYYY-MM-DD date `months` later; the 31st becomes the last day of a shorter month. */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number);
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
  target.setUTCDate(Math.min(day, lastDay));
  return target.toISOString().slice(0, 10);
}

/** A stored date (a string from a snapshot or a row, a Date from a raw query) as YYYY-MM-DD. */
function dateOf(value: unknown): string | null {
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return typeof value === 'string' && value ? value.slice(0, 10) : null;
}

/**
 * Completes and checks a review an edit sets (the medicalReview input replaces the whole review):
 * the next review defaults to the practice's interval after the review, and may not come before it.
 */
async function completeReview(manager: EntityManager, fields: Record<string, unknown>, path: string, errors: FieldError[]): Promise<void> {
  const reviewedAt = dateOf(fields.reviewedAt);
  if (!reviewedAt) return;
  const nextReviewDue = dateOf(fields.nextReviewDue);
  if (!nextReviewDue) {
    fields.nextReviewDue = addMonths(reviewedAt, (await readMedicalReviewSettings(manager)).intervalMonths);
  } else if (nextReviewDue < reviewedAt) {
    errors.push({ path: `${path}.medicalReview.nextReviewDue`, message: `must not be before reviewedAt (${reviewedAt})` });
  }
}

/** What keeps a state's review from being current today, as findings of the given policy. */
export function reviewFindings(fields: Record<string, unknown>, policy: MedicalReviewPolicy, today: string = todayUtc()): PublishFinding[] {
  if (policy === MedicalReviewPolicy.OFF) return [];
  const blocking = policy === MedicalReviewPolicy.REQUIRE;
  const reviewedAt = dateOf(fields.reviewedAt);
  const nextReviewDue = dateOf(fields.nextReviewDue);
  const findings: PublishFinding[] = [];
  if (!reviewedAt) {
    findings.push({
      code: 'MEDICAL_REVIEW_MISSING',
      message: 'it has no medical review (medicalReview.reviewedAt and medicalReview.reviewedBy are missing)',
      fields: ['medicalReview.reviewedAt', 'medicalReview.reviewedBy'],
      blocking,
    });
    return findings;
  }
  if (!fields.reviewedById) {
    findings.push({
      code: 'MEDICAL_REVIEW_MISSING',
      message: 'its medical review names no reviewer (medicalReview.reviewedBy is missing)',
      fields: ['medicalReview.reviewedBy'],
      blocking,
    });
  }
  if (nextReviewDue && nextReviewDue < today) {
    findings.push({
      code: 'MEDICAL_REVIEW_OVERDUE',
      message: `its medical review was due on ${nextReviewDue} (medicalReview.nextReviewDue is in the past)`,
      fields: ['medicalReview.nextReviewDue'],
      blocking,
    });
  }
  return findings;
}

async function checkReviewAtPublish(manager: EntityManager, _contentType: ContentType, _documentId: string, state: { fields: Record<string, unknown> }) {
  const { policy } = await readMedicalReviewSettings(manager);
  return reviewFindings(state.fields, policy);
}

/** The document types whose pages carry a medical review, in the order lists show them. */
export const MEDICALLY_REVIEWED_TYPES: DocumentType[] = [];

/**
 * What a content type's descriptor adds for a medical review: the review fields, the reviewer
 * reference (a provider), the completion of edits and the policy check at publish.
 */
export function medicallyReviewed(type: DocumentType) {
  if (!MEDICALLY_REVIEWED_TYPES.includes(type)) MEDICALLY_REVIEWED_TYPES.push(type);
  return {
    references: { reviewedById: { targetType: DocumentType.PROVIDER, inputPath: 'medicalReview.reviewedById' } },
    changeChecks: [completeReview],
    publishChecks: [checkReviewAtPublish],
  };
}
