import { render } from 'preact';
import './styles.css';
function App() { return <main><h1>Formlympics</h1></main>; }
render(<App />, document.getElementById('app'));
