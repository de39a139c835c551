import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Actor } from '../auth/actor';
import { CurrentActor } from '../auth/current-actor.decorator';
import { Permission, Requires } from '../auth/permissions';
import {
  CreateWebhookSubscriptionInput,
  UpdateWebhookSubscriptionInput,
  WebhookDeliveriesArgs,
  WebhookDeliveryIdInput,
  WebhookSubscriptionIdInput,
} from './webhook.inputs';
import { CreatedWebhookSubscriptionModel, WebhookDeliveryConnection, WebhookDeliveryModel, WebhookSubscriptionModel } from './webhook.model';
import { WebhooksService } from './webhooks.service';

@Resolver(() => WebhookSubscriptionModel)
export class WebhooksResolver {
  constructor(private readonly webhooks: WebhooksService) {}

  @Requires(Permission.WEBHOOKS_MANAGE)
  @Query(() => [WebhookSubscriptionModel], { description: 'Every webhook subscription, oldest first. Admins only.' })
  webhookSubscriptions(@CurrentActor() actor: Actor) {
    return this.webhooks.list(actor);
  }

  @Requires(Permission.WEBHOOKS_MANAGE)
  @Query(() => WebhookDeliveryConnection, {
    description: 'The webhook delivery log, newest first: each delivery with its attempts (time, status code, duration, error, response excerpt). Admins only.',
  })
  webhookDeliveries(@Args() args: WebhookDeliveriesArgs) {
    return this.webhooks.deliveries(args, args.filter ?? {});
  }

  @Requires(Permission.WEBHOOKS_MANAGE)
  @Mutation(() => CreatedWebhookSubscriptionModel, {
    description: 'Subscribes a URL to content change events and returns its signing secret, once. The URL is checked against the SSRF guard. Admins only.',
  })
  createWebhookSubscription(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'Target, events and headers.' }) input: CreateWebhookSubscriptionInput,
  ) {
    return this.webhooks.create(actor, input);
  }

  @Requires(Permission.WEBHOOKS_MANAGE)
  @Mutation(() => WebhookSubscriptionModel, { description: 'Changes a subscription; omitted fields stay, `headers` replaces all extra headers. Admins only.' })
  updateWebhookSubscription(
    @CurrentActor() actor: Actor,
    @Args('input', { description: 'The subscription and its changes.' }) input: UpdateWebhookSubscriptionInput,
  ) {
    return this.webhooks.update(actor, input);
  }

  @Requires(Permission.WEBHOOKS_MANAGE)
  @Mutation(() => CreatedWebhookSubscriptionModel, {
    description: 'Replaces the signing secret and returns the new one, once. The old secret keeps signing next to it for 24 hours. Admins only.',
  })
  rotateWebhookSecret(@CurrentActor() actor: Actor, @Args('input', { description: 'The subscription.' }) input: WebhookSubscriptionIdInput) {
    return this.webhooks.rotateSecret(actor, input.id);
  }

  @Requires(Permission.WEBHOOKS_MANAGE)
  @Mutation(() => WebhookSubscriptionModel, {
    description: 'Turns a subscription on (again), with its failure count reset; deliveries still pending are sent. Admins only.',
  })
  enableWebhookSubscription(@CurrentActor() actor: Actor, @Args('input', { description: 'The subscription.' }) input: WebhookSubscriptionIdInput) {
    return this.webhooks.setEnabled(actor, input.id, true);
  }

  @Requires(Permission.WEBHOOKS_MANAGE)
  @Mutation(() => WebhookSubscriptionModel, {
    description: 'Stops sending to a subscription: new events are not queued for it, pending deliveries wait until it is enabled. Admins only.',
  })
  disableWebhookSubscription(@CurrentActor() actor: Actor, @Args('input', { description: 'The subscription.' }) input: WebhookSubscriptionIdInput) {
    return this.webhooks.setEnabled(actor, input.id, false);
  }

  @Requires(Permission.WEBHOOKS_MANAGE)
  @Mutation(() => WebhookSubscriptionModel, { description: 'Deletes a subscription and its delivery log; returns it as it was. Admins only.' })
  deleteWebhookSubscription(@CurrentActor() actor: Actor, @Args('input', { description: 'The subscription.' }) input: WebhookSubscriptionIdInput) {
    return this.webhooks.delete(actor, input.id);
  }

  @Requires(Permission.WEBHOOKS_MANAGE)
  @Mutation(() => WebhookDeliveryModel, {
    description:
      'Sends a signed test event ("webhook.ping", one attempt, also to a disabled subscription) and returns its delivery; read the result in `webhookDeliveries`. Admins only.',
  })
  pingWebhookSubscription(@CurrentActor() actor: Actor, @Args('input', { description: 'The subscription.' }) input: WebhookSubscriptionIdInput) {
    return this.webhooks.ping(actor, input.id);
  }

  @Requires(Permission.WEBHOOKS_MANAGE)
  @Mutation(() => WebhookDeliveryModel, {
    description: "Sends a delivery's event again, as a new delivery with the same event id and body (retried like any other). Admins only.",
  })
  redeliverWebhookDelivery(@CurrentActor() actor: Actor, @Args('input', { description: 'The delivery to send again.' }) input: WebhookDeliveryIdInput) {
    return this.webhooks.redeliver(actor, input.id);
  }
}
