import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AuditLogService } from '../audit/audit-log.service';
import { Actor } from '../auth/actor';
import { AppError } from '../common/errors/app-error';
import { ConnectionShape } from '../common/pagination/connection.model';
import { contentTypeOf } from '../content/document-descriptor';
import { DocumentStatus, DocumentType } from '../content/documents/document-status';
import { AppSetting } from '../settings/app-setting.entity';
import { MEDICAL_REVIEW_SETTING_KEYS, MEDICALLY_REVIEWED_TYPES, MedicalReviewSettings, readMedicalReviewSettings, todayUtc } from './medical-review.descriptor';
import { type ReviewedDocument } from './medical-review.entity';
import { MedicalReviewStatus } from './medical-review.enums';
import { MedicalReview, MedicalReviewDueModel } from './medical-review.model';
import { MedicalReviewsDueArgs, UpdateMedicalReviewSettingsInput } from './medical-review.inputs';

const STATUS_ORDER = [MedicalReviewStatus.MISSING, MedicalReviewStatus.OVERDUE, MedicalReviewStatus.DUE_SOON, MedicalReviewStatus.CURRENT];

/** A page's review as the API shows it, or null when it has none. */
export function medicalReviewOf(document: Pick<ReviewedDocument, 'reviewedById' | 'reviewedAt' | 'nextReviewDue' | 'reviewNotes'>): MedicalReview | null {
  if (!document.reviewedAt) return null;
  return {
    reviewedById: document.reviewedById ?? null,
    reviewedAt: document.reviewedAt,
    nextReviewDue: document.nextReviewDue ?? null,
    notes: document.reviewNotes ?? null,
  };
}

function cursorOf(offset: number): string {
  return Buffer.from(`review:${offset}`).toString('base64url');
}

function offsetOf(cursor: string | null | undefined): number {
  if (!cursor) return 0;
  const match = /^review:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw AppError.badInput([{ path: 'after', message: 'is not a cursor of this list' }]);
  return Number(match[1]) + 1;
}

/** The practice's review settings and the list of pages whose review needs attention. */
@Injectable()
export class MedicalReviewService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly audit: AuditLogService,
  ) {}

  settings(): Promise<MedicalReviewSettings> {
    return readMedicalReviewSettings(this.dataSource.manager);
  }

  async updateSettings(actor: Actor, input: UpdateMedicalReviewSettingsInput): Promise<MedicalReviewSettings> {
    return this.dataSource.transaction(async (manager) => {
      const before = await readMedicalReviewSettings(manager);
      const after: MedicalReviewSettings = { policy: input.policy ?? before.policy, intervalMonths: input.intervalMonths ?? before.intervalMonths };
      await manager.upsert(
        AppSetting,
        [
          { key: MEDICAL_REVIEW_SETTING_KEYS.policy, value: after.policy },
          { key: MEDICAL_REVIEW_SETTING_KEYS.intervalMonths, value: String(after.intervalMonths) },
        ],
        ['key'],
      );
      await this.audit.record(manager, actor, { action: 'updateMedicalReviewSettings', before: { ...before }, after: { ...after } });
      return after;
    });
  }

  /**
   * Pages not in the trash whose live row's review (the working state of a page never published)
   * is in one of the statuses, most urgent first: missing, then by due date. A practice has
   * hundreds of pages, not millions: each type is read whole and the list is paged in memory.
   */
  async due(args: MedicalReviewsDueArgs): Promise<ConnectionShape<MedicalReviewDueModel>> {
    const skip = offsetOf(args.after);
    const today = todayUtc();
    const soon = new Date(`${today}T00:00:00Z`);
    soon.setUTCDate(soon.getUTCDate() + args.dueWithinDays);
    const dueBy = soon.toISOString().slice(0, 10);
    const types = MEDICALLY_REVIEWED_TYPES.filter((type) => !args.types || args.types.includes(type));
    const found: MedicalReviewDueModel[] = [];
    for (const type of types) {
      const contentType = contentTypeOf(type);
      const rows = (await this.dataSource
        .getRepository(contentType.entity)
        .createQueryBuilder('d')
        .where('d.deleted_at IS NULL')
        .getMany()) as unknown as ReviewedDocument[];
      for (const row of rows) {
        const reviewStatus = !row.reviewedAt
          ? MedicalReviewStatus.MISSING
          : row.nextReviewDue && row.nextReviewDue < today
            ? MedicalReviewStatus.OVERDUE
            : row.nextReviewDue && row.nextReviewDue <= dueBy
              ? MedicalReviewStatus.DUE_SOON
              : MedicalReviewStatus.CURRENT;
        if (!args.status.includes(reviewStatus)) continue;
        found.push({
          documentType: type as DocumentType,
          id: row.id,
          slug: row.slug,
          title: contentType.slugSource(row),
          status: row.status as DocumentStatus,
          reviewStatus,
          medicalReview: medicalReviewOf(row),
        });
      }
    }
    found.sort(
      (a, b) =>
        STATUS_ORDER.indexOf(a.reviewStatus) - STATUS_ORDER.indexOf(b.reviewStatus) ||
        (a.medicalReview?.nextReviewDue ?? '').localeCompare(b.medicalReview?.nextReviewDue ?? '') ||
        a.documentType.localeCompare(b.documentType) ||
        a.title.localeCompare(b.title) ||
        a.id.localeCompare(b.id),
    );
    const page = found.slice(skip, skip + args.first);
    const edges = page.map((node, index) => ({ node, cursor: cursorOf(skip + index) }));
    return {
      edges,
      totalCount: found.length,
      pageInfo: {
        hasNextPage: skip + page.length < found.length,
        hasPreviousPage: skip > 0,
        startCursor: edges[0]?.cursor ?? null,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    };
  }
}
