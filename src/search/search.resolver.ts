import { Args, Context, Info, Query, Resolver } from '@nestjs/graphql';
import { GraphQLResolveInfo } from 'graphql';
import { GraphQLContext } from '../common/graphql/graphql-context';
import { selectsField } from '../common/graphql/selected-fields';
import { Stage } from '../content/documents/document-status';
import { requireDraftAccess } from '../content/stage-access';
import { SearchArgs } from './search.args';
import { SearchConnection } from './search.models';
import { SearchService } from './search.service';

@Resolver()
export class SearchResolver {
  constructor(private readonly searchService: SearchService) {}

  @Query(() => SearchConnection, {
    description:
      'Search the site: treatments, conditions, FAQs, providers and locations, best match first, each with a highlighted snippet. Finds stemmed words ("injections" finds "injection"), aliases ("CRPS"), spelling variants ("disk", "disc") and corrects misspelled words from the titles ("intrathecl").',
  })
  search(@Args() args: SearchArgs, @Context() context: GraphQLContext, @Info() info: GraphQLResolveInfo) {
    // Search spans types, so a preview token (scoped to one type) cannot search drafts.
    if (args.stage === Stage.DRAFT) requireDraftAccess(context);
    return this.searchService.search(args, args.stage, { countTotal: selectsField(info, 'totalCount') });
  }
}
