// Where a shipped parcel is: its courier, its tracking number, and a link to the courier's own
// tracking page (or a search for the number when the seller named no courier).
import { t } from '../i18n/index.js';
import { localName } from '../banks.js';

export function Tracking({ order }) {
  return (
    <span class="tracking">
      {order.courier && <span data-testid="order-courier">{localName(order.courier.name)}</span>}
      <span class="mono" data-testid="order-tracking">
        {order.tracking_number}
      </span>
      {order.tracking_url && (
        <a href={order.tracking_url} target="_blank" rel="noopener noreferrer" data-testid="order-track">
          {t('order.track')}
        </a>
      )}
    </span>
  );
}
