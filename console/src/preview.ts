/**
 * /admin/preview?kind=poll&id=…&lang=fi&theme=dark: one widget, the real element from the server's
 * /kirjasto-all.js, on a page of its own language (the widgets' UI language follows <html lang>) and
 * colour scheme. The console shows it in an inert frame, so nothing done there sends an answer.
 */
const TAGS = {poll: ['kirjasto-poll', 'poll'], rating: ['kirjasto-rating', 'rating'], 'idea-box': ['kirjasto-idea-box', 'box']} as const;

const params = new URLSearchParams(location.search);
const kind = params.get('kind') as keyof typeof TAGS | null;
const lang = ['fi', 'sv', 'en', 'se'].includes(params.get('lang') ?? '') ? params.get('lang')! : 'fi';
const theme = params.get('theme') === 'dark' ? 'dark' : 'light';
document.documentElement.lang = lang;
document.documentElement.style.colorScheme = theme;
document.body.style.cssText = `margin:0;padding:0.75rem;font-family:system-ui,sans-serif;background:${theme === 'dark' ? '#121417' : '#ffffff'};color:${theme === 'dark' ? '#f1f3f5' : '#1b1e22'}`;

if (kind && kind in TAGS && params.get('id')) {
  const [tag, attribute] = TAGS[kind];
  const element = document.createElement(tag);
  element.setAttribute(attribute, params.get('id')!);
  element.setAttribute('theme', theme);
  element.setAttribute('lang', lang);
  document.body.append(element);
  const script = document.createElement('script');
  script.type = 'module';
  script.src = '/kirjasto-all.js';
  document.head.append(script);
}

// The console sizes the frame to the widget (the frame itself takes no input, so it cannot scroll).
new ResizeObserver(() => parent.postMessage({kirjastoPreviewHeight: document.body.offsetHeight}, location.origin)).observe(document.body);
