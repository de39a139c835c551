import { canonicalCredentials, canonicalZip } from '../../src/common/validation/canonical-values';
import { FhirIdentifierSystems } from '../../src/fhir/fhir-systems';
import { mapFhirBundle } from '../../src/sync/formats/fhir-import.mapper';
import { mapNppesResponse } from '../../src/sync/formats/nppes-import.mapper';
import { nameAsWritten } from '../../src/sync/formats/person-names';
import { checkProviderRecord } from '../../src/sync/sync-records';

describe('NPPES names and credentials', () => {
  it('title-cases names the registry sends in capitals, and keeps mixed-case names', () => {
    expect(nameAsWritten('MARGARET')).toBe('Margaret');
    expect(nameAsWritten("O'DONNELL-HAYES")).toBe("O'Donnell-Hayes");
    expect(nameAsWritten('DE LA CRUZ')).toBe('de la Cruz');
    expect(nameAsWritten('MCDONALD')).toBe('McDonald');
    expect(nameAsWritten('McDonald')).toBe('McDonald');
  });

  it('writes credentials without periods, splitting lists (the credentials rule every path shares)', () => {
    expect(canonicalCredentials('M.D.')).toEqual(['MD']);
    expect(canonicalCredentials('D.O.')).toEqual(['DO']);
    expect(canonicalCredentials('M.D., PH.D.')).toEqual(['MD', 'PhD']);
    expect(canonicalCredentials('APRN, FNP-C')).toEqual(['APRN', 'FNP-C']);
    expect(canonicalCredentials('MD FACP')).toEqual(['MD', 'FACP']);
    expect(canonicalCredentials('M. D.')).toEqual(['MD']);
    expect(canonicalCredentials('pharm.d.')).toEqual(['PharmD']);
  });

  it('reads numbers given as integers, skips organizations and treats "--" as no value', () => {
    const batch = mapNppesResponse({
      result_count: 2,
      results: [
        {
          enumeration_type: 'NPI-1',
          number: 1245319599,
          basic: { first_name: 'ANA', last_name: 'SOTO', name_suffix: '--', credential: 'M.D.', status: 'A' },
          taxonomies: [{ code: '207l00000x', primary: 'true' }],
        },
        { enumeration_type: 'NPI-2', number: '1512349873', basic: { organization_name: 'CLINIC LLC' } },
        'garbage',
      ],
    });
    expect(batch.records).toEqual([
      {
        externalId: '1245319599',
        npi: '1245319599',
        firstName: 'Ana',
        lastName: 'Soto',
        middleName: null,
        prefix: null,
        suffix: null,
        active: true,
        credentials: ['M.D.'],
        specialties: ['207l00000x'],
      },
    ]);
    expect(batch.warnings).toEqual(['results[1] (NPI 1512349873) is an organization; skipped', 'results[2] is not an object; skipped']);
    // The mapper passes the registry's values on; the sync's field rules store them canonical.
    expect(checkProviderRecord(batch.records[0], 0, null)).toMatchObject({ fields: { credentials: ['MD'], specialties: ['207L00000X'] } });
  });
});

const NO_CONFIGURED_SYSTEMS = new FhirIdentifierSystems({ FHIR_IDENTIFIER_SYSTEMS: '' });

describe('FHIR import mapping', () => {
  it('formats nine-digit ZIP codes as ZIP+4 (the ZIP rule every path shares)', () => {
    expect(canonicalZip('405031234')).toBe('40503-1234');
    expect(canonicalZip('40503')).toBe('40503');
  });

  it('takes the external id from an identifier under the source name, else the resource id', () => {
    const batch = mapFhirBundle(
      {
        resourceType: 'Bundle',
        type: 'collection',
        entry: [
          {
            resource: { resourceType: 'Practitioner', id: 'uuid-1', identifier: [{ system: 'ehr', value: 'E-17' }], name: [{ family: 'Lee', given: ['Ann'] }] },
          },
          { resource: { resourceType: 'Practitioner', id: 'uuid-2', name: [{ family: 'Kim', given: ['Bo'], suffix: ['Jr.', 'MD'] }] } },
        ],
      },
      'ehr',
      NO_CONFIGURED_SYSTEMS,
    );
    expect(batch.records).toEqual([
      { externalId: 'E-17', firstName: 'Ann', lastName: 'Lee', middleName: null, prefix: null, suffix: null },
      { externalId: 'uuid-2', firstName: 'Bo', lastName: 'Kim', middleName: null, prefix: null, suffix: 'Jr.', credentials: ['MD'] },
    ]);
  });
  it("recognises the source's identifiers under its configured URI, its URN or its name, as the API and the CLI both call it", () => {
    const practitioner = (id: string, system: string) => ({
      resource: {
        resourceType: 'Practitioner',
        id,
        identifier: [
          { system: 'other', value: `O-${id}` },
          { system, value: `E-${id}` },
        ],
        name: [{ family: 'Lee', given: ['Ann'] }],
      },
    });
    const bundle = {
      resourceType: 'Bundle',
      entry: [
        practitioner('1', 'https://ehr.example.org/sid/provider'),
        practitioner('2', 'ehr'),
        practitioner('3', 'urn:practice-cms:source:ehr'),
        practitioner('4', 'https://elsewhere.example.org/sid'),
      ],
    };
    const configured = new FhirIdentifierSystems({ FHIR_IDENTIFIER_SYSTEMS: 'ehr=https://ehr.example.org/sid/provider' });
    const ids = (systems: FhirIdentifierSystems) => mapFhirBundle(bundle, 'ehr', systems).records.map((record: any) => record.externalId);
    expect(ids(configured)).toEqual(['E-1', 'E-2', '3', '4']);
    // Without the setting, the export's URN for the source is its system.
    expect(ids(NO_CONFIGURED_SYSTEMS)).toEqual(['1', 'E-2', 'E-3', '4']);
  });
});

describe('record validation', () => {
  it('uses the admin rules and reports field paths relative to the record', () => {
    const invalid = checkProviderRecord(
      { externalId: 'X', firstName: 'A', lastName: 'B', npi: '1234567890', specialties: ['208VP0014X', 'bad'], languages: ['en'] },
      4,
      null,
    );
    expect(invalid).toMatchObject({ index: 4, externalId: 'X', errors: [{ path: 'npi' }, { path: 'specialties' }] });
    const valid = checkProviderRecord({ externalId: ' X ', firstName: ' Ann ', lastName: 'Lee', languages: ['EN', 'es-mx', 'en'] }, 0, null);
    expect(valid).toMatchObject({ externalId: 'X', fields: { firstName: 'Ann', lastName: 'Lee', languages: ['en', 'es-MX'], active: true } });
  });
});
