import { Injectable } from '@nestjs/common';
import { DocumentQueries } from '../common/documents/document-queries';
import { Practice } from './practice.entity';

/** Reads of the practice singleton. */
@Injectable()
export class PracticeService {
  constructor(private readonly documents: DocumentQueries) {}

  findPublished(): Promise<Practice | null> {
    return this.documents.visible(Practice, 'practice').orderBy('practice.created_at').limit(1).getOne();
  }
}
