import { createEditorialResolver } from '../content/editorial-resolver.factory';
import { CreateNoticeInput, noticeChange, UpdateNoticeInput } from './notice-editing.inputs';
import { NoticeModel } from './notice.model';
import { NOTICE_TYPE } from './notice.descriptor';

/** Admin mutations for notices. */
export const NoticesEditorialResolver = createEditorialResolver({
  contentType: NOTICE_TYPE,
  model: NoticeModel,
  createInput: CreateNoticeInput,
  updateInput: UpdateNoticeInput,
  toChange: noticeChange,
});
