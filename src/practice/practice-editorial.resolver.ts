import { createEditorialResolver } from '../content/editorial-resolver.factory';
import { CreatePracticeInput, practiceChange, UpdatePracticeInput } from './practice-editing.inputs';
import { PracticeModel } from './practice.model';
import { PRACTICE_TYPE } from './practice.descriptor';

/** Admin mutations for the practice singleton (no trash: there is always one practice). */
export const PracticeEditorialResolver = createEditorialResolver({
  contentType: PRACTICE_TYPE,
  model: PracticeModel,
  createInput: CreatePracticeInput,
  updateInput: UpdatePracticeInput,
  toChange: practiceChange,
});
