import { Args, Mutation, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Permission, Requires, ROLE_PERMISSIONS } from '../auth/permissions';
import { CreateUserInput, UpdateUserInput } from './user.inputs';
import { User } from './user.entity';
import { UserModel } from './user.model';
import { UsersService } from './users.service';

@Resolver(() => UserModel)
export class UsersResolver {
  constructor(private readonly usersService: UsersService) {}

  @Query(() => UserModel, { nullable: true, description: 'The signed-in user. Null without a user credential (anonymous, API key, preview token).' })
  me(@CurrentActor() actor: Actor | null): Promise<User | null> {
    return this.usersService.current(actor);
  }

  @Requires(Permission.USERS_MANAGE)
  @Query(() => [UserModel], { description: 'Every user account, by email. Admins only.' })
  users(@CurrentActor() actor: Actor): Promise<User[]> {
    return this.usersService.list(actor);
  }

  @Requires(Permission.USERS_MANAGE)
  @Mutation(() => UserModel, { description: 'Creates an editor or admin account. Admins only.' })
  createUser(@CurrentActor() actor: Actor, @Args('input', { description: 'The new account.' }) input: CreateUserInput): Promise<User> {
    return this.usersService.create(actor, input);
  }

  @Requires(Permission.USERS_MANAGE)
  @Mutation(() => UserModel, {
    description:
      "Changes a user's role or disables/enables the account (disabling ends its sessions). The last enabled admin cannot be demoted or disabled. Admins only.",
  })
  updateUser(@CurrentActor() actor: Actor, @Args('input', { description: 'The user and the changes.' }) input: UpdateUserInput): Promise<User> {
    return this.usersService.update(actor, input);
  }

  @ResolveField(() => [Permission], { description: "What the user's role allows." })
  permissions(user: User): Permission[] {
    return ROLE_PERMISSIONS[user.role];
  }
}
