import { Args, Context, Info, Query, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { GraphQLContext } from '../common/graphql/graphql-context';
import { DocumentSelection } from '../content/loaders/document-selection';
import { readAtStage, requireListStageAccess } from '../content/stage-access';
import { DocumentType } from '../content/documents/document-status';
import { DocumentLookupArgs } from '../content/documents/document-lookup';
import { Notice } from './notice.entity';
import { NoticesArgs } from './notice.inputs';
import { NoticeConnection, NoticeModel } from './notice.model';
import { NoticesService } from './notices.service';

@Resolver(() => NoticeModel)
export class NoticesResolver {
  constructor(private readonly noticesService: NoticesService) {}

  @Query(() => NoticeModel, { nullable: true, description: 'One published notice by id (or slug). Null when there is none.' })
  notice(@Args() key: DocumentLookupArgs, @Context() context: GraphQLContext, @Info() info: GraphQLResolveInfo): Promise<Notice | null> {
    return readAtStage(context, DocumentType.NOTICE, key.stage, (stage) =>
      this.noticesService.findOne(key, stage, DocumentSelection.of(info, context.loaders)),
    );
  }

  @Query(() => NoticeConnection, { description: 'Published notices: all, or those of one kind.' })
  notices(@Args() args: NoticesArgs, @Context() context: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    return this.noticesService.list(args, requireListStageAccess(context, DocumentType.NOTICE, args.stage), DocumentSelection.ofNodes(info, context.loaders));
  }
}
