import {
  type ArgumentsHost,
  Catch,
  Controller,
  type ExceptionFilter,
  Get,
  HttpException,
  Logger,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import { type FastifyReply, type FastifyRequest } from 'fastify';
import { can } from '../auth/actor';
import { CredentialsService } from '../auth/credentials.service';
import { Permission } from '../auth/permissions';
import { AppError, ErrorCode } from '../common/errors/app-error';
import { ALT_TEXT_LIMIT } from '../common/images/image.model';
import { AppConfig } from '../config/app-config';
import { RateLimiter, rateLimitedError } from '../delivery/rate-limit';
import { type Asset } from './asset.entity';
import { AssetStorage } from './asset-storage';
import { AssetsService, type UploadDetails } from './assets.service';
import { formatBytes, MIME_TYPES } from './image-intake';
import { parseVariant, RENDITION_CONTENT_TYPES, renderRendition } from './renditions';

const STATUS: Partial<Record<ErrorCode, number>> = {
  BAD_USER_INPUT: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  RATE_LIMITED: 429,
  TIMEOUT: 503,
};
const NO_STORE = 'private, no-store';
const IMMUTABLE = 'public, max-age=31536000, immutable';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** The details an upload may carry, with their longest values (as `updateAsset` takes them). */
const DETAIL_LIMITS: Record<string, number> = { alt: ALT_TEXT_LIMIT, caption: 1000, credit: 300, decorative: 5 };
const DETAIL_LIMIT = 1000;

/** Errors of the asset routes in the GraphQL error shape clients already read, with a matching status. */
@Catch()
export class AssetErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('Assets');

  catch(error: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    let status = 500;
    let headers = new Map<string, string>();
    let body: object = { errors: [{ message: 'The server could not answer this request', extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } }] };
    if (error instanceof AppError) {
      const http = error.extensions.http as { status?: number; headers?: Map<string, string> } | undefined;
      status = Number(http?.status ?? STATUS[error.code] ?? 400);
      headers = http?.headers ?? headers;
      const { http: _http, ...extensions } = error.extensions;
      body = { errors: [{ message: error.message, extensions }] };
    } else if (error instanceof HttpException) {
      status = error.getStatus();
      body = { errors: [{ message: error.message, extensions: { code: status === 404 ? ErrorCode.NOT_FOUND : ErrorCode.BAD_USER_INPUT } }] };
    } else {
      this.logger.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    for (const [name, value] of headers) void reply.header(name, value);
    void reply.code(status).header('content-type', 'application/json; charset=utf-8').header('cache-control', NO_STORE).send(body);
  }
}

/** What POST /assets answers: the stored asset, as the GraphQL `Asset` type names its fields. */
function describe(asset: Asset) {
  return {
    id: asset.id,
    mimeType: MIME_TYPES[asset.format],
    width: asset.width,
    height: asset.height,
    byteSize: asset.byteSize,
    filename: asset.filename,
    alt: asset.alt,
    decorative: asset.decorative,
    caption: asset.caption,
    credit: asset.credit,
    placeholder: asset.placeholder,
    createdAt: asset.createdAt.toISOString(),
  };
}

/**
 * Uploads (POST /assets, multipart) and renditions (GET /assets/:id/:variant?sig=…).
 *
 * An upload is one `file` part plus optional `alt`, `caption`, `credit` and `decorative` fields,
 * by an editor or an API key with media:write. The credential is a header (Bearer or X-API-Key),
 * never a cookie, so a cross-site form cannot upload in someone's name (the reason GraphQL's CSRF
 * prevention exists); the request budget and the mutation budget both apply, and the body is cut
 * off at ASSET_MAX_BYTES.
 */
@Controller('assets')
@UseFilters(AssetErrorFilter)
export class AssetsController {
  constructor(
    private readonly assets: AssetsService,
    private readonly storage: AssetStorage,
    private readonly credentials: CredentialsService,
    private readonly rateLimiter: RateLimiter,
    private readonly config: AppConfig,
  ) {}

