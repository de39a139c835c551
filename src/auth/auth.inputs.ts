import { Field, InputType } from '@nestjs/graphql';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH } from '../users/passwords';

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

  @Field(() => String, {
    nullable: true,
    description:
      'For accounts with two-factor sign-in: the code the authenticator shows now, or an unused recovery code. Without it such an account answers UNAUTHENTICATED with `extensions.twoFactorRequired`.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  twoFactorCode?: string | null;
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
