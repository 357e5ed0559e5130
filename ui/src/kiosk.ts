import { mount } from 'svelte';
import './styles/base.css';
import './styles/kiosk.css';
import KioskApp from './KioskApp.svelte';
import { hardenKiosk } from './lib/kiosk-hardening';

hardenKiosk(window);

const target = document.getElementById('app');
if (!target) throw new Error('missing #app');

export default mount(KioskApp, { target });
