import { randomBytes } from 'node:crypto';

/**
 * The Redis server tests that need one use: TEST_REDIS_URL (`.ci/run` sets it to the local
 * server). Without it those tests are skipped, saying why.
 */
export function testRedisUrl(): string | undefined {
  return process.env.TEST_REDIS_URL || undefined;
}

/** `describe` when TEST_REDIS_URL is set, else `describe.skip` with the reason printed once. */
export function describeWithRedis(name: string, body: () => void): void {
  if (testRedisUrl()) {
    describe(name, body);
    return;
  }
  console.log(`Skipping "${name}": set TEST_REDIS_URL (e.g. redis://127.0.0.1:6379) to run tests that need Redis.`);
  describe.skip(name, body);
}

/** A key prefix of its own, so that test files sharing one Redis never see each other's keys. */
export function uniqueRedisKeyPrefix(): string {
  return `cms_test_${process.env.CMS_TEST_RUN_ID ?? 'adhoc'}_${randomBytes(4).toString('hex')}:`;
}
