import { Injectable } from '@nestjs/common';
import { DocumentSelection } from '../content/loaders/document-selection';
import { DocumentQueries } from '../content/documents/document-queries';
import { Stage } from '../content/documents/document-status';
import { Practice } from './practice.entity';

/** Reads of the practice singleton. */
@Injectable()
export class PracticeService {
  constructor(private readonly documents: DocumentQueries) {}

  async find(stage: Stage = Stage.PUBLISHED, selection?: DocumentSelection): Promise<Practice | null> {
    return this.documents.findFirst(this.documents.visible(Practice, 'practice', stage).orderBy('practice.created_at').limit(1), stage, selection);
  }
}
