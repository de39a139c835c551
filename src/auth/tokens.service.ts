import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { AppError, ErrorCode } from '../common/errors/app-error';
import { Role } from './permissions';
import { SIGNING_SECRET } from './signing-secret';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

/** Every token names us as its issuer and our API as its audience, so a token minted for something else with the same key is refused. */
export const TOKEN_ISSUER = 'practice-cms';
export const TOKEN_AUDIENCE = 'practice-cms/graphql';
/** The JOSE `typ` header of each kind (RFC 8725 §3.11: explicit typing, so one kind cannot stand in for another). */
const TYP = { access: 'at+jwt', preview: 'preview+jwt' } as const;
/** Tolerated clock difference between instances, for `iat`. */
const CLOCK_TOLERANCE_SECONDS = 60;

export interface AccessClaims {
  type: 'access';
  /** The user id. */
  sub: string;
  role: Role;
  /** The session (refresh family) the token belongs to: logging out of it ends the token. */
  sid: string;
  /** The user's session version when the token was issued: ending all sessions raises it. */
  sv: number;
}

export interface PreviewClaims {
  type: 'preview';
  /** The user or API key that created the token; it must still be active when the token is used. */
  sub: string;
  issuer: 'USER' | 'API_KEY';
  /** The token's row in preview_tokens: its scope, and whether it was revoked. */
  jti: string;
}

export interface SignedToken {
  token: string;
  expiresAt: Date;
}

/** A credential the request presented that is not (or no longer) valid: the whole request is refused with 401. */
export function invalidCredential(message = 'The credential is not valid'): AppError {
  return new AppError(ErrorCode.UNAUTHENTICATED, message, { http: { status: 401 } });
}

/** Signs and checks the app's JWTs (HS256): 15-minute access tokens and preview tokens. */
@Injectable()
export class TokensService {
  constructor(@Inject(SIGNING_SECRET) private readonly secret: string) {}

  signAccessToken(userId: string, role: Role, sessionId: string, sessionVersion: number): SignedToken {
    return this.sign({ type: 'access', sub: userId, role, sid: sessionId, sv: sessionVersion }, ACCESS_TOKEN_TTL_SECONDS);
  }

  signPreviewToken(tokenId: string, issuerId: string, issuer: PreviewClaims['issuer'], expiresAt: Date): SignedToken {
    return this.sign({ type: 'preview', sub: issuerId, issuer, jti: tokenId }, Math.round((expiresAt.getTime() - Date.now()) / 1000));
  }

  /**
   * The claims of a valid token of ours; throws UNAUTHENTICATED (401) for anything else. Valid:
   * HS256 only, signed with our key, `iss` and `aud` ours, `exp` and `iat` present (no token
   * lives forever, none is dated in the future), and a `typ` header that matches its kind.
   */
  verify(token: string): AccessClaims | PreviewClaims {
    let verified: jwt.Jwt;
    try {
      verified = jwt.verify(token, this.secret, { algorithms: ['HS256'], issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, complete: true });
    } catch (error) {
      throw error instanceof jwt.TokenExpiredError ? invalidCredential('The token has expired') : invalidCredential();
    }
    const payload = verified.payload;
    if (typeof payload !== 'object' || typeof payload.sub !== 'string' || typeof payload.exp !== 'number' || typeof payload.iat !== 'number')
      throw invalidCredential();
    if (payload.iat > Date.now() / 1000 + CLOCK_TOLERANCE_SECONDS) throw invalidCredential();
    if (payload.type === 'access' && verified.header.typ === TYP.access && Object.values(Role).includes(payload.role)) {
      if (typeof payload.sid !== 'string' || !Number.isInteger(payload.sv)) throw invalidCredential();
      return { type: 'access', sub: payload.sub, role: payload.role, sid: payload.sid, sv: payload.sv };
    }
    if (
      payload.type === 'preview' &&
      verified.header.typ === TYP.preview &&
      (payload.issuer === 'USER' || payload.issuer === 'API_KEY') &&
      typeof payload.jti === 'string'
    )
      return { type: 'preview', sub: payload.sub, issuer: payload.issuer, jti: payload.jti };
    throw invalidCredential();
  }

  private sign(claims: AccessClaims | PreviewClaims, ttlSeconds: number): SignedToken {
    const issuedAt = Math.floor(Date.now() / 1000);
    const expiresAt = issuedAt + ttlSeconds;
    const token = jwt.sign({ ...claims, iss: TOKEN_ISSUER, aud: TOKEN_AUDIENCE, iat: issuedAt, exp: expiresAt }, this.secret, {
      algorithm: 'HS256',
      header: { alg: 'HS256', typ: TYP[claims.type] },
    });
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }
}
