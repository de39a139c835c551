import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsEmail, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateIf, validateSync } from 'class-validator';

/** One origin as a browser sends it (scheme://host[:port]), or `*`; see CORS_ORIGINS. */
const CORS_ORIGIN_ENTRY = String.raw`(?:\*|https?://(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::(?:6553[0-5]|655[0-2]\d|65[0-4]\d\d|6[0-4]\d{3}|[1-5]\d{4}|\d{1,4}))?)`;
const CORS_ORIGINS_PATTERN = new RegExp(`^(?:\\s*${CORS_ORIGIN_ENTRY}\\s*(?:,\\s*${CORS_ORIGIN_ENTRY}\\s*)*)?$`, 'i');

/** true/false (also 1/0, yes/no); anything else is left as given so that @IsBoolean names it. */
function parseBooleanVariable({ value }: { value: unknown }): unknown {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'boolean') return value;
  const text = String(value).toLowerCase();
  if (['true', '1', 'yes'].includes(text)) return true;
  if (['false', '0', 'no'].includes(text)) return false;
  return value;
}
import { IsAddressList, IsTrustProxy } from '../delivery/rate-limit-settings';
import { IsAcceptablePassword } from '../common/validation/password-policy';

/**
 * Every environment variable the app reads, validated once at start. Feature code receives
 * this object through DI and never reads process.env itself.
 */
export class AppConfig {
  /** development shows error details to clients; production and test never do. */
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'production';

  @Transform(({ value }) => (value === undefined || value === '' ? 3000 : Number(value)))
  @IsInt({ message: 'must be an integer between 0 and 65535' })
  @Min(0, { message: 'must be an integer between 0 and 65535' })
  @Max(65535, { message: 'must be an integer between 0 and 65535' })
  PORT = 3000;

  /** Loopback by default, so a demo (whose log shows a password) is not reachable from the network until you say so. */
  @IsString()
  HOST = '127.0.0.1';

  /**
   * The address clients reach the API at (scheme, host, optional port and path prefix), e.g.
   * https://api.example.com: every absolute URL the API builds (FHIR fullUrls) starts with it. The
   * request's Host header is never used. Default http://localhost:PORT.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?(?:\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*)?$/, {
    message: 'must be an http:// or https:// URL without query or fragment, like https://api.example.com',
  })
  PUBLIC_URL?: string;

  /**
   * The public website's address (scheme, host, optional path prefix), e.g. https://www.example.com:
   * with SITE_PATHS it gives every document its `url`, the canonical URL editors left empty, the
   * JSON-LD's `url`s and the sitemap. Unset: documents have no `url` and the sitemap is empty.
   */
  @IsOptional()
  @Matches(/^https?:\/\/[A-Za-z0-9.-]+(?::\d{1,5})?(?:\/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*)?$/, {
    message: 'must be an http:// or https:// URL without query or fragment, like https://www.example.com',
  })
  SITE_URL?: string;

