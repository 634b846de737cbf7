// Placeholder entry so `electron-vite build` has a preload to build; the real narrow bridge to
// the desktop core (window.confab) replaces this file. It exposes nothing yet.
export {};
