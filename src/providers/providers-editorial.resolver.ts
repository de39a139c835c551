import { createEditorialResolver } from '../content/editorial-resolver.factory';
import { CreateProviderInput, providerChange, UpdateProviderInput } from './provider-editing.inputs';
import { ProviderModel } from './provider.model';
import { PROVIDER_TYPE } from './provider.descriptor';

/** Admin mutations for providers (create, update, publish, trash, …). */
export const ProvidersEditorialResolver = createEditorialResolver({
  contentType: PROVIDER_TYPE,
  model: ProviderModel,
  createInput: CreateProviderInput,
  updateInput: UpdateProviderInput,
  toChange: providerChange,
});
