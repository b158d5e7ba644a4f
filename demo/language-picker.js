// The demo pages' language picker: fills each [data-language-picker] with a
// <select> of Portico's languages and switches Portico (Portico.setLocale) and
// the page's lang with it. It starts at the page's lang, else the browser's
// language — the script-tag demo pins no lang, so a Dutch browser gets Dutch.
(() => {
  const LANGUAGES = [
    ['en', 'English'],
    ['nl', 'Nederlands'],
    ['de', 'Deutsch'],
    ['fr', 'Français'],
    ['it', 'Italiano'],
    ['nb', 'Norsk bokmål'],
    ['he', 'עברית'],
  ];
  const known = (tag) => LANGUAGES.find(([code]) => tag && tag.toLowerCase().split('-')[0] === code)?.[0];
  const initial = known(document.documentElement.lang) ?? (navigator.languages ?? []).map(known).find(Boolean) ?? 'en';

  for (const [i, slot] of [...document.querySelectorAll('[data-language-picker]')].entries()) {
    const label = document.createElement('label');
    const select = document.createElement('select');
    select.id = `language-picker-${i}`;
    label.htmlFor = select.id;
    label.textContent = 'Language ';
    for (const [code, name] of LANGUAGES) {
      const option = new Option(name, code, false, code === initial);
      option.lang = code;
      select.append(option);
    }
    select.addEventListener('change', () => {
      document.documentElement.lang = select.value;
      void window.Portico?.setLocale(select.value);
    });
    slot.replaceChildren(label, select);
  }
})();
