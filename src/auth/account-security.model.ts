import { Field, GraphQLISODateTime, ObjectType } from '@nestjs/graphql';
import { UserModel } from '../users/user.model';

@ObjectType('PasswordReset', { description: 'A one-time password reset: hand the token (or a link holding it) to the user over a safe channel. Shown once.' })
export class PasswordResetModel {
  @Field(() => String, { description: 'The one-time token for `resetPassword`. It is not stored and cannot be shown again.' })
  token: string;

  @Field(() => GraphQLISODateTime, { description: 'When the token stops working (PASSWORD_RESET_TTL_MINUTES after it was made).' })
  expiresAt: Date;

  @Field(() => UserModel, { description: 'The user whose password it resets.' })
  user: UserModel;
}

@ObjectType('TwoFactorSetup', { description: 'A new authenticator secret, to scan or type into an authenticator app.' })
export class TwoFactorSetupModel {
  @Field(() => String, { description: 'The secret in base32, for typing it in.' })
  secret: string;

  @Field(() => String, { description: 'An otpauth:// URI; show it as a QR code for the app to scan.' })
  uri: string;
}

@ObjectType('RecoveryCodes', { description: 'Single-use codes that stand in for the authenticator when it is lost. Shown once: keep them somewhere safe.' })
export class RecoveryCodesModel {
  @Field(() => [String], { description: 'Ten codes; each works once, in place of a two-factor code.' })
  codes: string[];
}
