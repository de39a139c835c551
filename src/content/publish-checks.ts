import { Injectable } from '@nestjs/common';
import { type EntityManager } from 'typeorm';
import { AppError, type FieldError } from '../common/errors/app-error';
import { type DocumentState } from './content-type';
import { type ContentType } from './document-descriptor';

/** A rule a document's state must meet to be published, registered by the feature that owns it (the media library: alt text). */
export interface PublishCheck {
  /** What refuses the publish, each naming where (`path`: a field, or a field and a position in it) and why. */
  problems(manager: EntityManager, contentType: ContentType, state: DocumentState): Promise<FieldError[]>;
}

/**
 * The checks publishing runs on the state about to go live, inside its transaction. Features
 * register theirs at start, so the document mechanism runs them without knowing them.
 */
@Injectable()
export class PublishChecks {
  private readonly checks: PublishCheck[] = [];

  register(check: PublishCheck): void {
    this.checks.push(check);
  }

  /** Refuses (BAD_USER_INPUT naming every problem) a state that does not meet every check. */
  async assertPublishable(manager: EntityManager, contentType: ContentType, state: DocumentState): Promise<void> {
    const problems: FieldError[] = [];
    for (const check of this.checks) problems.push(...(await check.problems(manager, contentType, state)));
    if (problems.length === 0) return;
    const label = contentType.label(state.fields);
    throw AppError.badInput(problems, `${label} cannot be published: ${problems.map((problem) => `${problem.path} ${problem.message}`).join('; ')}`);
  }
}
