import { Field, InputType, Int } from '@nestjs/graphql';
import { IsBoolean, IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '../users/passwords';
import { PREVIEW_TOKEN_DEFAULT_MINUTES, PREVIEW_TOKEN_MAX_MINUTES } from './tokens.service';

@InputType({ description: 'Email and password of an editor or admin.' })
export class LoginInput {
  @Field(() => String, { description: 'Email address (case-insensitive).' })
  @IsString()
  @MaxLength(320)
  email: string;

  @Field(() => String, { description: 'Password.' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}

@InputType({ description: 'A refresh token from `login` or an earlier `refreshToken`.' })
export class RefreshTokenInput {
  @Field(() => String, { description: 'The refresh token.' })
  @IsString()
  @MaxLength(200)
  refreshToken: string;
}

@InputType({ description: 'The session to end.' })
export class LogoutInput {
  @Field(() => String, { description: "The session's current refresh token." })
  @IsString()
  @MaxLength(200)
  refreshToken: string;

  @Field(() => Boolean, { nullable: true, description: "True ends every session of the token's user, on every device (default false: this session only)." })
  @IsOptional()
  @IsBoolean()
  everywhere?: boolean | null;
}

@InputType({ description: 'How long a preview token lasts.' })
export class CreatePreviewTokenInput {
  @Field(() => Int, { nullable: true, description: `Lifetime in minutes, 1 to ${PREVIEW_TOKEN_MAX_MINUTES} (default ${PREVIEW_TOKEN_DEFAULT_MINUTES}).` })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(PREVIEW_TOKEN_MAX_MINUTES)
  expiresInMinutes?: number | null;
}
