// The media endpoints live in ./media/ (upload, download, signed links, range requests).
export { handleMedia } from './media/routes.js';
