import { registerEnumType } from '@nestjs/graphql';

export enum TreatmentSetting {
  OFFICE = 'OFFICE',
  OUTPATIENT = 'OUTPATIENT',
  INPATIENT = 'INPATIENT',
}

registerEnumType(TreatmentSetting, {
  name: 'TreatmentSetting',
  description: 'Where a procedure takes place.',
  valuesMap: {
    OFFICE: { description: 'In the office, during a regular visit.' },
    OUTPATIENT: { description: 'At an outpatient or ambulatory surgery center; the patient goes home the same day.' },
    INPATIENT: { description: 'In a hospital, with an overnight stay.' },
  },
});

export enum Invasiveness {
  NONINVASIVE = 'NONINVASIVE',
  MINIMALLY_INVASIVE = 'MINIMALLY_INVASIVE',
  SURGICAL = 'SURGICAL',
}

registerEnumType(Invasiveness, {
  name: 'Invasiveness',
  description: 'How invasive a procedure is (maps to schema.org procedure types).',
  valuesMap: {
    NONINVASIVE: { description: 'Nothing enters the body (schema.org NoninvasiveProcedure).' },
    MINIMALLY_INVASIVE: { description: 'Through the skin with a needle or small incision (schema.org PercutaneousProcedure).' },
    SURGICAL: { description: 'An operation (schema.org SurgicalProcedure).' },
  },
});
