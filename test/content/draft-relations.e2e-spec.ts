import { Role } from '../../src/auth/permissions';
import { dataOf } from '../common/expectations';
import { type EditorialClient } from '../support/editorial-client';
import { useTestApp, signedInClient } from '../support/use-test-app';

describe('relations at stage DRAFT follow the same rules as live ones', () => {
  const app = useTestApp();
  const factory = app.content;
  let editor: EditorialClient;

  beforeAll(async () => {
    editor = await signedInClient(app, Role.EDITOR);
  });

  it('leaves inactive providers off treatment and office pages, live and in drafts alike', async () => {
    const office = await factory.location({ name: 'Rules Office' });
    const active = await factory.provider({ firstName: 'Still', lastName: 'Here' });
    const gone = await factory.provider({ firstName: 'Long', lastName: 'Gone', active: false });
    await factory.providerLocations(active, [office]);
    await factory.providerLocations(gone, [office]);
    const treatment = await factory.treatment({ title: 'Rules Treatment' });
    await factory.treatmentProviders(treatment, [active, gone]);
    // A pending draft: the draft view reads the providers from its snapshot.
    await editor.mutate('updateTreatment', 'UpdateTreatmentInput', {
      id: treatment.id,
      version: treatment.version,
      summary: 'Edited.',
      providers: [{ id: active.id }, { id: gone.id }],
    });

    const names = (providers: { displayName: string }[]) => providers.map((provider) => provider.displayName);
    for (const stage of ['PUBLISHED', 'DRAFT']) {
      const data = dataOf(
        await editor.call(
          `{ treatment(id: "${treatment.id}", stage: ${stage}) { providers { displayName } } location(id: "${office.id}", stage: ${stage}) { providers { displayName } } }`,
        ),
      );
      expect({ stage, treatment: names(data.treatment.providers), office: names(data.location.providers) }).toEqual({
        stage,
        treatment: ['Still Here, MD'],
        office: ['Still Here, MD'],
      });
    }
  });
});
