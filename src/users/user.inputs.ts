import { Field, ID, InputType } from '@nestjs/graphql';
import { IsBoolean, IsEmail, IsEnum, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Role } from '../auth/permissions';
import { IsAcceptablePassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../common/validation/password-policy';

@InputType({ description: 'A new editor or admin account.' })
export class CreateUserInput {
  @Field(() => String, { description: 'Email address to sign in with; compared case-insensitively and stored lowercase.' })
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(320)
  email: string;

  @Field(() => Role, { description: 'What the user may do.' })
  @IsEnum(Role)
  role: Role;

  @Field(() => String, {
    description: `Initial password: ${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters, not the email address, not a common password. Hand it over securely.`,
  })
  @IsString()
  @IsAcceptablePassword('email')
  password: string;
}

@InputType({ description: 'Changes to a user account; omitted fields stay as they are.' })
export class UpdateUserInput {
  @Field(() => ID, { description: 'The user to change.' })
  @IsUUID('all', { message: 'must be a UUID' })
  id: string;

  @Field(() => Role, { nullable: true, description: 'New role.' })
  @IsOptional()
  @IsEnum(Role)
  role?: Role | null;

  @Field(() => Boolean, { nullable: true, description: 'True disables the account and ends its sessions; false enables it again.' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean | null;
}
