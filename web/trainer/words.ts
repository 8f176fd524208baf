/** Trainer mode's on-screen words in the page's language (the story's words are in story-*.ts). */
import type { Lang } from '../app/i18n.ts';
import { uiEn } from './ui-en.ts';
import { uiId } from './ui-id.ts';

export type UiWords = typeof uiEn;
export const UI: Record<Lang, UiWords> = { en: uiEn, id: uiId };
