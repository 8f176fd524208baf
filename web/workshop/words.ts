/** The workshop pages' words in the page's language (English and Bahasa Indonesia, like the app). */
import type { Lang } from '../app/i18n.ts';
import { wordsEn } from './words-en.ts';
import { wordsId } from './words-id.ts';

export type Words = typeof wordsEn;
export const WORDS: Record<Lang, Words> = { en: wordsEn, id: wordsId };

const KEY = 'kube-sim-workshop-lang';

/** The language chosen before on this phone, else the browser's. */
export function startLang(): Lang {
  const saved = localStorage.getItem(KEY);
  if (saved === 'en' || saved === 'id') return saved;
  return /^id\b/i.test(navigator.language) ? 'id' : 'en';
}

export function saveLang(lang: Lang): void {
  localStorage.setItem(KEY, lang);
  document.documentElement.lang = lang;
}
