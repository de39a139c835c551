import { registerReadShape } from '../common/loaders/read-plan';
import { Faq } from './faq.entity';

/** How public reads fetch a FAQ. */
export const FAQ_READ_SHAPE = registerReadShape({ typeName: 'Faq', entity: Faq, relations: {}, computed: {} });
