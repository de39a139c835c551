import { createEditorialResolver } from '../content/editorial-resolver.factory';
import { TREATMENT_TYPE } from '../content/content-types';
import { CreateTreatmentInput, treatmentChange, UpdateTreatmentInput } from './treatment-editing.inputs';
import { TreatmentModel } from './treatment.model';

/** Admin mutations for treatments (create, update, publish, trash, …). */
export const TreatmentsEditorialResolver = createEditorialResolver({
  contentType: TREATMENT_TYPE,
  model: TreatmentModel,
  createInput: CreateTreatmentInput,
  updateInput: UpdateTreatmentInput,
  toChange: treatmentChange,
});
