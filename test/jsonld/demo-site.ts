/** The demo practice's website as the JSON-LD, URL and sitemap tests (and the README) configure it. */
export const DEMO_SITE_URL = 'https://www.buxpainmanagement.example';

export const DEMO_SITE_ENV = {
  LOAD_DEMO_CONTENT: 'true',
  SITE_URL: DEMO_SITE_URL,
  SITE_PATHS: 'TREATMENT=/treatments/{slug},CONDITION=/conditions/{slug},PROVIDER=/providers/{slug},LOCATION=/locations/{slug},PRACTICE=/',
};

export const DEMO_OFFICES = ['lexington-office', 'cynthiana-office', 'maysville-office', 'danville-office'];
