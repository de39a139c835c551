import { type Role } from '../../src/auth/permissions';
import { AccountsFactory } from '../factories/accounts.factory';
import { ContentFactory } from '../factories/content.factory';
import { EditorialClient } from './editorial-client';
import { type AppUnderTest, startTestApp, type TestApp, type TestAppOptions } from './test-app';

export interface UseTestAppOptions extends TestAppOptions {
  /** A fresh app (and database) for every test instead of one for the whole `describe`. */
  eachTest?: boolean;
}

/** The app of the enclosing `describe`, with factories bound to it; usable inside tests and hooks. */
export interface UsedTestApp extends AppUnderTest {
  /** Builds content rows straight into this app's database. */
  readonly content: ContentFactory;
  /** Creates users and API keys in this app's database. */
  readonly accounts: AccountsFactory;
}

type Env = Record<string, string>;

/**
 * Starts the real app before the tests of the enclosing `describe` (or before each, with
 * `{ eachTest: true }`) and closes it after. The returned object is there at once, but its
 * properties read the running app, so use them inside tests and hooks only. `env` may be a
 * function for settings that exist only once an earlier hook has run (a private Redis's URL).
 */
export function useTestApp(env: Env | (() => Env) = {}, options: UseTestAppOptions = {}): UsedTestApp {
  const { eachTest, ...appOptions } = options;
  let current: TestApp | undefined;
  const running = (): TestApp => {
    if (!current) throw new Error('useTestApp: the app runs only inside tests and hooks of the describe that declared it');
    return current;
  };
  const start = async () => {
    current = await startTestApp(typeof env === 'function' ? env() : env, appOptions);
  };
  const stop = async () => {
    const app = current;
    current = undefined;
    await app?.close();
  };
  if (eachTest) {
    beforeEach(start);
    afterEach(stop);
  } else {
    beforeAll(start);
    afterAll(stop);
  }
  const used: UsedTestApp = {
    get running() {
      return running().running;
    },
    get dataSource() {
      return running().dataSource;
    },
    http: () => running().http(),
    graphql: (query, variables, headers) => running().graphql(query, variables, headers),
    content: new ContentFactory(() => running().dataSource),
    accounts: new AccountsFactory(() => running()),
  };
  return used;
}

/** An admin API client signed in through the `login` mutation as a new user with `role`. */
export async function signedInClient(app: Pick<TestApp, 'dataSource' | 'graphql'>, role: Role): Promise<EditorialClient> {
  const user = await new AccountsFactory(app).signedIn(role);
  return new EditorialClient(app, user.headers);
}
