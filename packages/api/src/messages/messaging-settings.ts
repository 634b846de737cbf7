import type { Deps, MessagingSettings } from '../deps.js';

export const DEFAULT_MAP_TILE_URL_TEMPLATE = 'https://tile.openstreetmap.org/{z}/{x}/{y}.png';

const DEFAULTS: MessagingSettings = {
  linkPreviewAllowPrivate: false,
  mapTileUrlTemplate: DEFAULT_MAP_TILE_URL_TEMPLATE,
  disappearingAllowAny: false,
};

/** The messaging settings in force: what the server was configured with, else safe defaults. */
export function messagingSettings(deps: Pick<Deps, 'messaging'>): MessagingSettings {
  return deps.messaging ?? DEFAULTS;
}
