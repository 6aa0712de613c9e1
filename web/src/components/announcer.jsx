import { signal } from '@preact/signals';

// One polite live region for the whole app, for moments worth hearing (the sale opened, a
// product sold out), so pages need not sprinkle live regions that talk every second.
const message = signal('');
let timer;

export function announce(text) {
  // Clearing first makes the same sentence twice be read twice.
  message.value = '';
  clearTimeout(timer);
  timer = setTimeout(() => {
    message.value = text;
  }, 50);
}

export function Announcer() {
  return (
    <div class="visually-hidden" aria-live="polite" role="status">
      {message.value}
    </div>
  );
}
