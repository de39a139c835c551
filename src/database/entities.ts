import { SlugHistoryEntry } from '../common/slugs/slug-history.entity';
import { Condition } from '../conditions/condition.entity';
import { Faq, FaqPlacement } from '../faqs/faq.entity';
import { Location } from '../locations/location.entity';
import { Practice } from '../practice/practice.entity';
import { Provider, ProviderExternalId, ProviderLocation } from '../providers/provider.entity';
import { Revision } from '../revisions/revision.entity';
import { RelatedTreatment, Treatment, TreatmentCondition, TreatmentLocation, TreatmentProvider } from '../treatments/treatment.entity';

/** Every entity the DataSource knows; the migrations must match them exactly. */
export const ENTITIES = [
  Treatment,
  TreatmentCondition,
  TreatmentProvider,
  TreatmentLocation,
  RelatedTreatment,
  Condition,
  Faq,
  FaqPlacement,
  Location,
  Provider,
  ProviderExternalId,
  ProviderLocation,
  Practice,
  SlugHistoryEntry,
  Revision,
];
