import { Field, ObjectType } from '@nestjs/graphql';
import { DocumentModel } from '../content/documents/document.model';
import { ConnectionOf } from '../common/pagination/connection.model';
import { ImageModel } from '../common/images/image.model';
import { RichTextField } from '../common/rich-text/rich-text.model';
import { Invasiveness, TreatmentSetting } from './treatment.enums';

@ObjectType('ProcedureFacts', { description: 'What a patient should know about how the procedure is done.' })
export class ProcedureFacts {
  @Field(() => TreatmentSetting, { nullable: true, description: 'Where it takes place.' })
  setting: TreatmentSetting | null;

  @Field(() => Invasiveness, { nullable: true, description: 'How invasive it is.' })
  invasiveness: Invasiveness | null;

  @Field(() => String, { nullable: true, description: 'Anesthesia or sedation used ("IV sedation").' })
  anesthesia: string | null;

  @Field(() => String, { nullable: true, description: 'How long the procedure usually takes ("about an hour").' })
  typicalDuration: string | null;

  @RichTextField({ nullable: true, description: 'How to prepare (medications to stop, fasting, a driver home).' })
  preparation: string | null;

  @RichTextField({ nullable: true, description: 'What recovery is like.' })
  recovery: string | null;

  @RichTextField({ nullable: true, description: 'Follow-up visits and care afterwards.' })
  followUp: string | null;

  @RichTextField({ nullable: true, description: 'Risks and possible side effects.' })
  risks: string | null;
}

@ObjectType('Treatment', { description: 'A treatment or procedure the practice offers, with its Q&A, conditions, providers and locations.' })
export class TreatmentModel extends DocumentModel {
  @Field(() => String, { description: 'Name of the treatment ("Intrathecal Therapy").' })
  title: string;

  @Field(() => String, { description: 'One or two plain sentences for cards and search results.' })
  summary: string;

  @RichTextField({ description: 'The main page content.' })
  body: string;

  @Field(() => ImageModel, { nullable: true, description: 'Main image at the top of the page, from the media library.' })
  heroImage: ImageModel | null;

  @Field(() => String, { nullable: true, description: 'Grouping for navigation ("Implanted devices", "Injections").' })
  category: string | null;

  @Field(() => ProcedureFacts, { description: 'Setting, anesthesia, duration, preparation, recovery, follow-up and risks.' })
  procedure: ProcedureFacts;

  @Field(() => [String], { description: 'Benefits, one short statement each.' })
  benefits: string[];

  @Field(() => Boolean, { description: 'Whether a trial (a test dose or temporary device) comes before the full treatment.' })
  trialAvailable: boolean;

  @RichTextField({ nullable: true, description: 'How the trial works, when one is available.' })
  trialDetails: string | null;
}

export const { Connection: TreatmentConnection, Edge: TreatmentEdge } = ConnectionOf(TreatmentModel, 'Treatment', 'treatment');
