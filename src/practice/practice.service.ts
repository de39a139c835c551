import { Injectable } from '@nestjs/common';
import { DocumentQueries } from '../common/documents/document-queries';
import { Stage } from '../common/documents/document-status';
import { Practice } from './practice.entity';

/** Reads of the practice singleton. */
@Injectable()
export class PracticeService {
  constructor(private readonly documents: DocumentQueries) {}

  async find(stage: Stage = Stage.PUBLISHED): Promise<Practice | null> {
    return this.documents.presentOne(await this.documents.visible(Practice, 'practice', stage).orderBy('practice.created_at').limit(1).getOne(), stage);
  }
}
