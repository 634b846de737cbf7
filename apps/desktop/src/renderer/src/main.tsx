import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { selectBackend } from './lib/select-backend';
import { applyTheme, watchSystemTheme } from './lib/theme';
import './styles/index.css';

// Before the first render, so the page never flashes the wrong theme.
applyTheme();
watchSystemTheme();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App backend={selectBackend()} />
  </StrictMode>,
);
