import { createEditorialResolver } from '../content/editorial-resolver.factory';
import { CreateLocationInput, locationChange, UpdateLocationInput } from './location-editing.inputs';
import { LocationModel } from './location.model';
import { LOCATION_TYPE } from './location.descriptor';

/** Admin mutations for locations (create, update, publish, trash, …). */
export const LocationsEditorialResolver = createEditorialResolver({
  contentType: LOCATION_TYPE,
  model: LocationModel,
  createInput: CreateLocationInput,
  updateInput: UpdateLocationInput,
  toChange: locationChange,
});
