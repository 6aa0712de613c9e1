import { tick } from '../time.js';
import { countdown } from '../i18n/format.js';

// A live "3:12:05" to a server instant. Not a live region: a screen reader hearing every second
// would hear nothing else; the page announces the moment itself instead.
export function Countdown({ to, label, testid = 'countdown' }) {
  const target = typeof to === 'string' ? Date.parse(to) : to;
  const left = target - tick.value;
  return (
    <span class="countdown">
      {label && <span class="countdown-label">{label} </span>}
      <time data-testid={testid} datetime={new Date(target).toISOString()} class="countdown-time">
        {countdown(left)}
      </time>
    </span>
  );
}
