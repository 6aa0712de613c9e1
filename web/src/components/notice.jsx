// A notification as a sentence and the page it leads to.
import { t } from '../i18n/index.js';
import { dateTime } from '../i18n/format.js';
import { formById } from '../form-cache.js';
import { user } from '../session.js';

export function noticeOf(n) {
  const d = n.data || {};
  const form = d.form_id ? formById(d.form_id) : undefined;
  const title = d.title || (form && form.title) || t('notice.form_n', { id: d.form_id });
  const p = { order: d.order_id, title, remaining: d.remaining, time: d.opens_at ? dateTime(d.opens_at) : '' };
  const orderHref = `/orders/${d.order_id}`;
  switch (n.kind) {
    case 'form_liked':
      return { text: t('notice.form_liked', p), href: `/forms/${d.form_id}` };
    case 'order_placed':
      return { text: t('notice.order_placed', p), href: orderHref };
    case 'deposit_confirmed':
    case 'shipped':
    case 'delivered':
    case 'order_expired':
      return { text: t('notice.' + n.kind, p), href: orderHref };
    case 'order_cancelled': {
      const mineAsBuyer = user.value && d.buyer_id === user.value.id;
      return { text: t(mineAsBuyer ? 'notice.cancelled_by_seller' : 'notice.cancelled_by_buyer', p), href: orderHref };
    }
    case 'opening_soon':
      return { text: t('notice.opening_soon', p), href: `/forms/${d.form_id}` };
    case 'restocked':
      return { text: t('notice.restocked', p), href: `/forms/${d.form_id}` };
    default:
      return { text: t('notice.other'), href: '/me/notifications' };
  }
}