  /** A postgres:// URL. Without it the app runs an embedded PostgreSQL (PGlite) under DATA_DIR. */
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/[^\s]+$/, { message: 'must be a postgres:// or postgresql:// URL' })
  DATABASE_URL?: string;

  @Transform(({ value }) => (value === undefined || value === '' ? 10 : Number(value)))
  @IsInt({ message: 'must be an integer between 1 and 100' })
  @Min(1, { message: 'must be an integer between 1 and 100' })
  @Max(100, { message: 'must be an integer between 1 and 100' })
  DATABASE_POOL_SIZE = 10;

  /**
   * Run the public read path's statements as named prepared statements (planned once per
   * connection). Turn off behind a pooler that cannot keep them (PgBouncer in transaction mode
   * before 1.21). The embedded database never uses them.
   */
  @Transform(({ value }) => (value === undefined ? true : parseBooleanVariable({ value })))
  @IsBoolean({ message: 'must be true or false' })
  DATABASE_PREPARED_STATEMENTS = true;

  /** Where the embedded database keeps its files. */
  @IsString()
  DATA_DIR = './.data';

  /** Load the demo practice into an empty database at start (default: on for the embedded database). */
  @IsOptional()
  @Transform(({ value }) => (value === undefined || value === '' ? undefined : ['1', 'true', 'yes'].includes(String(value).toLowerCase())))
  LOAD_DEMO_CONTENT?: boolean;

  @IsOptional()
  @Matches(/^rediss?:\/\/[^\s]+$/, { message: 'must be a redis:// or rediss:// URL' })
  REDIS_URL?: string;

  /** Prefix of every Redis key the app writes, so that several apps (or test runs) can share one Redis. */
  @IsString()
  @Matches(/^[A-Za-z0-9:_.-]{0,64}$/, { message: 'must be up to 64 letters, digits or ":_.-"' })
  REDIS_KEY_PREFIX = 'cms:';

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /** Signs access and preview tokens (HS256). When unset, a random one is generated once and kept in the database (app_settings), shared by every instance. Sensitive. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  @Matches(/^(?!.*(change-?me|replace-?me|your-?secret|placeholder|example)).*$/i, {
    message: 'is a placeholder from an example: use 32+ random characters (e.g. `openssl rand -hex 32`)',
  })
  JWT_SECRET?: string;

  /** The longest lifetime a preview token may be given, in minutes (tokens last 60 minutes unless asked otherwise). */
  @Transform(({ value }) => (value === undefined || value === '' ? 1440 : Number(value)))
  @IsInt({ message: 'must be an integer between 1 and 43200 (minutes)' })
  @Min(1, { message: 'must be an integer between 1 and 43200 (minutes)' })
  @Max(43200, { message: 'must be an integer between 1 and 43200 (minutes)' })
  PREVIEW_TOKEN_MAX_MINUTES = 1440;

  /** With ADMIN_PASSWORD: the admin account created at start while the database has no user at all. */
  @ValidateIf((config: AppConfig) => config.ADMIN_EMAIL !== undefined || config.ADMIN_PASSWORD !== undefined)
  @IsEmail({}, { message: 'must be an email address (ADMIN_EMAIL and ADMIN_PASSWORD go together)' })
  @MaxLength(320, { message: 'must be at most 320 characters' })
  ADMIN_EMAIL?: string;

  /** Password of the ADMIN_EMAIL account, held to the password policy (12+ characters, not the email, not a common password); only read when that account is created. Sensitive. */
  @ValidateIf((config: AppConfig) => config.ADMIN_EMAIL !== undefined || config.ADMIN_PASSWORD !== undefined)
  @IsString({ message: 'must be set together with ADMIN_EMAIL' })
  @IsAcceptablePassword('ADMIN_EMAIL')
  ADMIN_PASSWORD?: string;

  /** Admins must turn on two-factor sign-in: until they do, they may only set it up (and read `me`). */
  @Transform(({ value }) => (value === undefined ? false : parseBooleanVariable({ value })))
  @IsBoolean({ message: 'must be true or false' })
  REQUIRE_ADMIN_TWO_FACTOR = false;

  /** How long a password reset an admin creates stays usable, in minutes (once). */
  @Transform(({ value }) => (value === undefined || value === '' ? 60 : Number(value)))
  @IsInt({ message: 'must be an integer between 5 and 10080 (minutes)' })
  @Min(5, { message: 'must be an integer between 5 and 10080 (minutes)' })
  @Max(10080, { message: 'must be an integer between 5 and 10080 (minutes)' })
  PASSWORD_RESET_TTL_MINUTES = 60;

  /** The issuer name authenticator apps show next to the account. */
  @IsString()
  @MaxLength(64, { message: 'must be at most 64 characters' })
  TWO_FACTOR_ISSUER = 'Practice CMS';

  /** What `openStatus.label` says for an office that has published no hours. */
  @IsString()
  @MinLength(1, { message: 'must not be empty' })
  @MaxLength(60, { message: 'must be at most 60 characters' })
  HOURS_UNKNOWN_LABEL = 'Call for hours';

  /** How often the scheduler looks for due scheduled publishes and unpublishes. */
  @Transform(({ value }) => (value === undefined || value === '' ? 10000 : Number(value)))
  @IsInt({ message: 'must be an integer between 100 and 60000 (milliseconds)' })
  @Min(100, { message: 'must be an integer between 100 and 60000 (milliseconds)' })
  @Max(60000, { message: 'must be an integer between 100 and 60000 (milliseconds)' })
  SCHEDULER_INTERVAL_MS = 10000;

  /**
   * Origins whose pages may call the API from a browser, comma-separated (`https://www.example.com`,
   * scheme://host[:port], no path). Listed origins may send credentials (Authorization, X-API-Key);
   * `*` lets any other origin make anonymous queries only. Empty: no cross-origin browser access.
   */
  @Matches(CORS_ORIGINS_PATTERN, {
    message:
      'must be a comma-separated list of origins like https://www.example.com (scheme://host[:port], no path or trailing slash), or * for anonymous reads from any origin',
  })
  CORS_ORIGINS = '';

  /** The GraphiQL IDE at GET /graphql for browsers (default: on, except with NODE_ENV=production on a DATABASE_URL server). */
  @IsOptional()
  @Transform(parseBooleanVariable)
  @IsBoolean({ message: 'must be true or false' })
  GRAPHQL_IDE?: boolean = undefined;

  /** Schema introspection (__schema, __type) for anonymous requests; requests with a credential may always introspect. */
  @Transform(({ value }) => (value === undefined ? true : parseBooleanVariable({ value })))
  @IsBoolean({ message: 'must be true or false' })
  GRAPHQL_INTROSPECTION = true;

  /**
   * Read operations are compiled (graphql-jit) once graphql-js has served them this many times,
   * and run compiled from then on; 0 compiles at the first request. See
   * src/common/graphql/compiled-execution.plugin.ts.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? 2 : Number(value)))
  @IsInt({ message: 'must be an integer between 0 and 1000000 (executions before compiling)' })
  @Min(0, { message: 'must be an integer between 0 and 1000000 (executions before compiling)' })
  @Max(1000000, { message: 'must be an integer between 0 and 1000000 (executions before compiling)' })
  GRAPHQL_COMPILE_AFTER = 2;

  /** Compiled operations kept in memory, least recently used dropped first; 0 never compiles (graphql-js runs every operation). */
  @Transform(({ value }) => (value === undefined || value === '' ? 500 : Number(value)))
  @IsInt({ message: 'must be an integer between 0 and 100000' })
  @Min(0, { message: 'must be an integer between 0 and 100000' })
  @Max(100000, { message: 'must be an integer between 0 and 100000' })
  GRAPHQL_COMPILED_MAX = 500;

  /** CORS_ORIGINS as browsers send them (lowercase, no default port); `*` stays `*`. */
  get corsOrigins(): string[] {
    return this.CORS_ORIGINS.split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '')
      .map((entry) => (entry === '*' ? entry : new URL(entry).origin));
  }

  /** The IDE is for people trying the API: on in development, tests and the embedded demo. */
  get graphqlIdeEnabled(): boolean {
    return this.GRAPHQL_IDE ?? (this.NODE_ENV !== 'production' || this.usesEmbeddedDatabase);
  }

  // HTTP caching and the response cache (src/cache/). Only anonymous PUBLISHED query responses
  // without errors are public; fields such as `openNow` lower the max-age below these defaults.

  /** `max-age` of public GraphQL responses (browsers), and how long the response cache keeps them. */
  @Transform(({ value }) => (value === undefined || value === '' ? 60 : Number(value)))
  @IsInt({ message: 'must be an integer between 0 and 86400 (seconds)' })
  @Min(0, { message: 'must be an integer between 0 and 86400 (seconds)' })
  @Max(86400, { message: 'must be an integer between 0 and 86400 (seconds)' })
  CACHE_MAX_AGE_SECONDS = 60;

  /** `s-maxage` of public GraphQL responses: how long a CDN or proxy may keep them. */
  @Transform(({ value }) => (value === undefined || value === '' ? 60 : Number(value)))
  @IsInt({ message: 'must be an integer between 0 and 86400 (seconds)' })
  @Min(0, { message: 'must be an integer between 0 and 86400 (seconds)' })
  @Max(86400, { message: 'must be an integer between 0 and 86400 (seconds)' })
  CACHE_S_MAXAGE_SECONDS = 60;

  /** `stale-while-revalidate` of public GraphQL responses (left out for answers that change at a known time, such as `openNow`). */
  @Transform(({ value }) => (value === undefined || value === '' ? 30 : Number(value)))
  @IsInt({ message: 'must be an integer between 0 and 86400 (seconds)' })
  @Min(0, { message: 'must be an integer between 0 and 86400 (seconds)' })
  @Max(86400, { message: 'must be an integer between 0 and 86400 (seconds)' })
  CACHE_STALE_WHILE_REVALIDATE_SECONDS = 30;

  /** The whole-response cache for public GraphQL responses: in-process, or in Redis when REDIS_URL is set. */
  @IsIn(['on', 'off'], { message: 'must be "on" or "off"' })
  RESPONSE_CACHE: 'on' | 'off' = 'on';

  /** Memory the in-process response cache may use (least recently used entries go first); not used with Redis. */
  @Transform(({ value }) => (value === undefined || value === '' ? 64 * 1024 * 1024 : Number(value)))
  @IsInt({ message: 'must be an integer number of bytes between 1048576 (1 MiB) and 4294967296 (4 GiB)' })
  @Min(1024 * 1024, { message: 'must be an integer number of bytes between 1048576 (1 MiB) and 4294967296 (4 GiB)' })
  @Max(4 * 1024 * 1024 * 1024, { message: 'must be an integer number of bytes between 1048576 (1 MiB) and 4294967296 (4 GiB)' })
  RESPONSE_CACHE_MAX_BYTES = 64 * 1024 * 1024;

  // Rate limits and the client IP (src/delivery/rate-limit.ts; README "Rate limits").

  /** `on` limits requests per client IP and per credential; `off` leaves limiting to something in front of the app. */
  @IsIn(['on', 'off'], { message: 'must be on or off' })
  RATE_LIMIT: 'on' | 'off' = 'on';

  /** Requests a minute per client IP without a valid credential (/graphql and /fhir; /health is not limited). */
  @Transform(({ value }) => (value === undefined || value === '' ? 1200 : Number(value)))
  @IsInt({ message: 'must be an integer between 1 and 1000000' })
  @Min(1, { message: 'must be an integer between 1 and 1000000' })
  @Max(1_000_000, { message: 'must be an integer between 1 and 1000000' })
  RATE_LIMIT_ANONYMOUS_PER_MINUTE = 1200;

  /** Mutations (sign-in, token refresh, logout, …) a minute per client IP without a valid credential; they count in the requests too. */
  @Transform(({ value }) => (value === undefined || value === '' ? 30 : Number(value)))
  @IsInt({ message: 'must be an integer between 1 and 1000000' })
  @Min(1, { message: 'must be an integer between 1 and 1000000' })
  @Max(1_000_000, { message: 'must be an integer between 1 and 1000000' })
  RATE_LIMIT_MUTATIONS_PER_MINUTE = 30;

  /** Requests a minute per verified credential (a user's token, an API key, a preview token), whatever its IP. */
  @Transform(({ value }) => (value === undefined || value === '' ? 6000 : Number(value)))
  @IsInt({ message: 'must be an integer between 1 and 1000000' })
  @Min(1, { message: 'must be an integer between 1 and 1000000' })
  @Max(1_000_000, { message: 'must be an integer between 1 and 1000000' })
  RATE_LIMIT_AUTHENTICATED_PER_MINUTE = 6000;

  /** Mutations a minute per verified credential; they count in its requests too. */
  @Transform(({ value }) => (value === undefined || value === '' ? 600 : Number(value)))
  @IsInt({ message: 'must be an integer between 1 and 1000000' })
  @Min(1, { message: 'must be an integer between 1 and 1000000' })
  @Max(1_000_000, { message: 'must be an integer between 1 and 1000000' })
  RATE_LIMIT_AUTHENTICATED_MUTATIONS_PER_MINUTE = 600;

  /** Client IPs and CIDR ranges never rate limited, comma-separated (a frontend's render servers; the bench's 127.0.0.1). Empty by default: loopback is not exempt. */
  @IsAddressList({ message: 'must be comma-separated IP addresses or CIDR ranges, e.g. 127.0.0.1,10.0.0.0/8' })
  RATE_LIMIT_ALLOW = '';

  /** Whose X-Forwarded-For to believe for the client IP: false (default), true (any peer: only behind a proxy that overwrites it), or the proxies' IPs/CIDRs. */
  @IsTrustProxy({ message: 'must be false, true, or comma-separated proxy IP addresses or CIDR ranges (or loopback, linklocal, uniquelocal)' })
  TRUST_PROXY = 'false';

  // Sign-in limits and sessions (src/auth/; README "Security").

  /** Sign-in attempts a 15-minute window per account from addresses it never signed in from (its known addresses only meet the per-address-and-account limit). */
  @Transform(({ value }) => (value === undefined || value === '' ? 10 : Number(value)))
  @IsInt({ message: 'must be an integer between 1 and 1000000' })
  @Min(1, { message: 'must be an integer between 1 and 1000000' })
  @Max(1_000_000, { message: 'must be an integer between 1 and 1000000' })
  LOGIN_ATTEMPTS_PER_ACCOUNT = 10;

  /** Failed sign-ins, refreshes and API keys a 15-minute window per client IP, across accounts (successes give their attempt back). */
  @Transform(({ value }) => (value === undefined || value === '' ? 20 : Number(value)))
  @IsInt({ message: 'must be an integer between 1 and 1000000' })
  @Min(1, { message: 'must be an integer between 1 and 1000000' })
  @Max(1_000_000, { message: 'must be an integer between 1 and 1000000' })
  LOGIN_ATTEMPTS_PER_ADDRESS = 20;

  /** How long an instance trusts what it read about a session (user, role, session version); ending sessions on another instance without Redis shows within this time. */
  @Transform(({ value }) => (value === undefined || value === '' ? 5 : Number(value)))
  @IsInt({ message: 'must be an integer between 0 and 60 (seconds)' })
  @Min(0, { message: 'must be an integer between 0 and 60 (seconds)' })
  @Max(60, { message: 'must be an integer between 0 and 60 (seconds)' })
  SESSION_CHECK_CACHE_SECONDS = 5;

  /** A replaced refresh token presented again this soon, from the client it was replaced for, gets the same successor instead of ending the session. */
  @Transform(({ value }) => (value === undefined || value === '' ? 20 : Number(value)))
  @IsInt({ message: 'must be an integer between 0 and 300 (seconds)' })
  @Min(0, { message: 'must be an integer between 0 and 300 (seconds)' })
  @Max(300, { message: 'must be an integer between 0 and 300 (seconds)' })
  REFRESH_TOKEN_REUSE_GRACE_SECONDS = 20;

  // Query limits, checked before a GraphQL operation executes (src/delivery/query-limits.ts).

  /** Deepest nesting of fields an operation may select (introspection excluded). */
  @Transform(({ value }) => (value === undefined || value === '' ? 12 : Number(value)))
  @IsInt({ message: 'must be an integer between 1 and 1000' })
  @Min(1, { message: 'must be an integer between 1 and 1000' })
  @Max(1000, { message: 'must be an integer between 1 and 1000' })
  QUERY_MAX_DEPTH = 12;

  /** Aliases an operation may use, counted through its fragments. */
  @Transform(({ value }) => (value === undefined || value === '' ? 20 : Number(value)))
  @IsInt({ message: 'must be an integer between 0 and 100000' })
  @Min(0, { message: 'must be an integer between 0 and 100000' })
  @Max(100000, { message: 'must be an integer between 0 and 100000' })
  QUERY_MAX_ALIASES = 20;

  /** Tokens a query document may have; the parser stops at the first one over, for everyone. */
  @Transform(({ value }) => (value === undefined || value === '' ? 1000 : Number(value)))
  @IsInt({ message: 'must be an integer between 100 and 100000' })
  @Min(100, { message: 'must be an integer between 100 and 100000' })
  @Max(100000, { message: 'must be an integer between 100 and 100000' })
  QUERY_MAX_TOKENS = 1000;

  /** Directives (@include, @skip, …) an operation may use, counted through its fragments. */
  @Transform(({ value }) => (value === undefined || value === '' ? 20 : Number(value)))
  @IsInt({ message: 'must be an integer between 0 and 100000' })
  @Min(0, { message: 'must be an integer between 0 and 100000' })
  @Max(100000, { message: 'must be an integer between 0 and 100000' })
  QUERY_MAX_DIRECTIVES = 20;

  /** Estimated cost an operation may have: each field costs 1, and a list multiplies what it selects (a connection by `first`, a plain list by 20). */
  @Transform(({ value }) => (value === undefined || value === '' ? 50000 : Number(value)))
  @IsInt({ message: 'must be an integer between 1 and 1000000000' })
  @Min(1, { message: 'must be an integer between 1 and 1000000000' })
  @Max(1_000_000_000, { message: 'must be an integer between 1 and 1000000000' })
  QUERY_MAX_COST = 50000;

  /** Requests signed in as an ADMIN user get this many times the depth, alias, directive and cost limits (not the token limit). */
  @Transform(({ value }) => (value === undefined || value === '' ? 10 : Number(value)))
  @IsInt({ message: 'must be an integer between 1 and 1000' })
  @Min(1, { message: 'must be an integer between 1 and 1000' })
  @Max(1000, { message: 'must be an integer between 1 and 1000' })
  QUERY_ADMIN_LIMIT_MULTIPLIER = 10;

  // Timeouts (0 turns one off). Set on every pooled connection of the app; the CLI scripts run without them.

  /** PostgreSQL statement_timeout: a statement running longer is cancelled. */
  @Transform(({ value }) => (value === undefined || value === '' ? 10000 : Number(value)))
  @IsInt({ message: 'must be an integer between 0 and 3600000 (milliseconds, 0 = off)' })
  @Min(0, { message: 'must be an integer between 0 and 3600000 (milliseconds, 0 = off)' })
  @Max(3_600_000, { message: 'must be an integer between 0 and 3600000 (milliseconds, 0 = off)' })
  DB_STATEMENT_TIMEOUT_MS = 10000;

  /** PostgreSQL lock_timeout: a statement waiting longer for a lock (a row another change holds) is cancelled. */
  @Transform(({ value }) => (value === undefined || value === '' ? 5000 : Number(value)))
  @IsInt({ message: 'must be an integer between 0 and 3600000 (milliseconds, 0 = off)' })
  @Min(0, { message: 'must be an integer between 0 and 3600000 (milliseconds, 0 = off)' })
  @Max(3_600_000, { message: 'must be an integer between 0 and 3600000 (milliseconds, 0 = off)' })
  DB_LOCK_TIMEOUT_MS = 5000;

  /** PostgreSQL idle_in_transaction_session_timeout: a session idle inside a transaction this long is closed by the server. */
  @Transform(({ value }) => (value === undefined || value === '' ? 30000 : Number(value)))
  @IsInt({ message: 'must be an integer between 0 and 3600000 (milliseconds, 0 = off)' })
  @Min(0, { message: 'must be an integer between 0 and 3600000 (milliseconds, 0 = off)' })
  @Max(3_600_000, { message: 'must be an integer between 0 and 3600000 (milliseconds, 0 = off)' })
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS = 30000;

  /** How long a request waits for a free pooled connection (or for a new one to connect). */
  @Transform(({ value }) => (value === undefined || value === '' ? 5000 : Number(value)))
  @IsInt({ message: 'must be an integer between 0 and 3600000 (milliseconds, 0 = off)' })
  @Min(0, { message: 'must be an integer between 0 and 3600000 (milliseconds, 0 = off)' })
  @Max(3_600_000, { message: 'must be an integer between 0 and 3600000 (milliseconds, 0 = off)' })
  DB_POOL_ACQUIRE_TIMEOUT_MS = 5000;

  /** The whole HTTP request, from its arrival to the response; a late one is answered 503 with code TIMEOUT. */
  @Transform(({ value }) => (value === undefined || value === '' ? 30000 : Number(value)))
  @IsInt({ message: 'must be an integer between 0 and 3600000 (milliseconds, 0 = off)' })
  @Min(0, { message: 'must be an integer between 0 and 3600000 (milliseconds, 0 = off)' })
  @Max(3_600_000, { message: 'must be an integer between 0 and 3600000 (milliseconds, 0 = off)' })
  REQUEST_TIMEOUT_MS = 30000;

  /** How long /health waits for the database before it reports it unavailable. */
  @Transform(({ value }) => (value === undefined || value === '' ? 1000 : Number(value)))
  @IsInt({ message: 'must be an integer between 50 and 60000 (milliseconds)' })
  @Min(50, { message: 'must be an integer between 50 and 60000 (milliseconds)' })
  @Max(60000, { message: 'must be an integer between 50 and 60000 (milliseconds)' })
  HEALTH_TIMEOUT_MS = 1000;

  /** PUBLIC_URL without a trailing slash, so that paths can be appended. */
  // Media library (src/assets/; README "Images").

  /** Largest upload accepted, in bytes (default 10 MB); larger ones are refused before they are read whole. */
  @Transform(({ value }) => (value === undefined || value === '' ? 10 * 1024 * 1024 : Number(value)))
  @IsInt({ message: 'must be an integer between 1024 and 104857600 (bytes)' })
  @Min(1024, { message: 'must be an integer between 1024 and 104857600 (bytes)' })
  @Max(100 * 1024 * 1024, { message: 'must be an integer between 1024 and 104857600 (bytes)' })
  ASSET_MAX_BYTES = 10 * 1024 * 1024;

  /** Most pixels (width × height) an uploaded image may have (default 40 megapixels): a small file that decodes to a huge bitmap is refused. */
  @Transform(({ value }) => (value === undefined || value === '' ? 40_000_000 : Number(value)))
  @IsInt({ message: 'must be an integer between 10000 and 268402689' })
  @Min(10_000, { message: 'must be an integer between 10000 and 268402689' })
  @Max(268_402_689, { message: 'must be an integer between 10000 and 268402689' })
  ASSET_MAX_PIXELS = 40_000_000;

  /**
   * Renditions (sizes, formats, qualities) made per image at most; past it, new ones are refused.
   * Anyone may ask the public API for signed URLs, so this bounds the work one image can cause.
   */
  @Transform(({ value }) => (value === undefined || value === '' ? 200 : Number(value)))
  @IsInt({ message: 'must be an integer between 1 and 10000' })
  @Min(1, { message: 'must be an integer between 1 and 10000' })
  @Max(10_000, { message: 'must be an integer between 1 and 10000' })
  ASSET_MAX_RENDITIONS = 200;

  /** Signs rendition URLs; when unset, a key derived from the token signing secret (JWT_SECRET or the generated one). Sensitive. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  ASSET_URL_SECRET?: string;

  /** With S3_BUCKET set, assets are kept in S3-compatible storage instead of DATA_DIR/assets. */
  @IsOptional()
  @Matches(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, { message: 'must be an S3 bucket name (3 to 63 lowercase letters, digits, dots, hyphens)' })
  S3_BUCKET?: string;

  /** Endpoint of an S3-compatible service (MinIO, R2, …); AWS S3 itself when unset. */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s]+$/, { message: 'must be an http:// or https:// URL' })
  S3_ENDPOINT?: string;

  @IsString()
  S3_REGION = 'us-east-1';

  /** Access key of the bucket; the SDK's default credential chain when unset. */
  @IsOptional()
  @IsString()
  S3_ACCESS_KEY_ID?: string;

  /** Secret of S3_ACCESS_KEY_ID. Sensitive. */
  @IsOptional()
  @IsString()
  S3_SECRET_ACCESS_KEY?: string;

  /** Address buckets as a path (endpoint/bucket/key), as most S3-compatible servers want (default true with S3_ENDPOINT). */
  @IsOptional()
  @Transform(parseBooleanVariable)
  @IsBoolean({ message: 'must be true or false' })
  S3_FORCE_PATH_STYLE?: boolean;

  get publicUrl(): string {
    return (this.PUBLIC_URL ?? `http://localhost:${this.PORT}`).replace(/\/+$/, '');
  }

  // Webhooks (src/webhooks/; README "Webhooks"). Outbox events are delivered by every instance.

  /** Allow plain http:// webhook targets (https only by default). */
  @Transform(({ value }) => (value === undefined ? false : parseBooleanVariable({ value })))
  @IsBoolean({ message: 'must be true or false' })
  WEBHOOK_ALLOW_HTTP = false;

  /** Allow webhook targets on loopback, private, link-local, CGNAT, multicast and cloud-metadata addresses (tests, intranets). */
  @Transform(({ value }) => (value === undefined ? false : parseBooleanVariable({ value })))
  @IsBoolean({ message: 'must be true or false' })
  WEBHOOK_ALLOW_PRIVATE_TARGETS = false;

  /** DNS servers that resolve webhook target hosts, comma-separated `ip[:port]` (default: the system resolver). */
  @Matches(/^(?:\s*[0-9a-fA-F:.[\]]+(?::\d{1,5})?\s*(?:,\s*[0-9a-fA-F:.[\]]+(?::\d{1,5})?\s*)*)?$/, {
    message: 'must be comma-separated DNS server addresses, e.g. 10.0.0.2 or 10.0.0.2:53',
  })
  WEBHOOK_DNS_SERVERS = '';

  /** Longest time one webhook delivery attempt may take, connection to last byte. */
  @Transform(({ value }) => (value === undefined || value === '' ? 10000 : Number(value)))
  @IsInt({ message: 'must be an integer between 100 and 60000 (milliseconds)' })
  @Min(100, { message: 'must be an integer between 100 and 60000 (milliseconds)' })
  @Max(60000, { message: 'must be an integer between 100 and 60000 (milliseconds)' })
  WEBHOOK_TIMEOUT_MS = 10000;

  /** Attempts per webhook delivery before it is marked failed (12 with the default backoff spread over about 17 hours). */
  @Transform(({ value }) => (value === undefined || value === '' ? 12 : Number(value)))
  @IsInt({ message: 'must be an integer between 1 and 30' })
  @Min(1, { message: 'must be an integer between 1 and 30' })
  @Max(30, { message: 'must be an integer between 1 and 30' })
  WEBHOOK_MAX_ATTEMPTS = 12;

  /** Wait before the first retry; each further retry waits twice as long (±25% jitter). */
  @Transform(({ value }) => (value === undefined || value === '' ? 30000 : Number(value)))
  @IsInt({ message: 'must be an integer between 1 and 3600000 (milliseconds)' })
  @Min(1, { message: 'must be an integer between 1 and 3600000 (milliseconds)' })
  @Max(3_600_000, { message: 'must be an integer between 1 and 3600000 (milliseconds)' })
  WEBHOOK_RETRY_BASE_MS = 30000;

  /** Consecutive failed deliveries after which a subscription is disabled (with an audit entry). */
  @Transform(({ value }) => (value === undefined || value === '' ? 5 : Number(value)))
  @IsInt({ message: 'must be an integer between 1 and 1000' })
  @Min(1, { message: 'must be an integer between 1 and 1000' })
  @Max(1000, { message: 'must be an integer between 1 and 1000' })
  WEBHOOK_DISABLE_AFTER_FAILURES = 5;

  /** How often the outbox dispatcher looks for work when nothing woke it (LISTEN/NOTIFY wakes it at once on a PostgreSQL server). */
  @Transform(({ value }) => (value === undefined || value === '' ? 2000 : Number(value)))
  @IsInt({ message: 'must be an integer between 10 and 60000 (milliseconds)' })
  @Min(10, { message: 'must be an integer between 10 and 60000 (milliseconds)' })
  @Max(60000, { message: 'must be an integer between 10 and 60000 (milliseconds)' })
  WEBHOOK_POLL_INTERVAL_MS = 2000;

  /** Webhook requests one instance keeps in flight at once. */
  @Transform(({ value }) => (value === undefined || value === '' ? 8 : Number(value)))
  @IsInt({ message: 'must be an integer between 1 and 100' })
  @Min(1, { message: 'must be an integer between 1 and 100' })
  @Max(100, { message: 'must be an integer between 1 and 100' })
  WEBHOOK_CONCURRENCY = 8;

  /** Processed outbox events are deleted after this many hours. */
  @Transform(({ value }) => (value === undefined || value === '' ? 168 : Number(value)))
  @IsInt({ message: 'must be an integer between 1 and 87600 (hours)' })
  @Min(1, { message: 'must be an integer between 1 and 87600 (hours)' })
  @Max(87600, { message: 'must be an integer between 1 and 87600 (hours)' })
  OUTBOX_RETENTION_HOURS = 168;

  /** Finished webhook deliveries and their attempts are deleted after this many days. */
  @Transform(({ value }) => (value === undefined || value === '' ? 30 : Number(value)))
  @IsInt({ message: 'must be an integer between 1 and 3650 (days)' })
  @Min(1, { message: 'must be an integer between 1 and 3650 (days)' })
  @Max(3650, { message: 'must be an integer between 1 and 3650 (days)' })
  WEBHOOK_LOG_RETENTION_DAYS = 30;

  /** Encrypts webhook signing secrets and extra headers at rest (32+ characters). When unset, a random key is generated once and kept in the database (app_settings). Sensitive. */
  @IsOptional()
  @IsString()
  @MinLength(32, { message: 'must be at least 32 characters' })
  WEBHOOK_SECRET_KEY?: string = undefined;

  /**
   * Where each document type lives on the public site, for the `paths` of webhook events and,
   * under SITE_URL, documents' `url`s and the sitemap:
   * `TYPE=/path/{slug}` pairs, comma-separated (e.g. `TREATMENT=/treatments/{slug},PRACTICE=/`).
   * Types left out get no paths.
   */
  @Matches(
    /^(?:\s*(?:TREATMENT|CONDITION|FAQ|LOCATION|PROVIDER|PRACTICE|NOTICE)=\/[^,\s]*\s*(?:,\s*(?:TREATMENT|CONDITION|FAQ|LOCATION|PROVIDER|PRACTICE|NOTICE)=\/[^,\s]*\s*)*)?$/,
    {
      message: 'must be comma-separated TYPE=/path/{slug} pairs, e.g. TREATMENT=/treatments/{slug},PRACTICE=/',
    },
  )
  @Matches(/^(?:[^,]*\bPRACTICE=[^,]*|[^,=]*=[^,]*\{slug\}[^,]*)?(?:,(?:[^,]*\bPRACTICE=[^,]*|[^,=]*=[^,]*\{slug\}[^,]*))*$/, {
    message: 'must give every type but PRACTICE a path with {slug}, e.g. TREATMENT=/treatments/{slug}',
  })
  SITE_PATHS = '';

  /** URLs per sitemap file; past it, /sitemap.xml is an index of /sitemap-<n>.xml files (the protocol allows 50,000). */
  @Transform(({ value }) => (value === undefined || value === '' ? 50000 : Number(value)))
  @IsInt({ message: 'must be an integer between 1 and 50000' })
  @Min(1, { message: 'must be an integer between 1 and 50000' })
  @Max(50000, { message: 'must be an integer between 1 and 50000' })
  SITEMAP_MAX_URLS = 50000;

  /** SITE_URL without a trailing slash, or null when the site's address is not configured. */
  get siteUrl(): string | null {
    return this.SITE_URL ? this.SITE_URL.replace(/\/+$/, '') : null;
  }

  /** SITE_PATHS as a map from document type to path template. */
  get sitePaths(): Map<string, string> {
    return new Map(
      this.SITE_PATHS.split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== '')
        .map((entry) => entry.split('=', 2) as [string, string]),
    );
  }

  get isDevelopment(): boolean {
    return this.NODE_ENV === 'development';
  }

  // FHIR read API (src/fhir; README "FHIR").

  /**
   * Identifier systems of sync sources as absolute URIs in the FHIR export, comma-separated
   * `source=uri` pairs ("credentialing=https://example.org/fhir/sid/credentialing"). A source not
   * listed is exported as `urn:practice-cms:source:<name>` (a name that is already a URI as itself).
   */
  @Matches(/^(\s*[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}\s*=\s*[a-z][a-z0-9+.-]*:\S+\s*(,\s*[A-Za-z0-9][A-Za-z0-9._:/-]{0,99}\s*=\s*[a-z][a-z0-9+.-]*:\S+\s*)*)?$/i, {
    message: 'must be comma-separated source=URI pairs, e.g. credentialing=https://example.org/fhir/sid/credentialing',
  })
  FHIR_IDENTIFIER_SYSTEMS = '';

  get usesEmbeddedDatabase(): boolean {
    return !this.DATABASE_URL;
  }

  get shouldLoadDemoContent(): boolean {
    return this.LOAD_DEMO_CONTENT ?? this.usesEmbeddedDatabase;
  }
}

export class ConfigurationError extends Error {}

/** Validates the environment; the error message is one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw: Record<string, unknown> = {};
  for (const key of [...known, 'PUBLIC_URL', 'SITE_URL', 'DATABASE_URL', 'REDIS_URL', 'LOAD_DEMO_CONTENT', 'JWT_SECRET', 'ADMIN_EMAIL', 'ADMIN_PASSWORD']) {
    if (env[key] !== undefined && env[key] !== '') raw[key] = env[key];
  }
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const errors = validateSync(config, { whitelist: false });
  if (errors.length > 0) {
    const first = errors[0];
    const message = Object.values(first.constraints ?? {})[0] ?? 'is invalid';
    const shown = /URL|SECRET|PASSWORD/.test(first.property) ? '' : ` (got "${String(raw[first.property])}")`;
    throw new ConfigurationError(`Invalid configuration: ${first.property} ${message.replace(new RegExp(`^${first.property}\\s*`), '')}${shown}`);
  }
  return config;
}
