/**
 * The page's head: the skip link, the title, trainer mode's link (the same group week by week),
 * the language switch, and the notice of what the page's link (or storage) held that was wrong.
 */
import { select } from 'd3';
import { setLang } from '../app/actions.ts';
import { DICTS } from '../app/i18n.ts';
import { readLink } from '../app/link.ts';
import { toQuery } from '../app/settings.ts';
import { touched, type Store, type ViewUpdate } from '../app/store.ts';
import { drawLangSwitch } from './lang-switch.ts';

export function pageHeader(app: HTMLElement, store: Store): ViewUpdate {
  const root = select(app);
  const skip = root.append('a').attr('class', 'skip').attr('href', '#results');
  const header = root.append('header');
  const titles = header.append('div').attr('class', 'titles');
  const h1 = titles.append('h1');
  const subtitle = titles.append('p').attr('class', 'subtitle');
  const tools = header.append('div').attr('class', 'header-tools');
  const trainerLink = tools.append('a').attr('class', 'trainer-link').attr('data-testid', 'trainer-link');
  const langSwitch = drawLangSwitch(tools.node()!, (l) => setLang(store, l));
  const urlBox = root.append('div').attr('class', 'notice').attr('role', 'alert').attr('data-testid', 'url-problems');

  return (changed) => {
    if (!touched(changed, 'settings', 'urlNotice')) return;
    const { settings, urlNotice, initial } = store.state;
    const lang = settings.lang;
    const D = DICTS[lang];
    document.documentElement.lang = lang;
    document.title = `${D.app.title} · ${D.app.subtitle}`;
    skip.text(D.app.skip);
    h1.text(D.app.title);
    subtitle.text(D.app.subtitle);
    trainerLink.text(D.app.trainer).attr('href', `./trainer.html${toQuery(settings)}`);
    langSwitch.show(lang);
    // The link's problems, worded again in the page's language, until the notice is closed.
    const linkProblems = urlNotice ? readLink(initial.query, lang).problems : [];
    const unreadable = urlNotice && initial.storageUnreadable;
    urlBox.property('hidden', !linkProblems.length && !unreadable).selectAll('*').remove();
    if (unreadable) urlBox.append('strong').text(D.storage.unreadable);
    if (!linkProblems.length && !unreadable) return;
    if (linkProblems.length) {
      urlBox.append('strong').text(initial.from === 'storage' ? D.storage.problems : D.url.problems);
      urlBox.append('ul').selectAll('li').data(linkProblems).join('li').text((p) => `${p.key}=${p.value} — ${p.message}`);
    }
    urlBox.append('button').attr('type', 'button').attr('class', 'small').attr('data-testid', 'url-problems-close').text(D.url.close)
      .on('click', () => store.update({ urlNotice: false }));
  };
}
