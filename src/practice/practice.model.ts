import { Field, ObjectType } from '@nestjs/graphql';
import { DocumentModel } from '../content/documents/document.model';
import { PhoneNumber } from '../common/phone';
import { ImageModel } from '../common/images/image.model';
import { RichTextField } from '../common/rich-text/rich-text.model';

@ObjectType('SocialProfile', { description: 'A profile of the practice on a social network or directory.' })
export class SocialProfileModel {
  @Field(() => String, { description: 'The network ("facebook", "linkedin", "google").' })
  network: string;

  @Field(() => String, { description: 'Address of the profile.' })
  url: string;
}

@ObjectType('Practice', { description: 'The practice as a whole: name, contact, and the practice-wide FAQs.' })
export class PracticeModel extends DocumentModel {
  @Field(() => String, { description: 'Name of the practice.' })
  name: string;

  @RichTextField({ description: 'About the practice.' })
  description: string;

  @Field(() => ImageModel, { nullable: true, description: "The practice's logo, from the media library." })
  logo: ImageModel | null;

  @Field(() => PhoneNumber, { nullable: true, description: 'Main phone number.' })
  mainPhone: PhoneNumber | null;

  @Field(() => String, { nullable: true, description: "The practice's organization NPI (type 2, 10 digits)." })
  npi: string | null;

  @Field(() => String, { nullable: true, description: 'Website address.' })
  website: string | null;

  @Field(() => String, { nullable: true, description: 'Where patients request an appointment.' })
  bookingUrl: string | null;

  @Field(() => [SocialProfileModel], { description: 'Profiles on social networks and directories.' })
  socialProfiles: SocialProfileModel[];

  @Field(() => String, { nullable: true, description: 'The specialty in words ("Interventional pain management").' })
  specialty: string | null;
}
