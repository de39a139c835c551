/**
 * NPI: 10 digits, starting with 1 or 2, whose last digit is the Luhn check digit computed over
 * the first nine digits prefixed by 80840 (equivalently: Luhn over the nine digits, plus 24).
 */
export function isValidNpi(value: string): boolean {
  if (!/^[12][0-9]{9}$/.test(value)) return false;
  let sum = 24;
  for (let index = 0; index < 9; index++) {
    let digit = Number(value[8 - index]);
    if (index % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  const check = (10 - (sum % 10)) % 10;
  return check === Number(value[9]);
}

/** ICD-10-CM code format (with the dot): validity of the code itself depends on the yearly code file. */
export const ICD10_CM_PATTERN = /^[A-Z][0-9][0-9A-Z](\.[0-9A-Z]{1,4})?$/;

/** An absolute http(s) URL; javascript:, data: and relative URLs are refused. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && Boolean(url.hostname);
  } catch {
    return false;
  }
}
