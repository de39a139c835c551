import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DocumentType } from './documents/document-status';
import { KeysetPage, PageRequest, paginateByKeyset } from '../common/pagination/keyset-pagination';
import { Revision } from './revisions/revision.entity';

/** The revision history of documents: the pending draft and every published version. */
@Injectable()
export class RevisionsService {
  constructor(private readonly dataSource: DataSource) {}

  /** A document's revisions, newest first. */
  list(documentType: DocumentType, documentId: string, page: PageRequest): Promise<KeysetPage<Revision>> {
    const query = this.dataSource
      .getRepository(Revision)
      .createQueryBuilder('revision')
      .where('revision.document_type = :type AND revision.document_id = :id', { type: documentType, id: documentId });
    return paginateByKeyset(query, page, { keys: [{ expression: 'revision.created_at', kind: 'timestamp' }], direction: 'DESC' });
  }
}
