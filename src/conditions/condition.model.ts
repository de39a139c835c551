import { Field, ObjectType } from '@nestjs/graphql';
import { DocumentModel } from '../content/documents/document.model';
import { ConnectionOf } from '../common/pagination/connection.model';
import { ImageModel } from '../common/images/image.model';
import { RichTextField } from '../common/rich-text/rich-text.model';
import { BodyRegion } from './body-region.enums';

@ObjectType('Condition', { description: 'A condition the practice treats, with its treatments and Q&A.' })
export class ConditionModel extends DocumentModel {
  @Field(() => String, { description: 'Name of the condition ("Complex regional pain syndrome (CRPS)").' })
  name: string;

  @Field(() => [String], { description: 'Other names patients use ("slipped disc").' })
  aliases: string[];

  @Field(() => String, { description: 'One or two plain sentences for cards and search results.' })
  summary: string;

  @RichTextField({ description: 'The main page content.' })
  body: string;

  @Field(() => ImageModel, { nullable: true, description: 'Image illustrating the condition, from the media library.' })
  image: ImageModel | null;

  @Field(() => BodyRegion, { nullable: true, description: 'The part of the body mainly affected.' })
  bodyRegion: BodyRegion | null;

  @Field(() => [String], { description: 'Common signs and symptoms.' })
  symptoms: string[];

  @Field(() => [String], { description: 'ICD-10-CM diagnosis codes (with the dot, e.g. "G90.50").' })
  icd10Codes: string[];
}

export const { Connection: ConditionConnection, Edge: ConditionEdge } = ConnectionOf(ConditionModel, 'Condition', 'condition');
