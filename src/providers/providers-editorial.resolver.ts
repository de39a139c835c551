import { createEditorialResolver } from '../content/editorial-resolver.factory';
import { PROVIDER_TYPE } from '../content/content-types';
import { CreateProviderInput, providerChange, UpdateProviderInput } from './provider-editing.inputs';
import { ProviderModel } from './provider.model';

/** Admin mutations for providers (create, update, publish, trash, …). */
export const ProvidersEditorialResolver = createEditorialResolver({
  contentType: PROVIDER_TYPE,
  model: ProviderModel,
  createInput: CreateProviderInput,
  updateInput: UpdateProviderInput,
  toChange: providerChange,
});
