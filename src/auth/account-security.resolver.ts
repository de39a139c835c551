import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { type GraphQLContext } from '../common/graphql/graphql-context';
import { type User } from '../users/user.entity';
import { UserModel } from '../users/user.model';
import { Actor } from './actor';
import {
  ChangePasswordInput,
  CreatePasswordResetInput,
  DisableTwoFactorInput,
  ResetPasswordInput,
  StartTwoFactorSetupInput,
  TwoFactorCodeInput,
} from './account-security.inputs';
import { PasswordResetModel, RecoveryCodesModel, TwoFactorSetupModel } from './account-security.model';
import { AccountSecurityService, type PasswordResetTicket, type TwoFactorSetup } from './account-security.service';
import { AuthPayloadModel } from './auth.model';
import { AuthService, type Session } from './auth.service';
import { CurrentActor } from './current-actor.decorator';
import { AllowedBeforeTwoFactorSetup, Permission, PublicOperation, Requires, RequiresSignedInUser } from './permissions';

@Resolver()
export class AccountSecurityResolver {
  constructor(
    private readonly accountSecurity: AccountSecurityService,
    private readonly authService: AuthService,
  ) {}

  @RequiresSignedInUser()
  @AllowedBeforeTwoFactorSetup()
  @Mutation(() => AuthPayloadModel, {
    description:
      "Changes the signed-in user's password. Ends every session of the user (other devices must sign in again) and returns a new session for this one. A wrong current password is BAD_USER_INPUT on `input.currentPassword`; repeated ones are RATE_LIMITED.",
  })
  async changePassword(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'Current and new password.' }) input: ChangePasswordInput,
    @Context() context: GraphQLContext,
  ): Promise<Session> {
    const user = await this.accountSecurity.changePassword(actor, input);
    return this.authService.openSession(user, 'changePassword', context.req.ip);
  }

  @Requires(Permission.USERS_MANAGE)
  @Mutation(() => PasswordResetModel, {
    description:
      'Creates a one-time password reset for a user who forgot their password; earlier unused resets of the user stop working. Admins only. The token is shown once: pass it to the user over a safe channel.',
  })
  createPasswordReset(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The user.' }) input: CreatePasswordResetInput,
  ): Promise<PasswordResetTicket> {
    return this.accountSecurity.createPasswordReset(actor, input.userId);
  }

  @PublicOperation()
  @Mutation(() => UserModel, {
    description:
      'Sets a new password with a token from `createPasswordReset`; the token is used up and every session of the user ends. Sign in afterwards (two-factor, if on, still applies). An unknown, used or expired token is BAD_USER_INPUT on `input.token`.',
  })
  resetPassword(@Args('input', { description: 'Token and new password.' }) input: ResetPasswordInput): Promise<User> {
    return this.accountSecurity.resetPassword(input);
  }

  @RequiresSignedInUser()
  @AllowedBeforeTwoFactorSetup()
  @Mutation(() => TwoFactorSetupModel, {
    description: 'Step one of turning on two-factor sign-in: returns a new authenticator secret. Sign-in asks for codes only after `confirmTwoFactorSetup`.',
  })
  startTwoFactorSetup(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The current password.' }) input: StartTwoFactorSetupInput,
  ): Promise<TwoFactorSetup> {
    return this.accountSecurity.startTwoFactorSetup(actor, input.currentPassword);
  }

  @RequiresSignedInUser()
  @AllowedBeforeTwoFactorSetup()
  @Mutation(() => RecoveryCodesModel, {
    description: 'Step two: a current code from the authenticator turns two-factor sign-in on. Returns ten recovery codes, shown once.',
  })
  async confirmTwoFactorSetup(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'A code from the authenticator.' }) input: TwoFactorCodeInput,
  ): Promise<RecoveryCodesModel> {
    return { codes: await this.accountSecurity.confirmTwoFactorSetup(actor, input.code) };
  }

  @RequiresSignedInUser()
  @Mutation(() => UserModel, { description: 'Turns two-factor sign-in off, with the password and a current code or a recovery code.' })
  disableTwoFactor(@CurrentActor() actor: Actor, @Args('input', { description: 'Password and second factor.' }) input: DisableTwoFactorInput): Promise<User> {
    return this.accountSecurity.disableTwoFactor(actor, input);
  }

  @RequiresSignedInUser()
  @Mutation(() => RecoveryCodesModel, {
    description: 'Replaces the recovery codes with ten new ones (the old stop working), with a current code from the authenticator.',
  })
  async regenerateRecoveryCodes(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'A code from the authenticator.' }) input: TwoFactorCodeInput,
  ): Promise<RecoveryCodesModel> {
    return { codes: await this.accountSecurity.regenerateRecoveryCodes(actor, input.code) };
  }
}
