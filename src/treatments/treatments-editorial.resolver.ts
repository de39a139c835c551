import { createEditorialResolver } from '../content/editorial-resolver.factory';
import { CreateTreatmentInput, treatmentChange, UpdateTreatmentInput } from './treatment-editing.inputs';
import { TreatmentModel } from './treatment.model';
import { TREATMENT_TYPE } from './treatment.descriptor';

/** Admin mutations for treatments (create, update, publish, trash, …). */
export const TreatmentsEditorialResolver = createEditorialResolver({
  contentType: TREATMENT_TYPE,
  model: TreatmentModel,
  createInput: CreateTreatmentInput,
  updateInput: UpdateTreatmentInput,
  toChange: treatmentChange,
});
