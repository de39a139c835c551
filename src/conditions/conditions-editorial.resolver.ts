import { createEditorialResolver } from '../content/editorial-resolver.factory';
import { conditionChange, CreateConditionInput, UpdateConditionInput } from './condition-editing.inputs';
import { ConditionModel } from './condition.model';
import { CONDITION_TYPE } from './condition.descriptor';

/** Admin mutations for conditions. */
export const ConditionsEditorialResolver = createEditorialResolver({
  contentType: CONDITION_TYPE,
  model: ConditionModel,
  createInput: CreateConditionInput,
  updateInput: UpdateConditionInput,
  toChange: conditionChange,
});
