// The signed-in buyer's pages, loaded together on first need (one chunk, not one per page).
export { OrderPage } from './order.jsx';
export { MyOrders } from './me-orders.jsx';
export { MyCoupons, MyLikes } from './me-lists.jsx';
export { Profile } from './profile.jsx';
export { MyNotifications } from './me-notifications.jsx';