  @Post()
  async upload(@Req() request: FastifyRequest, @Res({ passthrough: true }) reply: FastifyReply) {
    reply.header('cache-control', NO_STORE);
    const actor = await this.credentials.actorFor(request.headers);
    if (!actor) throw AppError.unauthenticated('Uploading needs an editor sign-in or an API key with media:write');
    if (!can(actor, Permission.MEDIA_WRITE)) throw AppError.forbidden('Uploading needs the media:write permission');
    const refusal = await this.rateLimiter.spendMutation(request);
    if (refusal) throw rateLimitedError(refusal);
    if (!request.isMultipart()) throw AppError.badInput([{ path: 'file', message: 'is missing: send multipart/form-data with one "file" part' }]);

    const maxBytes = this.config.ASSET_MAX_BYTES;
    const details: UploadDetails = { filename: null, alt: null, caption: null, credit: null, decorative: false };
    let data: Buffer | null = null;
    try {
      const parts = request.parts({ limits: { files: 1, fileSize: maxBytes, fields: 8, fieldSize: DETAIL_LIMIT, parts: 10, headerPairs: 50 } });
      for await (const part of parts) {
        if (part.type === 'file') {
          if (part.fieldname !== 'file') throw AppError.badInput([{ path: part.fieldname, message: 'is not expected: the image goes in the "file" part' }]);
          details.filename = part.filename || null;
          data = await part.toBuffer();
        } else if (part.fieldname in DETAIL_LIMITS) {
          const value = String(part.value ?? '').trim();
          const limit = DETAIL_LIMITS[part.fieldname];
          if (part.valueTruncated || value.length > limit) throw AppError.badInput([{ path: part.fieldname, message: `must be at most ${limit} characters` }]);
          if (part.fieldname === 'decorative') details.decorative = ['true', '1', 'yes'].includes(value.toLowerCase());
          else details[part.fieldname as 'alt' | 'caption' | 'credit'] = value || null;
        } else {
          throw AppError.badInput([{ path: part.fieldname, message: 'is not a field of an upload (file, alt, caption, credit, decorative)' }]);
        }
      }
    } catch (error) {
      throw uploadError(error, maxBytes);
    }
    if (!data) throw AppError.badInput([{ path: 'file', message: 'is missing: send multipart/form-data with one "file" part' }]);
    const asset = await this.assets.upload(actor, data, details);
    reply.code(201);
    return { asset: describe(asset) };
  }

  /**
   * A rendition, by a URL the API signed (`Asset.url`): anything unsigned or altered is refused
   * (403) before any work, so nobody can make the server render sizes of their choosing. Made on
   * the first request and kept in the storage; the URL never changes meaning, so it is immutable.
   */
  @Get(':id/:variant')
  async rendition(@Param('id') id: string, @Param('variant') variant: string, @Query('sig') signature: unknown, @Res() reply: FastifyReply): Promise<void> {
    const spec = UUID.test(id) ? parseVariant(variant) : null;
    if (!spec || !this.assets.renditionSigner.verify(id, variant, signature)) {
      throw AppError.forbidden('This image URL is not one the API signed');
    }
    const asset = await this.assets.find(id);
    if (!asset || asset.pixelsVersion !== spec.version) throw AppError.notFound('The image');
    const key = `renditions/${id}/${variant}`;
    let body = await this.storage.get(key);
    if (!body) {
      const original = await this.storage.get(asset.storageKey);
      if (!original) throw AppError.notFound('The image');
      if (!(await this.assets.claimRendition(id))) {
        throw new AppError(
          ErrorCode.RATE_LIMITED,
          `This image already has ${this.config.ASSET_MAX_RENDITIONS} renditions, the most it may have: ask for a size it has`,
          {
            http: { status: 429 },
          },
        );
      }
      body = await renderRendition(original, asset, spec);
      await this.storage.put(key, body, RENDITION_CONTENT_TYPES[spec.format]);
    }
    void reply
      .code(200)
      .header('content-type', RENDITION_CONTENT_TYPES[spec.format])
      .header('cache-control', IMMUTABLE)
      .header('x-content-type-options', 'nosniff')
      .send(body);
  }
}

/** Multipart's own refusals as BAD_USER_INPUT naming the limit; other errors as they are. */
function uploadError(error: unknown, maxBytes: number): unknown {
  if (error instanceof AppError) return error;
  const code = (error as { code?: string }).code;
  switch (code) {
    case 'FST_REQ_FILE_TOO_LARGE':
      return new AppError(ErrorCode.BAD_USER_INPUT, `The upload was refused: file is larger than the ${formatBytes(maxBytes)} limit`, {
        fields: [{ path: 'file', message: `is larger than the ${formatBytes(maxBytes)} limit` }],
        http: { status: 413 },
      });
    case 'FST_FILES_LIMIT':
      return AppError.badInput([{ path: 'file', message: 'must be one file per upload' }]);
    case 'FST_PARTS_LIMIT':
    case 'FST_FIELDS_LIMIT':
      return AppError.badInput([{ path: 'file', message: 'the form has too many parts: one file and alt, caption, credit, decorative' }]);
    case 'FST_INVALID_MULTIPART_CONTENT_TYPE':
      return AppError.badInput([{ path: 'file', message: 'is missing: send multipart/form-data with one "file" part' }]);
    default:
      return error;
  }
}
