// A form's coupons with their claim buttons, and the buyer's own coupons (shared with the order
// form's coupon choice).
import { useEffect, useState } from 'preact/hooks';
import { signal } from '@preact/signals';
import { t } from '../i18n/index.js';
import { money, dateTime, number } from '../i18n/format.js';
import { api } from '../api.js';
import { user } from '../session.js';
import { tick } from '../time.js';
import { navigate, here } from '../router.js';
import { problemText } from './problem.jsx';

export const myCoupons = signal(null);
let myFor = null;
export function loadMyCoupons(force = false) {
  const u = user.peek();
  if (!u || (!force && myFor === u.id)) return;
  myFor = u.id;
  api('/api/v1/me/coupons')
    .then((r) => {
      myCoupons.value = r.items;
    })
    .catch(() => {
      myFor = null;
    });
}

function CouponRow({ c, mine, own, onClaimed }) {
  const [busy, setBusy] = useState(false);
  const [msg, setMsg] = useState(null);
  const now = tick.value;
  const opens = Date.parse(c.claim_opens_at);
  const closes = Date.parse(c.claim_closes_at);
  let state = 'open';
  if (own) state = 'own';
  else if (mine) state = 'claimed';
  else if (c.remaining <= 0) state = 'exhausted';
  else if (now >= closes) state = 'closed';
  else if (now < opens) state = 'not_open';
  const claim = async () => {
    if (!user.peek()) return navigate('/signin?next=' + encodeURIComponent(here()));
    setBusy(true);
    setMsg(null);
    try {
      const uc = await api(`/api/v1/coupons/${c.id}/claims`, { method: 'POST' });
      myCoupons.value = [...(myCoupons.peek() || []), uc];
      setMsg({ ok: true, text: t('coupon.claimed_now') });
      onClaimed();
    } catch (e) {
      setMsg({ ok: false, text: problemText(e) });
      if (e.code === 'already_claimed') loadMyCoupons(true);
      onClaimed();
    } finally {
      setBusy(false);
    }
  };
  return (
    <li class="coupon">
      <div class="coupon-main">
        <p class="coupon-amount">{t('coupon.off', { amount: money(c.discount) })}</p>
        <p class="coupon-name">{c.name}</p>
        <p class="hint">
          {t('coupon.remaining', { n: number(c.remaining), total: number(c.quantity) })}
          {state === 'not_open' && ' · ' + t('coupon.from', { time: dateTime(opens) })}
        </p>
      </div>
      <div class="coupon-action">
        <button
          type="button"
          class="btn btn-small"
          disabled={busy || state !== 'open'}
          aria-label={state === 'open' ? t('coupon.claim_named', { name: c.name }) : undefined}
          onClick={claim}
        >
          {t('coupon.state.' + state)}
        </button>
        {msg && (
          <p class={msg.ok ? 'ok-text small' : 'error-text small'} role={msg.ok ? 'status' : 'alert'}>
            {msg.text}
          </p>
        )}
      </div>
    </li>
  );
}

// `sellerId`: the form's seller, who sees the coupons as buyers do but cannot take them.
export function CouponList({ formId, sellerId }) {
  const [coupons, setCoupons] = useState(null);
  const u = user.value;
  const load = () =>
    api(`/api/v1/forms/${formId}/coupons`)
      .then((r) => setCoupons(r.items))
      .catch(() => setCoupons([]));
  useEffect(() => {
    load();
  }, [formId]);
  // The buyer's own coupons matter only where the form has some (most have none).
  const some = !!(coupons && coupons.length);
  useEffect(() => {
    if (some) loadMyCoupons();
  }, [u && u.id, some]);
  if (!some) return null;
  const mine = new Set((u && myCoupons.value ? myCoupons.value : []).map((x) => x.coupon_id));
  return (
    <section class="card" aria-labelledby="coupons-h">
      <h2 id="coupons-h">{t('coupon.title')}</h2>
      <ul class="coupon-list">
        {coupons.map((c) => (
          <CouponRow key={c.id} c={c} mine={mine.has(c.id)} own={!!u && u.id === sellerId} onClaimed={load} />
        ))}
      </ul>
    </section>
  );
}
