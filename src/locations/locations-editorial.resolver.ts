import { createEditorialResolver } from '../content/editorial-resolver.factory';
import { LOCATION_TYPE } from '../content/content-types';
import { CreateLocationInput, locationChange, UpdateLocationInput } from './location-editing.inputs';
import { LocationModel } from './location.model';

/** Admin mutations for locations (create, update, publish, trash, …). */
export const LocationsEditorialResolver = createEditorialResolver({
  contentType: LOCATION_TYPE,
  model: LocationModel,
  createInput: CreateLocationInput,
  updateInput: UpdateLocationInput,
  toChange: locationChange,
});
