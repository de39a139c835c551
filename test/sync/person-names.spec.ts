import { nameAsWritten, suffixAsWritten } from '../../src/sync/formats/person-names';

describe('names as people write them', () => {
  // Real-world name shapes as registries send them (capitals), and what a directory should show.
  it.each([
    ['MCDONALD', 'McDonald'],
    ['MCGILL-SMITH', 'McGill-Smith'],
    ['MACDONALD', 'MacDonald'],
    ['MACKENZIE', 'MacKenzie'],
    ['MACHADO', 'Machado'],
    ['MACIAS', 'Macias'],
    ['MACK', 'Mack'],
    ['MACE', 'Mace'],
    ["O'CONNOR", "O'Connor"],
    ["D'ANGELO", "D'Angelo"],
    ["O'DONNELL-HAYES", "O'Donnell-Hayes"],
    ['MARY-ANN', 'Mary-Ann'],
    ['VAN DER BERG', 'van der Berg'],
    ['DE LA CRUZ', 'de la Cruz'],
    ['VON TRAPP', 'von Trapp'],
    ['DI MAGGIO', 'di Maggio'],
    ['DE', 'De'],
    ['JEAN PAUL', 'Jean Paul'],
    ['ÉLODIE', 'Élodie'],
    ['ST. JOHN', 'St. John'],
    ['margaret', 'Margaret'],
    ['  ANA   MARIA ', 'Ana Maria'],
  ])('%s → %s', (given, expected) => {
    expect(nameAsWritten(given)).toBe(expected);
  });

  it.each([['McDonald'], ['van Gogh'], ['De La Cruz'], ['MacKay'], ['DeShawn'], ['LaToya']])('keeps the mixed-case spelling %s as given', (given) => {
    expect(nameAsWritten(given)).toBe(given);
  });

  it.each([
    ['JR.', 'Jr.'],
    ['JR', 'Jr.'],
    ['SR.', 'Sr.'],
    ['III', 'III'],
    ['iv', 'IV'],
    ['II.', 'II'],
  ])('suffix %s → %s', (given, expected) => {
    expect(suffixAsWritten(given)).toBe(expected);
  });
});
