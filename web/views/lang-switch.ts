/**
 * The language switch: one button per language, each named in its own language, the chosen one
 * pressed. Shared by the planners' page and trainer mode.
 */
import { select } from 'd3';
import { DICTS, LANGS, type Lang } from '../app/i18n.ts';

export interface LangSwitch {
  /** Mark the page's language and label the group in it. */
  show(lang: Lang): void;
}

export function drawLangSwitch(parent: HTMLElement, pick: (lang: Lang) => void): LangSwitch {
  const box = select(parent).append('div').attr('class', 'lang').attr('role', 'group');
  const buttons = box
    .selectAll('button')
    .data(LANGS)
    .join('button')
    .attr('type', 'button')
    .attr('lang', (l) => l)
    .attr('data-testid', (l) => `lang-${l}`)
    .text((l) => DICTS[l].lang[l])
    .on('click', (_, l) => pick(l));
  return {
    show(lang) {
      box.attr('aria-label', DICTS[lang].lang.label);
      buttons.attr('aria-pressed', (l) => String(l === lang));
    },
  };
}
