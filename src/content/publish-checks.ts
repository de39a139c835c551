import { Injectable } from '@nestjs/common';
import { type PublishCheck } from './document-descriptor';

/**
 * Publish checks that apply to every content type, registered at start by the feature that owns
 * them (the media library: alt text of every image a page uses), so the document mechanism runs
 * them without knowing them. Checks of one type are in its descriptor (`publishChecks`).
 */
@Injectable()
export class PublishChecks {
  private readonly checks: PublishCheck[] = [];

  register(check: PublishCheck): void {
    this.checks.push(check);
  }

  forEveryType(): readonly PublishCheck[] {
    return this.checks;
  }
}
