// electron-vite's `?asset` imports (a file copied next to the main bundle; the import is its path).
/// <reference types="electron-vite/node" />
