import { useReached } from '../time.js';
import { t } from '../i18n/index.js';

export function FormStatus({ status }) {
  return <span class={'badge badge-' + status}>{t('status.' + status)}</span>;
}

// Sent by courier or convenience store, so shipped with a tracking number before it is
// delivered. A pick-up order, or one on a form without delivery, is handed over once paid.
export const sentByPost = (o) => !!o.delivery && o.delivery.option.kind !== 'PICKUP';
// An order handed over rather than shipped (unless the seller posted it after all).
export const handedOver = (o) => !sentByPost(o) && !o.tracking_number;

// The order's status; `order` (optional) names a handed-over order's delivery as such.
export function OrderStatus({ status, order, testid }) {
  const key = status === 'DELIVERED' && order && handedOver(order) ? 'HANDED_OVER' : status;
  return (
    <span class={'badge badge-order-' + status.toLowerCase()} data-testid={testid}>
      {t('order.status.' + key)}
    </span>
  );
}

// The status a form has now by server time and live stock, before (or without) the stream's
// word: a restock turns a sold-out form back to open with only stock events. It changes only
// at the opening and closing instants, so it is computed from those, not from a ticking clock
// (a page re-rendered every second would cost phones at the opening second).
export function effectiveStatus(form, { opened, ended }, stock) {
  if (!form) return 'upcoming';
  if (form.status === 'closed' || ended) return 'closed';
  if (form.status === 'upcoming' && !opened) return 'upcoming';
  const left = (p) => (stock && p.id in stock ? stock[p.id] : p.stock_remaining);
  return form.products.some((p) => left(p) > 0) ? 'open' : 'sold_out';
}

export function useFormStatus(form, stock) {
  const opened = useReached(form ? form.opens_at : NaN);
  const ended = useReached(form ? form.closes_at : NaN);
  return { status: effectiveStatus(form, { opened, ended }, stock), opened };
}
