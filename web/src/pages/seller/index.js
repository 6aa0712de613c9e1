// All seller pages, loaded together on first need: buyers never download them.
export { MyForms } from './my-forms.jsx';
export { NewForm, EditForm } from './form-editor.jsx';
export { FormOrders } from './form-orders.jsx';
export { FormCoupons } from './form-coupons.jsx';
export { FormPreview } from './form-preview.jsx';
