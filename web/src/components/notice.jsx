// A notification as a sentence in the page's language, the page it leads to, and, for a parcel,
// where to follow it. Every fact comes with the notification itself; ones stored before they
// carried names and titles read with the generic words instead.
import { t } from '../i18n/index.js';
import { dateTime, money, number } from '../i18n/format.js';
import { formById } from '../form-cache.js';
import { bankName, localName } from '../banks.js';
import { user } from '../session.js';

// "Red 2개" / "2 × Red", and how many other lines the order has.
function itemsText(items) {
  if (!Array.isArray(items) || items.length === 0) return '';
  const first = t('notice.item', { name: items[0].name, n: number(items[0].quantity) });
  return items.length === 1 ? first : t('notice.items_more', { first, more: number(items.length - 1) });
}

// " (Red 2개, 3,000원)" after an order number: its items and amount, or what of them there is.
function orderSummary(d) {
  const parts = [itemsText(d.items), typeof d.amount === 'number' ? money(d.amount) : ''].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

function refundText(d) {
  if (!d.refund_due) return '';
  const a = d.refund_account;
  if (!a) return t('notice.refund_missing');
  return t('notice.refund_to', { bank: bankName(a), account: a.account_number });
}

export function noticeOf(n) {
  const d = n.data || {};
  const form = d.form_id ? formById(d.form_id) : undefined;
  const title = d.form_title || d.title || (form && form.title) || t('notice.form_n', { id: d.form_id });
  const p = {
    order: d.order_id,
    title,
    summary: orderSummary(d),
    buyer: d.buyer?.name || t('notice.a_buyer'),
    seller: d.seller?.name || t('notice.the_seller'),
    liker: d.liker?.name || t('notice.someone'),
    product: d.product_name || t('notice.a_product'),
    remaining: number(d.remaining),
    time: d.opens_at ? dateTime(d.opens_at) : '',
    deadline: d.deposit_deadline ? dateTime(d.deposit_deadline) : '',
    amount: money(d.amount || 0),
  };
  const orderHref = `/orders/${d.order_id}`;
  const formHref = `/forms/${d.form_id}`;
  switch (n.kind) {
    case 'form_liked':
      return { text: t('notice.form_liked', p), href: formHref };
    case 'order_placed':
      return { text: t(p.deadline ? 'notice.order_placed_until' : 'notice.order_placed', p), href: orderHref };
    case 'deposit_confirmed':
      return { text: t('notice.' + n.kind, p), href: orderHref };
    case 'delivered':
      return { text: t(d.handed_over ? 'notice.handed_over' : 'notice.delivered', p), href: orderHref };
    case 'refunded':
      return { text: t('notice.refunded', p), href: orderHref };
    case 'order_expired':
      return { text: t(p.deadline ? 'notice.order_expired' : 'notice.order_expired_plain', p), href: orderHref };
    case 'shipped': {
      const courier = d.courier ? localName(d.courier.name) : '';
      const tracking = [courier, d.tracking_number].filter(Boolean).join(' ');
      return {
        text: t(tracking ? 'notice.shipped_tracking' : 'notice.shipped', { ...p, tracking }),
        href: orderHref,
        track: d.tracking_url || null,
      };
    }
    case 'order_cancelled': {
      // Older ones lack `cancelled_by`: the buyer hears of the seller's cancellations.
      const bySeller = d.cancelled_by ? d.cancelled_by === 'seller' : !!user.value && d.buyer_id === user.value.id;
      const text = t(bySeller ? 'notice.cancelled_by_seller' : 'notice.cancelled_by_buyer', p);
      return { text: bySeller ? [text, refundText(d)].filter(Boolean).join(' ') : text, href: orderHref };
    }
    case 'opening_soon':
      return { text: t('notice.opening_soon', p), href: formHref };
    case 'restocked':
      return { text: t('notice.restocked', p), href: formHref };
    default:
      return { text: t('notice.other'), href: '/me/notifications' };
  }
}
