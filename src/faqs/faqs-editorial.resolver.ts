import { createEditorialResolver } from '../content/editorial-resolver.factory';
import { CreateFaqInput, faqChange, UpdateFaqInput } from './faq-editing.inputs';
import { FaqModel } from './faq.model';
import { FAQ_TYPE } from './faq.descriptor';

/** Admin mutations for FAQs. */
export const FaqsEditorialResolver = createEditorialResolver({
  contentType: FAQ_TYPE,
  model: FaqModel,
  createInput: CreateFaqInput,
  updateInput: UpdateFaqInput,
  toChange: faqChange,
});
