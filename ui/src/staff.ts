import { mount } from 'svelte';
import './styles/base.css';
import './styles/staff.css';
import StaffApp from './StaffApp.svelte';

const target = document.getElementById('app');
if (!target) throw new Error('missing #app');

export default mount(StaffApp, { target });
