import { Module } from '@nestjs/common';
import { SearchResolver } from './search.resolver';
import { SearchService } from './search.service';

/** Site search across the document types (search_documents, kept by triggers from the migrations). */
@Module({ providers: [SearchResolver, SearchService] })
export class SearchModule {}
