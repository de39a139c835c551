import { FAQ_TYPE } from '../content/content-types';
import { createEditorialResolver } from '../content/editorial-resolver.factory';
import { CreateFaqInput, faqChange, UpdateFaqInput } from './faq-editing.inputs';
import { FaqModel } from './faq.model';

/** Admin mutations for FAQs. */
export const FaqsEditorialResolver = createEditorialResolver({
  contentType: FAQ_TYPE,
  model: FaqModel,
  createInput: CreateFaqInput,
  updateInput: UpdateFaqInput,
  toChange: faqChange,
});
