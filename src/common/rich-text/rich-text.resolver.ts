import { Optional } from '@nestjs/common';
import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { AppError } from '../errors/app-error';
import { extractIds } from './rich-text-ids';
import { RichText, referencesAssets } from './rich-text.model';
import { RichTextImages } from './rich-text-images';

@Resolver(() => RichText)
export class RichTextResolver {
  constructor(@Optional() private readonly images?: RichTextImages) {}

  // No parameter decorators: a plain resolver, synchronous unless the text has media-library images.
  @ResolveField(() => String, {
    description:
      'Sanitized HTML, safe to insert into a page: no scripts, event handlers or unsafe links. Media-library images come as <img> with a signed rendition, srcset, alt, width, height and loading="lazy".',
  })
  html(richText: RichText, _args: unknown, context: object): string | Promise<string> {
    if (!this.images || !referencesAssets(richText.markdown)) return richText.html;
    return this.images.load(extractIds(richText.markdown), context).then((images) => richText.withImages(images).html);
  }
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
