import { Field, ID, InputType } from '@nestjs/graphql';
import { IsString, IsUUID, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../common/validation/password-policy';

const NEW_PASSWORD = `The new password: ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters, not the email address, not one of the most common passwords.`;

@InputType({ description: "The signed-in user's current and new password." })
export class ChangePasswordInput {
  @Field(() => String, { description: 'The current password.' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword: string;

  @Field(() => String, { description: NEW_PASSWORD })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `must be at most ${PASSWORD_MAX_LENGTH} characters` })
  newPassword: string;
}

@InputType({ description: 'The user who needs a new password.' })
export class CreatePasswordResetInput {
  @Field(() => ID, { description: 'The user.' })
  @IsUUID('all', { message: 'must be a UUID' })
  userId: string;
}

@InputType({ description: 'A reset token from an admin and the new password.' })
export class ResetPasswordInput {
  @Field(() => String, { description: 'The token of `createPasswordReset`.' })
  @IsString()
  @MaxLength(200)
  token: string;

  @Field(() => String, { description: NEW_PASSWORD })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH, { message: `must be at most ${PASSWORD_MAX_LENGTH} characters` })
  newPassword: string;
}

@InputType({ description: 'The password again, before a new authenticator is set up.' })
export class StartTwoFactorSetupInput {
  @Field(() => String, { description: 'The current password.' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword: string;
}

@InputType({ description: 'A code from the authenticator app.' })
export class TwoFactorCodeInput {
  @Field(() => String, { description: 'The six-digit code the authenticator shows now.' })
  @IsString()
  @MaxLength(32)
  code: string;
}

@InputType({ description: 'The password and a second factor, to turn two-factor sign-in off.' })
export class DisableTwoFactorInput {
  @Field(() => String, { description: 'The current password.' })
  @IsString()
  @MaxLength(PASSWORD_MAX_LENGTH)
  currentPassword: string;

  @Field(() => String, { description: 'A current code from the authenticator, or an unused recovery code.' })
  @IsString()
  @MaxLength(32)
  code: string;
}
