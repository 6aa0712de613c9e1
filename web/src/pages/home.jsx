// The list of forms by status: open now, opening soon (with countdowns), sold out, closed; and a
// search over public forms' titles and descriptions (?q=, Korean included) whose results replace
// the list.
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n/index.js';
import { api } from '../api.js';
import { location$, useTitle, navigate } from '../router.js';
import { FormCard } from '../components/form-card.jsx';
import { Spinner } from '../components/spinner.jsx';
import { ErrorText } from '../components/problem.jsx';
import { MoreButton } from '../components/more-button.jsx';

const TABS = ['open', 'upcoming', 'sold_out', 'closed'];

export function Home() {
  const params = new URLSearchParams(location$.value.search);
  const status = TABS.includes(params.get('status')) ? params.get('status') : 'open';
  const q = (params.get('q') || '').trim().slice(0, 100);
  const [typed, setTyped] = useState(q);
  const [page, setPage] = useState({ items: null, next: null });
  const [error, setError] = useState(null);
  const [more, setMore] = useState(false);
  useTitle(t('list.title'));
  const query = q ? `q=${encodeURIComponent(q)}` : `status=${status}`;
  useEffect(() => {
    setTyped(q);
    setPage({ items: null, next: null });
    setError(null);
    api(`/api/v1/forms?${query}&limit=20`)
      .then((r) => setPage({ items: r.items, next: r.next_cursor }))
      .catch(setError);
  }, [query]);
  const loadMore = async () => {
    setMore(true);
    try {
      const r = await api(`/api/v1/forms?${query}&limit=20&cursor=${encodeURIComponent(page.next)}`);
      setPage((p) => ({ items: [...p.items, ...r.items], next: r.next_cursor }));
    } catch (e) {
      setError(e);
    } finally {
      setMore(false);
    }
  };
  return (
    <main id="main" class="page page-wide">
      <h1 class="page-title">{t('list.title')}</h1>
      <form
        class="search-box"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          const v = typed.trim();
          navigate(v ? `/?q=${encodeURIComponent(v)}` : '/');
        }}
      >
        <label class="visually-hidden" for="search-q">
          {t('search.label')}
        </label>
        <input id="search-q" type="search" value={typed} maxlength="100" placeholder={t('search.placeholder')} onInput={(e) => setTyped(e.currentTarget.value)} enterkeyhint="search" />
        <button type="submit" class="btn btn-primary">
          {t('search.submit')}
        </button>
      </form>
      <nav class="tabs" aria-label={t('list.tabs')}>
        {TABS.map((s) => (
          <a key={s} href={s === 'open' ? '/' : `/?status=${s}`} class="tab" aria-current={!q && s === status ? 'page' : undefined}>
            {t('list.tab.' + s)}
          </a>
        ))}
      </nav>
      {q ? (
        <div class="row between search-head">
          <h2 class="search-title" aria-live="polite">
            {t('search.results', { q })}
          </h2>
          <a href="/">{t('search.clear')}</a>
        </div>
      ) : (
        <h2 class="visually-hidden">{t('list.tab.' + status)}</h2>
      )}
      {error && <ErrorText error={error} />}
      {page.items === null && !error ? (
        <Spinner />
      ) : page.items && page.items.length === 0 ? (
        <div class="empty">
          <p>{q ? t('search.empty', { q }) : t('list.empty.' + status)}</p>
          {q && <p class="hint">{t('search.empty_hint')}</p>}
          {!q && status === 'open' && (
            <p>
              <a href="/?status=upcoming">{t('list.see_upcoming')}</a>
            </p>
          )}
        </div>
      ) : (
        page.items && (
          <ul class="form-grid">
            {page.items.map((f, i) => (
              <FormCard key={f.id} form={f} eager={i < 2} />
            ))}
          </ul>
        )
      )}
      {page.next && <MoreButton onClick={loadMore} busy={more} />}
    </main>
  );
}
