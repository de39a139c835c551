import { Field, ObjectType } from '@nestjs/graphql';
import { DocumentModel } from '../content/documents/document.model';
import { ConnectionOf } from '../common/pagination/connection.model';
import { RichTextField } from '../common/rich-text/rich-text.model';

@ObjectType('Faq', { description: 'A question and its answer. One FAQ can appear on several pages, each with its own position.' })
export class FaqModel extends DocumentModel {
  @Field(() => String, { description: 'The question, as a patient would ask it.' })
  question: string;

  @RichTextField({ description: 'The answer.' })
  answer: string;

  @Field(() => [String], { description: 'Free-form tags for grouping ("insurance", "recovery").' })
  tags: string[];
}

export const { Connection: FaqConnection, Edge: FaqEdge } = ConnectionOf(FaqModel, 'Faq', 'FAQ');
