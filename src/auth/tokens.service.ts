import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import { AppError, ErrorCode } from '../common/errors/app-error';
import { Role } from './permissions';
import { SIGNING_SECRET } from './signing-secret';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;

export interface AccessClaims {
  type: 'access';
  /** The user id. */
  sub: string;
  role: Role;
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

  signAccessToken(userId: string, role: Role): SignedToken {
    return this.sign({ type: 'access', sub: userId, role }, ACCESS_TOKEN_TTL_SECONDS);
  }

  signPreviewToken(tokenId: string, issuerId: string, issuer: PreviewClaims['issuer'], expiresAt: Date): SignedToken {
    return this.sign({ type: 'preview', sub: issuerId, issuer, jti: tokenId }, Math.round((expiresAt.getTime() - Date.now()) / 1000));
  }

  /** The claims of a valid token of ours; throws UNAUTHENTICATED (401) for anything else. */
  verify(token: string): AccessClaims | PreviewClaims {
    let payload: string | jwt.JwtPayload;
    try {
      payload = jwt.verify(token, this.secret, { algorithms: ['HS256'] });
    } catch (error) {
      throw error instanceof jwt.TokenExpiredError ? invalidCredential('The token has expired') : invalidCredential();
    }
    if (typeof payload !== 'object' || typeof payload.sub !== 'string') throw invalidCredential();
    if (payload.type === 'access' && Object.values(Role).includes(payload.role)) return { type: 'access', sub: payload.sub, role: payload.role };
    if (payload.type === 'preview' && (payload.issuer === 'USER' || payload.issuer === 'API_KEY') && typeof payload.jti === 'string')
      return { type: 'preview', sub: payload.sub, issuer: payload.issuer, jti: payload.jti };
    throw invalidCredential();
  }

  private sign(claims: AccessClaims | PreviewClaims, ttlSeconds: number): SignedToken {
    const issuedAt = Math.floor(Date.now() / 1000);
    const expiresAt = issuedAt + ttlSeconds;
    const token = jwt.sign({ ...claims, iat: issuedAt, exp: expiresAt }, this.secret, { algorithm: 'HS256' });
    return { token, expiresAt: new Date(expiresAt * 1000) };
  }
}
