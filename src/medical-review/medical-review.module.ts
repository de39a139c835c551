import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module';
import {
  ConditionReviewResolver,
  FaqReviewResolver,
  MedicalReviewFieldsResolver,
  MedicalReviewResolver,
  TreatmentReviewResolver,
} from './medical-review.resolver';
import { MedicalReviewService } from './medical-review.service';

/** Clinical review of treatments, conditions and FAQs: public review fields, the due list and the policy. */
@Module({
  imports: [AuditModule],
  providers: [MedicalReviewService, MedicalReviewResolver, MedicalReviewFieldsResolver, TreatmentReviewResolver, ConditionReviewResolver, FaqReviewResolver],
})
export class MedicalReviewModule {}
