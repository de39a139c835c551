import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AppError } from '../errors/app-error';
import { RichText } from './rich-text.model';

@Resolver(() => RichText)
export class RichTextResolver {
  @ResolveField(() => String, { description: 'The plain text shortened to at most `length` characters at a word boundary, with an ellipsis when shortened.' })
  excerpt(
    @Parent() richText: RichText,
    @Args('length', { type: () => Int, defaultValue: 160, description: 'Maximum length in characters, 1 to 2000 (default 160).' }) length: number,
  ): string {
    if (!Number.isInteger(length) || length < 1 || length > 2000) {
      throw AppError.badInput([{ path: 'length', message: 'must be between 1 and 2000' }]);
    }
    return richText.excerpt(length);
  }
}
