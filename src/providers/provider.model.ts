import { Field, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DocumentModel } from '../content/documents/document.model';
import { ConnectionOf } from '../common/pagination/connection.model';
import { RichTextField } from '../common/rich-text/rich-text.model';

export enum EducationKind {
  MEDICAL_SCHOOL = 'MEDICAL_SCHOOL',
  INTERNSHIP = 'INTERNSHIP',
  RESIDENCY = 'RESIDENCY',
  FELLOWSHIP = 'FELLOWSHIP',
  DEGREE = 'DEGREE',
  OTHER = 'OTHER',
}

registerEnumType(EducationKind, {
  name: 'EducationKind',
  description: "Stage of a clinician's training.",
  valuesMap: {
    MEDICAL_SCHOOL: { description: 'Medical or professional school.' },
    INTERNSHIP: { description: 'Internship (first postgraduate year).' },
    RESIDENCY: { description: 'Residency training.' },
    FELLOWSHIP: { description: 'Fellowship (subspecialty) training.' },
    DEGREE: { description: 'Another academic degree.' },
    OTHER: { description: 'Other training.' },
  },
});

@ObjectType('ProviderLicense', { description: 'A license to practice.' })
export class ProviderLicenseModel {
  @Field(() => String, { description: 'The license number.' })
  number: string;

  @Field(() => String, { nullable: true, description: 'The state that issued it ("KY").' })
  state: string | null;

  @Field(() => String, { nullable: true, description: 'The issuing board, when known ("Kentucky Board of Medical Licensure").' })
  issuer: string | null;
}

@ObjectType('Education', { description: "One stage of a provider's education or training." })
export class EducationModel {
  @Field(() => EducationKind, { description: 'Which stage of training.' })
  kind: EducationKind;

  @Field(() => String, { description: 'School, hospital or program.' })
  institution: string;

  @Field(() => String, { nullable: true, description: 'Degree earned ("MD"), when there is one.' })
  degree?: string | null;

  @Field(() => String, { nullable: true, description: 'Field or specialty of the program ("Anesthesiology").' })
  field?: string | null;

  @Field(() => Int, { nullable: true, description: 'Year completed.' })
  graduationYear?: number | null;
}

@ObjectType('Specialty', { description: 'A specialty, as a NUCC Health Care Provider Taxonomy code and its name.' })
export class SpecialtyModel {
  @Field(() => String, { description: 'NUCC taxonomy code ("208VP0014X").' })
  code: string;

  @Field(() => String, { description: 'Name of the specialty ("Interventional Pain Medicine"); the code when the name is not known.' })
  name: string;

  @Field(() => String, { description: 'Code system URI (http://nucc.org/provider-taxonomy).' })
  system: string;
}

@ObjectType('ExternalId', { description: 'An identifier of this record in another system (credentialing, EHR).' })
export class ExternalIdModel {
  @Field(() => String, { description: 'The system that issued the identifier (a URI or name).' })
  system: string;

  @Field(() => String, { description: 'The identifier within that system.' })
  value: string;
}

@ObjectType('Provider', { description: 'A clinician of the practice: physician, nurse practitioner, physician assistant.' })
export class ProviderModel extends DocumentModel {
  @Field(() => String, { nullable: true, description: 'Name prefix ("Dr."), rarely shown.' })
  prefix: string | null;

  @Field(() => String, { description: 'Given name.' })
  firstName: string;

  @Field(() => String, { nullable: true, description: 'Middle name or initial.' })
  middleName: string | null;

  @Field(() => String, { description: 'Family name.' })
  lastName: string;

  @Field(() => String, { nullable: true, description: 'Generational suffix ("Jr.", "III").' })
  suffix: string | null;

  @Field(() => [String], { description: 'Degrees and credentials, in display order ("MD", "PA-C").' })
  credentials: string[];

  @Field(() => String, { description: 'Name as shown on the site: "Anjum Bux, MD".' })
  displayName: string;

  @Field(() => String, { nullable: true, description: 'Role at the practice ("Medical Director").' })
  title: string | null;

  @Field(() => String, { nullable: true, description: 'National Provider Identifier (10 digits).' })
  npi: string | null;

  @Field(() => [SpecialtyModel], { description: 'Specialties, the primary first.' })
  specialties: SpecialtyModel[];

  @Field(() => [String], {
    description: 'What the provider does here, as codes of FHIR\'s practitioner-role code system ("doctor", "nurse"); empty when not recorded.',
  })
  roles: string[];

  @Field(() => [String], { description: 'Board certifications ("American Board of Anesthesiology").' })
  boardCertifications: string[];

  @Field(() => [ProviderLicenseModel], { description: 'Licenses to practice: number, state and issuer.' })
  licenses: ProviderLicenseModel[];

  @Field(() => String, { nullable: true, description: 'Administrative gender as FHIR codes it: male, female, other or unknown.' })
  gender: string | null;

  @Field(() => String, { nullable: true, description: 'Contact email of the provider, when the practice publishes one.' })
  email: string | null;

  @Field(() => String, { nullable: true, description: "The provider's own web page, when the practice publishes one." })
  website: string | null;

  @Field(() => [EducationModel], { description: 'Education and training.' })
  education: EducationModel[];

  @Field(() => Int, { nullable: true, description: 'Year the provider began practicing.' })
  practiceStartYear: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The "more than N years" of experience the practice states when it gives no start year (20 for "more than 20 years").',
  })
  experienceMinimumYears: number | null;

  @Field(() => Int, { nullable: true, description: 'Full years since `practiceStartYear`; null when no start year is known (never estimated).' })
  yearsOfExperience: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Experience in words: "23 years" from `practiceStartYear`, else "More than 20 years" from `experienceMinimumYears`, else null.',
  })
  experienceLabel: string | null;

  @Field(() => [String], { description: 'Languages spoken with patients, as BCP 47 tags ("en", "es").' })
  languages: string[];

  @RichTextField({ description: 'Biography.' })
  bio: string;

  @Field(() => Boolean, { description: 'Whether the provider is accepting new patients.' })
  acceptingNewPatients: boolean;

  @Field(() => String, { nullable: true, description: 'Where patients book with this provider.' })
  bookingUrl: string | null;

  @Field(() => Boolean, { description: 'Whether the provider currently practices here.' })
  active: boolean;
}

export const { Connection: ProviderConnection, Edge: ProviderEdge } = ConnectionOf(ProviderModel, 'Provider', 'provider');
