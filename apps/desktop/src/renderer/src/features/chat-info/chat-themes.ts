/** Per-chat themes (the server keeps a short name; the look is defined in styles/chat-info.css). */
export const CHAT_THEMES = [
  { id: null, label: 'Default' },
  { id: 'ocean', label: 'Ocean' },
  { id: 'forest', label: 'Forest' },
  { id: 'sunset', label: 'Sunset' },
  { id: 'grape', label: 'Grape' },
] as const;

export const CHAT_BACKGROUNDS = [
  { color: null, label: 'Default' },
  { color: '#dfe7ee', label: 'Mist' },
  { color: '#e7efe0', label: 'Sage' },
  { color: '#f3e6d8', label: 'Sand' },
  { color: '#1f2a36', label: 'Night' },
] as const;

export const DISAPPEARING = [
  { seconds: null, label: 'Off' },
  { seconds: 86_400, label: '24 hours' },
  { seconds: 604_800, label: '7 days' },
  { seconds: 7_776_000, label: '90 days' },
] as const;
